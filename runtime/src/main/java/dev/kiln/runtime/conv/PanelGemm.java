package dev.kiln.runtime.conv;

import dev.kiln.runtime.parallel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A @ B} or {@code C += A @ B} on row-major float32 operands read in place, for the convolutions' products
 * (Winograd's 16 per tile block, im2col's per sample and group): columns in panels of four vectors with a 6-row x
 * 4-vector register block (24 accumulators), the last columns a vector at a time, the last partial vector from a zero-padded copy of its columns
 * (masked loads and stores ran four times slower than the whole product). The
 * general {@code Blas.gemm} packs both operands on every call, which at these sizes (k of 64 to 4608, n of 49 to a
 * few thousand) costs as much as the product, and its partial panels go through a scalar edge path.
 */
final class PanelGemm {
    private PanelGemm() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns per panel. */
    private static final int PANEL = 4 * L;
    /** Multiply-adds per piece of work below which a thread is not worth waking. */
    private static final long CHUNK = 1L << 18;

    /**
     * {@code C[m, n] = A[m, k] @ B[k, n]}, or {@code +=} when {@code add}; element (i, j) of X at {@code x[xo + i * ldx + j]}.
     * {@code parallel} spreads blocks of six rows over the worker pool; each element's sum is the same either way.
     */
    static void multiply(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
                         boolean add, boolean parallel) {
        int whole = S.loopBound(n);
        float[] tail = whole == n ? null : packTail(k, b, bo + whole, ldb, n - whole);
        int blocks = Math.ceilDiv(m, 6);
        if (!parallel || blocks < 2) {
            rows(0, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, add, tail);
            return;
        }
        long perBlock = 6L * n * k;
        Parallel.forRange(blocks, Math.max(1, CHUNK / perBlock),
                (from, to) -> rows((int) from * 6, (int) Math.min(m, to * 6), n, k, a, ao, lda, b, bo, ldb, c, co, ldc, add, tail));
    }

    /** The last {@code width} (< L) columns of B as a [k, L] panel padded with zeros: whole-vector loads that stay inside. */
    private static float[] packTail(int k, float[] b, int from, int ldb, int width) {
        float[] tail = Scratch.get(Scratch.TAIL, k * L);
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, from + p * ldb, tail, p * L, width);
            java.util.Arrays.fill(tail, p * L + width, (p + 1) * L, 0f);
        }
        return tail;
    }

    private static void rows(int from, int to, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co,
                             int ldc, boolean add, float[] tail) {
        int j = 0;
        for (; j + PANEL <= n; j += PANEL) {
            int i = from;
            for (; i + 6 <= to; i += 6) sixRows(k, a, ao + i * lda, lda, b, bo + j, ldb, c, co + i * ldc + j, ldc, add);
            for (; i < to; i++) oneRow(k, a, ao + i * lda, b, bo + j, ldb, c, co + i * ldc + j, add);
        }
        for (; j + L <= n; j += L) {
            int i = from;
            for (; i + 6 <= to; i += 6) sixRowsOneVector(k, a, ao + i * lda, lda, b, bo + j, ldb, c, co + i * ldc + j, ldc, add);
            for (; i < to; i++) oneRowOneVector(k, a, ao + i * lda, b, bo + j, ldb, c, co + i * ldc + j, add);
        }
        if (j == n) return;
        // the last columns: products of the packed tail into a [6, L] block, of which the first n - j columns go to C
        float[] block = new float[6 * L];
        int width = n - j;
        for (int i = from; i < to; i += 6) {
            int h = Math.min(6, to - i);
            if (h == 6) sixRowsOneVector(k, a, ao + i * lda, lda, tail, 0, L, block, 0, L, false);
            else for (int r = 0; r < h; r++) oneRowOneVector(k, a, ao + (i + r) * lda, tail, 0, L, block, r * L, false);
            for (int r = 0; r < h; r++) {
                int at = co + (i + r) * ldc + j;
                for (int x = 0; x < width; x++) c[at + x] = add ? c[at + x] + block[r * L + x] : block[r * L + x];
            }
        }
    }

    private static FloatVector start(float[] c, int at, boolean add) { return add ? FloatVector.fromArray(S, c, at) : FloatVector.zero(S); }

    private static void sixRows(int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean add) {
        int r0 = co;
        int r1 = co + ldc;
        int r2 = co + 2 * ldc;
        int r3 = co + 3 * ldc;
        int r4 = co + 4 * ldc;
        int r5 = co + 5 * ldc;
        FloatVector c00 = start(c, r0, add), c01 = start(c, r0 + L, add), c02 = start(c, r0 + 2 * L, add), c03 = start(c, r0 + 3 * L, add);
        FloatVector c10 = start(c, r1, add), c11 = start(c, r1 + L, add), c12 = start(c, r1 + 2 * L, add), c13 = start(c, r1 + 3 * L, add);
        FloatVector c20 = start(c, r2, add), c21 = start(c, r2 + L, add), c22 = start(c, r2 + 2 * L, add), c23 = start(c, r2 + 3 * L, add);
        FloatVector c30 = start(c, r3, add), c31 = start(c, r3 + L, add), c32 = start(c, r3 + 2 * L, add), c33 = start(c, r3 + 3 * L, add);
        FloatVector c40 = start(c, r4, add), c41 = start(c, r4 + L, add), c42 = start(c, r4 + 2 * L, add), c43 = start(c, r4 + 3 * L, add);
        FloatVector c50 = start(c, r5, add), c51 = start(c, r5 + L, add), c52 = start(c, r5 + 2 * L, add), c53 = start(c, r5 + 3 * L, add);
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
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c02.intoArray(c, r0 + 2 * L);
        c03.intoArray(c, r0 + 3 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c33.intoArray(c, r3 + 3 * L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c42.intoArray(c, r4 + 2 * L);
        c43.intoArray(c, r4 + 3 * L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c52.intoArray(c, r5 + 2 * L);
        c53.intoArray(c, r5 + 3 * L);
    }

    private static void oneRow(int k, float[] a, int ao, float[] b, int bo, int ldb, float[] c, int co, boolean add) {
        FloatVector c0 = start(c, co, add), c1 = start(c, co + L, add), c2 = start(c, co + 2 * L, add), c3 = start(c, co + 3 * L, add);
        for (int p = 0; p < k; p++) {
            int bp = bo + p * ldb;
            FloatVector x = FloatVector.broadcast(S, a[ao + p]);
            c0 = x.fma(FloatVector.fromArray(S, b, bp), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bp + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, b, bp + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(S, b, bp + 3 * L), c3);
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + L);
        c2.intoArray(c, co + 2 * L);
        c3.intoArray(c, co + 3 * L);
    }

    /** One vector of columns of 6 rows of C, one accumulator each. */
    private static void sixRowsOneVector(int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
                                         boolean add) {
        FloatVector c0 = start(c, co, add), c1 = start(c, co + ldc, add), c2 = start(c, co + 2 * ldc, add);
        FloatVector c3 = start(c, co + 3 * ldc, add), c4 = start(c, co + 4 * ldc, add), c5 = start(c, co + 5 * ldc, add);
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

    private static void oneRowOneVector(int k, float[] a, int ao, float[] b, int bo, int ldb, float[] c, int co, boolean add) {
        FloatVector acc = start(c, co, add);
        for (int p = 0; p < k; p++) acc = FloatVector.broadcast(S, a[ao + p]).fma(FloatVector.fromArray(S, b, bo + p * ldb), acc);
        acc.intoArray(c, co);
    }
}
