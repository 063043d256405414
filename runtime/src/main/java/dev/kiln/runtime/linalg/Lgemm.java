package dev.kiln.runtime.linalg;

import dev.kiln.runtime.parallel.Parallel;

/**
 * Integer GEMM {@code C += alpha * A @ B} in int64 on strided operands. Narrower integer dtypes are computed here
 * too: two's-complement products and sums wrap the same way in any width, so truncating the int64 result gives
 * PyTorch's wrapped values.
 */
final class Lgemm {
    private Lgemm() {}

    /** Below this many multiply-adds the scalar loop runs on the calling thread. */
    private static final long PARALLEL_MIN = 1L << 17;

    static void gemm(int m, int n, int k, long alpha, long[] a, int ao, int rsa, int csa, long[] b, int bo, int rsb, int csb,
                     long[] c, int co, int rsc, int csc, boolean parallel) {
        if (m == 0 || n == 0 || k == 0 || alpha == 0) return;
        long work = (long) m * n * k;
        long grain = parallel && work >= PARALLEL_MIN ? Math.max(1, m / Parallel.getNumThreads()) : m;
        Parallel.forRange(m, grain, (s, e) -> {
            for (int i = (int) s; i < e; i++) {
                int ci = co + i * rsc;
                for (int p = 0; p < k; p++) {
                    long av = alpha * a[ao + i * rsa + p * csa];
                    int bp = bo + p * rsb;
                    for (int j = 0; j < n; j++) c[ci + j * csc] += av * b[bp + j * csb];
                }
            }
        });
    }
}
