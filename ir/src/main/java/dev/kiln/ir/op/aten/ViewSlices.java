package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;

/**
 * Geometry of the views that pick part of a tensor: narrow, select, slice, unfold, diagonal, and the
 * splitting ops that return several views (split, chunk, tensor_split, unbind). Pure functions of the input
 * geometry, after PyTorch's {@code TensorShape.cpp}; {@code op} names the op in errors.
 */
public final class ViewSlices {
    private ViewSlices() {}

    /** Elements {@code start, start+step, ...} ({@code length} of them) along {@code dim}; no checks. */
    public static Geometry range(Geometry g, int dim, long start, long length, long step) {
        long[] sizes = g.sizes().clone(), strides = g.strides().clone();
        long offset = g.offset() + start * strides[dim];
        sizes[dim] = length;
        strides[dim] *= step;
        return new Geometry(sizes, strides, offset);
    }

    /** {@code narrow(dim, start, length)}; {@code start} may be negative or equal to the size. */
    public static Geometry narrow(String op, Geometry g, long dim, long start, long length) {
        if (g.dim() == 0) throw OpError.of(op, "narrow() cannot be applied to a 0-dim tensor.");
        int d = Shapes.wrapDim(op, dim, g.dim());
        long size = g.sizes()[d];
        long s = start == size ? start : Shapes.wrapPosition(op, start, size);
        if (length < 0 || s > size - length) {
            throw OpError.of(op, "start (" + s + ") + length (" + length + ") exceeds dimension size (" + size + ").");
        }
        return range(g, d, s, length, 1);
    }

    /** {@code select(dim, index)}: the slice at {@code index}, without dimension {@code dim}. */
    public static Geometry select(String op, Geometry g, long dim, long index) {
        if (g.dim() == 0) throw OpError.index(op, "select() cannot be applied to a 0-dim tensor.");
        int d = Shapes.wrapDim(op, dim, g.dim());
        long size = g.sizes()[d];
        if (index < -size || index >= size) {
            throw OpError.index(op, "select(): index " + index + " out of range for tensor of size " + Shapes.format(g.sizes())
                    + " at dimension " + d);
        }
        long i = index < 0 ? index + size : index;
        return new Geometry(ViewShapes.remove(g.sizes(), d), ViewShapes.remove(g.strides(), d), g.offset() + i * g.strides()[d]);
    }

    /** {@code slice(dim, start, end, step)} with Python's clamping of out-of-range and negative bounds. */
    public static Geometry slice(String op, Geometry g, long dim, Long start, Long end, long step) {
        if (g.dim() == 0) throw OpError.index(op, "slice() cannot be applied to a 0-dim tensor.");
        int d = Shapes.wrapDim(op, dim, g.dim());
        if (step <= 0) throw OpError.of(op, "slice step must be positive");
        long size = g.sizes()[d];
        long s = start == null ? 0 : start, e = end == null ? Long.MAX_VALUE : end;
        if (s < 0) s += size;
        if (e < 0) e += size;
        s = Math.clamp(s, 0, size);
        e = e < s ? s : Math.min(e, size);
        return range(g, d, s, (e - s + step - 1) / step, step);
    }

    /** {@code unfold(dim, size, step)}: windows of {@code size} every {@code step} along {@code dim}, as a new last dimension. */
    public static Geometry unfold(String op, Geometry g, long dim, long size, long step) {
        int rank = g.dim();
        int d = Shapes.wrapDim(op, dim, rank);
        long max = rank == 0 ? 1 : g.sizes()[d];
        if (size > max) throw OpError.of(op, "maximum size for tensor at dimension " + d + " is " + max + " but size is " + size);
        if (size < 0) throw OpError.of(op, "size is " + size + " but must be >= 0");
        if (step <= 0) throw OpError.of(op, "step is " + step + " but must be > 0");
        long[] sizes = new long[rank + 1], strides = new long[rank + 1];
        for (int i = 0; i < rank; i++) {
            sizes[i] = i == d ? (g.sizes()[i] - size) / step + 1 : g.sizes()[i];
            strides[i] = i == d ? step * g.strides()[i] : g.strides()[i];
        }
        sizes[rank] = size;
        strides[rank] = rank == 0 ? 1 : g.strides()[d];
        return new Geometry(sizes, strides, g.offset());
    }

    /** {@code diagonal(offset, dim1, dim2)}: the diagonal of each (dim1, dim2) plane, as a new last dimension. */
    public static Geometry diagonal(String op, Geometry g, long offset, long dim1, long dim2) {
        int a = Shapes.wrapDim(op, dim1, g.dim()), b = Shapes.wrapDim(op, dim2, g.dim());
        if (a == b) throw OpError.of(op, "diagonal dimensions cannot be identical " + dim1 + ", " + dim2);
        long[] sz = g.sizes(), st = g.strides();
        long n = offset >= 0 ? Math.min(sz[a], sz[b] - offset) : Math.min(sz[a] + offset, sz[b]);
        n = Math.max(n, 0);
        long start = g.offset();
        if (n > 0) start += offset >= 0 ? offset * st[b] : -offset * st[a];
        long[] sizes = ViewShapes.remove(ViewShapes.remove(sz, Math.max(a, b)), Math.min(a, b));
        long[] strides = ViewShapes.remove(ViewShapes.remove(st, Math.max(a, b)), Math.min(a, b));
        sizes = ViewShapes.insert(sizes, sizes.length, n);
        strides = ViewShapes.insert(strides, strides.length, st[a] + st[b]);
        return new Geometry(sizes, strides, start);
    }

