package dev.kiln.runtime.memory;

import dev.kiln.ir.type.DType;

/**
 * Reading and writing single elements of any dtype as {@code double} or {@code long}, with PyTorch's
 * conversions (bfloat16 rounds to nearest even, uint8 is unsigned). For slow paths: printing, I/O, tests.
 */
public final class Elements {
    private Elements() {}

    public static double getDouble(DType dtype, Storage s, int index) {
        return switch (dtype) {
            case FLOAT32 -> s.floats()[index];
            case FLOAT64 -> s.doubles()[index];
            case FLOAT16 -> Float.float16ToFloat(s.shorts()[index]);
            case BFLOAT16 -> bfloat16ToFloat(s.shorts()[index]);
            default -> getLong(dtype, s, index);
        };
    }

    public static long getLong(DType dtype, Storage s, int index) {
        return switch (dtype) {
            case UINT8 -> s.bytes()[index] & 0xFF;
            case INT8, BOOL -> s.bytes()[index];
            case INT16 -> s.shorts()[index];
            case INT32 -> s.ints()[index];
            case INT64 -> s.longs()[index];
            default -> (long) getDouble(dtype, s, index);
        };
    }

    public static void setDouble(DType dtype, Storage s, int index, double v) {
        switch (dtype) {
            case FLOAT32 -> s.floats()[index] = (float) v;
            case FLOAT64 -> s.doubles()[index] = v;
            case FLOAT16 -> s.shorts()[index] = Float.floatToFloat16((float) v);
            case BFLOAT16 -> s.shorts()[index] = floatToBfloat16((float) v);
            case BOOL -> s.bytes()[index] = (byte) (v != 0 ? 1 : 0);
            default -> setLong(dtype, s, index, (long) v);
        }
    }

    public static void setLong(DType dtype, Storage s, int index, long v) {
        switch (dtype) {
            case UINT8, INT8 -> s.bytes()[index] = (byte) v;
            case BOOL -> s.bytes()[index] = (byte) (v != 0 ? 1 : 0);
            case INT16 -> s.shorts()[index] = (short) v;
            case INT32 -> s.ints()[index] = (int) v;
            case INT64 -> s.longs()[index] = v;
            default -> setDouble(dtype, s, index, v);
        }
    }

    public static float bfloat16ToFloat(short bits) { return Float.intBitsToFloat(bits << 16); }

    /** Rounds to the nearest bfloat16, ties to even; NaN stays NaN. */
    public static short floatToBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
