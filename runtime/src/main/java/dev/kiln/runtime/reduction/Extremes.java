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
        return new Accumulator.Factory(num, slots -> new Values(out, slots, num, max));
    }

    /** Index-reporting extremes; {@code values} may be null (argmax). */
    static Accumulator.Factory indexed(TensorData values, TensorData indices, Num num, boolean max) {
        return new Accumulator.Factory(num, true, slots -> new Indexed(values, indices, slots, num, max));
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
                case float[] v -> f[slot] = Vec.extreme(max, v, off, n, f[slot]);
                case double[] v -> d[slot] = Vec.extreme(max, v, off, n, d[slot]);
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
                case float[] v -> Vec.extremeRows(max, v, off, n, rowStride, rows, f, slot);
                case double[] v -> Vec.extremeRows(max, v, off, n, rowStride, rows, d, slot);
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
            d = num == Num.I64 ? null : new double[slots];
            l = num == Num.I64 ? new long[slots] : null;
            idx = new long[slots];
            Arrays.fill(idx, -1);
        }

        /** Offers a value at a later index than the slot has seen: it wins if strictly better, or the first NaN. */
        private void offer(int slot, double v, long index) {
            double best = d[slot];
            if (idx[slot] < 0 || (best == best && (v != v || (max ? v > best : v < best)))) {
                d[slot] = v;
                idx[slot] = index;
            }
        }

        private void offer(int slot, long v, long index) {
            if (idx[slot] < 0 || (max ? v > l[slot] : v < l[slot])) {
                l[slot] = v;
                idx[slot] = index;
            }
        }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            switch (a) {
                case float[] v -> {
                    int p = Vec.argExtreme(max, v, off, n);
                    if (p >= 0) offer(slot, v[off + p], index + p);
                }
                case double[] v -> { for (int i = 0; i < n; i++) offer(slot, v[off + i], index + i); }
                default -> { long[] v = (long[]) a; for (int i = 0; i < n; i++) offer(slot, v[off + i], index + i); }
            }
        }

        @Override
        void rows(Object a, int off, int n, int rowStride, int rows, long index, int slot) {
            for (int r = 0; r < rows; r++) {
                int row = off + r * rowStride;
                switch (a) {
                    case float[] v -> { for (int j = 0; j < n; j++) offer(slot + j, v[row + j], index + r); }
                    case double[] v -> { for (int j = 0; j < n; j++) offer(slot + j, v[row + j], index + r); }
                    default -> { long[] v = (long[]) a; for (int j = 0; j < n; j++) offer(slot + j, v[row + j], index + r); }
                }
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            Indexed o = (Indexed) other;
            for (int i = 0; i < slots; i++) {
                if (o.idx[i] < 0) continue;
                if (d != null) offer(i, o.d[i], o.idx[i]);
                else offer(i, o.l[i], o.idx[i]);
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
