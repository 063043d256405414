package dev.kiln.runtime.indexing;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import java.util.Arrays;

/**
 * Sorting rows of any dtype through primitive keys: each element becomes a {@code long} whose signed order is
 * PyTorch's (NaN largest, -0.0 equal to 0.0; bitwise negated for descending), and ties break by position, so
 * every sort is stable. Keys that fit in 32 bits (all of dtypes up to 32 bits; int64 and float64 rows whose range
 * allows, after a shift) are packed with the position into one {@code long} and sorted by
 * {@link Arrays#sort(long[], int, int)}; other rows go through a merge sort of (key, position) pairs.
 * Selection (topk) keeps a sorted buffer for small k, else partitions and sorts only the k selected.
 * One instance holds the buffers for rows of up to {@code n} elements; it is used by one thread.
 */
final class RowSort {
    /** The ascending key of any NaN of a 32-bit-or-narrower float dtype, and of float64. */
    static final long NAN32 = 0x7FC00000L, NAN64 = 0x7FF8000000000000L;

    /** Up to this k, topk keeps a sorted buffer in one pass instead of partitioning. */
    private static final int SMALL_K = 64;

    final long[] keys;
    final int[] perm;
    private final long[] packed;
    private long shift;
    private final long[] tmpKeys;
    private final int[] tmpPerm;
    private final boolean wide;

    RowSort(DType dtype, int n) {
        this.wide = dtype == DType.INT64 || dtype == DType.FLOAT64;
        this.keys = new long[n];
        this.perm = new int[n];
        this.packed = new long[n];
        this.tmpKeys = wide ? new long[n] : null;
        this.tmpPerm = wide ? new int[n] : null;
    }

    /** Reads {@code n} keys from {@code base + j * stride}; descending keys are bitwise negated. */
    static void keys(DType dtype, Storage s, int base, int stride, int n, long[] keys, boolean descending) {
        switch (dtype) {
            case FLOAT32 -> { float[] a = s.floats(); for (int j = 0; j < n; j++) keys[j] = key(a[base + j * stride]); }
            case FLOAT64 -> { double[] a = s.doubles(); for (int j = 0; j < n; j++) keys[j] = key(a[base + j * stride]); }
            case FLOAT16 -> { short[] a = s.shorts(); for (int j = 0; j < n; j++) keys[j] = key(Float.float16ToFloat(a[base + j * stride])); }
            case BFLOAT16 -> { short[] a = s.shorts(); for (int j = 0; j < n; j++) keys[j] = key(Float.intBitsToFloat(a[base + j * stride] << 16)); }
            case INT64 -> { long[] a = s.longs(); for (int j = 0; j < n; j++) keys[j] = a[base + j * stride]; }
            case INT32 -> { int[] a = s.ints(); for (int j = 0; j < n; j++) keys[j] = a[base + j * stride]; }
            case INT16 -> { short[] a = s.shorts(); for (int j = 0; j < n; j++) keys[j] = a[base + j * stride]; }
            case INT8, BOOL -> { byte[] a = s.bytes(); for (int j = 0; j < n; j++) keys[j] = a[base + j * stride]; }
            case UINT8 -> { byte[] a = s.bytes(); for (int j = 0; j < n; j++) keys[j] = a[base + j * stride] & 0xFF; }
        }
        if (descending) for (int j = 0; j < n; j++) keys[j] = ~keys[j];
    }

