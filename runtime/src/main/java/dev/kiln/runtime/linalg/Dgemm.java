package dev.kiln.runtime.linalg;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double-precision GEMM {@code C += alpha * A @ B} on strided operands: element (i, j) of a matrix lives at
 * {@code array[offset + i*rowStride + j*colStride]}, so transposed and sliced views are handled with no extra copy.
 * Large products go through {@link GemmDriver}: B is packed into NR-wide panels and a 6 x (4 vectors)
 * register-blocked micro-kernel (24 accumulators; 6 x 32 doubles with AVX-512) reads A in place when its rows are
 * contiguous (packing A with scalar code would cost about a tenth of the time), else from a row-major copy of the
 * block. Vector shapes use {@link Dgemv}; tiny products a direct loop. C is only added to: the caller applies beta
 * beforehand.
 */
final class Dgemm extends GemmDriver<double[][]> {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int NR = 4 * L;
    /** Products with fewer multiply-adds than this skip packing. */
    private static final long SMALL = 1L << 15;
    /** Rows of B packed together when B's columns are contiguous, so the strided writes stay in L1. */
    private static final int PACK_ROWS = 16;
    /**
     * Per-thread workspace: [0] packed B panels, [1] a row-major copy of an A block whose rows are not contiguous,
     * [2] a zero-padded MR-row copy of a block's last, partial sliver, [3] an MR x NR tile for edge results.
     */
    private static final ThreadLocal<double[][]> WORKSPACE =
            ThreadLocal.withInitial(() -> new double[][]{new double[0], new double[0], new double[MR * KC], new double[MR * NR]});

    private final double alpha;
    private final double[] a, b, c;
    private final int ao, rsa, csa, bo, rsb, csb, co, rsc, csc;

