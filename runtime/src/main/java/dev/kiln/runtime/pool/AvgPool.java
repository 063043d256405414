package dev.kiln.runtime.pool;

/**
 * Average pooling of dense planes in float, double or int64 (which divides as integers), and its backward pass, as
 * PyTorch's CPU kernels compute them: each output is the sum of its window (in the input's type, row-major) divided
 * by the divisor override, else by the window's count; an adaptive pooling divides by the rows' count, then by the
 * columns'. A window inside the padding only gives 0. The backward pass divides each output gradient the same way
 * and adds it to every input of its window. A {@link Plan} lists each output's window once for all planes.
 */
final class AvgPool {
    private AvgPool() {}

    /**
     * Each output's window in a plane: output {@code o} sums the inputs at {@code taps[start[o]..start[o + 1])}
     * (row-major) and divides by {@code first[o]}, then by {@code second[o]} (1 unless adaptive; an output whose
     * window is empty divides its zero sum by 1).
     */
    record Plan(int inPlane, int outPlane, int[] start, int[] taps, long[] first, long[] second) {
        /** The plan of {@code g}; {@code override} (0 for none) replaces a sliding window's count. */
        static Plan of(Grid g, long override, boolean adaptive) {
            Grid.Axis rows = g.rows(), cols = g.cols();
            int oh = rows.size(), ow = cols.size(), n = oh * ow, total = 0;
            int[] start = new int[n + 1];
            for (int i = 0, o = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    total += Math.max(0, rows.to()[i] - rows.from()[i]) * Math.max(0, cols.to()[j] - cols.from()[j]);
                    start[o + 1] = total;
                }
            }
            int[] taps = new int[total];
            long[] first = new long[n], second = new long[n];
            for (int i = 0, o = 0, t = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    for (int r = rows.from()[i]; r < rows.to()[i]; r++) {
                        for (int c = cols.from()[j]; c < cols.to()[j]; c++) taps[t++] = r * g.inW() + c;
                    }
                    boolean empty = start[o] == start[o + 1];
                    first[o] = empty ? 1 : adaptive ? rows.count()[i] : override != 0 ? override : (long) rows.count()[i] * cols.count()[j];
                    second[o] = empty || !adaptive ? 1 : cols.count()[j];
                }
            }
            return new Plan(g.inPlane(), n, start, taps, first, second);
        }
    }

    /** Planes {@code [from, to)} of {@code x} (plane {@code p} at {@code off + p * inPlane}) into {@code y}. */
    static void forward(Object x, int off, Object y, Plan plan, int from, int to) {
        int[] start = plan.start(), taps = plan.taps();
        long[] first = plan.first(), second = plan.second();
        for (int p = from; p < to; p++) {
            int in = off + p * plan.inPlane(), o0 = p * plan.outPlane();
            switch (x) {
                case float[] a -> {
                    float[] b = (float[]) y;
                    for (int o = 0; o < plan.outPlane(); o++) {
                        float sum = 0;
                        for (int t = start[o]; t < start[o + 1]; t++) sum += a[in + taps[t]];
                        b[o0 + o] = sum / first[o] / second[o];
                    }
                }
                case double[] a -> {
                    double[] b = (double[]) y;
                    for (int o = 0; o < plan.outPlane(); o++) {
                        double sum = 0;
                        for (int t = start[o]; t < start[o + 1]; t++) sum += a[in + taps[t]];
                        b[o0 + o] = sum / first[o] / second[o];
                    }
                }
                case long[] a -> {
                    long[] b = (long[]) y;
                    for (int o = 0; o < plan.outPlane(); o++) {
                        long sum = 0;
                        for (int t = start[o]; t < start[o + 1]; t++) sum += a[in + taps[t]];
                        b[o0 + o] = sum / first[o] / second[o];
                    }
                }
                default -> throw unsupported(x);
            }
        }
    }

    /** Planes {@code [from, to)} of the output gradient {@code gy} (plane {@code p} at {@code off + p * outPlane}) into {@code gx}. */
    static void backward(Object gy, int off, Object gx, Plan plan, int from, int to) {
        int[] start = plan.start(), taps = plan.taps();
        long[] first = plan.first(), second = plan.second();
        for (int p = from; p < to; p++) {
            int in = p * plan.inPlane(), o0 = off + p * plan.outPlane();
            switch (gx) {
                case float[] a -> {
                    float[] b = (float[]) gy;
                    for (int o = 0; o < plan.outPlane(); o++) {
                        float delta = b[o0 + o] / first[o] / second[o];
                        for (int t = start[o]; t < start[o + 1]; t++) a[in + taps[t]] += delta;
                    }
                }
                case double[] a -> {
                    double[] b = (double[]) gy;
                    for (int o = 0; o < plan.outPlane(); o++) {
                        double delta = b[o0 + o] / first[o] / second[o];
                        for (int t = start[o]; t < start[o + 1]; t++) a[in + taps[t]] += delta;
                    }
                }
                case long[] a -> {
                    long[] b = (long[]) gy;
                    for (int o = 0; o < plan.outPlane(); o++) {
                        long delta = b[o0 + o] / first[o] / second[o];
                        for (int t = start[o]; t < start[o + 1]; t++) a[in + taps[t]] += delta;
                    }
                }
                default -> throw unsupported(gx);
            }
        }
    }

    private static IllegalStateException unsupported(Object array) {
        return new IllegalStateException("average pooling computes in float, double or int64, not " + array.getClass().getSimpleName());
    }
}
