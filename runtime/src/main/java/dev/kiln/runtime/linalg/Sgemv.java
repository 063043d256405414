package dev.kiln.runtime.linalg;

import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.vecmath.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix-vector product and dot product on strided operands, vectorised along whichever
 * dimension of the matrix is contiguous; other layouts read the vector through a contiguous copy.
 */
final class Sgemv {
    private Sgemv() {}

    private static final VectorSpecies<Float> S = Sgemm.S;
    private static final int L = S.length();
    /** Matrices with more elements than this are split over the worker pool. */
    private static final long PARALLEL_MIN = 1L << 16;

    /** {@code y[m] += alpha * A[m,k] @ x[k]}. */
    static void gemv(int m, int k, float alpha, float[] a, int ao, int rsa, int csa, float[] x, int xo, int incx,
                     float[] y, int yo, int incy, boolean parallel) {
        if (m == 0 || k == 0 || alpha == 0) return;
        long grain = parallel && (long) m * k >= PARALLEL_MIN ? Math.max(1, m / Parallel.getNumThreads()) : m;
        if (csa == 1) {
            float[] xs = incx == 1 ? x : gather(k, x, xo, incx);
            int xs0 = incx == 1 ? xo : 0;
            Parallel.forRange(m, grain, (s, e) -> {
                for (int i = (int) s; i < e; i++) y[yo + i * incy] += alpha * dot(k, a, ao + i * rsa, xs, xs0);
            });
        } else if (rsa == 1) {
            Parallel.forRange(m, grain, (s, e) -> {
                int i0 = (int) s, len = (int) (e - s);
                float[] acc = new float[len];
                for (int p = 0; p < k; p++) axpy(len, x[xo + p * incx], a, ao + i0 + p * csa, acc);
                for (int i = 0; i < len; i++) y[yo + (i0 + i) * incy] += alpha * acc[i];
            });
        } else {
            Parallel.forRange(m, grain, (s, e) -> {
                for (int i = (int) s; i < e; i++) y[yo + i * incy] += alpha * dot(k, a, ao + i * rsa, csa, x, xo, incx);
            });
        }
    }

    private static float[] gather(int n, float[] x, int xo, int incx) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) r[i] = x[xo + i * incx];
        return r;
    }

    /** {@code acc[0:n] += s * a[ao:ao+n]}. */
    private static void axpy(int n, float s, float[] a, int ao, float[] acc) {
        FloatVector vs = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            vs.fma(FloatVector.fromArray(S, a, ao + i), FloatVector.fromArray(S, acc, i)).intoArray(acc, i);
        }
        for (; i < n; i++) acc[i] += s * a[ao + i];
    }

    /** The dot product of two contiguous runs of length {@code n}, with four vector accumulators. */
    static float dot(int n, float[] a, int ao, float[] b, int bo) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
            s1 = FloatVector.fromArray(S, a, ao + i + L).fma(FloatVector.fromArray(S, b, bo + i + L), s1);
            s2 = FloatVector.fromArray(S, a, ao + i + 2 * L).fma(FloatVector.fromArray(S, b, bo + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, a, ao + i + 3 * L).fma(FloatVector.fromArray(S, b, bo + i + 3 * L), s3);
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
        }
        float s = Lanes.sum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    /** The dot product of two strided vectors of length {@code n}. */
    static float dot(int n, float[] a, int ao, int inca, float[] b, int bo, int incb) {
        if (inca == 1 && incb == 1) return dot(n, a, ao, b, bo);
        float s = 0;
        for (int i = 0; i < n; i++) s += a[ao + i * inca] * b[bo + i * incb];
        return s;
    }
}