    /** {@code split(split_size, dim)}: pieces of {@code splitSize} along {@code dim}, the last one possibly shorter. */
    public static Geometry[] split(String op, Geometry g, long splitSize, long dim) {
        if (g.dim() == 0) throw OpError.of(op, "split expects at least a 1-dimensional tensor");
        if (splitSize < 0) throw OpError.of(op, "split expects split_size be non-negative, but got split_size=" + splitSize);
        int d = Shapes.wrapDim(op, dim, g.dim());
        long size = g.sizes()[d];
        if (splitSize == 0 && size != 0) {
            throw OpError.of(op, "split_size can only be 0 if dimension size is 0, but got dimension size of " + size);
        }
        int count = splitSize == 0 ? 1 : (int) Math.max((size + splitSize - 1) / splitSize, 1);
        long last = splitSize - (splitSize * count - size);
        Geometry[] out = new Geometry[count];
        for (int i = 0; i < count; i++) out[i] = narrow(op, g, d, i * splitSize, i < count - 1 ? splitSize : last);
        return out;
    }

    /** {@code split_with_sizes(split_sizes, dim)}: consecutive pieces of the given sizes, which must add up to the size. */
    public static Geometry[] splitWithSizes(String op, Geometry g, long[] splitSizes, long dim) {
        if (g.dim() == 0) throw OpError.of(op, "split expects at least a 1-dimensional tensor");
        int d = Shapes.wrapDim(op, dim, g.dim());
        Geometry[] out = new Geometry[splitSizes.length];
        long start = 0;
        for (int i = 0; i < splitSizes.length; i++) {
            if (splitSizes[i] < 0) {
                throw OpError.of(op, "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes="
                        + Shapes.format(splitSizes));
            }
            out[i] = narrow(op, g, d, start, splitSizes[i]);
            start += splitSizes[i];
        }
        if (start != g.sizes()[d]) {
            throw OpError.of(op, "split_with_sizes expects split_sizes to sum exactly to " + g.sizes()[d] + " (input tensor's size at "
                    + "dimension " + d + "), but got split_sizes=" + Shapes.format(splitSizes));
        }
        return out;
    }

    /** {@code chunk(chunks, dim)}: at most {@code chunks} pieces of equal size (the last one smaller). */
    public static Geometry[] chunk(String op, Geometry g, long chunks, long dim) {
        if (g.dim() == 0) throw OpError.of(op, "chunk expects at least a 1-dimensional tensor");
        if (chunks <= 0) throw OpError.of(op, "chunk expects `chunks` to be greater than 0, got: " + chunks);
        int d = Shapes.wrapDim(op, dim, g.dim());
        long size = g.sizes()[d];
        long splitSize = (size + chunks - 1) / chunks;
        if (splitSize == 0 && size == 0) {
            long[] sizes = new long[(int) chunks];
            return splitWithSizes(op, g, sizes, d);
        }
        return split(op, g, splitSize, d);
    }

    /** {@code tensor_split(sections, dim)}: exactly {@code sections} pieces whose sizes differ by at most one. */
    public static Geometry[] tensorSplit(String op, Geometry g, long sections, long dim) {
        checkTensorSplit(op, g);
        if (sections <= 0) throw OpError.of(op, "number of sections must be larger than 0, got " + sections);
        int d = Shapes.wrapDim(op, dim, g.dim());
        long size = g.sizes()[d], min = size / sections, extra = size % sections;
        Geometry[] out = new Geometry[(int) sections];
        long start = 0;
        for (int i = 0; i < sections; i++) {
            long n = i < extra ? min + 1 : min;
            out[i] = slice(op, g, d, start, start + n, 1);
            start += n;
        }
        return out;
    }

    /** {@code tensor_split(indices, dim)}: pieces between consecutive indices, sliced like Python. */
    public static Geometry[] tensorSplit(String op, Geometry g, long[] indices, long dim) {
        checkTensorSplit(op, g);
        int d = Shapes.wrapDim(op, dim, g.dim());
        Geometry[] out = new Geometry[indices.length + 1];
        long start = 0;
        for (int i = 0; i < indices.length; i++) {
            out[i] = slice(op, g, d, start, indices[i], 1);
            start = indices[i];
        }
        out[indices.length] = slice(op, g, d, start, g.sizes()[d], 1);
        return out;
    }

    private static void checkTensorSplit(String op, Geometry g) {
        if (g.dim() == 0) {
            throw OpError.of(op, "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims");
        }
    }

    /** {@code unbind(dim)}: every slice along {@code dim}. */
    public static Geometry[] unbind(String op, Geometry g, long dim) {
        if (g.dim() == 0) throw OpError.index(op, "Dimension specified as " + dim + " but tensor has no dimensions");
        int d = Shapes.wrapDim(op, dim, g.dim());
        Geometry[] out = new Geometry[(int) g.sizes()[d]];
        for (int i = 0; i < out.length; i++) out[i] = select(op, g, d, i);
        return out;
    }
}
