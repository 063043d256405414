package dev.kiln.runtime.pointwise;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;

/**
 * Moves elements between tensor storage and chunk registers: strided gathers and scatters, broadcasts of a
 * single element, and dtype conversions with PyTorch's rules (floats truncate toward zero when stored into
 * integers, integers wrap to their width, anything nonzero is true).
 */
final class Conversions {
    private Conversions() {}

    /** Reads {@code n} elements at {@code base + i*stride} into {@code buf[0..n)} converted to {@code kind}. */
    static void load(Kind kind, DType dtype, Storage s, int base, int stride, Object buf, int n) {
        if (Kind.native_(dtype) == kind) {
            Object src = s.array();
            if (stride == 0) {
                fill(kind, src, base, buf, n);
            } else {
                switch (kind) {
                    case F32 -> { float[] a = (float[]) src, d = (float[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
                    case F64 -> { double[] a = (double[]) src, d = (double[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
                    case I64 -> { long[] a = (long[]) src, d = (long[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
                    case I32 -> { int[] a = (int[]) src, d = (int[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
                    case BOOL -> { byte[] a = (byte[]) src, d = (byte[]) buf; for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
                }
            }
            return;
        }
        switch (kind) {
            case F32 -> {
                float[] d = (float[]) buf;
                if (dtype == DType.INT64) { long[] a = s.longs(); for (int i = 0; i < n; i++) d[i] = a[base + i * stride]; }
                else for (int i = 0; i < n; i++) d[i] = (float) Elements.getDouble(dtype, s, base + i * stride);
            }
            case F64 -> { double[] d = (double[]) buf; for (int i = 0; i < n; i++) d[i] = Elements.getDouble(dtype, s, base + i * stride); }
            case I64 -> { long[] d = (long[]) buf; for (int i = 0; i < n; i++) d[i] = Elements.getLong(dtype, s, base + i * stride); }
            case I32 -> { int[] d = (int[]) buf; for (int i = 0; i < n; i++) d[i] = (int) Elements.getLong(dtype, s, base + i * stride); }
            case BOOL -> {
                byte[] d = (byte[]) buf;
                if (dtype.isFloatingPoint()) for (int i = 0; i < n; i++) d[i] = (byte) (Elements.getDouble(dtype, s, base + i * stride) != 0 ? 1 : 0);
                else for (int i = 0; i < n; i++) d[i] = (byte) (Elements.getLong(dtype, s, base + i * stride) != 0 ? 1 : 0);
            }
        }
    }

    private static void fill(Kind kind, Object src, int base, Object buf, int n) {
        switch (kind) {
            case F32 -> java.util.Arrays.fill((float[]) buf, 0, n, ((float[]) src)[base]);
            case F64 -> java.util.Arrays.fill((double[]) buf, 0, n, ((double[]) src)[base]);
            case I64 -> java.util.Arrays.fill((long[]) buf, 0, n, ((long[]) src)[base]);
            case I32 -> java.util.Arrays.fill((int[]) buf, 0, n, ((int[]) src)[base]);
            case BOOL -> java.util.Arrays.fill((byte[]) buf, 0, n, ((byte[]) src)[base]);
        }
    }

    /** Fills {@code buf[0..n)} with a scalar argument converted to {@code kind}. */
    static void fillScalar(Kind kind, Object value, Object buf, int n) {
        double d = switch (value) {
            case Boolean b -> b ? 1 : 0;
            case Number num -> num.doubleValue();
            default -> throw new IllegalArgumentException("expected a number, got " + value);
        };
        long l = value instanceof Number num && !(value instanceof Double) && !(value instanceof Float) ? num.longValue() : (long) d;
        switch (kind) {
            case F32 -> java.util.Arrays.fill((float[]) buf, 0, n, (float) d);
            case F64 -> java.util.Arrays.fill((double[]) buf, 0, n, d);
            case I64 -> java.util.Arrays.fill((long[]) buf, 0, n, l);
            case I32 -> java.util.Arrays.fill((int[]) buf, 0, n, (int) l);
            case BOOL -> java.util.Arrays.fill((byte[]) buf, 0, n, (byte) (d != 0 ? 1 : 0));
        }
    }

    /** Writes {@code n} register values at {@code base + i*stride}, converted to {@code dtype}. */
    static void store(Kind kind, Object buf, int off, DType dtype, Storage s, int base, int stride, int n) {
        if (Kind.native_(dtype) == kind) {
            Object dst = s.array();
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
            case F32 -> { float[] a = (float[]) buf; for (int i = 0; i < n; i++) Elements.setDouble(dtype, s, base + i * stride, a[off + i]); }
            case F64 -> { double[] a = (double[]) buf; for (int i = 0; i < n; i++) Elements.setDouble(dtype, s, base + i * stride, a[off + i]); }
            case I64 -> { long[] a = (long[]) buf; for (int i = 0; i < n; i++) Elements.setLong(dtype, s, base + i * stride, a[off + i]); }
            case I32 -> { int[] a = (int[]) buf; for (int i = 0; i < n; i++) Elements.setLong(dtype, s, base + i * stride, a[off + i]); }
            case BOOL -> { byte[] a = (byte[]) buf; for (int i = 0; i < n; i++) Elements.setLong(dtype, s, base + i * stride, a[off + i]); }
        }
    }

    /** Converts a register between kinds (the cast instruction). */
    static void cast(Kind from, Object src, int so, Kind to, Object dst, int dO, int n) {
        for (int i = 0; i < n; i++) {
            switch (from) {
                case F32, F64 -> {
                    double v = from == Kind.F32 ? ((float[]) src)[so + i] : ((double[]) src)[so + i];
                    switch (to) {
                        case F32 -> ((float[]) dst)[dO + i] = (float) v;
                        case F64 -> ((double[]) dst)[dO + i] = v;
                        case I64 -> ((long[]) dst)[dO + i] = (long) v;
                        case I32 -> ((int[]) dst)[dO + i] = (int) (long) v;
                        case BOOL -> ((byte[]) dst)[dO + i] = (byte) (v != 0 ? 1 : 0);
                    }
                }
                case I64, I32, BOOL -> {
                    long v = switch (from) {
                        case I64 -> ((long[]) src)[so + i];
                        case I32 -> ((int[]) src)[so + i];
                        default -> ((byte[]) src)[so + i];
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
    }
}
