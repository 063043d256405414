package dev.kiln.runtime.linalg;

import dev.kiln.runtime.parallel.Parallel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cache blocking and threading of the packed GEMM {@code C += alpha * A @ B}, shared by the float and double
 * kernels (Goto/BLIS loop order). For each column block of {@value #NC} and each depth block of {@value #KC}, B is
 * packed once into NR-wide panels (in parallel); then the threads share out C in tasks of one {@value #MC}-row
 * block of A by a range of B panels. The element type lives in the subclasses: packing and the register-blocked
 * micro-kernel.
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
    /** Work is cut finer than one piece per thread so that the threads can balance it between them. */
    static final int TASKS_PER_THREAD = 4;

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
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = (nc + nr - 1) / nr;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                reserveB(kc * panels * nr);
                if (threads == 1) {
                    packB(pc, kc, jc, nc, 0, panels);
                    for (int ic = 0; ic < m; ic += MC) block(ic, Math.min(MC, m - ic), pc, kc, jc, 0, nc);
                } else {
                    runShared(threads, pc, kc, jc, nc, panels);
                }
            }
        }
    }

    /**
     * One depth block on the worker pool: B is packed in parallel, then the threads claim tasks (an MC-row block
     * times a range of B panels) from a counter until none are left, so a thread that is slowed down (by another
     * process, or a smaller share of edge tiles) takes fewer. There are at least {@value #TASKS_PER_THREAD} tasks
     * per thread; each packs its own block of A.
     */
    private void runShared(int threads, int pc, int kc, int jc, int nc, int panels) {
        Parallel.forRange(panels, 1, (s, e) -> packB(pc, kc, jc, nc, (int) s, (int) e));
        int rowBlocks = (m + MC - 1) / MC;
        int chunks = Math.min(panels, Math.max(1, (TASKS_PER_THREAD * threads + rowBlocks - 1) / rowBlocks));
        int tasks = rowBlocks * chunks;
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(threads, 1, (s, e) -> {
            for (int t; (t = next.getAndIncrement()) < tasks; ) {
                int ic = t / chunks * MC, chunk = t % chunks;
                int p0 = panels * chunk / chunks, p1 = panels * (chunk + 1) / chunks;
                block(ic, Math.min(MC, m - ic), pc, kc, jc, p0 * nr, Math.min(nc, p1 * nr));
            }
        });
    }
}
