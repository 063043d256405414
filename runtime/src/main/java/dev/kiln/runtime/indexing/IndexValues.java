package dev.kiln.runtime.indexing;

import dev.kiln.ir.op.OpError;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/** Reads index tensors (int64, int32, or any integral or bool dtype) as Java longs, and checks their bounds. */
final class IndexValues {
    private IndexValues() {}

    /** The values of {@code t} in row-major order. */
    static long[] of(TensorData t) {
        if (t.dtype() == dev.kiln.ir.type.DType.INT64 && t.isContiguous()) {
            int from = (int) t.offset();
            return Arrays.copyOfRange(t.storage().longs(), from, from + (int) t.numel());
        }
        return read(t, Offsets.of(t));
    }

    /** The values of {@code t} broadcast to {@code shape}, in row-major order. */
    static long[] broadcast(TensorData t, long[] shape) { return read(t, Offsets.broadcast(t, shape)); }

    static long[] read(TensorData t, int[] offsets) {
        long[] v = new long[offsets.length];
        Storage s = t.storage();
        switch (t.dtype()) {
            case INT64 -> {
                long[] a = s.longs();
                for (int k = 0; k < v.length; k++) v[k] = a[offsets[k]];
            }
            case INT32 -> {
                int[] a = s.ints();
                for (int k = 0; k < v.length; k++) v[k] = a[offsets[k]];
            }
            default -> {
                for (int k = 0; k < v.length; k++) v[k] = Elements.getLong(t.dtype(), s, offsets[k]);
            }
        }
        return v;
    }

    /**
     * Scales in-range indices into offsets along a dimension: {@code index * stride}, with negative indices
     * counting from the end when {@code wrap} is set; anything else is reported like PyTorch's
     * "index 5 is out of bounds for dimension 0 with size 3".
     */
    static int[] scaled(String op, long[] index, long size, long stride, boolean wrap, int dim) {
        int[] out = new int[index.length];
        addScaled(op, index, size, stride, wrap, dim, out);
        return out;
    }

    /** Adds the {@link #scaled} offsets to {@code offsets}, element by element. */
    static void addScaled(String op, long[] index, long size, long stride, boolean wrap, int dim, int[] offsets) {
        for (int k = 0; k < index.length; k++) {
            long i = index[k];
            if (wrap && i < 0) i += size;
            if (i < 0 || i >= size) throw outOfBounds(op, index[k], dim, size);
            offsets[k] += (int) (i * stride);
        }
    }

    static IndexOutOfBoundsException outOfBounds(String op, long index, int dim, long size) {
        return OpError.index(op, "index " + index + " is out of bounds for dimension " + dim + " with size " + size);
    }
}
