package dev.kiln.runtime.reduction;

import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/**
 * Maxima and minima: values only (max(), amax, ...: vectorised for float kinds, NaN propagates), and values
 * with their index (max.dim, argmax, ...: the first extreme in index order, or the first NaN, as PyTorch).
 */
final class Extremes {
    private Extremes() {}

    static Accumulator.Factory values(TensorData out, Num num, boolean max) {
        return new Accumulator.Factory() {
            @Override
            public Num num() { return num; }

            @Override
            public Accumulator create(int slots) { return new Values(out, slots, num, max); }
        };
    }

    /** Index-reporting extremes over float64 or int64 values; {@code values} may be null (argmax). */
    static Accumulator.Factory indexed(TensorData values, TensorData indices, Num num, boolean max) {
        return new Accumulator.Factory() {
            @Override
            public Num num() { return num; }

            @Override
            public boolean ordered() { return true; }

            @Override
            public Accumulator create(int slots) { return new Indexed(values, indices, slots, num, max); }
        };
    }

    private static final class Values extends Accumulator {
        private final TensorData out;
        private final boolean max;
        private final float[] f;
        private final double[] d;
        private final long[] l;

        Values(TensorData out, int slots, Num num, boolean max) {
            this.out = out;
            this.max = max;
            f = num == Num.F32 ? new float[slots] : null;
            d = num == Num.F64 ? new double[slots] : null;
            l = num == Num.I64 ? new long[slots] : null;
            if (f != null) Arrays.fill(f, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
            if (d != null) Arrays.fill(d, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            if (l != null) Arrays.fill(l, max ? Long.MIN_VALUE : Long.MAX_VALUE);
        }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            switch (a) {
                case float[] v -> f[slot] = max ? Vec.max(v, off, n, f[slot]) : Vec.min(v, off, n, f[slot]);
                case double[] v -> d[slot] = max ? Vec.max(v, off, n, d[slot]) : Vec.min(v, off, n, d[slot]);
                default -> {
                    long[] v = (long[]) a;
                    long m = l[slot];
                    if (max) for (int i = 0; i < n; i++) m = Math.max(m, v[off + i]);
                    else for (int i = 0; i < n; i++) m = Math.min(m, v[off + i]);
                    l[slot] = m;
                }
            }
        }

        @Override
        void rows(Object a, int off, int n, int rowStride, int rows, long index, int slot) {
            switch (a) {
                case float[] v -> {
                    if (max) Vec.maxRows(v, off, n, rowStride, rows, f, slot);
                    else Vec.minRows(v, off, n, rowStride, rows, f, slot);
                }
                case double[] v -> {
                    if (max) Vec.maxRows(v, off, n, rowStride, rows, d, slot);
                    else Vec.minRows(v, off, n, rowStride, rows, d, slot);
                }
                default -> {
                    long[] v = (long[]) a;
                    for (int r = 0; r < rows; r++) {
                        int row = off + r * rowStride;
                        if (max) for (int j = 0; j < n; j++) l[slot + j] = Math.max(l[slot + j], v[row + j]);
                        else for (int j = 0; j < n; j++) l[slot + j] = Math.min(l[slot + j], v[row + j]);
                    }
                }
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            Values o = (Values) other;
            for (int i = 0; i < slots; i++) {
                if (f != null) f[i] = max ? Math.max(f[i], o.f[i]) : Math.min(f[i], o.f[i]);
                if (d != null) d[i] = max ? Math.max(d[i], o.d[i]) : Math.min(d[i], o.d[i]);
                if (l != null) l[i] = max ? Math.max(l[i], o.l[i]) : Math.min(l[i], o.l[i]);
            }
        }

        @Override
        void finish(int slots, long at) {
            if (f != null) Elems.store(f, slots, out, at);
            if (d != null) Elems.store(d, slots, out, at);
            if (l != null) Elems.store(l, slots, out, at);
        }
    }

    private static final class Indexed extends Accumulator {
        private final TensorData values, indices;
        private final boolean max;
        private final double[] d;
        private final long[] l;
        private final long[] idx;

        Indexed(TensorData values, TensorData indices, int slots, Num num, boolean max) {
            this.values = values;
            this.indices = indices;
            this.max = max;
            d = num == Num.F64 ? new double[slots] : null;
            l = num == Num.I64 ? new long[slots] : null;
            idx = new long[slots];
            Arrays.fill(idx, -1);
        }

        /** Whether a value at a later index replaces the current best: a strictly better value, or the first NaN. */
        private boolean takes(double v, double best) { return v != v || (max ? v > best : v < best); }

        private boolean takes(long v, long best) { return max ? v > best : v < best; }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            long bi = idx[slot];
            if (a instanceof double[] v) {
                double best = d[slot];
                if (bi >= 0 && best != best) return;
                for (int i = 0; i < n; i++) {
                    double x = v[off + i];
                    if (bi < 0 || takes(x, best)) {
                        best = x;
                        bi = index + i;
                        if (x != x) break;
                    }
                }
                d[slot] = best;
            } else {
                long[] v = (long[]) a;
                long best = l[slot];
                for (int i = 0; i < n; i++) {
                    if (bi < 0 || takes(v[off + i], best)) {
                        best = v[off + i];
                        bi = index + i;
                    }
                }
                l[slot] = best;
            }
            idx[slot] = bi;
        }

        @Override
        void rows(Object a, int off, int n, int rowStride, int rows, long index, int slot) {
            for (int r = 0; r < rows; r++) {
                int row = off + r * rowStride;
                for (int j = 0; j < n; j++) {
                    int s = slot + j;
                    boolean take;
                    if (a instanceof double[] v) {
                        take = idx[s] < 0 || (d[s] == d[s] && takes(v[row + j], d[s]));
                        if (take) d[s] = v[row + j];
                    } else {
                        long x = ((long[]) a)[row + j];
                        take = idx[s] < 0 || takes(x, l[s]);
                        if (take) l[s] = x;
                    }
                    if (take) idx[s] = index + r;
                }
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            Indexed o = (Indexed) other;
            for (int i = 0; i < slots; i++) {
                if (o.idx[i] < 0) continue;
                boolean take = idx[i] < 0 || (d != null ? d[i] == d[i] && takes(o.d[i], d[i]) : takes(o.l[i], l[i]));
                if (!take) continue;
                idx[i] = o.idx[i];
                if (d != null) d[i] = o.d[i];
                else l[i] = o.l[i];
            }
        }

        @Override
        void finish(int slots, long at) {
            if (values != null && d != null) Elems.store(d, slots, values, at);
            if (values != null && l != null) Elems.store(l, slots, values, at);
            Elems.store(idx, slots, indices, at);
        }
    }
}
