package dev.kiln.runtime.norm;

import dev.kiln.runtime.parallel.Parallel;

/**
 * The loops of the normalizations whose statistics cover a contiguous row: layer norm (a row is the normalized
 * trailing dims, its weight per element) and group norm (a row is one sample's group of {@code d} channels of
 * {@code s} elements, its weight per channel). Statistics are two-pass with double totals; rows are split over the
 * worker pool.
 */
final class RowNorm {
    private RowNorm() {}

    /** The rows per piece of parallel work. */
    private static long grain(long rowLength) { return Math.max(1, BatchNorm.GRAIN / Math.max(1, rowLength)); }

    /**
     * A row's mean (rounded to the element type) and reciprocal deviation {@code 1 / sqrt(max(var, 0) + eps)} into
     * {@code stats[0..1]}; an empty row has mean 0 and deviation NaN, as PyTorch's moments give.
     */
    private static void moments(Runs runs, Object x, int off, int n, double eps, double[] stats) {
        double m = n == 0 ? 0 : runs.round(runs.sum(x, off, n) / n);
        double var = runs.squaredDeviations(x, off, n, m) / n;
        stats[0] = m;
        stats[1] = 1 / Math.sqrt(Math.max(var, 0) + eps);
        if (n == 0) stats[1] = Double.NaN;
    }

    /** Layer norm of {@code m} rows of {@code k}: {@code y = (x - mean) rstd * gamma + beta}; each row's statistics into mean, rstd. */
    static void layerForward(Runs runs, Object x, int xo, Object y, int m, int k, double eps, Object gamma, Object beta, double[] mean,
                             double[] rstd) {
        Parallel.forRange(m, grain(k), (r0, r1) -> {
            double[] st = new double[2];
            for (int r = (int) r0; r < r1; r++) {
                moments(runs, x, xo + r * k, k, eps, st);
                mean[r] = st[0];
                rstd[r] = st[1];
                runs.affineRow(x, xo + r * k, y, r * k, k, st[0], st[1], gamma, beta);
            }
        });
    }

    /**
     * Layer norm's backward over {@code m} rows of {@code k}: with {@code dx} non-null the input gradient
     * {@code rstd gamma dy + c2 (x - mean) + c3} (c2, c3 from the row's {@code sum(dy gamma (x - mean))} and
     * {@code sum(dy gamma)}); with {@code dGamma} non-null the weight and bias gradients, column sums accumulated in
     * the element type over blocks of {@value #BLOCK_ROWS} rows, whose totals are added in double in block order (so
     * that they do not depend on how the rows were split over threads).
     */
    static void layerBackward(Runs runs, Object x, int xo, Object dy, int dyo, Object dx, int m, int k, Object gamma, double[] mean,
                              double[] rstd, double[] dGamma, double[] dBeta) {
        int blocks = (m + BLOCK_ROWS - 1) / BLOCK_ROWS, cols = dGamma == null ? 0 : k;
        double[][] blockGamma = new double[blocks][], blockBeta = new double[blocks][];
        Parallel.forRange(blocks, grain((long) k * BLOCK_ROWS), (b0, b1) -> {
            double[] acc = new double[2];
            Object colGamma = runs.filled(cols, 0), colBeta = runs.filled(cols, 0);
            for (int blk = (int) b0; blk < b1; blk++) {
                for (int r = blk * BLOCK_ROWS; r < Math.min(m, (blk + 1) * BLOCK_ROWS); r++) {
                    int xr = xo + r * k, gr = dyo + r * k;
                    double mu = mean[r], rs = rstd[r];
                    if (dx != null) {
                        acc[0] = 0;
                        acc[1] = 0;
                        runs.sums(x, xr, dy, gr, gamma, k, mu, acc);
                        runs.combine(dy, gr, x, xr, dx, r * k, k, rs, gamma, -acc[1] * rs * rs * rs / k, mu, -acc[0] * rs / k);
                    }
                    if (cols > 0) runs.accumulateColumns(x, xr, dy, gr, k, mu, rs, colGamma, colBeta);
                }
                if (cols == 0) continue;
                blockGamma[blk] = new double[cols];
                blockBeta[blk] = new double[cols];
                runs.flush(colGamma, blockGamma[blk]);
                runs.flush(colBeta, blockBeta[blk]);
            }
        });
        for (int blk = 0; blk < blocks && cols > 0; blk++) {
            for (int j = 0; j < k; j++) {
                dGamma[j] += blockGamma[blk][j];
                dBeta[j] += blockBeta[blk][j];
            }
        }
    }