    private static long key(float v) {
        int bits = Float.floatToIntBits(v + 0.0f);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    private static long key(double v) {
        long bits = Double.doubleToLongBits(v + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** Sorts positions {@code 0..n-1} by (key, position) into {@code perm}. */
    void sort(int n) {
        if (packable(n)) {
            pack(n);
            Arrays.sort(packed, 0, n);
            unpack(n);
            return;
        }
        for (int j = 0; j < n; j++) perm[j] = j;
        mergeSort(keys.clone(), n);
    }

    /** The {@code k} smallest positions by (key, position), in order, into {@code perm[0..k)}. */
    void select(int n, int k) {
        if ((long) k * 8 >= n) {
            sort(n);
            return;
        }
        if (!packable(n)) {
            long[] k64 = keys.clone();
            for (int j = 0; j < n; j++) perm[j] = j;
            selectPairs(k64, n, k);
            mergeSort(k64, k);
        } else if (k <= SMALL_K) {
            selectByInsertion(n, k);
        } else {
            pack(n);
            selectPacked(n, k);
            Arrays.sort(packed, 0, k);
            unpack(k);
        }
    }

    /**
     * Whether this row's keys fit in 32 bits once shifted (always for narrow dtypes; for int64 and float64 when
     * their range does), so that they can be packed with the position into one long.
     */
    private boolean packable(int n) {
        if (!wide) {
            shift = 0;
            return true;
        }
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int j = 0; j < n; j++) {
            min = Math.min(min, keys[j]);
            max = Math.max(max, keys[j]);
        }
        long range = max - min;
        if (range < 0 || range > 0xFFFFFFFFL) return false;
        shift = min + 0x80000000L;
        return true;
    }

    private long packed(int j) { return (keys[j] - shift) << 32 | j; }

    private void pack(int n) {
        for (int j = 0; j < n; j++) packed[j] = packed(j);
    }

    private void unpack(int n) {
        for (int j = 0; j < n; j++) perm[j] = (int) packed[j];
    }

    /** Small k: one pass keeping the k smallest packed values sorted in {@code packed[0..k)}. */
    private void selectByInsertion(int n, int k) {
        long[] top = packed;
        int size = 0;
        for (int j = 0; j < n; j++) {
            long v = packed(j);
            if (size == k && v >= top[k - 1]) continue;
            int i = size < k ? size++ - 1 : k - 2;
            while (i >= 0 && top[i] > v) {
                top[i + 1] = top[i];
                i--;
            }
            top[i + 1] = v;
        }
        unpack(k);
    }

    /** Quickselect on the packed (distinct) values: afterwards {@code packed[0..k)} holds the k smallest. */
    private void selectPacked(int n, int k) {
        long[] a = packed;
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            long x = a[lo], y = a[(lo + hi) >>> 1], z = a[hi];
            long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    long t = a[i]; a[i++] = a[j]; a[j--] = t;
                }
            }
            if (k - 1 <= j) hi = j;
            else if (k - 1 >= i) lo = i;
            else return;
        }
    }

    /** Quickselect on (key, position) pairs held in {@code key} and {@link #perm}. */
    private void selectPairs(long[] key, int n, int k) {
        int[] pos = perm;
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            long pk = key[m];
            int pp = pos[m];
            int i = lo, j = hi;
            while (i <= j) {
                while (key[i] < pk || (key[i] == pk && pos[i] < pp)) i++;
                while (key[j] > pk || (key[j] == pk && pos[j] > pp)) j--;
                if (i <= j) {
                    long t = key[i]; key[i] = key[j]; key[j] = t;
                    int u = pos[i]; pos[i++] = pos[j]; pos[j--] = u;
                }
            }
            if (k - 1 <= j) hi = j;
            else if (k - 1 >= i) lo = i;
            else return;
        }
    }

    /** Bottom-up merge sort of the pairs ({@code key[j]}, {@code perm[j]}), {@code j < n}, by key then position. */
    private void mergeSort(long[] key, int n) {
        int[] p = perm;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width, hi = Math.min(lo + 2 * width, n);
                if (!before(key[mid], p[mid], key[mid - 1], p[mid - 1])) continue;
                int i = lo, j = mid, o = lo;
                while (i < mid && j < hi) {
                    if (before(key[j], p[j], key[i], p[i])) { tmpKeys[o] = key[j]; tmpPerm[o++] = p[j++]; }
                    else { tmpKeys[o] = key[i]; tmpPerm[o++] = p[i++]; }
                }
                while (i < mid) { tmpKeys[o] = key[i]; tmpPerm[o++] = p[i++]; }
                while (j < hi) { tmpKeys[o] = key[j]; tmpPerm[o++] = p[j++]; }
                System.arraycopy(tmpKeys, lo, key, lo, hi - lo);
                System.arraycopy(tmpPerm, lo, p, lo, hi - lo);
            }
        }
    }

    private static boolean before(long ka, int pa, long kb, int pb) { return ka < kb || (ka == kb && pa < pb); }
}
