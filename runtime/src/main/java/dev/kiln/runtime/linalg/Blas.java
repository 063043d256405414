package dev.kiln.runtime.linalg;

import dev.kiln.ir.type.DType;

/**
 * The strided GEMM for other kernel families (convolutions): {@code C[m,n] += A[m,k] @ B[k,n]} on raw arrays of
 * one compute type (float, double or long, see {@link #computeType}), element (i, j) of a matrix at
 * {@code array[offset + i*rowStride + j*colStride]}, so transposed operands need no copy.
 */
public final class Blas {
    private Blas() {}

    /** The dtype products of {@code dtype} are computed in: float32 for bfloat16, int64 for the narrower integers. */
    public static DType computeType(DType dtype) { return Gemm.computeType(dtype); }

    /** {@code C += A @ B}; {@code parallel} allows the worker pool for large products. */
    public static void gemm(int m, int n, int k, Object a, int ao, int rsa, int csa, Object b, int bo, int rsb, int csb,
                            Object c, int co, int rsc, int csc, boolean parallel) {
        switch (c) {
            case float[] cf -> Sgemm.gemm(m, n, k, 1f, (float[]) a, ao, rsa, csa, (float[]) b, bo, rsb, csb, cf, co, rsc, csc, parallel);
            case double[] cd -> Dgemm.gemm(m, n, k, 1.0, (double[]) a, ao, rsa, csa, (double[]) b, bo, rsb, csb, cd, co, rsc, csc, parallel);
            case long[] cl -> Lgemm.gemm(m, n, k, 1L, (long[]) a, ao, rsa, csa, (long[]) b, bo, rsb, csb, cl, co, rsc, csc, parallel);
            default -> throw new IllegalArgumentException("no GEMM computes in " + c.getClass().getSimpleName());
        }
    }
}
