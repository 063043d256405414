package dev.kiln.runtime.reduction;

import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;

/**
 * Order statistics along one dim: kthvalue and median. Each line is gathered into keys that order like the
 * values (NaN largest, -0.0 equal to 0.0) and partitioned with PyTorch's quickselect, so ties resolve to the
 * same index as PyTorch's kthvalue. Median orders ties by index, which makes its answer the lower median in
 * stable-sorted order, as PyTorch's {@code nth_element} comparator does; a line holding NaN gives its first NaN.
 */
final class Selection {
    private Selection() {}

    private static final long GRAIN = 1 << 14;

    /** Writes the {@code k}-th smallest (1-based) along {@code dim} and its index; {@code median} selects as median.dim. */
    static void run(TensorData x, int dim, long k, boolean median, TensorData values, TensorData indices) {
        boolean[] mask = new boolean[x.dim()];
        if (x.dim() > 0) mask[dim] = true;
        Layout layout = new Layout(x, mask, true);
        int len = (int) layout.count;
        if (layout.numOut == 0 || len == 0) return;
        Num num = Num.wide(x.dtype());
        Parallel.forRange(layout.numOut, Math.max(1, GRAIN / len), (s, e) -> {
            Object line = num.buffer(len);
            long[] keys = new long[len], idx = new long[len];
            for (long o = s; o < e; o++) {
                Elems.load(num, x, layout.outputBase(o), layout.runStride(), len, line, 0);
                int at = select(line, keys, idx, len, (int) k - 1, median);
                writeOne(line, at, values, o);
                indices.storage().longs()[(int) o] = at;
            }
        });
    }

    /** median(): the lower median of every element, or NaN if there is a NaN or no element. */
    static void all(TensorData x, TensorData out) {
        long n = x.numel();
        if (n == 0) {
            Elems.store(new double[]{Double.NaN}, 1, out, 0);
            return;
        }
        Num num = Num.wide(x.dtype());
        Object line = num.buffer((int) n);
        Layout layout = new Layout(x, allDims(x.dim()), true);
        long len = layout.runLength();
        for (long q = 0; q < n / len; q++) {
            Elems.load(num, x, layout.offset + layout.runBase(q), layout.runStride(), (int) len, line, (int) (q * len));
        }
        int at = select(line, new long[(int) n], new long[(int) n], (int) n, (int) ((n - 1) / 2), true);
        writeOne(line, at, out, 0);
    }

    private static boolean[] allDims(int rank) {
        boolean[] m = new boolean[rank];
        java.util.Arrays.fill(m, true);
        return m;
    }

    private static void writeOne(Object line, int at, TensorData out, long o) {
        if (line instanceof double[] d) Elems.store(new double[]{d[at]}, 1, out, o);
        else Elems.store(new long[]{((long[]) line)[at]}, 1, out, o);
    }

    /** Returns the position in {@code line} of the selected element (rank {@code k}, 0-based). */
    private static int select(Object line, long[] keys, long[] idx, int n, int k, boolean median) {
        if (line instanceof double[] d) {
            for (int i = 0; i < n; i++) {
                if (median && d[i] != d[i]) return i;
                keys[i] = key(d[i]);
            }
        } else {
            System.arraycopy((long[]) line, 0, keys, 0, n);
        }
        for (int i = 0; i < n; i++) idx[i] = i;
        new Quickselect(keys, idx, median).select(n, k);
        return (int) idx[k];
    }

    /** A long that orders like the double: NaN above +inf, -0.0 equal to 0.0. */
    static long key(double v) {
        if (v != v) return Long.MAX_VALUE;
        long b = Double.doubleToRawLongBits(v == 0 ? 0.0 : v);
        return b < 0 ? b ^ Long.MAX_VALUE : b;
    }

    /** PyTorch's {@code quick_select_template} over keys, swapping the original positions along. */
    private record Quickselect(long[] key, long[] idx, boolean byIndex) {

        private boolean gt(long ka, long ia, long kb, long ib) { return ka > kb || (byIndex && ka == kb && ia > ib); }

        private boolean gt(int a, int b) { return gt(key[a], idx[a], key[b], idx[b]); }

        private void swap(int a, int b) {
            long t = key[a];
            key[a] = key[b];
            key[b] = t;
            t = idx[a];
            idx[a] = idx[b];
            idx[b] = t;
        }

        void select(int n, int k) {
            int lo = 0, hi = n - 1;
            while (hi > lo) {
                if (hi == lo + 1) {
                    if (gt(lo, hi)) swap(lo, hi);
                    return;
                }
                swap(lo + (hi - lo) / 2, lo + 1);
                if (gt(lo + 1, hi)) swap(lo + 1, hi);
                if (gt(lo, hi)) swap(lo, hi);
                if (gt(lo + 1, lo)) swap(lo + 1, lo);
                int i = lo + 1, j = hi;
                long pk = key[lo], pi = idx[lo];
                while (true) {
                    do i++; while (gt(pk, pi, key[i], idx[i]));
                    do j--; while (gt(key[j], idx[j], pk, pi));
                    if (j < i) break;
                    swap(i, j);
                }
                swap(lo, j);
                if (j <= k) lo = i;
                if (j >= k) hi = j - 1;
            }
        }
    }
}
