package dev.kiln.runtime.linalg;

import dev.kiln.runtime.parallel.Parallel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cache blocking and threading of the packed GEMM {@code C += alpha * A @ B}, shared by the float and double
 * kernels (Goto/BLIS loop order). C is cut into tiles (ranges of MR-row slivers by ranges of NR-column panels) that
 * the threads claim from a counter in one hand-off per product, so a thread slowed down by another process takes
 * fewer. Each tile runs the serial loop nest on its thread's own workspace: for each column block of at most
 * {@value #NC} and depth block of at most {@value #KC}, the tile's B columns are packed into NR-wide panels, then every
 * {@value #MC}-row block of A is multiplied with them. Tiles are column ranges first, so that B is packed once;
 * rows are split only when there are too few panels to go round. The element type lives in the subclasses: the
 * workspace, packing and the register-blocked micro-kernel.
 *
 * @param <W> a thread's workspace (packed B panels, and A blocks that cannot be read in place)
 */
abstract class GemmDriver<W> {
    /** Rows of the micro-kernel (register block height). */
    static final int MR = 6;
    /** Depth of one packed block: an MR x KC sliver of A stays in L1 and an MC x KC block in L2. */
    static final int KC = 384;
    /** Rows of A multiplied with one packed B block before moving on (a multiple of MR); MC x KC stays in L2. */
    static final int MC = 96;
    /** Columns of B packed at once (KC x NC floats stay in L3); a multiple of NR for every vector width. */
    static final int NC = 3072;
    /**
     * Below this many multiply-adds a GEMM runs on the calling thread: a smaller product finishes in about the
     * time that waking a parked worker, or waiting for one that another process holds, can cost.
     */
    static final long PARALLEL_MIN = 1L << 21;
    /** Work is cut finer than one tile per thread so that the threads can balance it between them. */
    static final int TASKS_PER_THREAD = 4;

    final int m, n, k, nr;

    GemmDriver(int m, int n, int k, int nr) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.nr = nr;
    }

    /** The calling thread's workspace. */
    abstract W workspace();

    /** Packs B[pc:pc+kc, jc:jc+nc] into the workspace as NR-wide panels, zero-padding the last one. */
    abstract void packB(W ws, int pc, int kc, int jc, int nc);

    /** Adds alpha * A[ic:ic+mc, pc:pc+kc] @ (the packed B columns [jc, jc+nc)) into C. */
    abstract void block(W ws, int ic, int mc, int pc, int kc, int jc, int nc);

    /** Runs the product, on the worker pool when {@code parallel} allows it and it is large enough. */
    final void run(boolean parallel) {
        int threads = parallel && (long) m * n * k >= PARALLEL_MIN ? Parallel.getNumThreads() : 1;
        if (threads == 1) {
            tile(workspace(), 0, m, 0, n);
            return;
        }
        int panels = (n + nr - 1) / nr, slivers = (m + MR - 1) / MR, wanted = TASKS_PER_THREAD * threads;
        int cols = Math.min(panels, wanted);
        int rows = Math.min(slivers, (wanted + cols - 1) / cols);
        int tasks = rows * cols;
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(threads, 1, (s, e) -> {
            W ws = workspace();
            for (int t; (t = next.getAndIncrement()) < tasks; ) {
                int r = t / cols, q = t % cols;
                int i0 = slivers * r / rows * MR, i1 = Math.min(m, slivers * (r + 1) / rows * MR);
                int j0 = panels * q / cols * nr, j1 = Math.min(n, panels * (q + 1) / cols * nr);
                tile(ws, i0, i1, j0, j1);
            }
        });
    }

    /**
     * The serial loop nest over C[i0:i1, j0:j1]. The depth is cut into equal blocks of at most {@value #KC}: a short
     * last block would pay the micro-kernel's fixed cost (C's tile loaded and stored) over few iterations.
     */
    private void tile(W ws, int i0, int i1, int j0, int j1) {
        int depthBlocks = (k + KC - 1) / KC;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int d = 0; d < depthBlocks; d++) {
                int pc = (int) ((long) k * d / depthBlocks), kc = (int) ((long) k * (d + 1) / depthBlocks) - pc;
                packB(ws, pc, kc, jc, nc);
                for (int ic = i0; ic < i1; ic += MC) block(ws, ic, Math.min(MC, i1 - ic), pc, kc, jc, nc);
            }
        }
    }
}
