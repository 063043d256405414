package dev.kiln.runtime.embedding;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.pointwise.Copies;

/** Helpers shared by the embedding kernels: index values, dense operands in a compute type, row-wise parallel loops. */
final class Rows {
    private Rows() {}

    /** The values of an int64 or int32 index tensor, in order. */
    static long[] indexValues(TensorData t) {
        TensorData c = Copies.contiguous(t);
        int n = (int) c.numel(), at = (int) c.offset();
        long[] v = new long[n];
        switch (c.storage().array()) {
            case long[] l -> System.arraycopy(l, at, v, 0, n);
            case int[] i -> {
                for (int k = 0; k < n; k++) v[k] = i[at + k];
            }
            default -> throw new IllegalStateException("indices are int64 or int32, not " + t.dtype());
        }
        return v;
    }

    /** {@code t} as a contiguous tensor of dtype {@code ct} (itself when it already is one). */
    static TensorData dense(TensorData t, DType ct) { return t.dtype() == ct ? Copies.contiguous(t) : Copies.convert(t, ct); }

    static TensorData as(TensorData t, DType dtype) { return t.dtype() == dtype ? t : Copies.convert(t, dtype); }

    /** A tensor of {@code dtype} holding {@code values} (an int64 or int32 result such as offset2bag). */
    static TensorData indexTensor(DType dtype, long[] values, long... sizes) {
        TensorData t = TensorData.zeros(dtype, sizes);
        switch (t.storage().array()) {
            case long[] l -> System.arraycopy(values, 0, l, 0, values.length);
            case int[] i -> {
                for (int k = 0; k < values.length; k++) i[k] = (int) values[k];
            }
            default -> throw new IllegalStateException("index results are int64 or int32, not " + dtype);
        }
        return t;
    }

    /** Runs {@code body} over [0, n) items of {@code width} elements each, in parallel pieces when there is enough work. */
    static void forRange(int n, long width, Parallel.RangeBody body) {
        Parallel.forRange(n, Math.max(1, CHUNK / Math.max(1, width)), body);
    }

    /** Elements per piece of work below which a thread is not worth waking. */
    private static final long CHUNK = 1L << 15;
}
