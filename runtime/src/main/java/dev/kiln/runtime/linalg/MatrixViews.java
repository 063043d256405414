package dev.kiln.runtime.linalg;

import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/** Strided views the linalg kernels build over operands without copying: transposes, unsqueezes, batch broadcasts. */
final class MatrixViews {
    private MatrixViews() {}

    static TensorData view(TensorData t, long[] sizes, long[] strides, long offset) {
        return new TensorData(t.dtype(), t.storage(), sizes, strides, offset);
    }

    /** {@code t.mT()}: the last two dims swapped (a 1-D tensor is returned as is, like {@code t()}). */
    static TensorData transposed(TensorData t) {
        int d = t.dim();
        if (d < 2) return t;
        long[] s = t.sizes().clone(), st = t.strides().clone();
        swap(s, d - 2, d - 1);
        swap(st, d - 2, d - 1);
        return view(t, s, st, t.offset());
    }

    private static void swap(long[] x, int i, int j) {
        long v = x[i];
        x[i] = x[j];
        x[j] = v;
    }

    /** {@code t.unsqueeze(dim)}. */
    static TensorData unsqueeze(TensorData t, int dim) {
        long[] s = insert(t.sizes(), dim, 1);
        long stride = dim < t.dim() ? t.strides()[dim] * t.sizes()[dim] : 1;
        return view(t, s, insert(t.strides(), dim, stride), t.offset());
    }

    private static long[] insert(long[] x, int at, long v) {
        long[] r = new long[x.length + 1];
        System.arraycopy(x, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(x, at, r, at + 1, x.length - at);
        return r;
    }

    /** Views a stack of matrices [b..., r, c] as [batch..., r, c], broadcasting the batch dims with stride 0. */
    static TensorData expandBatch(TensorData t, long[] batch) {
        int d = t.dim(), nb = batch.length, own = d - 2;
        long[] s = new long[nb + 2], st = new long[nb + 2];
        for (int i = 0; i < nb; i++) {
            int src = i - (nb - own);
            s[i] = batch[i];
            st[i] = src >= 0 && t.size(src) == batch[i] ? t.strides()[src] : 0;
        }
        s[nb] = t.size(d - 2);
        s[nb + 1] = t.size(d - 1);
        st[nb] = t.strides()[d - 2];
        st[nb + 1] = t.strides()[d - 1];
        return view(t, s, st, t.offset());
    }

    /** The leading sizes of a stack of matrices. */
    static long[] batchOf(TensorData t) { return Arrays.copyOf(t.sizes(), t.dim() - 2); }

    /**
     * The stride of dims [from, to) merged into one dim, or -1 when their layout does not allow it; size-1 dims are
     * ignored, and 0 is returned when all are size 1 or any is empty.
     */
    static long mergedStride(long[] sizes, long[] strides, int from, int to) {
        for (int i = from; i < to; i++) {
            if (sizes[i] == 0) return 0;
        }
        long stride = -1, next = 0;
        for (int i = to - 1; i >= from; i--) {
            if (sizes[i] == 1) continue;
            if (stride < 0) stride = strides[i];
            else if (strides[i] != next) return -1;
            next = strides[i] * sizes[i];
        }
        return stride < 0 ? 0 : stride;
    }

    /** Whether every one of the first {@code nb} dims of {@code strides} is broadcast (stride 0). */
    static boolean allZero(long[] strides, int nb) {
        for (int i = 0; i < nb; i++) {
            if (strides[i] != 0) return false;
        }
        return true;
    }

    /** The storage offset of matrix {@code q} (row-major over the first {@code nb} dims) of a stack. */
    static long batchOffset(TensorData t, long q, int nb) {
        long off = t.offset(), rest = q;
        for (int i = nb - 1; i >= 0; i--) {
            long size = t.size(i);
            off += rest % size * t.strides()[i];
            rest /= size;
        }
        return off;
    }
}
