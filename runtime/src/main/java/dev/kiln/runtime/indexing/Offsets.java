package dev.kiln.runtime.indexing;

import dev.kiln.ir.op.Shapes;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;

/**
 * Storage offsets of strided elements, listed in row-major order of a shape. Indexing kernels first turn
 * their operands' geometry into such tables, then move elements with tight typed loops over them
 * ({@link Moves}, {@link Accumulate}), so every kernel handles any strides, broadcasting and offsets.
 */
final class Offsets {
    private Offsets() {}

    /** Work below this many elements stays on the calling thread. */
    static final long GRAIN = 1 << 15;

    static int[] of(TensorData t) { return of(t.sizes(), t.strides(), t.offset()); }

    /** The offsets of {@code t}'s elements when broadcast to {@code shape} (its dimensions aligned to the right). */
    static int[] broadcast(TensorData t, long[] shape) { return of(shape, broadcastStrides(t.sizes(), t.strides(), shape), t.offset()); }

    /** Strides that read a tensor of {@code sizes} broadcast to {@code shape}: 0 where it repeats. */
    static long[] broadcastStrides(long[] sizes, long[] strides, long[] shape) {
        long[] r = new long[shape.length];
        int shift = shape.length - sizes.length;
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] != 1 && sizes[d] != shape[d + shift]) {
                throw new IllegalArgumentException("cannot broadcast " + Shapes.format(sizes) + " to " + Shapes.format(shape));
            }
            r[d + shift] = sizes[d] == 1 ? 0 : strides[d];
        }
        return r;
    }

    /** {@code base + sum(coordinate[d] * strides[d])} for every coordinate of {@code sizes}, in row-major order. */
    static int[] of(long[] sizes, long[] strides, long base) {
        int n = (int) Shapes.checkedNumel("offsets", sizes);
        int[] out = new int[n];
        if (n == 0) return out;
        int rank = sizes.length;
        if (rank == 0) {
            out[0] = (int) base;
            return out;
        }
        if (java.util.Arrays.equals(strides, dev.kiln.ir.op.Geometry.contiguousStrides(sizes))) {
            for (int k = 0; k < n; k++) out[k] = (int) base + k;
            return out;
        }
        int inner = (int) sizes[rank - 1];
        long rows = n / inner;
        if (n < GRAIN) fill(out, sizes, strides, base, 0, rows);
        else Parallel.forRange(rows, Math.max(1, GRAIN / inner), (from, to) -> fill(out, sizes, strides, base, from, to));
        return out;
    }

    private static void fill(int[] out, long[] sizes, long[] strides, long base, long fromRow, long toRow) {
        int rank = sizes.length;
        int inner = (int) sizes[rank - 1];
        int step = (int) strides[rank - 1];
        long[] coord = new long[rank - 1];
        long off = base;
        long r = fromRow;
        for (int d = rank - 2; d >= 0; d--) {
            coord[d] = r % sizes[d];
            r /= sizes[d];
            off += coord[d] * strides[d];
        }
        for (long row = fromRow; row < toRow; row++) {
            int k = (int) (row * inner);
            int o = (int) off;
            for (int i = 0; i < inner; i++, o += step) out[k + i] = o;
            for (int d = rank - 2; d >= 0; d--) {
                off += strides[d];
                if (++coord[d] < sizes[d]) break;
                off -= strides[d] * sizes[d];
                coord[d] = 0;
            }
        }
    }

    /** {@code outer[o] + middle[j] + inner[i]} for every {@code (o, j, i)} in row-major order. */
    static int[] combine(int[] outer, int[] middle, int[] inner) {
        int m = middle.length, in = inner.length;
        int[] out = new int[Math.multiplyExact(Math.multiplyExact(outer.length, m), in)];
        if (out.length == 0) return out;
        Parallel.forRange(outer.length, Math.max(1, GRAIN / ((long) m * in)), (from, to) -> {
            for (int o = (int) from; o < to; o++) {
                int k = o * m * in;
                for (int j = 0; j < m; j++) {
                    int base = outer[o] + middle[j];
                    for (int i = 0; i < in; i++) out[k++] = base + inner[i];
                }
            }
        });
        return out;
    }

    /** The sizes and strides of dimensions {@code [from, to)} of a tensor, permuted by {@code order}. */
    static long[][] dims(TensorData t, int[] order, int from, int to) {
        long[] sizes = new long[to - from], strides = new long[to - from];
        for (int i = from; i < to; i++) {
            sizes[i - from] = t.sizes()[order[i]];
            strides[i - from] = t.strides()[order[i]];
        }
        return new long[][]{sizes, strides};
    }
}
