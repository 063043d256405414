package dev.kiln.runtime.pointwise;

import dev.kiln.ir.type.DType;

/**
 * The register kinds the chunked pointwise interpreter computes in: each maps to the Java array type of its
 * chunk buffers. Narrow integers compute in {@link #I32} and wrap when stored; float16/bfloat16 compute in
 * {@link #F32} and round when stored; bool registers are bytes holding 0 or 1.
 */
enum Kind {
    F32, F64, I64, I32, BOOL;

    /** The kind a compute dtype is evaluated in. */
    static Kind of(DType computeDType) {
        return switch (computeDType) {
            case FLOAT32, FLOAT16, BFLOAT16 -> F32;
            case FLOAT64 -> F64;
            case INT64 -> I64;
            case INT32, INT16, INT8, UINT8 -> I32;
            case BOOL -> BOOL;
        };
    }

    /** The kind whose buffers have the same layout as this dtype's storage, so it can be read in place; null if none. */
    static Kind native_(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> F32;
            case FLOAT64 -> F64;
            case INT64 -> I64;
            case INT32 -> I32;
            case BOOL -> BOOL;
            case FLOAT16, BFLOAT16, INT16, INT8, UINT8 -> null;
        };
    }

    /** Whether values of {@code dtype} read in place are exactly values of the compute dtype (no rounding, no wrapping). */
    static boolean readsInPlace(DType dtype, DType compute) {
        Kind k = native_(dtype);
        return k != null && k == of(compute) && (dtype == compute || k != F32 && k != I32);
    }

    boolean isFloating() { return this == F32 || this == F64; }

    Object newBuffer(int n) {
        return switch (this) {
            case F32 -> new float[n];
            case F64 -> new double[n];
            case I64 -> new long[n];
            case I32 -> new int[n];
            case BOOL -> new byte[n];
        };
    }
}
