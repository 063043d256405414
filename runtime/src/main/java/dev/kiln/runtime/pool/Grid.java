package dev.kiln.runtime.pool;

/**
 * Where the outputs of a 2-D pooling read their plane ({@code inH x inW}, row-major): for each output row the
 * input rows, for each output column the input columns, planned once per call and shared by all planes.
 */
record Grid(int inH, int inW, Axis rows, Axis cols) {
    /**
     * One spatial axis: output position {@code o} reads inputs {@code from[o], from[o] + step, ...} below {@code to[o]}
     * (an empty range where its window lies in the padding), and an average over it divides by {@code count[o]} (null
     * for a max pooling). A sliding window of {@code kernel} positions moves by {@code stride} (both 0 for an adaptive
     * pooling).
     */
    record Axis(int[] from, int[] to, int[] count, int step, int stride, int kernel) {
        int size() { return from.length; }

        /**
         * A max pooling's window (PyTorch's {@code cpu_max_pool}): starts at {@code o * s - p}, moved into the input by
         * whole dilations, and ends after {@code (k - 1) * d + 1} positions or at the input's end.
         */
        static Axis maxWindow(int in, int out, int k, int s, int p, int d) {
            int[] from = new int[out], to = new int[out];
            for (int o = 0; o < out; o++) {
                int start = o * s - p;
                to[o] = Math.min(start + (k - 1) * d + 1, in);
                while (start < 0) start += d;
                from[o] = start;
            }
            return new Axis(from, to, null, d, s, k);
        }

        /**
         * An average pooling's window (PyTorch's {@code cpu_avg_pool}): {@code k} positions from {@code o * s - p}, cut
         * at the end of the padding; it sums those inside the input and counts the padding too where
         * {@code countPad}.
         */
        static Axis avgWindow(int in, int out, int k, int s, int p, boolean countPad) {
            int[] from = new int[out], to = new int[out], count = new int[out];
            for (int o = 0; o < out; o++) {
                int start = o * s - p, end = Math.min(start + k, in + p);
                from[o] = Math.max(start, 0);
                to[o] = Math.min(end, in);
                count[o] = countPad ? end - start : to[o] - from[o];
            }
            return new Axis(from, to, count, 1, s, k);
        }

        /** An adaptive pooling's window: from {@code floor(o * in / out)} to {@code ceil((o + 1) * in / out)}. */
        static Axis adaptive(int in, int out) {
            int[] from = new int[out], to = new int[out], count = new int[out];
            for (int o = 0; o < out; o++) {
                from[o] = (int) ((long) o * in / out);
                to[o] = (int) ((((long) o + 1) * in + out - 1) / out);
                count[o] = to[o] - from[o];
            }
            return new Axis(from, to, count, 1, 0, 0);
        }

        /**
         * The outputs {@code [lo, hi)} whose windows lie wholly inside the input (none clipped by the padding): their
         * {@code from} are consecutive multiples of the stride apart. Empty for an adaptive pooling.
         */
        int[] interior() {
            int full = (kernel - 1) * step + 1, lo = 0;
            while (lo < size() && (kernel == 0 || to[lo] - from[lo] != full)) lo++;
            int hi = lo;
            while (hi < size() && to[hi] - from[hi] == full) hi++;
            return new int[]{lo, hi};
        }

        /** The most positions one window reads. */
        int widest() {
            int w = 0;
            for (int o = 0; o < from.length; o++) w = Math.max(w, (to[o] - from[o] + step - 1) / step);
            return w;
        }
    }

    int inPlane() { return inH * inW; }

    int outPlane() { return rows.size() * cols.size(); }

    /** An upper bound of the elements one plane's outputs read, for splitting work. */
    long work() { return (long) outPlane() * Math.max(1, rows.widest()) * Math.max(1, cols.widest()); }
}