    private Dgemm(int m, int n, int k, double alpha, double[] a, int ao, int rsa, int csa, double[] b, int bo, int rsb, int csb,
                  double[] c, int co, int rsc, int csc) {
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
    static void gemm(int m, int n, int k, double alpha, double[] a, int ao, int rsa, int csa, double[] b, int bo, int rsb, int csb,
                     double[] c, int co, int rsc, int csc, boolean parallel) {
        if (m == 0 || n == 0 || k == 0 || alpha == 0) return;
        if (n == 1) {
            Dgemv.gemv(m, k, alpha, a, ao, rsa, csa, b, bo, rsb, c, co, rsc, parallel);
        } else if (m == 1) {
            Dgemv.gemv(n, k, alpha, b, bo, csb, rsb, a, ao, csa, c, co, csc, parallel);
        } else if (n < NR / 2 && m > n) {
            gemm(n, m, k, alpha, b, bo, csb, rsb, a, ao, csa, rsa, c, co, csc, rsc, parallel);
        } else if ((long) m * n * k < SMALL) {
            small(m, n, k, alpha, a, ao, rsa, csa, b, bo, rsb, csb, c, co, rsc, csc);
        } else {
            new Dgemm(m, n, k, alpha, a, ao, rsa, csa, b, bo, rsb, csb, c, co, rsc, csc).run(parallel);
        }
    }

    /** Without packing: rows of C accumulate scaled rows of B (vectorised when rows are contiguous). */
    private static void small(int m, int n, int k, double alpha, double[] a, int ao, int rsa, int csa, double[] b, int bo, int rsb,
                              int csb, double[] c, int co, int rsc, int csc) {
        if (csb == 1 && csc == 1) {
            int vn = S.loopBound(n);
            for (int i = 0; i < m; i++) {
                int ci = co + i * rsc;
                for (int p = 0; p < k; p++) {
                    double av = alpha * a[ao + i * rsa + p * csa];
                    int bp = bo + p * rsb;
                    DoubleVector va = DoubleVector.broadcast(S, av);
                    int j = 0;
                    for (; j < vn; j += L) {
                        va.fma(DoubleVector.fromArray(S, b, bp + j), DoubleVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
                    }
                    for (; j < n; j++) c[ci + j] += av * b[bp + j];
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[ao + i * rsa + p * csa] * b[bo + p * rsb + j * csb];
                c[co + i * rsc + j * csc] += alpha * s;
            }
        }
    }

    @Override
    double[][] workspace() { return WORKSPACE.get(); }

    @Override
    void packB(double[][] ws, int pc, int kc, int jc, int nc) {
        int panels = (nc + NR - 1) / NR;
        if (ws[0].length < panels * kc * NR) ws[0] = new double[panels * kc * NR];
        double[] bp = ws[0];
        for (int q = 0; q < panels; q++) {
            int j0 = jc + q * NR, w = Math.min(NR, jc + nc - j0), dst = q * kc * NR;
            if (w < NR) {
                for (int p = 0; p < kc; p++) Arrays.fill(bp, dst + p * NR + w, dst + (p + 1) * NR, 0d);
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
    void block(double[][] ws, int ic, int mc, int pc, int kc, int jc, int nc) {
        double[] as;
        int aOff, lda;
        if (csa == 1) {
            as = a;
            aOff = ao + ic * rsa + pc;
            lda = rsa;
        } else {
            if (ws[1].length < MC * KC) ws[1] = new double[MC * KC];
            as = ws[1];
            aOff = 0;
            lda = kc;
            for (int p = 0; p < kc; p++) {
                int src = ao + ic * rsa + (pc + p) * csa;
                for (int i = 0; i < mc; i++) as[i * kc + p] = a[src + i * rsa];
            }
        }
        int full = mc / MR * MR;
        double[] last = ws[2];
        if (full < mc) {
            Arrays.fill(last, 0d);
            for (int i = 0; i < mc - full; i++) System.arraycopy(as, aOff + (full + i) * lda, last, i * kc, kc);
        }
        double[] bp = ws[0], tile = ws[3];
        for (int jr = 0; jr < nc; jr += NR) {
            int w = Math.min(NR, nc - jr), bOff = jr / NR * kc * NR;
            for (int ir = 0; ir < mc; ir += MR) {
                int h = Math.min(MR, mc - ir), cOff = co + (ic + ir) * rsc + (jc + jr) * csc;
                double[] sliver = h == MR ? as : last;
                int sOff = h == MR ? aOff + ir * lda : 0, ld = h == MR ? lda : kc;
                if (h == MR && w == NR && csc == 1) {
                    kernel(kc, sliver, sOff, ld, bp, bOff, c, cOff, rsc, alpha);
                    continue;
                }
                Arrays.fill(tile, 0d);
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
    private static void kernel(int kc, double[] a, int ai, int lda, double[] b, int bi, double[] c, int ci, int ldc, double alpha) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        DoubleVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        DoubleVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        DoubleVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        DoubleVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        int a0 = ai, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < kc; p++, bi += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bi + 3 * L);
            DoubleVector av = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            c02 = av.fma(b2, c02);
            c03 = av.fma(b3, c03);
            av = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            c12 = av.fma(b2, c12);
            c13 = av.fma(b3, c13);
            av = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            c22 = av.fma(b2, c22);
            c23 = av.fma(b3, c23);
            av = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            c32 = av.fma(b2, c32);
            c33 = av.fma(b3, c33);
            av = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            c42 = av.fma(b2, c42);
            c43 = av.fma(b3, c43);
            av = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            c52 = av.fma(b2, c52);
            c53 = av.fma(b3, c53);
        }
        // written out rather than through a helper: a call that C2 does not inline would box the accumulators
        DoubleVector va = DoubleVector.broadcast(S, alpha);
        int r0 = ci;
        c00.fma(va, DoubleVector.fromArray(S, c, r0)).intoArray(c, r0);
        c01.fma(va, DoubleVector.fromArray(S, c, r0 + L)).intoArray(c, r0 + L);
        c02.fma(va, DoubleVector.fromArray(S, c, r0 + 2 * L)).intoArray(c, r0 + 2 * L);
        c03.fma(va, DoubleVector.fromArray(S, c, r0 + 3 * L)).intoArray(c, r0 + 3 * L);
        int r1 = ci + ldc;
        c10.fma(va, DoubleVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.fma(va, DoubleVector.fromArray(S, c, r1 + L)).intoArray(c, r1 + L);
        c12.fma(va, DoubleVector.fromArray(S, c, r1 + 2 * L)).intoArray(c, r1 + 2 * L);
        c13.fma(va, DoubleVector.fromArray(S, c, r1 + 3 * L)).intoArray(c, r1 + 3 * L);
        int r2 = ci + 2 * ldc;
        c20.fma(va, DoubleVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.fma(va, DoubleVector.fromArray(S, c, r2 + L)).intoArray(c, r2 + L);
        c22.fma(va, DoubleVector.fromArray(S, c, r2 + 2 * L)).intoArray(c, r2 + 2 * L);
        c23.fma(va, DoubleVector.fromArray(S, c, r2 + 3 * L)).intoArray(c, r2 + 3 * L);
        int r3 = ci + 3 * ldc;
        c30.fma(va, DoubleVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.fma(va, DoubleVector.fromArray(S, c, r3 + L)).intoArray(c, r3 + L);
        c32.fma(va, DoubleVector.fromArray(S, c, r3 + 2 * L)).intoArray(c, r3 + 2 * L);
        c33.fma(va, DoubleVector.fromArray(S, c, r3 + 3 * L)).intoArray(c, r3 + 3 * L);
        int r4 = ci + 4 * ldc;
        c40.fma(va, DoubleVector.fromArray(S, c, r4)).intoArray(c, r4);
        c41.fma(va, DoubleVector.fromArray(S, c, r4 + L)).intoArray(c, r4 + L);
        c42.fma(va, DoubleVector.fromArray(S, c, r4 + 2 * L)).intoArray(c, r4 + 2 * L);
        c43.fma(va, DoubleVector.fromArray(S, c, r4 + 3 * L)).intoArray(c, r4 + 3 * L);
        int r5 = ci + 5 * ldc;
        c50.fma(va, DoubleVector.fromArray(S, c, r5)).intoArray(c, r5);
        c51.fma(va, DoubleVector.fromArray(S, c, r5 + L)).intoArray(c, r5 + L);
        c52.fma(va, DoubleVector.fromArray(S, c, r5 + 2 * L)).intoArray(c, r5 + 2 * L);
        c53.fma(va, DoubleVector.fromArray(S, c, r5 + 3 * L)).intoArray(c, r5 + 3 * L);
    }
}
