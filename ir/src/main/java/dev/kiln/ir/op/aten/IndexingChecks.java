package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;

/** Checks and shape arithmetic the indexing rules share (PyTorch treats 0-dim tensors as size [1] here). */
final class IndexingChecks {
    private IndexingChecks() {}

    static TensorSpec[] spec(DType dtype, long[] sizes, TensorMeta like) {
        return new TensorSpec[]{new TensorSpec(dtype, sizes, like.device())};
    }

    static TensorSpec[] same(TensorMeta self) { return spec(self.dtype(), self.sizes().clone(), self); }

    /** {@code ensure_nonempty_dim}: a 0-dim tensor counts as one dimension. */
    static int nonemptyDim(TensorMeta t) { return Math.max(t.dim(), 1); }

    /** {@code ensure_nonempty_size}: a 0-dim tensor has size 1; a missing dimension is out of range. */
    static long nonemptySize(String op, TensorMeta t, int d) {
        if (t.dim() == 0) return 1;
        return t.sizes()[Shapes.wrapDim(op, d, t.dim())];
    }

    static void requireIndexDtype(String op, TensorMeta index, String message, DType... allowed) {
        for (DType d : allowed) {
            if (index.dtype() == d) return;
        }
        throw OpError.of(op, message + ", but got " + index.dtype().legacyName());
    }

    static boolean isMask(TensorMeta t) { return t.dtype() == DType.BOOL || t.dtype() == DType.UINT8; }

    static long[] without(long[] sizes, int dim) {
        if (sizes.length == 0) return sizes;
        long[] r = new long[sizes.length - 1];
        for (int i = 0, j = 0; i < sizes.length; i++) {
            if (i != dim) r[j++] = sizes[i];
        }
        return r;
    }

    static long[] with(long[] sizes, int dim, long size) {
        long[] r = sizes.clone();
        if (r.length > 0) r[dim] = size;
        return r;
    }

    /** Whether {@code from} broadcasts to exactly {@code to}; -1 in {@code to} is a size known only at run time. */
    static boolean broadcastsTo(long[] from, long[] to) {
        if (from.length > to.length) return false;
        for (int i = 1; i <= from.length; i++) {
            long f = from[from.length - i], t = to[to.length - i];
            if (f != 1 && f != t && t != -1) return false;
        }
        return true;
    }
}
