package dev.kiln.runtime.norm;

import dev.kiln.runtime.parallel.Parallel;

/**
 * Batch norm's loops over a dense tensor seen as {@code n} samples of {@code c} channels of {@code s} contiguous
 * elements; a channel is {@code n} runs of {@code s}. Statistics are two-pass (mean, then squared deviations from
 * the mean rounded to the element type, as PyTorch's CPU kernel) with double totals, and a channel's output is
 * written right after its statistics while its elements are still in cache. Work is split over channels.
 */
final class BatchNorm {
    private BatchNorm() {}

    /** Elements per piece of parallel work. */
    static final long GRAIN = 1 << 15;

    /** The layout: {@code n} samples, {@code c} channels, {@code s} elements per (sample, channel); arrays start at their offsets. */
    record Shape(int n, int c, int s) {
        long count() { return (long) n * s; }

        int run(int sample, int channel) { return (sample * c + channel) * s; }

        /** Channels per piece of parallel work. */
        long grain() { return Math.max(1, GRAIN / Math.max(1, count())); }
    }

    /** PyTorch's {@code InvStd}: {@code 1 / sqrt(var + eps)}, and 0 for a zero variance without epsilon. */
    static double invStd(double var, double eps) { return var == 0 && eps == 0 ? 0 : 1 / Math.sqrt(var + eps); }

    /**
     * Training: each channel's mean and sum of squared deviations into {@code mean} and {@code varSum}, and its
     * output {@code (x - mean) invstd * w + b} into {@code y}.
     */
    static void train(Runs runs, Object x, int xo, Object y, Shape sh, double[] w, double[] b, double eps, double[] mean, double[] varSum) {
        double count = sh.count();
        Parallel.forRange(sh.c(), sh.grain(), (c0, c1) -> {
            for (int ch = (int) c0; ch < c1; ch++) {
                double sum = 0;
                for (int q = 0; q < sh.n(); q++) sum += runs.sum(x, xo + sh.run(q, ch), sh.s());
                double m = runs.round(sum / count), dev = 0;
                for (int q = 0; q < sh.n(); q++) dev += runs.squaredDeviations(x, xo + sh.run(q, ch), sh.s(), m);
                mean[ch] = m;
                varSum[ch] = dev;
                double alpha = invStd(dev / count, eps) * w[ch];
                for (int q = 0; q < sh.n(); q++) runs.affine(x, xo + sh.run(q, ch), y, sh.run(q, ch), sh.s(), m, alpha, b[ch]);
            }
        });
    }

    /**
     * Evaluation: {@code y = (x - mean[c]) * alpha[c] + b[c]}, one run at a time; when runs are single elements, a
     * sample's row of channels at once as {@code x * alpha + (b - mean * alpha)}.
     */
    static void apply(Runs runs, Object x, int xo, Object y, Shape sh, double[] mean, double[] alpha, double[] b) {
        if (sh.s() == 1) {
            double[] shift = new double[sh.c()];
            for (int c = 0; c < shift.length; c++) shift[c] = b[c] - mean[c] * runs.round(alpha[c]);
            Object a = runs.array(alpha), sh0 = runs.array(shift);
            Parallel.forRange(sh.n(), Math.max(1, GRAIN / Math.max(1, sh.c())), (q0, q1) -> {
                for (int q = (int) q0; q < q1; q++) runs.affineRow(x, xo + q * sh.c(), y, q * sh.c(), sh.c(), 0, 1, a, sh0);
            });
            return;
        }
        Parallel.forRange((long) sh.n() * sh.c(), Math.max(1, GRAIN / sh.s()), (r0, r1) -> {
            for (long r = r0; r < r1; r++) {
                int ch = (int) (r % sh.c());
                runs.affine(x, xo + (int) r * sh.s(), y, (int) r * sh.s(), sh.s(), mean[ch], alpha[ch], b[ch]);
            }
        });
    }

    /**
     * The backward: each channel's {@code sum(dy)} into {@code sumDy} and {@code sum((x - mean) dy)} into {@code dot};
     * with {@code dx} non-null also the input gradient, which in training runs through the batch statistics
     * ({@code (dy - mean(dy) - (x - mean) dot invstd^2 / count) invstd w}) and in evaluation is {@code dy invstd w}.
     */
    static void backward(Runs runs, Object x, int xo, Object dy, int dyo, Object dx, Shape sh, double[] mean, double[] invstd, double[] w,
                         boolean train, double[] sumDy, double[] dot) {
        double count = sh.count();
        Parallel.forRange(sh.c(), sh.grain(), (c0, c1) -> {
            double[] acc = new double[2];
            for (int ch = (int) c0; ch < c1; ch++) {
                acc[0] = 0;
                acc[1] = 0;
                for (int q = 0; q < sh.n(); q++) runs.sums(x, xo + sh.run(q, ch), dy, dyo + sh.run(q, ch), null, sh.s(), mean[ch], acc);
                sumDy[ch] = acc[0];
                dot[ch] = acc[1];
                if (dx == null) continue;
                double scale = invstd[ch] * w[ch];
                if (!train) {
                    for (int q = 0; q < sh.n(); q++) runs.affine(dy, dyo + sh.run(q, ch), dx, sh.run(q, ch), sh.s(), 0, scale, 0);
                    continue;
                }
                double k = acc[1] * invstd[ch] * invstd[ch] / count, gradMean = acc[0] / count;
                for (int q = 0; q < sh.n(); q++) {
                    int r = sh.run(q, ch);
                    runs.combine(dy, dyo + r, x, xo + r, dx, r, sh.s(), scale, null, -k * scale, mean[ch], -gradMean * scale);
                }
            }
        });
    }
}
