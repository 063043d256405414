package dev.kiln.runtime.creation;

import dev.kiln.ir.op.aten.CreationScalars;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.parallel.Parallel;

/**
 * Fills fresh contiguous tensors with ranges, reproducing PyTorch's CPU arithmetic per dtype: {@code arange}
 * accumulates in double (float, double), float (float16, bfloat16) or int64 (integers); {@code linspace}
 * computes in the dtype itself (double for integers) and counts the second half back from the end;
 * {@code logspace} raises {@code base} to such exponents.
 */
final class Ranges {
    private Ranges() {}

    private static final long GRAIN = 1 << 15, CHUNK = 4096;

    /** Writes the values of indices {@code start .. start + count - 1} to {@code values[0 .. count)}. */
    @FunctionalInterface
    private interface DoubleChunk {
        void fill(long start, double[] values, int count);
    }

    /** Writes the values of indices {@code start .. start + count - 1} to {@code values[0 .. count)}. */
    @FunctionalInterface
    private interface LongChunk {
        void fill(long start, long[] values, int count);
    }

    static void arange(DType dtype, Storage out, Object start, Object step) {
        switch (dtype) {
            case FLOAT64, FLOAT32 -> {
                double a = CreationScalars.toDouble(start), b = CreationScalars.toDouble(step);
                storeDoubles(dtype, out, (first, v, n) -> {
                    for (int k = 0; k < n; k++) v[k] = a + b * (first + k);
                });
            }
            case FLOAT16, BFLOAT16 -> {
                float a = (float) CreationScalars.toDouble(start), b = (float) CreationScalars.toDouble(step);
                storeDoubles(dtype, out, (first, v, n) -> {
                    for (int k = 0; k < n; k++) v[k] = a + b * (float) (first + k);
                });
            }
            default -> {
                long a = CreationScalars.toLong(start), b = CreationScalars.toLong(step);
                storeLongs(dtype, out, (first, v, n) -> {
                    for (int k = 0; k < n; k++) v[k] = a + b * (first + k);
                });
            }
        }
    }

    static void linspace(DType dtype, Storage out, Object start, Object end) {
        long steps = out.length();
        if (steps == 1) Fill.fill(dtype, out, start);
        if (steps <= 1) return;
        long halfway = steps / 2;
        switch (dtype) {
            case FLOAT64 -> {
                double s = CreationScalars.toDouble(start), e = CreationScalars.toDouble(end), step = (e - s) / (steps - 1);
                storeDoubles(dtype, out, (first, v, n) -> {
                    for (int k = 0; k < n; k++) {
                        long i = first + k;
                        v[k] = i < halfway ? s + step * i : e - step * (steps - i - 1);
                    }
                });
            }
            case FLOAT32 -> {
                float s = (float) CreationScalars.toDouble(start), e = (float) CreationScalars.toDouble(end), step = (e - s) / (steps - 1);
                storeDoubles(dtype, out, (first, v, n) -> {
                    for (int k = 0; k < n; k++) {
                        long i = first + k;
                        v[k] = i < halfway ? s + step * (float) i : e - step * (float) (steps - i - 1);
                    }
                });
            }
            case FLOAT16, BFLOAT16 -> {
                float s = round(dtype, (float) CreationScalars.toDouble(start)), e = round(dtype, (float) CreationScalars.toDouble(end));
                float step = round(dtype, round(dtype, e - s) / round(dtype, steps - 1));
                storeDoubles(dtype, out, (first, v, n) -> {
                    for (int k = 0; k < n; k++) {
                        long i = first + k;
                        v[k] = i < halfway ? round(dtype, s + round(dtype, step * round(dtype, i)))
                                : round(dtype, e - round(dtype, step * round(dtype, steps - i - 1)));
                    }
                });
            }
            default -> {
                long s = narrow(dtype, CreationScalars.toLong(start)), e = narrow(dtype, CreationScalars.toLong(end));
                double step = ((double) e - (double) s) / (steps - 1);
                storeLongs(dtype, out, (first, v, n) -> {
                    for (int k = 0; k < n; k++) {
                        long i = first + k;
                        v[k] = (long) (i < halfway ? s + step * i : e - step * (steps - i - 1));
                    }
                });
            }
        }
    }

    static void logspace(String op, DType dtype, Storage out, Object start, Object end, double base) {
        long steps = out.length();
        if (steps == 1) {
            Double value = Math.pow(base, CreationScalars.toDouble(start));
            CreationScalars.checkFits(op, value, dtype);
            Fill.fill(dtype, out, value);
        }
        if (steps <= 1) return;
        long halfway = steps / 2;
        if (dtype.isIntegral(false)) {
            float b = (float) base;
            long s = narrow(dtype, CreationScalars.toLong(start)), e = narrow(dtype, CreationScalars.toLong(end));
            float step = (float) (e - s) / (float) (steps - 1);
            storeLongs(dtype, out, (first, v, n) -> {
                for (int k = 0; k < n; k++) {
                    long i = first + k;
                    v[k] = (long) (float) Math.pow(b, i < halfway ? s + step * i : e - step * (steps - i - 1));
                }
            });
            return;
        }
        double s = round(dtype, CreationScalars.toDouble(start)), e = round(dtype, CreationScalars.toDouble(end));
        double step = round(dtype, e - s) / (steps - 1);
        storeDoubles(dtype, out, (first, v, n) -> {
            for (int k = 0; k < n; k++) {
                long i = first + k;
                v[k] = Math.pow(base, i < halfway ? s + step * i : e - step * (steps - i - 1));
            }
        });
    }

    static void eye(DType dtype, Storage out, long n, long m) {
        for (long i = 0, k = Math.min(n, m); i < k; i++) Elements.setLong(dtype, out, (int) (i * m + i), 1);
    }

    /** {@code v} rounded to a floating dtype's precision. */
    private static double round(DType dtype, double v) {
        return switch (dtype) {
            case FLOAT32 -> (float) v;
            case FLOAT16, BFLOAT16 -> round(dtype, (float) v);
            default -> v;
        };
    }

    private static float round(DType dtype, float v) {
        return dtype == DType.FLOAT16 ? Float.float16ToFloat(Float.floatToFloat16(v))
                : Elements.bfloat16ToFloat(Elements.floatToBfloat16(v));
    }

    /** The value an integer dtype holds after storing {@code v} (uint8 wraps to 0..255). */
    private static long narrow(DType dtype, long v) {
        return switch (dtype) {
            case UINT8 -> v & 0xFF;
            case INT8 -> (byte) v;
            case INT16 -> (short) v;
            case INT32 -> (int) v;
            default -> v;
        };
    }

    private static void storeDoubles(DType dtype, Storage out, DoubleChunk f) {
        Parallel.forRange(out.length(), GRAIN, (s, e) -> {
            double[] v = new double[(int) Math.min(CHUNK, e - s)];
            for (long c = s; c < e; c += CHUNK) {
                int n = (int) Math.min(CHUNK, e - c);
                f.fill(c, v, n);
                new Region(dtype, out, (int) c, n).store(v);
            }
        });
    }

    private static void storeLongs(DType dtype, Storage out, LongChunk f) {
        Parallel.forRange(out.length(), GRAIN, (s, e) -> {
            long[] v = new long[(int) Math.min(CHUNK, e - s)];
            for (long c = s; c < e; c += CHUNK) {
                int n = (int) Math.min(CHUNK, e - c);
                f.fill(c, v, n);
                new Region(dtype, out, (int) c, n).store(v);
            }
        });
    }
}
