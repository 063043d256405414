package dev.kiln.runtime.reduction;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of the hot reductions: sums, maxima and minima of contiguous runs (four independent
 * accumulators) and the same folds across rows. The max/min folds share one loop each that takes the
 * operator as an argument; C2 inlines them per call site, so the operator is a constant there. Maxima and
 * minima propagate NaN, as {@link Math#max} does.
 */
final class Vec {
    private Vec() {}

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /** Elements per lane a float sum adds before its partial is flushed into the double total. */
    private static final int FLUSH = 64;

    /** The sum of {@code a[off..off+n)}: float lanes over blocks of {@value #FLUSH} per lane, blocks added in double. */
    static double sum(float[] a, int off, int n) {
        int l = F.length(), block = FLUSH * 4 * l;
        double total = 0;
        int i = 0;
        while (i < n) {
            int end = Math.min(n, i + block);
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            for (; i <= end - 4 * l; i += 4 * l) {
                s0 = s0.add(FloatVector.fromArray(F, a, off + i));
                s1 = s1.add(FloatVector.fromArray(F, a, off + i + l));
                s2 = s2.add(FloatVector.fromArray(F, a, off + i + 2 * l));
                s3 = s3.add(FloatVector.fromArray(F, a, off + i + 3 * l));
            }
            for (; i <= end - l; i += l) s0 = s0.add(FloatVector.fromArray(F, a, off + i));
            float part = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
            for (; i < end; i++) part += a[off + i];
            total += part;
        }
        return total;
    }

    static double sum(double[] a, int off, int n) {
        int l = D.length(), i = 0;
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        for (; i <= n - 4 * l; i += 4 * l) {
            s0 = s0.add(DoubleVector.fromArray(D, a, off + i));
            s1 = s1.add(DoubleVector.fromArray(D, a, off + i + l));
            s2 = s2.add(DoubleVector.fromArray(D, a, off + i + 2 * l));
            s3 = s3.add(DoubleVector.fromArray(D, a, off + i + 3 * l));
        }
        for (; i <= n - l; i += l) s0 = s0.add(DoubleVector.fromArray(D, a, off + i));
        double total = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) total += a[off + i];
        return total;
    }

    /** {@code acc[at+j] += a[off + r*stride + j]} for every row {@code r < rows} and {@code j < n}. */
    static void addRows(float[] a, int off, int n, int stride, int rows, float[] acc, int at) {
        int bound = F.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int row = off + r * stride, j = 0;
            for (; j < bound; j += F.length()) {
                FloatVector.fromArray(F, acc, at + j).add(FloatVector.fromArray(F, a, row + j)).intoArray(acc, at + j);
            }
            for (; j < n; j++) acc[at + j] += a[row + j];
        }
    }

    static void addRows(double[] a, int off, int n, int stride, int rows, double[] acc, int at) {
        int bound = D.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int row = off + r * stride, j = 0;
            for (; j < bound; j += D.length()) {
                DoubleVector.fromArray(D, acc, at + j).add(DoubleVector.fromArray(D, a, row + j)).intoArray(acc, at + j);
            }
            for (; j < n; j++) acc[at + j] += a[row + j];
        }
    }

    static float max(float[] a, int off, int n, float init) { return fold(VectorOperators.MAX, a, off, n, init); }

    static float min(float[] a, int off, int n, float init) { return fold(VectorOperators.MIN, a, off, n, init); }

    static double max(double[] a, int off, int n, double init) { return fold(VectorOperators.MAX, a, off, n, init); }

    static double min(double[] a, int off, int n, double init) { return fold(VectorOperators.MIN, a, off, n, init); }

    static void maxRows(float[] a, int off, int n, int stride, int rows, float[] acc, int at) {
        foldRows(VectorOperators.MAX, a, off, n, stride, rows, acc, at);
    }

    static void minRows(float[] a, int off, int n, int stride, int rows, float[] acc, int at) {
        foldRows(VectorOperators.MIN, a, off, n, stride, rows, acc, at);
    }

    static void maxRows(double[] a, int off, int n, int stride, int rows, double[] acc, int at) {
        foldRows(VectorOperators.MAX, a, off, n, stride, rows, acc, at);
    }

    static void minRows(double[] a, int off, int n, int stride, int rows, double[] acc, int at) {
        foldRows(VectorOperators.MIN, a, off, n, stride, rows, acc, at);
    }

    private static float fold(VectorOperators.Binary op, float[] a, int off, int n, float init) {
        int l = F.length(), i = 0;
        FloatVector m0 = FloatVector.broadcast(F, init), m1 = m0, m2 = m0, m3 = m0;
        for (; i <= n - 4 * l; i += 4 * l) {
            m0 = m0.lanewise(op, FloatVector.fromArray(F, a, off + i));
            m1 = m1.lanewise(op, FloatVector.fromArray(F, a, off + i + l));
            m2 = m2.lanewise(op, FloatVector.fromArray(F, a, off + i + 2 * l));
            m3 = m3.lanewise(op, FloatVector.fromArray(F, a, off + i + 3 * l));
        }
        for (; i <= n - l; i += l) m0 = m0.lanewise(op, FloatVector.fromArray(F, a, off + i));
        FloatVector m = m0.lanewise(op, m1).lanewise(op, m2.lanewise(op, m3));
        float r = m.reduceLanes((VectorOperators.Associative) op);
        boolean max = op == VectorOperators.MAX;
        for (; i < n; i++) r = max ? Math.max(r, a[off + i]) : Math.min(r, a[off + i]);
        return r;
    }

    private static double fold(VectorOperators.Binary op, double[] a, int off, int n, double init) {
        int l = D.length(), i = 0;
        DoubleVector m0 = DoubleVector.broadcast(D, init), m1 = m0;
        for (; i <= n - 2 * l; i += 2 * l) {
            m0 = m0.lanewise(op, DoubleVector.fromArray(D, a, off + i));
            m1 = m1.lanewise(op, DoubleVector.fromArray(D, a, off + i + l));
        }
        double r = m0.lanewise(op, m1).reduceLanes((VectorOperators.Associative) op);
        boolean max = op == VectorOperators.MAX;
        for (; i < n; i++) r = max ? Math.max(r, a[off + i]) : Math.min(r, a[off + i]);
        return r;
    }

    private static void foldRows(VectorOperators.Binary op, float[] a, int off, int n, int stride, int rows, float[] acc, int at) {
        int bound = F.loopBound(n);
        boolean max = op == VectorOperators.MAX;
        for (int r = 0; r < rows; r++) {
            int row = off + r * stride, j = 0;
            for (; j < bound; j += F.length()) {
                FloatVector.fromArray(F, acc, at + j).lanewise(op, FloatVector.fromArray(F, a, row + j)).intoArray(acc, at + j);
            }
            for (; j < n; j++) acc[at + j] = max ? Math.max(acc[at + j], a[row + j]) : Math.min(acc[at + j], a[row + j]);
        }
    }

    private static void foldRows(VectorOperators.Binary op, double[] a, int off, int n, int stride, int rows, double[] acc, int at) {
        int bound = D.loopBound(n);
        boolean max = op == VectorOperators.MAX;
        for (int r = 0; r < rows; r++) {
            int row = off + r * stride, j = 0;
            for (; j < bound; j += D.length()) {
                DoubleVector.fromArray(D, acc, at + j).lanewise(op, DoubleVector.fromArray(D, a, row + j)).intoArray(acc, at + j);
            }
            for (; j < n; j++) acc[at + j] = max ? Math.max(acc[at + j], a[row + j]) : Math.min(acc[at + j], a[row + j]);
        }
    }
}