    private static final int BLOCK_ROWS = 64;

    /** A group norm's layout: {@code n} samples of {@code g} groups of {@code d} channels of {@code s} elements. */
    record Groups(int n, int g, int d, int s) {
        int rows() { return n * g; }

        int rowLength() { return d * s; }

        /** The channel of the {@code j}-th channel of row {@code row}'s group. */
        int channel(int row, int j) { return (row % g) * d + j; }
    }

    /**
     * Group norm: each row's statistics into mean, rstd, and {@code y = (x - mean) rstd w[c] + b[c]} per channel (one
     * run over the row when there is no weight or bias).
     */
    static void groupForward(Runs runs, Object x, int xo, Object y, Groups gs, double eps, double[] w, double[] b, double[] mean,
                             double[] rstd) {
        int len = gs.rowLength();
        Parallel.forRange(gs.rows(), grain(len), (r0, r1) -> {
            double[] st = new double[2];
            for (int r = (int) r0; r < r1; r++) {
                moments(runs, x, xo + r * len, len, eps, st);
                mean[r] = st[0];
                rstd[r] = st[1];
                if (w == null && b == null) {
                    runs.affine(x, xo + r * len, y, r * len, len, st[0], st[1], 0);
                    continue;
                }
                for (int j = 0; j < gs.d(); j++) {
                    int c = gs.channel(r, j), at = r * len + j * gs.s();
                    runs.affine(x, xo + at, y, at, gs.s(), st[0], st[1] * (w == null ? 1 : w[c]), b == null ? 0 : b[c]);
                }
            }
        });
    }

    /**
     * Group norm's backward: per (sample, channel) {@code ds = sum(dy (x - mean))} and {@code db = sum(dy)}; with
     * {@code dx} non-null the input gradient {@code rstd w[c] dy + c2 (x - mean) + c3}; the weight and bias gradients,
     * where asked for, from ds and db.
     */
    static void groupBackward(Runs runs, Object x, int xo, Object dy, int dyo, Object dx, Groups gs, double[] w, double[] mean,
                              double[] rstd, double[] dGamma, double[] dBeta) {
        int len = gs.rowLength(), channels = gs.g() * gs.d();
        double[] ds = new double[gs.n() * channels], db = new double[ds.length];
        Parallel.forRange(gs.rows(), grain(len), (r0, r1) -> {
            double[] acc = new double[2];
            for (int r = (int) r0; r < r1; r++) {
                double dsw = 0, dbw = 0, mu = mean[r], rs = rstd[r];
                for (int j = 0; j < gs.d(); j++) {
                    int at = r * len + j * gs.s(), c = gs.channel(r, j), nc = (r / gs.g()) * channels + c;
                    acc[0] = 0;
                    acc[1] = 0;
                    runs.sums(x, xo + at, dy, dyo + at, null, gs.s(), mu, acc);
                    db[nc] = acc[0];
                    ds[nc] = acc[1];
                    double wc = w == null ? 1 : w[c];
                    dsw += acc[1] * wc;
                    dbw += acc[0] * wc;
                }
                if (dx == null) continue;
                double c2 = -dsw * rs * rs * rs / len, c3 = -dbw * rs / len;
                for (int j = 0; j < gs.d(); j++) {
                    int at = r * len + j * gs.s();
                    runs.combine(dy, dyo + at, x, xo + at, dx, at, gs.s(), rs * (w == null ? 1 : w[gs.channel(r, j)]), null, c2, mu, c3);
                }
            }
        });
        if (dGamma == null && dBeta == null) return;
        for (int q = 0; q < gs.n(); q++) {
            for (int c = 0; c < channels; c++) {
                int row = q * gs.g() + c / gs.d(), nc = q * channels + c;
                if (dGamma != null) dGamma[c] += ds[nc] * rstd[row];
                if (dBeta != null) dBeta[c] += db[nc];
            }
        }
    }
}
