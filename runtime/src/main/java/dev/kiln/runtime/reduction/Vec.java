package dev.kiln.runtime.reduction;

import dev.kiln.runtime.vecmath.FloatMath;
import dev.kiln.runtime.vecmath.Lanes;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of the hot reductions: sums, maxima and minima of contiguous runs (four independent
 * accumulators) and the same folds across rows. A max/min fold takes the choice as a loop-invariant flag,
 * which C2 unswitches. Maxima and minima propagate NaN, as {@link Math#max} does.
 */
final class Vec {
    private Vec() {}

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    /** Elements per lane a float sum adds before its partial is flushed into the double total. */
    private static final int FLUSH = 64;

    /** The sum of {@code a[off..off+n)}: float lanes over blocks of {@value #FLUSH} per lane, blocks added in double. */
    static double sum(float[] a, int off, int n) {
        int l = F.length(), block = FLUSH * 4 * l;
        double total = 0;
        int i = 0;
        if (n < l) {
            float s = 0;
            for (; i < n; i++) s += a[off + i];
            return s;
        }
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
            float part = Lanes.sum(s0.add(s1).add(s2.add(s3)));
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
        double total = Lanes.sum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) total += a[off + i];
        return total;
    }

    /** The sum of {@code f(a[i] - center)} over {@code a[off..off+n)}, where f is the square ({@code square}) or |x|. */
    static double sumPowers(boolean square, double[] a, int off, int n, double center) {
        int l = D.length(), i = 0;
        DoubleVector c = DoubleVector.broadcast(D, center), s0 = DoubleVector.zero(D), s1 = s0;
        for (; i <= n - 2 * l; i += 2 * l) {
            DoubleVector e0 = DoubleVector.fromArray(D, a, off + i).sub(c), e1 = DoubleVector.fromArray(D, a, off + i + l).sub(c);
            s0 = square ? e0.fma(e0, s0) : s0.add(e0.abs());
            s1 = square ? e1.fma(e1, s1) : s1.add(e1.abs());
        }
        double total = Lanes.sum(s0.add(s1));
        for (; i < n; i++) {
            double e = a[off + i] - center;
            total += square ? e * e : Math.abs(e);
        }
        return total;
    }

    /** The sum of {@code a[i]²} ({@code square}) or {@code |a[i]|} over {@code a[off..off+n)}, in float lanes. */
    static double sumPowers(boolean square, float[] a, int off, int n) {
        int l = F.length(), i = 0;
        FloatVector s0 = FloatVector.zero(F), s1 = s0;
        for (; i <= n - 2 * l; i += 2 * l) {
            FloatVector e0 = FloatVector.fromArray(F, a, off + i), e1 = FloatVector.fromArray(F, a, off + i + l);
            s0 = square ? e0.fma(e0, s0) : s0.add(e0.abs());
            s1 = square ? e1.fma(e1, s1) : s1.add(e1.abs());
        }
        double total = Lanes.sum(s0.add(s1));
        for (; i < n; i++) total += square ? a[off + i] * a[off + i] : Math.abs(a[off + i]);
        return total;
    }

    /** The sum of {@code exp(a[i] - shift)} over {@code a[off..off+n)}, in float lanes ({@link FloatMath#exp}). */
    static double sumExp(float[] a, int off, int n, float shift) {
        int l = F.length(), i = 0;
        FloatVector k = FloatVector.broadcast(F, shift), s = FloatVector.zero(F);
        for (; i <= n - l; i += l) s = s.add(FloatMath.exp(FloatVector.fromArray(F, a, off + i).sub(k)));
        double total = Lanes.sum(s);
        for (; i < n; i++) total += Math.exp(a[off + i] - shift);
        return total;
    }

    /** The sum of {@code exp(a[i] - shift)} over {@code a[off..off+n)} ({@link Math#exp}: the same in every JIT tier). */
    static double sumExp(double[] a, int off, int n, double shift) {
        double s0 = 0, s1 = 0;
        int i = 0;
        for (; i < n - 1; i += 2) {
            s0 += Math.exp(a[off + i] - shift);
            s1 += Math.exp(a[off + i + 1] - shift);
        }
        if (i < n) s0 += Math.exp(a[off + i] - shift);
        return s0 + s1;
    }

    /**
     * The position in {@code a[off..off+n)} of the first maximum ({@code max}) or minimum, or of the first NaN;
     * lanes track their own best value and position, then the lanes are reduced in index order.
     */
    static int argExtreme(boolean max, float[] a, int off, int n) {
        int l = F.length(), i = 0, at = -1;
        float b = 0;
        if (n >= l) {
            IntVector iota = IntVector.zero(I).addIndex(1), pos = iota;
            FloatVector best = FloatVector.fromArray(F, a, off);
            for (i = l; i <= n - l; i += l) {
                FloatVector v = FloatVector.fromArray(F, a, off + i);
                VectorMask<Float> take = v.compare(max ? VectorOperators.GT : VectorOperators.LT, best)
                        .or(v.test(VectorOperators.IS_NAN)).andNot(best.test(VectorOperators.IS_NAN));
                best = best.blend(v, take);
                pos = pos.blend(iota.add(i), take.cast(I));
            }
            for (int lane = 0; lane < l; lane++) {
                int p = pos.lane(lane);
                float v = best.lane(lane);
                boolean tie = v == b || (v != v && b != b);
                if (at < 0 || (b == b && (v != v || (max ? v > b : v < b))) || (tie && p < at)) {
                    at = p;
                    b = v;
                }
            }
        }
        for (; i < n; i++) {
            float v = a[off + i];
            if (at < 0 || (b == b && (v != v || (max ? v > b : v < b)))) {
                at = i;
                b = v;
            }
        }
        return at;
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

    /** The maximum ({@code max}) or minimum of {@code init} and {@code a[off..off+n)}; NaN wins. */
    static float extreme(boolean max, float[] a, int off, int n, float init) {
        int l = F.length(), i = 0;
        FloatVector m0 = FloatVector.broadcast(F, init), m1 = m0, m2 = m0, m3 = m0;
        for (; i <= n - 4 * l; i += 4 * l) {
            m0 = pick(max, m0, FloatVector.fromArray(F, a, off + i));
            m1 = pick(max, m1, FloatVector.fromArray(F, a, off + i + l));
            m2 = pick(max, m2, FloatVector.fromArray(F, a, off + i + 2 * l));
            m3 = pick(max, m3, FloatVector.fromArray(F, a, off + i + 3 * l));
        }
        for (; i <= n - l; i += l) m0 = pick(max, m0, FloatVector.fromArray(F, a, off + i));
        FloatVector m = pick(max, pick(max, m0, m1), pick(max, m2, m3));
        float r = m.reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
        for (; i < n; i++) r = max ? Math.max(r, a[off + i]) : Math.min(r, a[off + i]);
        return r;
    }

    static double extreme(boolean max, double[] a, int off, int n, double init) {
        int l = D.length(), i = 0;
        DoubleVector m0 = DoubleVector.broadcast(D, init), m1 = m0;
        for (; i <= n - 2 * l; i += 2 * l) {
            m0 = pick(max, m0, DoubleVector.fromArray(D, a, off + i));
            m1 = pick(max, m1, DoubleVector.fromArray(D, a, off + i + l));
        }
        double r = pick(max, m0, m1).reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
        for (; i < n; i++) r = max ? Math.max(r, a[off + i]) : Math.min(r, a[off + i]);
        return r;
    }

    /** {@code acc[at+j] = max(acc[at+j], a[off + r*stride + j])} (or min) over rows {@code r < rows}, {@code j < n}. */
    static void extremeRows(boolean max, float[] a, int off, int n, int stride, int rows, float[] acc, int at) {
        int bound = F.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int row = off + r * stride, j = 0;
            for (; j < bound; j += F.length()) {
                pick(max, FloatVector.fromArray(F, acc, at + j), FloatVector.fromArray(F, a, row + j)).intoArray(acc, at + j);
            }
            for (; j < n; j++) acc[at + j] = max ? Math.max(acc[at + j], a[row + j]) : Math.min(acc[at + j], a[row + j]);
        }
    }

    static void extremeRows(boolean max, double[] a, int off, int n, int stride, int rows, double[] acc, int at) {
        int bound = D.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int row = off + r * stride, j = 0;
            for (; j < bound; j += D.length()) {
                pick(max, DoubleVector.fromArray(D, acc, at + j), DoubleVector.fromArray(D, a, row + j)).intoArray(acc, at + j);
            }
            for (; j < n; j++) acc[at + j] = max ? Math.max(acc[at + j], a[row + j]) : Math.min(acc[at + j], a[row + j]);
        }
    }

    private static FloatVector pick(boolean max, FloatVector a, FloatVector b) { return max ? a.max(b) : a.min(b); }

    private static DoubleVector pick(boolean max, DoubleVector a, DoubleVector b) { return max ? a.max(b) : a.min(b); }
}
