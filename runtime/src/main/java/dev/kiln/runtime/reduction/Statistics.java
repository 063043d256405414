package dev.kiln.runtime.reduction;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/**
 * The floating-point statistics, all accumulated in double: variance and standard deviation with the mean
 * (chunked two-pass moments merged with Chan's formula, Welford across rows), and logsumexp (a running
 * maximum with the sum of exponentials scaled to it, so a single pass cannot overflow).
 */
final class Statistics {
    private Statistics() {}

    /**
     * var/std into {@code out} ({@code sqrt} for std) and, if {@code meanOut} is not null, the mean; the divisor
     * is {@code max(0, n - correction)}, as in PyTorch.
     */
    static Accumulator.Factory moments(TensorData out, TensorData meanOut, long correction, boolean sqrt) {
        return new Accumulator.Factory(Num.F64, slots -> new Moments(out, meanOut, correction, sqrt, slots));
    }

    /** logsumexp of elements of {@code dtype}: float32 (and narrower) in float lanes, the rest in double. */
    static Accumulator.Factory logsumexp(TensorData out, DType dtype) {
        Num num = Num.of(dtype) == Num.F32 ? Num.F32 : Num.F64;
        return new Accumulator.Factory(num, slots -> new LogSumExp(out, slots));
    }

    private static final class Moments extends Accumulator {
        private final TensorData out, meanOut;
        private final long correction;
        private final boolean sqrt;
        private final long[] n;
        private final double[] mean, m2;

        Moments(TensorData out, TensorData meanOut, long correction, boolean sqrt, int slots) {
            this.out = out;
            this.meanOut = meanOut;
            this.correction = correction;
            this.sqrt = sqrt;
            n = new long[slots];
            mean = new double[slots];
            m2 = new double[slots];
        }

        /** Chan et al.'s merge of a partial (count, mean, sum of squared deviations) into a slot. */
        private void add(int slot, long nb, double mb, double qb) {
            long na = n[slot], nn = na + nb;
            if (nb == 0) return;
            double delta = mb - mean[slot];
            mean[slot] = na == 0 ? mb : mean[slot] + delta * nb / nn;
            m2[slot] = na == 0 ? qb : m2[slot] + qb + delta * delta * ((double) na * nb / nn);
            n[slot] = nn;
        }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            double[] v = (double[]) a;
            double mb = Vec.sum(v, off, n) / n;
            add(slot, n, mb, Vec.sumPowers(true, v, off, n, mb));
        }

        @Override
        void rows(Object a, int off, int w, int rowStride, int rows, long index, int slot) {
            double[] v = (double[]) a;
            for (int r = 0; r < rows; r++) {
                int row = off + r * rowStride;
                for (int j = 0; j < w; j++) {
                    int s = slot + j;
                    double x = v[row + j], delta = x - mean[s];
                    mean[s] += delta / ++n[s];
                    m2[s] += delta * (x - mean[s]);
                }
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            Moments o = (Moments) other;
            for (int i = 0; i < slots; i++) add(i, o.n[i], o.mean[i], o.m2[i]);
        }

        @Override
        void finish(int slots, long at) {
            double[] r = new double[slots];
            for (int i = 0; i < slots; i++) {
                double var = m2[i] / Math.max(0, n[i] - correction);
                r[i] = sqrt ? Math.sqrt(var) : var;
                if (n[i] == 0) mean[i] = Double.NaN;
            }
            Elems.store(r, slots, out, at);
            if (meanOut != null) Elems.store(mean, slots, meanOut, at);
        }
    }

    private static final class LogSumExp extends Accumulator {
        private final TensorData out;
        private final double[] max, sum;

        LogSumExp(TensorData out, int slots) {
            this.out = out;
            max = new double[slots];
            sum = new double[slots];
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        /** The shift exponentials are taken against: the maximum, or 0 when it is infinite (as PyTorch does). */
        private static double shift(double m) { return Double.isInfinite(m) ? 0 : m; }

        /** Merges a partial (maximum {@code m}, sum of exp(x - shift(m)) {@code s}) into a slot. */
        private void add(int slot, double m, double s) {
            double m0 = max[slot];
            if (m != m || m0 != m0) {
                max[slot] = Double.NaN;
                sum[slot] = Double.NaN;
            } else if (m <= m0) {
                if (s != 0) sum[slot] += s * Math.exp(shift(m) - shift(m0));
            } else {
                double s0 = sum[slot];
                sum[slot] = (s0 == 0 ? 0 : s0 * Math.exp(shift(m0) - shift(m))) + s;
                max[slot] = m;
            }
        }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            if (a instanceof float[] f) {
                float m = Vec.extreme(true, f, off, n, Float.NEGATIVE_INFINITY);
                add(slot, m, Vec.sumExp(f, off, n, (float) shift(m)));
            } else {
                double[] v = (double[]) a;
                double m = Vec.extreme(true, v, off, n, Double.NEGATIVE_INFINITY);
                add(slot, m, Vec.sumExp(v, off, n, shift(m)));
            }
        }

        @Override
        void rows(Object a, int off, int w, int rowStride, int rows, long index, int slot) {
            for (int r = 0; r < rows; r++) {
                int row = off + r * rowStride;
                for (int j = 0; j < w; j++) {
                    double x = a instanceof float[] f ? f[row + j] : ((double[]) a)[row + j];
                    add(slot + j, x, Math.exp(x - shift(x)));
                }
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            LogSumExp o = (LogSumExp) other;
            for (int i = 0; i < slots; i++) add(i, o.max[i], o.sum[i]);
        }

        @Override
        void finish(int slots, long at) {
            double[] r = new double[slots];
            for (int i = 0; i < slots; i++) r[i] = Math.log(sum[i]) + shift(max[i]);
            Elems.store(r, slots, out, at);
        }
    }
}
