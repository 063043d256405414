package dev.kiln.runtime.pointwise;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;

/**
 * Moves elements between tensor storage and chunk registers: strided gathers and scatters, broadcasts of a
 * single value, and dtype conversions with PyTorch's rules. Operands are first converted to the compute dtype
 * (a float16 operand rounds to float16 values, an int64 one wraps to int8 when int8 is the compute dtype), then
 * held in the compute dtype's kind; floats convert to integers like x86 does (toward zero, NaN and overflow to
 * the smallest integer, narrow integers through int32), integers wrap to their width, anything nonzero is true.
 */
final class Conversions {
    private Conversions() {}

    /** Reads {@code n} elements of {@code dtype} at {@code base + i*stride} into {@code buf[0..n)} as {@code compute} values. */
    static void load(Kind kind, DType compute, DType dtype, Storage s, int base, int stride, Object buf, int n) {
        Object src = s.array();
        if (Kind.readsInPlace(dtype, compute)) {
            gather(kind, src, base, stride, buf, n);
            return;
        }
        switch (kind) {
            case F32 -> {
                float[] d = (float[]) buf;
                if (dtype == compute && dtype == DType.FLOAT16) {
                    short[] a = (short[]) src;
                    for (int i = 0; i < n; i++) d[i] = Float.float16ToFloat(a[base + i * stride]);
                } else if (dtype == compute && dtype == DType.BFLOAT16) {
                    short[] a = (short[]) src;
                    for (int i = 0; i < n; i++) d[i] = Elements.bfloat16ToFloat(a[base + i * stride]);
                } else {
                    boolean floating = dtype.isFloatingPoint();
                    for (int i = 0; i < n; i++) {
                        int at = base + i * stride;
                        d[i] = round(compute, floating ? (float) readDouble(dtype, src, at) : (float) readLong(dtype, src, at));
                    }
                }
            }
            case F64 -> { double[] d = (double[]) buf; for (int i = 0; i < n; i++) d[i] = readDouble(dtype, src, base + i * stride); }
            case I64 -> { long[] d = (long[]) buf; for (int i = 0; i < n; i++) d[i] = readLong(dtype, src, base + i * stride); }
            case I32 -> {
                int[] d = (int[]) buf;
                if (dtype == compute && dtype == DType.INT8) {
                    byte[] a = (byte[]) src;
                    for (int i = 0; i < n; i++) d[i] = a[base + i * stride];
                } else if (dtype == compute && dtype == DType.UINT8) {
                    byte[] a = (byte[]) src;
                    for (int i = 0; i < n; i++) d[i] = a[base + i * stride] & 0xFF;
                } else if (dtype == compute && dtype == DType.INT16) {
                    short[] a = (short[]) src;
                    for (int i = 0; i < n; i++) d[i] = a[base + i * stride];
                } else {
                    for (int i = 0; i < n; i++) d[i] = wrap(compute, readInt(dtype, src, base + i * stride));
                }
            }
            case BOOL -> { byte[] d = (byte[]) buf; for (int i = 0; i < n; i++) d[i] = truth(dtype, src, base + i * stride); }
        }
    }

