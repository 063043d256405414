package dev.kiln.runtime.reduction;

import dev.kiln.runtime.memory.TensorData;

/**
 * The additive accumulators: sum and mean (float32 in float lanes flushed to double, float64 in double,
 * integers in wrapping int64), product (double or int64), and the nonzero count behind count_nonzero, all
 * and any.
 */
final class Folds {
    private Folds() {}

    /** Sum, or the mean when {@code divisor >= 0}. Floating kinds accumulate in double, integers in int64. */
    static Accumulator.Factory sum(TensorData out, Num num, long divisor) {
        return new Accumulator.Factory(num, slots -> num == Num.I64 ? new LongSum(out, slots) : new Sum(out, slots, divisor));
    }

    static Accumulator.Factory prod(TensorData out, Num num) {
        return new Accumulator.Factory(num, slots -> new Prod(out, slots, num));
    }

    /** What a nonzero count becomes. */
    enum CountMode { COUNT, ALL, ANY }

    static Accumulator.Factory nonzero(TensorData out, Num num, CountMode mode, long total) {
        return new Accumulator.Factory(num, slots -> new Nonzero(out, slots, mode, total));
    }

    private static final class Sum extends Accumulator {
        private static final int ROWS_PER_FLUSH = 64;
        private final TensorData out;
        private final double[] acc;
        private final long divisor;
        private float[] rowBlock;

        Sum(TensorData out, int slots, long divisor) {
            this.out = out;
            this.acc = new double[slots];
            this.divisor = divisor;
        }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            acc[slot] += a instanceof float[] f ? Vec.sum(f, off, n) : Vec.sum((double[]) a, off, n);
        }

        @Override
        void rows(Object a, int off, int n, int rowStride, int rows, long index, int slot) {
            if (a instanceof double[] d) {
                Vec.addRows(d, off, n, rowStride, rows, acc, slot);
                return;
            }
            if (rowBlock == null) rowBlock = new float[Reduce.COLS];
            for (int r = 0; r < rows; r += ROWS_PER_FLUSH) {
                java.util.Arrays.fill(rowBlock, 0, n, 0f);
                Vec.addRows((float[]) a, off + r * rowStride, n, rowStride, Math.min(ROWS_PER_FLUSH, rows - r), rowBlock, 0);
                for (int j = 0; j < n; j++) acc[slot + j] += rowBlock[j];
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            double[] b = ((Sum) other).acc;
            for (int i = 0; i < slots; i++) acc[i] += b[i];
        }

        @Override
        void finish(int slots, long at) {
            if (divisor >= 0) for (int i = 0; i < slots; i++) acc[i] /= divisor;
            Elems.store(acc, slots, out, at);
        }
    }

    private static final class LongSum extends Accumulator {
        private final TensorData out;
        private final long[] acc;

        LongSum(TensorData out, int slots) {
            this.out = out;
            this.acc = new long[slots];
        }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            long[] v = (long[]) a;
            long s = 0;
            for (int i = 0; i < n; i++) s += v[off + i];
            acc[slot] += s;
        }

        @Override
        void rows(Object a, int off, int n, int rowStride, int rows, long index, int slot) {
            long[] v = (long[]) a;
            for (int r = 0; r < rows; r++) {
                int row = off + r * rowStride;
                for (int j = 0; j < n; j++) acc[slot + j] += v[row + j];
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            long[] b = ((LongSum) other).acc;
            for (int i = 0; i < slots; i++) acc[i] += b[i];
        }

        @Override
        void finish(int slots, long at) { Elems.store(acc, slots, out, at); }
    }

    private static final class Prod extends Accumulator {
        private final TensorData out;
        private final double[] d;
        private final long[] l;

        Prod(TensorData out, int slots, Num num) {
            this.out = out;
            this.d = num == Num.F64 ? new double[slots] : null;
            this.l = num == Num.I64 ? new long[slots] : null;
            if (d != null) java.util.Arrays.fill(d, 1.0);
            else java.util.Arrays.fill(l, 1L);
        }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            if (a instanceof double[] v) {
                double p = d[slot];
                for (int i = 0; i < n; i++) p *= v[off + i];
                d[slot] = p;
            } else {
                long[] v = (long[]) a;
                long p = l[slot];
                for (int i = 0; i < n; i++) p *= v[off + i];
                l[slot] = p;
            }
        }

        @Override
        void rows(Object a, int off, int n, int rowStride, int rows, long index, int slot) {
            for (int r = 0; r < rows; r++) {
                int row = off + r * rowStride;
                if (a instanceof double[] v) for (int j = 0; j < n; j++) d[slot + j] *= v[row + j];
                else for (int j = 0; j < n; j++) l[slot + j] *= ((long[]) a)[row + j];
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            Prod o = (Prod) other;
            for (int i = 0; i < slots; i++) {
                if (d != null) d[i] *= o.d[i];
                else l[i] *= o.l[i];
            }
        }

        @Override
        void finish(int slots, long at) {
            if (d != null) Elems.store(d, slots, out, at);
            else Elems.store(l, slots, out, at);
        }
    }

    private static final class Nonzero extends Accumulator {
        private final TensorData out;
        private final long[] counts;
        private final CountMode mode;
        private final long total;

        Nonzero(TensorData out, int slots, CountMode mode, long total) {
            this.out = out;
            this.counts = new long[slots];
            this.mode = mode;
            this.total = total;
        }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            long c = 0;
            if (a instanceof double[] v) for (int i = 0; i < n; i++) c += v[off + i] != 0 ? 1 : 0;
            else for (int i = 0; i < n; i++) c += ((long[]) a)[off + i] != 0 ? 1 : 0;
            counts[slot] += c;
        }

        @Override
        void rows(Object a, int off, int n, int rowStride, int rows, long index, int slot) {
            for (int r = 0; r < rows; r++) {
                int row = off + r * rowStride;
                if (a instanceof double[] v) for (int j = 0; j < n; j++) counts[slot + j] += v[row + j] != 0 ? 1 : 0;
                else for (int j = 0; j < n; j++) counts[slot + j] += ((long[]) a)[row + j] != 0 ? 1 : 0;
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            long[] b = ((Nonzero) other).counts;
            for (int i = 0; i < slots; i++) counts[i] += b[i];
        }

        @Override
        void finish(int slots, long at) {
            if (mode != CountMode.COUNT) {
                for (int i = 0; i < slots; i++) counts[i] = (mode == CountMode.ALL ? counts[i] == total : counts[i] > 0) ? 1 : 0;
            }
            Elems.store(counts, slots, out, at);
        }
    }
}
