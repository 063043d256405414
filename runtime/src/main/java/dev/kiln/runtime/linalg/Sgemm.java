package dev.kiln.runtime.linalg;

import dev.kiln.runtime.parallel.Parallel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM {@code C += alpha * A @ B} on strided operands: element (i, j) of a matrix lives at
 * {@code array[offset + i*rowStride + j*colStride]}, so transposed and sliced views are handled with no extra copy.
 * Large products go through {@link GemmDriver}: B is packed into NR-wide panels and a 6 x (4 vectors)
 * register-blocked micro-kernel (24 accumulators; 6 x 64 floats with AVX-512) reads A in place when its rows are
 * contiguous (packing A with scalar code would cost about a tenth of the time), else from a row-major copy of the
 * block. Products of contiguous rows of A with contiguous columns of B up to {@value #DOTS_MAX} multiply-adds (a
 * linear layer's {@code x @ w.T}) are register-blocked dot products instead, since packing such a B gathers it
 * element by element. Vector shapes use {@link Sgemv}; tiny products a direct loop. C is only added to: the caller
 * applies beta beforehand.
 */
final class Sgemm extends GemmDriver<float[][]> {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int NR = 4 * L;
    /** Products with fewer multiply-adds than this skip packing. */
    private static final long SMALL = 1L << 15;
    /**
     * Products with contiguous rows of A and columns of B (a linear layer's {@code x @ w.T}) and fewer multiply-adds
     * than this are dot products: packing B there gathers every element one by one.
     */
    static final long DOTS_MAX = 1L << 24;
    /** Rotations by L/2, L/4, ..., 1 lanes, for {@link #laneSum}. */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] HALVES = java.util.stream.IntStream.iterate(L / 2, h -> h > 0, h -> h / 2)
            .mapToObj(h -> VectorShuffle.iota(S, h, 1, true)).toArray(VectorShuffle[]::new);
    /** Rows of B packed together when B's columns are contiguous, so the strided writes stay in L1. */
    private static final int PACK_ROWS = 16;
    /**
     * Per-thread workspace: [0] packed B panels, [1] a row-major copy of an A block whose rows are not contiguous,
     * [2] a zero-padded MR-row copy of a block's last, partial sliver, [3] an MR x NR tile for edge results.
     */
    private static final ThreadLocal<float[][]> WORKSPACE =
            ThreadLocal.withInitial(() -> new float[][]{new float[0], new float[0], new float[MR * KC], new float[MR * NR]});

    private final float alpha;
    private final float[] a, b, c;
    private final int ao, rsa, csa, bo, rsb, csb, co, rsc, csc;

    private Sgemm(int m, int n, int k, float alpha, float[] a, int ao, int rsa, int csa, float[] b, int bo, int rsb, int csb,
                  float[] c, int co, int rsc, int csc) {
        super(m, n, k, NR);
        this.alpha = alpha;
        this.a = a;
        this.ao = ao;
        this.rsa = rsa;
        this.csa = csa;
        this.b = b;
        this.bo = bo;
        this.rsb = rsb;
        this.csb = csb;
        this.c = c;
        this.co = co;
        this.rsc = rsc;
        this.csc = csc;
    }

    /** {@code C[m,n] += alpha * A[m,k] @ B[k,n]}; {@code parallel} allows the worker pool for large products. */
    static void gemm(int m, int n, int k, float alpha, float[] a, int ao, int rsa, int csa, float[] b, int bo, int rsb, int csb,
                     float[] c, int co, int rsc, int csc, boolean parallel) {
        if (m == 0 || n == 0 || k == 0 || alpha == 0) return;
        if (n == 1) {
            Sgemv.gemv(m, k, alpha, a, ao, rsa, csa, b, bo, rsb, c, co, rsc, parallel);
        } else if (m == 1) {
            Sgemv.gemv(n, k, alpha, b, bo, csb, rsb, a, ao, csa, c, co, csc, parallel);
        } else if (n < NR / 2 && m > n) {
            gemm(n, m, k, alpha, b, bo, csb, rsb, a, ao, csa, rsa, c, co, csc, rsc, parallel);
        } else if (csa == 1 && rsb == 1 && (long) m * n * k < DOTS_MAX) {
            dots(m, n, k, alpha, a, ao, rsa, b, bo, csb, c, co, rsc, csc, parallel);
        } else if ((long) m * n * k < SMALL) {
            small(m, n, k, alpha, a, ao, rsa, csa, b, bo, rsb, csb, c, co, rsc, csc);
        } else {
            new Sgemm(m, n, k, alpha, a, ao, rsa, csa, b, bo, rsb, csb, c, co, rsc, csc).run(parallel);
        }
    }

    /** Without packing: rows of C accumulate scaled rows of B (vectorised when rows are contiguous). */
    private static void small(int m, int n, int k, float alpha, float[] a, int ao, int rsa, int csa, float[] b, int bo, int rsb,
                              int csb, float[] c, int co, int rsc, int csc) {
        if (csb == 1 && csc == 1) {
            int vn = S.loopBound(n);
            for (int i = 0; i < m; i++) {
                int ci = co + i * rsc;
                for (int p = 0; p < k; p++) {
                    float av = alpha * a[ao + i * rsa + p * csa];
                    int bp = bo + p * rsb;
                    FloatVector va = FloatVector.broadcast(S, av);
                    int j = 0;
                    for (; j < vn; j += L) {
                        va.fma(FloatVector.fromArray(S, b, bp + j), FloatVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
                    }
                    for (; j < n; j++) c[ci + j] += av * b[bp + j];
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) s += a[ao + i * rsa + p * csa] * b[bo + p * rsb + j * csb];
                c[co + i * rsc + j * csc] += alpha * s;
            }
        }
    }

    /**
     * {@code C += alpha * A @ B} as dot products of A's rows with B's columns, both contiguous, in blocks of 2 rows by
     * 4 columns (8 vector accumulators fed by 6 loads), the 4 columns of B staying in L1 while A's rows go past.
     * Threads claim chunks of the longer side of C from a counter, as the packed path's tiles.
     */
    private static void dots(int m, int n, int k, float alpha, float[] a, int ao, int rsa, float[] b, int bo, int csb,
                             float[] c, int co, int rsc, int csc, boolean parallel) {
        boolean wide = n >= m;
        int blocks = wide ? (n + 3) / 4 : (m + 1) / 2;
        int threads = parallel && (long) m * n * k >= PARALLEL_MIN ? Parallel.getNumThreads() : 1;
        if (threads == 1) {
            dotRange(m, n, k, alpha, a, ao, rsa, b, bo, csb, c, co, rsc, csc, wide, 0, blocks);
            return;
        }
        int chunks = Math.min(blocks, TASKS_PER_THREAD * threads);
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(threads, 1, (s, e) -> {
            for (int t; (t = next.getAndIncrement()) < chunks; ) {
                int from = blocks * t / chunks, to = blocks * (t + 1) / chunks;
                dotRange(m, n, k, alpha, a, ao, rsa, b, bo, csb, c, co, rsc, csc, wide, from, to);
            }
        });
    }

    /** The blocks [s, e) of {@link #dots}: 4-column blocks when {@code wide}, else 2-row blocks. */
    private static void dotRange(int m, int n, int k, float alpha, float[] a, int ao, int rsa, float[] b, int bo, int csb,
                                 float[] c, int co, int rsc, int csc, boolean wide, int s, int e) {
        int i0 = wide ? 0 : s * 2, i1 = wide ? m : Math.min(m, e * 2);
        int j0 = wide ? s * 4 : 0, j1 = wide ? Math.min(n, e * 4) : n;
        int jFull = j0 + (j1 - j0) / 4 * 4, iFull = i0 + (i1 - i0) / 2 * 2;
        for (int j = j0; j < jFull; j += 4) {
            for (int i = i0; i < iFull; i += 2) {
                dots2x4(k, alpha, a, ao + i * rsa, rsa, b, bo + j * csb, csb, c, co + i * rsc + j * csc, rsc, csc);
            }
        }
        for (int i = i0; i < i1; i++) {
            for (int j = i < iFull ? jFull : j0; j < j1; j++) {
                c[co + i * rsc + j * csc] += alpha * Sgemv.dot(k, a, ao + i * rsa, b, bo + j * csb);
            }
        }
    }

    /**
     * C[2, 4] += alpha * A[2, k] @ B[k, 4] for rows of A at {@code ai + r*lda} and columns of B at {@code bi + q*ldb}.
     */
    private static void dots2x4(int k, float alpha, float[] a, int ai, int lda, float[] b, int bi, int ldb, float[] c, int ci,
                                int rsc, int csc) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        int a1 = ai + lda, b1 = bi + ldb, b2 = b1 + ldb, b3 = b2 + ldb, p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, ai + p), x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector w = FloatVector.fromArray(S, b, bi + p);
            s00 = x0.fma(w, s00);
            s10 = x1.fma(w, s10);
            w = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(w, s01);
            s11 = x1.fma(w, s11);
            w = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(w, s02);
            s12 = x1.fma(w, s12);
            w = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(w, s03);
            s13 = x1.fma(w, s13);
        }
        float[] t = {laneSum(s00), laneSum(s01), laneSum(s02), laneSum(s03),
                laneSum(s10), laneSum(s11), laneSum(s12), laneSum(s13)};
        for (; p < k; p++) {
            for (int r = 0; r < 2; r++) {
                float x = a[ai + r * lda + p];
                for (int q = 0; q < 4; q++) t[r * 4 + q] += x * b[bi + q * ldb + p];
            }
        }
        for (int r = 0; r < 2; r++) {
            for (int q = 0; q < 4; q++) c[ci + r * rsc + q * csc] += alpha * t[r * 4 + q];
        }
    }

    /**
     * The sum of v's lanes as a fixed tree (each step adds the upper half of the remaining lanes onto the lower
     * half): the same rounding in every JIT tier, unlike {@code reduceLanes(ADD)}, and a few shuffles instead of
     * extracting the lanes one by one.
     */
    private static float laneSum(FloatVector v) {
        for (VectorShuffle<Float> half : HALVES) v = v.add(v.rearrange(half));
        return v.lane(0);
    }

    @Override
    float[][] workspace() { return WORKSPACE.get(); }

    @Override
    void packB(float[][] ws, int pc, int kc, int jc, int nc) {
        int panels = (nc + NR - 1) / NR;
        if (ws[0].length < panels * kc * NR) ws[0] = new float[panels * kc * NR];
        float[] bp = ws[0];
        for (int q = 0; q < panels; q++) {
            int j0 = jc + q * NR, w = Math.min(NR, jc + nc - j0), dst = q * kc * NR;
            if (w < NR) {
                for (int p = 0; p < kc; p++) Arrays.fill(bp, dst + p * NR + w, dst + (p + 1) * NR, 0f);
            }
            if (csb == 1) {
                for (int p = 0; p < kc; p++) System.arraycopy(b, bo + (pc + p) * rsb + j0, bp, dst + p * NR, w);
                continue;
            }
            for (int p0 = 0; p0 < kc; p0 += PACK_ROWS) {
                int p1 = Math.min(kc, p0 + PACK_ROWS);
                for (int j = 0; j < w; j++) {
                    int src = bo + pc * rsb + (j0 + j) * csb;
                    for (int p = p0; p < p1; p++) bp[dst + p * NR + j] = b[src + p * rsb];
                }
            }
        }
    }

    @Override
    void block(float[][] ws, int ic, int mc, int pc, int kc, int jc, int nc) {
        float[] as;
        int aOff, lda;
        if (csa == 1) {
            as = a;
            aOff = ao + ic * rsa + pc;
            lda = rsa;
        } else {
            if (ws[1].length < MC * KC) ws[1] = new float[MC * KC];
            as = ws[1];
            aOff = 0;
            lda = kc;
            for (int p = 0; p < kc; p++) {
                int src = ao + ic * rsa + (pc + p) * csa;
                for (int i = 0; i < mc; i++) as[i * kc + p] = a[src + i * rsa];
            }
        }
        int full = mc / MR * MR;
        float[] last = ws[2];
        if (full < mc) {
            Arrays.fill(last, 0f);
            for (int i = 0; i < mc - full; i++) System.arraycopy(as, aOff + (full + i) * lda, last, i * kc, kc);
        }
        float[] bp = ws[0], tile = ws[3];
        for (int jr = 0; jr < nc; jr += NR) {
            int w = Math.min(NR, nc - jr), bOff = jr / NR * kc * NR;
            for (int ir = 0; ir < mc; ir += MR) {
                int h = Math.min(MR, mc - ir), cOff = co + (ic + ir) * rsc + (jc + jr) * csc;
                float[] sliver = h == MR ? as : last;
                int sOff = h == MR ? aOff + ir * lda : 0, ld = h == MR ? lda : kc;
                if (h == MR && w == NR && csc == 1) {
                    kernel(kc, sliver, sOff, ld, bp, bOff, c, cOff, rsc, alpha);
                    continue;
                }
                Arrays.fill(tile, 0f);
                kernel(kc, sliver, sOff, ld, bp, bOff, tile, 0, NR, alpha);
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) c[cOff + i * rsc + j * csc] += tile[i * NR + j];
                }
            }
        }
    }

    /**
     * C[6, NR] += alpha * A[6, kc] @ (packed B panel [kc, NR]), accumulated in 24 vector registers; row r of A is
     * {@code a[ai + r*lda : ai + r*lda + kc]}.
     */
    private static void kernel(int kc, float[] a, int ai, int lda, float[] b, int bi, float[] c, int ci, int ldc, float alpha) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        int a0 = ai, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < kc; p++, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            c02 = av.fma(b2, c02);
            c03 = av.fma(b3, c03);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            c12 = av.fma(b2, c12);
            c13 = av.fma(b3, c13);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            c22 = av.fma(b2, c22);
            c23 = av.fma(b3, c23);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            c32 = av.fma(b2, c32);
            c33 = av.fma(b3, c33);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            c42 = av.fma(b2, c42);
            c43 = av.fma(b3, c43);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            c52 = av.fma(b2, c52);
            c53 = av.fma(b3, c53);
        }
        // written out rather than through a helper: a call that C2 does not inline would box the accumulators
        FloatVector va = FloatVector.broadcast(S, alpha);
        int r0 = ci;
        c00.fma(va, FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c01.fma(va, FloatVector.fromArray(S, c, r0 + L)).intoArray(c, r0 + L);
        c02.fma(va, FloatVector.fromArray(S, c, r0 + 2 * L)).intoArray(c, r0 + 2 * L);
        c03.fma(va, FloatVector.fromArray(S, c, r0 + 3 * L)).intoArray(c, r0 + 3 * L);
        int r1 = ci + ldc;
        c10.fma(va, FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.fma(va, FloatVector.fromArray(S, c, r1 + L)).intoArray(c, r1 + L);
        c12.fma(va, FloatVector.fromArray(S, c, r1 + 2 * L)).intoArray(c, r1 + 2 * L);
        c13.fma(va, FloatVector.fromArray(S, c, r1 + 3 * L)).intoArray(c, r1 + 3 * L);
        int r2 = ci + 2 * ldc;
        c20.fma(va, FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.fma(va, FloatVector.fromArray(S, c, r2 + L)).intoArray(c, r2 + L);
        c22.fma(va, FloatVector.fromArray(S, c, r2 + 2 * L)).intoArray(c, r2 + 2 * L);
        c23.fma(va, FloatVector.fromArray(S, c, r2 + 3 * L)).intoArray(c, r2 + 3 * L);
        int r3 = ci + 3 * ldc;
        c30.fma(va, FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.fma(va, FloatVector.fromArray(S, c, r3 + L)).intoArray(c, r3 + L);
        c32.fma(va, FloatVector.fromArray(S, c, r3 + 2 * L)).intoArray(c, r3 + 2 * L);
        c33.fma(va, FloatVector.fromArray(S, c, r3 + 3 * L)).intoArray(c, r3 + 3 * L);
        int r4 = ci + 4 * ldc;
        c40.fma(va, FloatVector.fromArray(S, c, r4)).intoArray(c, r4);
        c41.fma(va, FloatVector.fromArray(S, c, r4 + L)).intoArray(c, r4 + L);
        c42.fma(va, FloatVector.fromArray(S, c, r4 + 2 * L)).intoArray(c, r4 + 2 * L);
        c43.fma(va, FloatVector.fromArray(S, c, r4 + 3 * L)).intoArray(c, r4 + 3 * L);
        int r5 = ci + 5 * ldc;
        c50.fma(va, FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
        c51.fma(va, FloatVector.fromArray(S, c, r5 + L)).intoArray(c, r5 + L);
        c52.fma(va, FloatVector.fromArray(S, c, r5 + 2 * L)).intoArray(c, r5 + 2 * L);
        c53.fma(va, FloatVector.fromArray(S, c, r5 + 3 * L)).intoArray(c, r5 + 3 * L);
    }
}
