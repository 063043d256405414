package dev.kiln.runtime.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A @ B} (C overwritten) for the small, L2-resident products of {@link Winograd}: row-major float32
 * operands with B and C read and written in place, columns in panels of four vectors with a 6-row x 4-vector
 * register block (24 accumulators), the last columns a vector at a time. The general {@code Blas.gemm} packs both
 * operands per call, which costs more than the product itself at these sizes. B and C must hold whole vectors:
 * {@code roundUp(n, L)} columns per row; the columns past n are computed from whatever B holds there and are the
 * caller's to ignore.
 */
final class PanelGemm {
    private PanelGemm() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns per panel. */
    static final int PANEL = 4 * L;

    /** {@code C[m, n] = A[m, k] @ B[k, n]}, element (i, j) of X at {@code x[xo + i * ldx + j]}. */
    static void multiply(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc) {
        int j = 0;
        for (; j + PANEL <= n; j += PANEL) {
            int i = 0;
            for (; i + 6 <= m; i += 6) sixRows(k, a, ao + i * lda, lda, b, bo + j, ldb, c, co + i * ldc + j, ldc);
            for (; i < m; i++) oneRow(k, a, ao + i * lda, b, bo + j, ldb, c, co + i * ldc + j);
        }
        for (; j < n; j += L) {
            int i = 0;
            for (; i + 6 <= m; i += 6) sixRowsOneVector(k, a, ao + i * lda, lda, b, bo + j, ldb, c, co + i * ldc + j, ldc);
            for (; i < m; i++) oneRowOneVector(k, a, ao + i * lda, b, bo + j, ldb, c, co + i * ldc + j);
        }
    }

    /** The last columns, one vector at a time: 6 rows of C, one accumulator each. */
    private static void sixRowsOneVector(int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        for (int p = 0; p < k; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, bo + p * ldb);
            int ap = ao + p;
            c0 = FloatVector.broadcast(S, a[ap]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, a[ap + lda]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, a[ap + 2 * lda]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, a[ap + 3 * lda]).fma(bv, c3);
            c4 = FloatVector.broadcast(S, a[ap + 4 * lda]).fma(bv, c4);
            c5 = FloatVector.broadcast(S, a[ap + 5 * lda]).fma(bv, c5);
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + ldc);
        c2.intoArray(c, co + 2 * ldc);
        c3.intoArray(c, co + 3 * ldc);
        c4.intoArray(c, co + 4 * ldc);
        c5.intoArray(c, co + 5 * ldc);
    }

    private static void oneRowOneVector(int k, float[] a, int ao, float[] b, int bo, int ldb, float[] c, int co) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < k; p++) acc = FloatVector.broadcast(S, a[ao + p]).fma(FloatVector.fromArray(S, b, bo + p * ldb), acc);
        acc.intoArray(c, co);
    }

    private static void sixRows(int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00, c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int p = 0; p < k; p++) {
            int bp = bo + p * ldb, ap = ao + p;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[ap + lda]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[ap + 2 * lda]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[ap + 3 * lda]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(S, a[ap + 4 * lda]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(S, a[ap + 5 * lda]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52); c53 = x.fma(b3, c53);
        }
        // written out rather than through a helper: a call that C2 does not inline would box the accumulators
        int r0 = co;
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c02.intoArray(c, r0 + 2 * L);
        c03.intoArray(c, r0 + 3 * L);
        int r1 = co + ldc;
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
        int r2 = co + 2 * ldc;
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c23.intoArray(c, r2 + 3 * L);
        int r3 = co + 3 * ldc;
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c33.intoArray(c, r3 + 3 * L);
        int r4 = co + 4 * ldc;
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c42.intoArray(c, r4 + 2 * L);
        c43.intoArray(c, r4 + 3 * L);
        int r5 = co + 5 * ldc;
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c52.intoArray(c, r5 + 2 * L);
        c53.intoArray(c, r5 + 3 * L);
    }

    private static void oneRow(int k, float[] a, int ao, float[] b, int bo, int ldb, float[] c, int co) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        for (int p = 0; p < k; p++) {
            int bp = bo + p * ldb;
            FloatVector x = FloatVector.broadcast(S, a[ao + p]);
            c0 = x.fma(FloatVector.fromArray(S, b, bp), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bp + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, b, bp + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(S, b, bp + 3 * L), c3);
        }
        store(c, co, c0, c1, c2, c3);
    }

    private static void store(float[] c, int at, FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3) {
        v0.intoArray(c, at);
        v1.intoArray(c, at + L);
        v2.intoArray(c, at + 2 * L);
        v3.intoArray(c, at + 3 * L);
    }
}
