package dev.kiln.runtime.pool;

/**
 * Average pooling of dense planes in float, double or int64 (which divides as integers), and its backward pass, as
 * PyTorch's CPU kernels compute them: each output is the sum of its window (in the input's type, row-major) divided
 * by the divisor override, else by the window's count; an adaptive pooling divides by the rows' count, then by the
 * columns'. A window inside the padding only gives 0. The backward pass divides each output gradient the same way
 * and adds it to every input of the window. Plane {@code p} of the input starts at {@code off + p * inPlane}, of
 * the outputs at {@code p * outPlane} (for the backward pass, of the output gradient at {@code off + p * outPlane}).
 */
final class AvgPool {
    private AvgPool() {}

    /** How outputs are divided: by {@code divisor} unless 0, else by the window's count, or for an adaptive pooling in two steps. */
    record Divisor(long override, boolean adaptive) {}

    static void forward(Object x, int off, Object y, Grid g, Divisor d, int from, int to) {
        switch (x) {
            case float[] f -> forward(f, off, (float[]) y, g, d, from, to);
            case double[] f -> forward(f, off, (double[]) y, g, d, from, to);
            case long[] f -> forward(f, off, (long[]) y, g, d, from, to);
            default -> throw unsupported(x);
        }
    }

    static void backward(Object gy, int off, Object gx, Grid g, Divisor d, int from, int to) {
        switch (gx) {
            case float[] f -> backward((float[]) gy, off, f, g, d, from, to);
            case double[] f -> backward((double[]) gy, off, f, g, d, from, to);
            case long[] f -> backward((long[]) gy, off, f, g, d, from, to);
            default -> throw unsupported(gx);
        }
    }

    private static void forward(float[] x, int off, float[] y, Grid g, Divisor d, int from, int to) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), oh = rows.size(), ow = cols.size();
        for (int p = from; p < to; p++) {
            int in = off + p * g.inPlane(), o = p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    if (empty(g, i, j)) continue;
                    float sum = 0;
                    for (int r = rows.from()[i]; r < rows.to()[i]; r++) {
                        for (int at = in + r * w + cols.from()[j], end = in + r * w + cols.to()[j]; at < end; at++) sum += x[at];
                    }
                    y[o] = d.adaptive() ? sum / rows.count()[i] / cols.count()[j] : sum / factor(g, d, i, j);
                }
            }
        }
    }

    private static void forward(double[] x, int off, double[] y, Grid g, Divisor d, int from, int to) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), oh = rows.size(), ow = cols.size();
        for (int p = from; p < to; p++) {
            int in = off + p * g.inPlane(), o = p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    if (empty(g, i, j)) continue;
                    double sum = 0;
                    for (int r = rows.from()[i]; r < rows.to()[i]; r++) {
                        for (int at = in + r * w + cols.from()[j], end = in + r * w + cols.to()[j]; at < end; at++) sum += x[at];
                    }
                    y[o] = d.adaptive() ? sum / rows.count()[i] / cols.count()[j] : sum / factor(g, d, i, j);
                }
            }
        }
    }

    private static void forward(long[] x, int off, long[] y, Grid g, Divisor d, int from, int to) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), oh = rows.size(), ow = cols.size();
        for (int p = from; p < to; p++) {
            int in = off + p * g.inPlane(), o = p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    if (empty(g, i, j)) continue;
                    long sum = 0;
                    for (int r = rows.from()[i]; r < rows.to()[i]; r++) {
                        for (int at = in + r * w + cols.from()[j], end = in + r * w + cols.to()[j]; at < end; at++) sum += x[at];
                    }
                    y[o] = sum / factor(g, d, i, j);
                }
            }
        }
    }

    private static void backward(float[] gy, int off, float[] gx, Grid g, Divisor d, int from, int to) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), oh = rows.size(), ow = cols.size();
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane(), o = off + p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    if (empty(g, i, j)) continue;
                    float delta = d.adaptive() ? gy[o] / rows.count()[i] / cols.count()[j] : gy[o] / factor(g, d, i, j);
                    for (int r = rows.from()[i]; r < rows.to()[i]; r++) {
                        for (int at = in + r * w + cols.from()[j], end = in + r * w + cols.to()[j]; at < end; at++) gx[at] += delta;
                    }
                }
            }
        }
    }

    private static void backward(double[] gy, int off, double[] gx, Grid g, Divisor d, int from, int to) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), oh = rows.size(), ow = cols.size();
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane(), o = off + p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    if (empty(g, i, j)) continue;
                    double delta = d.adaptive() ? gy[o] / rows.count()[i] / cols.count()[j] : gy[o] / factor(g, d, i, j);
                    for (int r = rows.from()[i]; r < rows.to()[i]; r++) {
                        for (int at = in + r * w + cols.from()[j], end = in + r * w + cols.to()[j]; at < end; at++) gx[at] += delta;
                    }
                }
            }
        }
    }

    private static void backward(long[] gy, int off, long[] gx, Grid g, Divisor d, int from, int to) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), oh = rows.size(), ow = cols.size();
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane(), o = off + p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    if (empty(g, i, j)) continue;
                    long delta = gy[o] / factor(g, d, i, j);
                    for (int r = rows.from()[i]; r < rows.to()[i]; r++) {
                        for (int at = in + r * w + cols.from()[j], end = in + r * w + cols.to()[j]; at < end; at++) gx[at] += delta;
                    }
                }
            }
        }
    }

    private static boolean empty(Grid g, int i, int j) {
        return g.rows().from()[i] >= g.rows().to()[i] || g.cols().from()[j] >= g.cols().to()[j];
    }

    private static long factor(Grid g, Divisor d, int i, int j) {
        return d.override() != 0 ? d.override() : (long) g.rows().count()[i] * g.cols().count()[j];
    }

    private static IllegalStateException unsupported(Object array) {
        return new IllegalStateException("average pooling computes in float, double or int64, not " + array.getClass().getSimpleName());
    }
}