    private static void gather(Kind kind, Object src, int base, int stride, Object buf, int n) {
        if (stride == 0) {
            fillFrom(kind, src, base, buf, n);
            return;
        }
        switch (kind) {
            case F32 -> { float[] a = (float[]) src, d = (float[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
            case F64 -> { double[] a = (double[]) src, d = (double[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
            case I64 -> { long[] a = (long[]) src, d = (long[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
            case I32 -> { int[] a = (int[]) src, d = (int[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
            case BOOL -> { byte[] a = (byte[]) src, d = (byte[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
        }
    }

    private static void fillFrom(Kind kind, Object src, int at, Object buf, int n) {
        switch (kind) {
            case F32 -> java.util.Arrays.fill((float[]) buf, 0, n, ((float[]) src)[at]);
            case F64 -> java.util.Arrays.fill((double[]) buf, 0, n, ((double[]) src)[at]);
            case I64 -> java.util.Arrays.fill((long[]) buf, 0, n, ((long[]) src)[at]);
            case I32 -> java.util.Arrays.fill((int[]) buf, 0, n, ((int[]) src)[at]);
            case BOOL -> java.util.Arrays.fill((byte[]) buf, 0, n, ((byte[]) src)[at]);
        }
    }

    /**
     * Fills {@code buf[0..n)} with a scalar argument. With a {@code compute} dtype the value is first converted to
     * it (promoting scalars); with null it keeps the kind's precision (parameters and literals).
     */
    static void fillScalar(Kind kind, DType compute, Object value, Object buf, int n) {
        boolean floating = value instanceof Double || value instanceof Float;
        double d = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
        long l = value instanceof Boolean b ? (b ? 1 : 0) : floating ? 0 : ((Number) value).longValue();
        switch (kind) {
            case F32 -> java.util.Arrays.fill((float[]) buf, 0, n, round(compute, floating ? (float) d : (float) l));
            case F64 -> java.util.Arrays.fill((double[]) buf, 0, n, floating ? d : (double) l);
            case I64 -> java.util.Arrays.fill((long[]) buf, 0, n, floating ? ScalarMath.toLong(d) : l);
            case I32 -> java.util.Arrays.fill((int[]) buf, 0, n, wrap(compute, floating ? ScalarMath.toInt(d) : (int) l));
            case BOOL -> java.util.Arrays.fill((byte[]) buf, 0, n, (byte) ((floating ? d != 0 : l != 0) ? 1 : 0));
        }
    }

    /** Writes {@code n} register values at {@code base + i*stride}, converted to {@code dtype}. */
    static void store(Kind kind, Object buf, int off, DType dtype, Storage s, int base, int stride, int n) {
        Object dst = s.array();
        if (Kind.native_(dtype) == kind) {
            switch (kind) {
                case F32 -> { float[] a = (float[]) buf, d = (float[]) dst; for (int i = 0; i < n; i++) d[base + i * stride] = a[off + i]; }
                case F64 -> { double[] a = (double[]) buf, d = (double[]) dst; for (int i = 0; i < n; i++) d[base + i * stride] = a[off + i]; }
                case I64 -> { long[] a = (long[]) buf, d = (long[]) dst; for (int i = 0; i < n; i++) d[base + i * stride] = a[off + i]; }
                case I32 -> { int[] a = (int[]) buf, d = (int[]) dst; for (int i = 0; i < n; i++) d[base + i * stride] = a[off + i]; }
                case BOOL -> { byte[] a = (byte[]) buf, d = (byte[]) dst; for (int i = 0; i < n; i++) d[base + i * stride] = a[off + i]; }
            }
            return;
        }
        switch (kind) {
            case F32 -> {
                float[] a = (float[]) buf;
                if (dtype == DType.FLOAT16) {
                    short[] d = (short[]) dst;
                    for (int i = 0; i < n; i++) d[base + i * stride] = Float.floatToFloat16(a[off + i]);
                } else if (dtype == DType.BFLOAT16) {
                    short[] d = (short[]) dst;
                    for (int i = 0; i < n; i++) d[base + i * stride] = Elements.floatToBfloat16(a[off + i]);
                } else {
                    for (int i = 0; i < n; i++) writeDouble(dtype, dst, base + i * stride, a[off + i]);
                }
            }
            case F64 -> { double[] a = (double[]) buf; for (int i = 0; i < n; i++) writeDouble(dtype, dst, base + i * stride, a[off + i]); }
            case I64 -> { long[] a = (long[]) buf; for (int i = 0; i < n; i++) writeLong(dtype, dst, base + i * stride, a[off + i]); }
            case I32 -> {
                int[] a = (int[]) buf;
                if (dtype == DType.INT8 || dtype == DType.UINT8) {
                    byte[] d = (byte[]) dst;
                    for (int i = 0; i < n; i++) d[base + i * stride] = (byte) a[off + i];
                } else if (dtype == DType.INT16) {
                    short[] d = (short[]) dst;
                    for (int i = 0; i < n; i++) d[base + i * stride] = (short) a[off + i];
                } else {
                    for (int i = 0; i < n; i++) writeLong(dtype, dst, base + i * stride, a[off + i]);
                }
            }
            case BOOL -> { byte[] a = (byte[]) buf; for (int i = 0; i < n; i++) writeLong(dtype, dst, base + i * stride, a[off + i]); }
        }
    }

    /** Converts a register between kinds (the cast instruction). */
    static void cast(Kind from, Object src, int so, Kind to, Object dst, int dO, int n) {
        for (int i = 0; i < n; i++) {
            if (from.isFloating()) {
                double v = from == Kind.F32 ? ((float[]) src)[so + i] : ((double[]) src)[so + i];
                switch (to) {
                    case F32 -> ((float[]) dst)[dO + i] = (float) v;
                    case F64 -> ((double[]) dst)[dO + i] = v;
                    case I64 -> ((long[]) dst)[dO + i] = ScalarMath.toLong(v);
                    case I32 -> ((int[]) dst)[dO + i] = ScalarMath.toInt(v);
                    case BOOL -> ((byte[]) dst)[dO + i] = (byte) (v != 0 ? 1 : 0);
                }
            } else {
                long v = switch (from) {
                    case I64 -> ((long[]) src)[so + i];
                    case I32 -> ((int[]) src)[so + i];
                    case BOOL -> ((byte[]) src)[so + i];
                    case F32, F64 -> throw new IllegalStateException("floating kinds are handled above");
                };
                switch (to) {
                    case F32 -> ((float[]) dst)[dO + i] = (float) v;
                    case F64 -> ((double[]) dst)[dO + i] = (double) v;
                    case I64 -> ((long[]) dst)[dO + i] = v;
                    case I32 -> ((int[]) dst)[dO + i] = (int) v;
                    case BOOL -> ((byte[]) dst)[dO + i] = (byte) (v != 0 ? 1 : 0);
                }
            }
        }
    }

    /** A float32 value rounded to the reduced-precision compute dtype, if that is one. */
    private static float round(DType compute, float v) {
        if (compute == DType.FLOAT16) return Float.float16ToFloat(Float.floatToFloat16(v));
        if (compute == DType.BFLOAT16) return Elements.bfloat16ToFloat(Elements.floatToBfloat16(v));
        return v;
    }

    /** An int wrapped to the narrow integer compute dtype, if that is one. */
    private static int wrap(DType compute, int v) {
        if (compute == DType.INT8) return (byte) v;
        if (compute == DType.UINT8) return v & 0xFF;
        if (compute == DType.INT16) return (short) v;
        return v;
    }

    private static double readDouble(DType dtype, Object a, int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) a)[i];
            case FLOAT64 -> ((double[]) a)[i];
            case FLOAT16 -> Float.float16ToFloat(((short[]) a)[i]);
            case BFLOAT16 -> Elements.bfloat16ToFloat(((short[]) a)[i]);
            case INT64 -> ((long[]) a)[i];
            case INT32 -> ((int[]) a)[i];
            case INT16 -> ((short[]) a)[i];
            case INT8, BOOL -> ((byte[]) a)[i];
            case UINT8 -> ((byte[]) a)[i] & 0xFF;
        };
    }

    private static long readLong(DType dtype, Object a, int i) {
        return switch (dtype) {
            case FLOAT32, FLOAT64, FLOAT16, BFLOAT16 -> ScalarMath.toLong(readDouble(dtype, a, i));
            case INT64 -> ((long[]) a)[i];
            case INT32 -> ((int[]) a)[i];
            case INT16 -> ((short[]) a)[i];
            case INT8, BOOL -> ((byte[]) a)[i];
            case UINT8 -> ((byte[]) a)[i] & 0xFF;
        };
    }

    private static int readInt(DType dtype, Object a, int i) {
        return dtype.isFloatingPoint() ? ScalarMath.toInt(readDouble(dtype, a, i)) : (int) readLong(dtype, a, i);
    }

    private static byte truth(DType dtype, Object a, int i) {
        boolean t = dtype.isFloatingPoint() ? readDouble(dtype, a, i) != 0 : readLong(dtype, a, i) != 0;
        return (byte) (t ? 1 : 0);
    }

    private static void writeDouble(DType dtype, Object a, int i, double v) {
        switch (dtype) {
            case FLOAT32 -> ((float[]) a)[i] = (float) v;
            case FLOAT64 -> ((double[]) a)[i] = v;
            case FLOAT16 -> ((short[]) a)[i] = Float.floatToFloat16((float) v);
            case BFLOAT16 -> ((short[]) a)[i] = Elements.floatToBfloat16((float) v);
            case INT64 -> ((long[]) a)[i] = ScalarMath.toLong(v);
            case INT32 -> ((int[]) a)[i] = ScalarMath.toInt(v);
            case INT16 -> ((short[]) a)[i] = (short) ScalarMath.toInt(v);
            case INT8, UINT8 -> ((byte[]) a)[i] = (byte) ScalarMath.toInt(v);
            case BOOL -> ((byte[]) a)[i] = (byte) (v != 0 ? 1 : 0);
        }
    }

    private static void writeLong(DType dtype, Object a, int i, long v) {
        switch (dtype) {
            case FLOAT32 -> ((float[]) a)[i] = (float) v;
            case FLOAT64 -> ((double[]) a)[i] = (double) v;
            case FLOAT16 -> ((short[]) a)[i] = Float.floatToFloat16((float) v);
            case BFLOAT16 -> ((short[]) a)[i] = Elements.floatToBfloat16((float) v);
            case INT64 -> ((long[]) a)[i] = v;
            case INT32 -> ((int[]) a)[i] = (int) v;
            case INT16 -> ((short[]) a)[i] = (short) v;
            case INT8, UINT8 -> ((byte[]) a)[i] = (byte) v;
            case BOOL -> ((byte[]) a)[i] = (byte) (v != 0 ? 1 : 0);
        }
    }
}
