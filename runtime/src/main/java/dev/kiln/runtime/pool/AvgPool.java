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
     * The windows of outputs {@code [from, from + n)} of a plane (row-major; {@code outPlane} per plane): output
     * {@code from + k} sums the inputs at {@code taps[start[k]..start[k + 1])} (row-major) and divides by
     * {@code first[k]}, then by {@code second[k]} (1 unless adaptive; an output whose window is empty divides its zero
     * sum by 1). A plan holds at most {@link #TAPS} taps (or one output's): large windows take several plans.
     */
    record Plan(int inPlane, int outPlane, int from, int n, int[] start, int[] taps, long[] first, long[] second) {
        /** The plan of {@code g}'s outputs from {@code from}; {@code override} (0 for none) replaces a sliding window's count. */
        static Plan of(Grid g, long override, boolean adaptive, int from) {
            Grid.Axis rows = g.rows(), cols = g.cols();
            int ow = cols.size(), n = 0;
            long total = 0;
            for (int o = from; o < g.outPlane(); o++, n++) {
                long taps = (long) span(rows, o / ow) * span(cols, o % ow);
                if (n > 0 && total + taps > TAPS) break;
                total += taps;
            }
            int[] start = new int[n + 1], taps = new int[(int) total];
            long[] first = new long[n], second = new long[n];
            for (int k = 0, t = 0; k < n; k++) {
                int i = (from + k) / ow, j = (from + k) % ow;
                for (int r = rows.from()[i]; r < rows.to()[i]; r++) {
                    for (int c = cols.from()[j]; c < cols.to()[j]; c++) taps[t++] = r * g.inW() + c;
                }
                start[k + 1] = t;
                boolean empty = start[k] == t;
                first[k] = empty ? 1 : adaptive ? rows.count()[i] : override != 0 ? override : (long) rows.count()[i] * cols.count()[j];
                second[k] = empty || !adaptive ? 1 : cols.count()[j];
            }
            return new Plan(g.inPlane(), g.outPlane(), from, n, start, taps, first, second);
        }

        /** One past the last output this plan covers. */
        int end() { return from + n; }

        private static int span(Grid.Axis axis, int o) { return Math.max(0, axis.to()[o] - axis.from()[o]); }
    }

    /** The most taps one plan lists (4 MiB of offsets). */
    static final int TAPS = 1 << 20;

    /** Planes {@code [from, to)} of {@code x} (plane {@code p} at {@code off + p * inPlane}) into {@code y}. */
    static void forward(Object x, int off, Object y, Plan plan, int from, int to) {
        int[] start = plan.start(), taps = plan.taps();
        long[] first = plan.first(), second = plan.second();
        for (int p = from; p < to; p++) {
            int in = off + p * plan.inPlane(), o0 = p * plan.outPlane() + plan.from();
            switch (x) {
                case float[] a -> {
                    float[] b = (float[]) y;
                    for (int o = 0; o < plan.n(); o++) {
                        float sum = 0;
                        for (int t = start[o]; t < start[o + 1]; t++) sum += a[in + taps[t]];
                        b[o0 + o] = sum / first[o] / second[o];
                    }
                }
                case double[] a -> {
                    double[] b = (double[]) y;
                    for (int o = 0; o < plan.n(); o++) {
                        double sum = 0;
                        for (int t = start[o]; t < start[o + 1]; t++) sum += a[in + taps[t]];
                        b[o0 + o] = sum / first[o] / second[o];
                    }
                }
                case long[] a -> {
                    long[] b = (long[]) y;
                    for (int o = 0; o < plan.n(); o++) {
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
            int in = p * plan.inPlane(), o0 = off + p * plan.outPlane() + plan.from();
            switch (gx) {
                case float[] a -> {
                    float[] b = (float[]) gy;
                    for (int o = 0; o < plan.n(); o++) {
                        float delta = b[o0 + o] / first[o] / second[o];
                        for (int t = start[o]; t < start[o + 1]; t++) a[in + taps[t]] += delta;
                    }
                }
                case double[] a -> {
                    double[] b = (double[]) gy;
                    for (int o = 0; o < plan.n(); o++) {
                        double delta = b[o0 + o] / first[o] / second[o];
                        for (int t = start[o]; t < start[o + 1]; t++) a[in + taps[t]] += delta;
                    }
                }
                case long[] a -> {
                    long[] b = (long[]) gy;
                    for (int o = 0; o < plan.n(); o++) {
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
