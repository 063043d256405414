package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;

/**
 * The geometry of the views basic indexing makes ({@code x[2]}, {@code x[1:5:2]}, {@code x[None]}), with
 * the same results and bounds checks as {@code aten::select.int}, {@code aten::slice.Tensor} and
 * {@code aten::unsqueeze}.
 */
public final class IndexingViews {
    private IndexingViews() {}

    /** {@code select(dim, index)}: drops {@code dim}, moving the offset to {@code index} (negative counts from the end). */
    public static Geometry select(Geometry g, long dimArg, long index) {
        if (g.dim() == 0) throw OpError.index("select", "select() cannot be applied to a 0-dim tensor.");
        int dim = Shapes.wrapDim("select", dimArg, g.dim());
        long size = g.sizes()[dim];
        if (index < -size || index >= size) {
            throw OpError.index("select", "index " + index + " is out of bounds for dimension " + dim + " with size " + size);
        }
        long at = index < 0 ? index + size : index;
        return new Geometry(IndexingChecks.without(g.sizes(), dim), IndexingChecks.without(g.strides(), dim),
                g.offset() + at * g.strides()[dim]);
    }

    /** {@code slice(dim, start, end, step)}: Python slice bounds (null for open ends), clamped to the size. */
    public static Geometry slice(Geometry g, long dimArg, Long start, Long end, long step) {
        int dim = Shapes.wrapDim("slice", dimArg, g.dim());
        if (step <= 0) throw OpError.of("slice", "step must be greater than zero, but got " + step);
        long size = g.sizes()[dim];
        long from = clamp(start == null ? 0 : start, size), to = clamp(end == null ? size : end, size);
        long length = to <= from ? 0 : (to - from + step - 1) / step;
        long[] sizes = g.sizes().clone(), strides = g.strides().clone();
        sizes[dim] = length;
        strides[dim] *= step;
        return new Geometry(sizes, strides, g.offset() + from * g.strides()[dim]);
    }

    /** {@code unsqueeze(dim)}: a new dimension of size 1 at {@code dim} (in {@code [-rank-1, rank]}). */
    public static Geometry unsqueeze(Geometry g, long dimArg) {
        int dim = Shapes.wrapDim("unsqueeze", dimArg, g.dim() + 1);
        int rank = g.dim();
        long[] sizes = new long[rank + 1], strides = new long[rank + 1];
        for (int i = 0, j = 0; i <= rank; i++) {
            if (i == dim) {
                sizes[i] = 1;
                strides[i] = dim < rank ? g.sizes()[dim] * g.strides()[dim] : 1;
            } else {
                sizes[i] = g.sizes()[j];
                strides[i] = g.strides()[j++];
            }
        }
        return new Geometry(sizes, strides, g.offset());
    }

    private static long clamp(long bound, long size) {
        long b = bound < 0 ? bound + size : bound;
        return Math.max(0, Math.min(b, size));
    }
}
