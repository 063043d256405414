package dev.kiln.runtime.linalg;

import dev.kiln.runtime.parallel.Parallel;

/**
 * The cache blocking and threading of the packed GEMM {@code C += alpha * A @ B}, shared by the float and double
 * kernels (Goto/BLIS loop order). For each column block of {@value #NC} and each depth block of {@value #KC}, B is
 * packed once into NR-wide panels (in parallel); then every thread takes a share of C, either a range of rows
 * (each packs its own {@value #MC}-row blocks of A) or, when C is short and wide, a range of B panels. The
 * element type lives in the subclasses: packing and the register-blocked micro-kernel.
 */
abstract class GemmDriver {
    /** Rows of the micro-kernel (register block height). */
    static final int MR = 6;
    /** Depth of one packed block: an MR x KC sliver of A and a KC x NR panel of B stay in L1/L2. */
    static final int KC = 384;
    /** Rows of A packed at once (a multiple of MR); MC x KC stays in L2. */
    static final int MC = 96;
    /** Columns of B packed at once; a multiple of NR for every vector width. */
    static final int NC = 3072;
    /** Below this many multiply-adds a GEMM runs on the calling thread. */
    static final long PARALLEL_MIN = 1L << 17;

    final int m, n, k, nr;

    GemmDriver(int m, int n, int k, int nr) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.nr = nr;
    }

    /** Makes the packed-B buffer hold {@code kc * panels * nr} elements. */
    abstract void reserveB(int elements);

    /** Packs B[pc:pc+kc, jc + q*nr : jc + (q+1)*nr] for panels {@code q} in [from, to), zero-padding past {@code nc}. */
    abstract void packB(int pc, int kc, int jc, int nc, int from, int to);

    /**
     * Packs A[ic:ic+mc, pc:pc+kc] into this thread's buffer and adds its product with the packed B columns
     * [j0, j1) (relative to {@code jc}, j0 a multiple of nr) into C.
     */
    abstract void block(int ic, int mc, int pc, int kc, int jc, int j0, int j1);

    final void run(boolean parallel) {
        int threads = parallel && (long) m * n * k >= PARALLEL_MIN ? Parallel.getNumThreads() : 1;
        boolean splitRows = m >= threads * 2 * MR;
        int widest = (Math.min(n, NC) + nr - 1) / nr;
        if (!splitRows && widest < threads) threads = 1;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = (nc + nr - 1) / nr;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                reserveB(kc * panels * nr);
                if (threads == 1) {
                    packB(pc, kc, jc, nc, 0, panels);
                    rows(0, m, pc, kc, jc, 0, nc);
                } else {
                    runShared(threads, splitRows, pc, kc, jc, nc, panels);
                }
            }
        }
    }

    private void runShared(int threads, boolean splitRows, int pc, int kc, int jc, int nc, int panels) {
        Parallel.forRange(panels, 1, (s, e) -> packB(pc, kc, jc, nc, (int) s, (int) e));
        Parallel.forRange(threads, 1, (s, e) -> {
            for (int t = (int) s; t < e; t++) {
                if (splitRows) {
                    int r0 = rowSplit(t, threads), r1 = rowSplit(t + 1, threads);
                    rows(r0, r1, pc, kc, jc, 0, nc);
                } else {
                    int p0 = panels * t / threads, p1 = panels * (t + 1) / threads;
                    if (p1 > p0) rows(0, m, pc, kc, jc, p0 * nr, Math.min(nc, p1 * nr));
                }
            }
        });
    }

    /** The first row of thread {@code t}'s share: an even split rounded to whole micro-kernel rows. */
    private int rowSplit(int t, int threads) {
        if (t == threads) return m;
        return (int) ((long) m * t / threads) / MR * MR;
    }

    private void rows(int r0, int r1, int pc, int kc, int jc, int j0, int j1) {
        for (int ic = r0; ic < r1; ic += MC) block(ic, Math.min(MC, r1 - ic), pc, kc, jc, j0, j1);
    }
}
