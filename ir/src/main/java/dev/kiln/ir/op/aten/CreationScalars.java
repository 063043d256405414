package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.type.DType;

/**
 * Scalars (Long, Double or Boolean, as bound by the schema binder) read as numbers, and PyTorch's checked
 * {@code Scalar::to<T>()}: a value that does not fit a dtype is an error rather than a silent wrap, except that
 * negative integers may wrap into uint8 and anything converts to bool.
 */
public final class CreationScalars {
    private CreationScalars() {}

    /** The largest finite float16 and bfloat16 values. */
    static final double HALF_MAX = 65504.0, BFLOAT16_MAX = 3.3895313892515355e38;

    public static double toDouble(Object scalar) {
        return switch (scalar) {
            case Boolean b -> b ? 1 : 0;
            case Number n -> n.doubleValue();
            default -> throw new IllegalArgumentException("expected a number or a bool, got " + scalar);
        };
    }

    /** The scalar as an integer; floating values are truncated toward zero, like a C++ cast. */
    public static long toLong(Object scalar) {
        return switch (scalar) {
            case Boolean b -> b ? 1 : 0;
            case Double d -> (long) d.doubleValue();
            case Number n -> n.longValue();
            default -> throw new IllegalArgumentException("expected a number or a bool, got " + scalar);
        };
    }

    /** Whether PyTorch sees the scalar as integral (ints and bools). */
    static boolean isIntegral(Object scalar) { return scalar instanceof Long || scalar instanceof Boolean; }

    /** The dtype PyTorch gives a tensor filled with {@code scalar} when none is asked for (float32 for floats). */
    static DType inferDType(Object scalar) {
        return switch (scalar) {
            case Boolean b -> DType.BOOL;
            case Double d -> DType.FLOAT32;
            default -> DType.INT64;
        };
    }

    /** Rejects {@code scalar} if converting it to {@code dtype} would overflow, like {@code Scalar::to<T>()}. */
    public static void checkFits(String op, Object scalar, DType dtype) {
        if (!fits(scalar, dtype)) {
            throw OpError.of(op, "value " + format(scalar) + " cannot be converted to type " + dtype + " without overflow");
        }
    }

    static boolean fits(Object scalar, DType dtype) {
        if (scalar instanceof Boolean || dtype == DType.BOOL || dtype == DType.FLOAT64) return true;
        if (scalar instanceof Double d) {
            double v = d;
            if (dtype.isFloatingPoint()) return Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) <= floatMax(dtype);
            return !Double.isNaN(v) && v >= minOf(dtype) && v <= maxOf(dtype);
        }
        long v = (Long) scalar;
        if (dtype.isFloatingPoint()) return Math.abs((double) v) <= floatMax(dtype);
        if (dtype == DType.UINT8) return v <= 255 && v >= -255;
        return v >= minOf(dtype) && v <= maxOf(dtype);
    }

    /** The largest finite value of a floating dtype. */
    static double floatMax(DType dtype) {
        return switch (dtype) {
            case FLOAT16 -> HALF_MAX;
            case BFLOAT16 -> BFLOAT16_MAX;
            case FLOAT32 -> Float.MAX_VALUE;
            default -> Double.MAX_VALUE;
        };
    }

    /** The smallest value of an integral (or bool) dtype. */
    static long minOf(DType dtype) {
        return switch (dtype) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    /** The largest value of an integral (or bool) dtype. */
    static long maxOf(DType dtype) {
        return switch (dtype) {
            case UINT8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT64 -> Long.MAX_VALUE;
            default -> 1;
        };
    }

    /** A scalar as PyTorch prints it in messages ({@code 2}, {@code 0.5}, {@code True}). */
    static String format(Object scalar) {
        return switch (scalar) {
            case Boolean b -> b ? "True" : "False";
            case Double d when Double.isNaN(d) -> "nan";
            case Double d when Double.isInfinite(d) -> d > 0 ? "inf" : "-inf";
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e16 -> String.valueOf(d.longValue());
            default -> String.valueOf(scalar);
        };
    }
}
