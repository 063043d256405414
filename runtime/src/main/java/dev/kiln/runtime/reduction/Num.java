package dev.kiln.runtime.reduction;

import dev.kiln.ir.type.DType;

/**
 * The element kinds reductions compute in, each with its Java buffer type: float32 (float16 and bfloat16
 * widen to it), float64, and int64 (every integer dtype and bool widen to it, so sums wrap like PyTorch's).
 */
enum Num {
    F32, F64, I64;

    /** Whether {@code dtype}'s storage array can be read as this kind's buffer without conversion. */
    boolean reads(DType dtype) {
        return switch (this) {
            case F32 -> dtype == DType.FLOAT32;
            case F64 -> dtype == DType.FLOAT64;
            case I64 -> dtype == DType.INT64;
        };
    }

    Object buffer(int n) {
        return switch (this) {
            case F32 -> new float[n];
            case F64 -> new double[n];
            case I64 -> new long[n];
        };
    }

    /** The kind that holds {@code dtype} exactly and keeps float32 work in float32. */
    static Num of(DType dtype) {
        return switch (dtype) {
            case FLOAT32, FLOAT16, BFLOAT16 -> F32;
            case FLOAT64 -> F64;
            case UINT8, INT8, INT16, INT32, INT64, BOOL -> I64;
        };
    }

    /** Like {@link #of} but with every floating dtype in float64 (for statistics accumulated in double). */
    static Num wide(DType dtype) { return dtype.isFloatingPoint() ? F64 : I64; }
}
