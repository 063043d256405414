package dev.kiln.runtime.indexing;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;

/**
 * Reducing element moves ({@code dst[dstOffsets[k]] op= src[srcOffsets[k]]}, in order of k) in the destination's
 * dtype, as ATen's scatter and index_put kernels do: integers wrap, bool sums are logical or, and each step
 * rounds to the dtype (computing float16/bfloat16 through double rounds the same as through float). The
 * common dtypes have their own loops; the others go through {@link Elements}.
 */
final class Accumulate {
    private Accumulate() {}

    /** The reductions; maximum and minimum propagate NaN from the source like ATen's ReduceMaximum. */
    enum Reduction { SUM, PROD, MAX, MIN }

    static void apply(Reduction r, TensorData dst, int[] dstOffsets, TensorData src, int[] srcOffsets) {
        Storage d = dst.storage(), s = src.storage();
        switch (dst.dtype()) {
            case FLOAT32 -> floats(r, d.floats(), dstOffsets, s.floats(), srcOffsets);
            case FLOAT64 -> doubles(r, d.doubles(), dstOffsets, s.doubles(), srcOffsets);
            case INT64 -> longs(r, d.longs(), dstOffsets, s.longs(), srcOffsets);
            case INT32 -> ints(r, d.ints(), dstOffsets, s.ints(), srcOffsets);
            case FLOAT16, BFLOAT16 -> viaDouble(r, dst.dtype(), d, dstOffsets, s, srcOffsets);
            case UINT8, INT8, INT16, BOOL -> viaLong(r, dst.dtype(), d, dstOffsets, s, srcOffsets);
        }
    }

    private static void floats(Reduction r, float[] d, int[] dOff, float[] s, int[] sOff) {
        int n = dOff.length;
        switch (r) {
            case SUM -> { for (int k = 0; k < n; k++) d[dOff[k]] += s[sOff[k]]; }
            case PROD -> { for (int k = 0; k < n; k++) d[dOff[k]] *= s[sOff[k]]; }
            case MAX -> {
                for (int k = 0; k < n; k++) {
                    float v = s[sOff[k]], c = d[dOff[k]];
                    d[dOff[k]] = v != v || c < v ? v : c;
                }
            }
            case MIN -> {
                for (int k = 0; k < n; k++) {
                    float v = s[sOff[k]], c = d[dOff[k]];
                    d[dOff[k]] = v != v || v < c ? v : c;
                }
            }
        }
    }

    private static void doubles(Reduction r, double[] d, int[] dOff, double[] s, int[] sOff) {
        int n = dOff.length;
        switch (r) {
            case SUM -> { for (int k = 0; k < n; k++) d[dOff[k]] += s[sOff[k]]; }
            case PROD -> { for (int k = 0; k < n; k++) d[dOff[k]] *= s[sOff[k]]; }
            case MAX -> {
                for (int k = 0; k < n; k++) {
                    double v = s[sOff[k]], c = d[dOff[k]];
                    d[dOff[k]] = v != v || c < v ? v : c;
                }
            }
            case MIN -> {
                for (int k = 0; k < n; k++) {
                    double v = s[sOff[k]], c = d[dOff[k]];
                    d[dOff[k]] = v != v || v < c ? v : c;
                }
            }
        }
    }

    private static void longs(Reduction r, long[] d, int[] dOff, long[] s, int[] sOff) {
        int n = dOff.length;
        switch (r) {
            case SUM -> { for (int k = 0; k < n; k++) d[dOff[k]] += s[sOff[k]]; }
            case PROD -> { for (int k = 0; k < n; k++) d[dOff[k]] *= s[sOff[k]]; }
            case MAX -> { for (int k = 0; k < n; k++) d[dOff[k]] = Math.max(d[dOff[k]], s[sOff[k]]); }
            case MIN -> { for (int k = 0; k < n; k++) d[dOff[k]] = Math.min(d[dOff[k]], s[sOff[k]]); }
        }
    }

    private static void ints(Reduction r, int[] d, int[] dOff, int[] s, int[] sOff) {
        int n = dOff.length;
        switch (r) {
            case SUM -> { for (int k = 0; k < n; k++) d[dOff[k]] += s[sOff[k]]; }
            case PROD -> { for (int k = 0; k < n; k++) d[dOff[k]] *= s[sOff[k]]; }
            case MAX -> { for (int k = 0; k < n; k++) d[dOff[k]] = Math.max(d[dOff[k]], s[sOff[k]]); }
            case MIN -> { for (int k = 0; k < n; k++) d[dOff[k]] = Math.min(d[dOff[k]], s[sOff[k]]); }
        }
    }

    private static void viaDouble(Reduction r, DType t, Storage d, int[] dOff, Storage s, int[] sOff) {
        for (int k = 0; k < dOff.length; k++) {
            double c = Elements.getDouble(t, d, dOff[k]), v = Elements.getDouble(t, s, sOff[k]);
            double out = switch (r) {
                case SUM -> c + v;
                case PROD -> c * v;
                case MAX -> v != v || c < v ? v : c;
                case MIN -> v != v || v < c ? v : c;
            };
            Elements.setDouble(t, d, dOff[k], out);
        }
    }

    private static void viaLong(Reduction r, DType t, Storage d, int[] dOff, Storage s, int[] sOff) {
        for (int k = 0; k < dOff.length; k++) {
            long c = Elements.getLong(t, d, dOff[k]), v = Elements.getLong(t, s, sOff[k]);
            long out = switch (r) {
                case SUM -> c + v;
                case PROD -> c * v;
                case MAX -> Math.max(c, v);
                case MIN -> Math.min(c, v);
            };
            Elements.setLong(t, d, dOff[k], out);
        }
    }

    /** Writes the identity of {@code r} (0, 1, the dtype's lowest or highest value) at every offset. */
    static void fillIdentity(Reduction r, TensorData dst, int[] offsets) {
        DType t = dst.dtype();
        Storage s = dst.storage();
        boolean floating = t.isFloatingPoint();
        for (int o : offsets) {
            switch (r) {
                case SUM -> Elements.setLong(t, s, o, 0);
                case PROD -> Elements.setLong(t, s, o, 1);
                case MAX -> {
                    if (floating) Elements.setDouble(t, s, o, Double.NEGATIVE_INFINITY);
                    else Elements.setLong(t, s, o, lowest(t));
                }
                case MIN -> {
                    if (floating) Elements.setDouble(t, s, o, Double.POSITIVE_INFINITY);
                    else Elements.setLong(t, s, o, highest(t));
                }
            }
        }
    }

    private static long lowest(DType t) {
        return switch (t) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, BOOL, FLOAT16, FLOAT32, FLOAT64, BFLOAT16 -> 0;
        };
    }

    private static long highest(DType t) {
        return switch (t) {
            case UINT8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT64 -> Long.MAX_VALUE;
            case BOOL, FLOAT16, FLOAT32, FLOAT64, BFLOAT16 -> 1;
        };
    }
}
