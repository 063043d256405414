package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Formula;
import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The derivatives of the shape ops, after PyTorch's {@code derivatives.yaml} and {@code FunctionsManual.cpp}: each
 * view's gradient undoes the view (reshape back, inverse permutation, the {@code *_backward} ops of
 * {@link ShapeBackwardOps} for views of part of the elements); each copy's gradient gathers the copied gradients
 * back (slices for cat, sums for repeat, flips and rolls back, padding removed or folded back). Formulas only call
 * ops of this family (plus add and sum), so that their own derivatives exist for double backward.
 */
final class ShapeGrads {
    private ShapeGrads() {}

    // ---- views of all elements ----

    static Object reshapeBack(Grad g) { return GradOps.reshape(g, g.grad(), GradOps.sizes(g, "self")); }

    /** expand: the gradient summed over the expanded dims ({@code at::sum_to}). */
    static Object sumBack(Grad g) { return GradOps.sumToSize(g.ops(), g.grad(), GradOps.sizes(g, "self")); }

    static Object permuteBack(Grad g) {
        long[] dims = (long[]) g.arg("dims");
        long[] inverse = new long[dims.length];
        for (int i = 0; i < dims.length; i++) inverse[Shapes.wrapDim("permute", dims[i], dims.length)] = i;
        return g.ops().call(ShapeOps.PERMUTE, g.grad(), inverse);
    }

    /** transpose and swapaxes, whose dims are named {@code dim0, dim1} or {@code axis0, axis1}. */
    static Formula transposeBack(String dim0, String dim1) {
        return g -> g.ops().call(ShapeOps.TRANSPOSE, g.grad(), g.arg(dim0), g.arg(dim1));
    }

    static Object tBack(Grad g) { return g.ops().call(ShapeOps.T, g.grad()); }

    /** movedim and moveaxis (int or int[] overloads): the dims moved back. */
    static Object movedimBack(Grad g) {
        return g.ops().call(ShapeOps.MOVEDIM_INTLIST, g.grad(), longs(g.arg("destination")), longs(g.arg("source")));
    }

    /** squeeze(): {@code unsqueeze_to}, every size-1 dim of the input put back. */
    static Object squeezeBack(Grad g) {
        long[] sizes = GradOps.sizes(g, "self");
        Object x = g.grad();
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] == 1) x = g.ops().call(ShapeOps.UNSQUEEZE, x, (long) d);
        }
        return x;
    }

    /** squeeze(dim): the dim put back if it was squeezed (size 1; squeezing a 0-dim tensor is a no-op). */
    static Object squeezeDimBack(Grad g) {
        long[] sizes = GradOps.sizes(g, "self");
        if (sizes.length == 0) return g.grad();
        int d = Shapes.wrapDim("squeeze", (Long) g.arg("dim"), sizes.length);
        return sizes[d] == 1 ? g.ops().call(ShapeOps.UNSQUEEZE, g.grad(), (long) d) : g.grad();
    }

    static Object unsqueezeBack(Grad g) { return g.ops().call(ShapeOps.SQUEEZE_DIM, g.grad(), g.arg("dim")); }

    // ---- views of part of the elements ----

    /** narrow: {@code slice_backward} over {@code [start, start + length)}, a negative start counted from the end. */
    static Object narrowBack(Grad g) {
        long[] sizes = GradOps.sizes(g, "self");
        int d = Shapes.wrapDim("narrow", (Long) g.arg("dim"), sizes.length);
        long start = (Long) g.arg("start");
        if (start < 0) start += sizes[d];
        return g.ops().call(ShapeBackwardOps.SLICE_BACKWARD, g.grad(), sizes, (long) d, start, start + (Long) g.arg("length"), 1L);
    }

    /** slice: {@code slice_backward_wrapper}, the missing bounds being 0 and the largest int64. */
    static Object sliceBack(Grad g) {
        Long start = (Long) g.arg("start"), end = (Long) g.arg("end");
        return g.ops().call(ShapeBackwardOps.SLICE_BACKWARD, g.grad(), GradOps.sizes(g, "self"), g.arg("dim"),
                start == null ? 0L : start, end == null ? Long.MAX_VALUE : end, g.arg("step"));
    }

    static Object selectBack(Grad g) {
        return g.ops().call(ShapeBackwardOps.SELECT_BACKWARD, g.grad(), GradOps.sizes(g, "self"), g.arg("dim"), g.arg("index"));
    }

    static Object unfoldBack(Grad g) {
        return g.ops().call(ShapeBackwardOps.UNFOLD_BACKWARD, g.grad(), GradOps.sizes(g, "self"), g.arg("dimension"), g.arg("size"),
                g.arg("step"));
    }

    static Object diagonalBack(Grad g) {
        return g.ops().call(ShapeBackwardOps.DIAGONAL_BACKWARD, g.grad(), GradOps.sizes(g, "self"), g.arg("offset"), g.arg("dim1"),
                g.arg("dim2"));
    }

    /**
     * split, chunk, tensor_split ({@code stacked} false) and unbind (true): the gradients of the {@code count}
     * pieces, zeros for those that got none, concatenated (or stacked) along {@code dim}.
     */
    static Object joinPieces(Grad g, int count, boolean stacked) {
        List<Object> grads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) grads.add(g.grad(i));
        return g.ops().call(stacked ? ShapeOps.STACK : ShapeOps.CAT, grads, g.arg("dim"));
    }

    /** The gradient of {@code unfold}: every window's gradient added back onto the elements it covers. */
    static Object foldWindows(OpBuilder b, Object grad, long[] sizes, long dim, long size, long step) {
        TensorMeta gm = b.meta(grad);
        if (sizes.length == 0) return b.call(ReductionOps.SUM, grad, null);
        int d = Shapes.wrapDim("unfold_backward", dim, sizes.length);
        long windows = gm.sizes()[d];
        Object starts = b.call(PointwiseOps.MUL_SCALAR, arange(b, windows), step);
        Object index = b.call(PointwiseOps.ADD, b.call(ShapeOps.UNSQUEEZE, starts, 1L), b.call(ShapeOps.UNSQUEEZE, arange(b, size), 0L), 1L);
        long[] merged = sizes.clone();
        merged[d] = windows * size;
        Object values = b.call(ShapeOps.RESHAPE, b.call(ShapeOps.MOVEDIM, grad, -1L, (long) d + 1), merged);
        Object zeros = b.call(CreationOps.ZEROS, sizes, gm.dtype(), null, gm.device(), null);
        return b.call(IndexingOps.INDEX_ADD, zeros, (long) d, b.call(ShapeOps.RESHAPE, index, new long[]{-1}), values, 1L);
    }

    /** {@code as_strided_scatter_backward} for self: the gradient with the scattered region zeroed. */
    static Object scatterBackSelf(Grad g) {
        TensorMeta gm = GradOps.meta(g, g.grad());
        long[] size = (long[]) g.arg("size");
        Object zeros = g.ops().call(CreationOps.ZEROS, size, gm.dtype(), null, gm.device(), null);
        return g.ops().call(ShapeBackwardOps.AS_STRIDED_SCATTER, contiguous(g, g.grad()), zeros, size, g.arg("stride"),
                g.arg("storage_offset"));
    }

    /** as_strided_scatter for src: the scattered region of the gradient. */
    static Object scatterBackSource(Grad g) {
        return g.ops().call(ShapeOps.AS_STRIDED, contiguous(g, g.grad()), g.arg("size"), g.arg("stride"), g.arg("storage_offset"));
    }

    /**
     * {@code as_strided_backward}: the gradient scattered into a zero "storage" spanning both geometries (summed
     * where the output overlaps itself), then read back through the input's geometry (averaged where the input
     * overlaps itself). Size-1 dims are dropped and stride-0 dims of the output summed first.
     */
    static Object asStridedBack(Grad g) {
        OpBuilder b = g.ops();
        Geometry in = g.geometry("self");
        long[] size = (long[]) g.arg("size"), stride = (long[]) g.arg("stride");
        Long offset = (Long) g.arg("storage_offset");
        long outOffset = offset == null ? in.offset() : offset;
        TensorMeta gm = b.meta(g.grad());
        Object grad = g.grad();
        List<Long> outSizes = new ArrayList<>(), outStrides = new ArrayList<>();
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] == 0) return b.call(CreationOps.ZEROS, in.sizes(), gm.dtype(), null, gm.device(), null);
            if (size[i] == 1) {
                grad = b.call(ShapeOps.SQUEEZE_DIM, grad, (long) i);
            } else if (stride[i] == 0) {
                grad = b.call(ReductionOps.SUM_DIM, grad, new long[]{i}, false, null);
            } else {
                outSizes.addFirst(size[i]);
                outStrides.addFirst(stride[i]);
            }
        }
        List<Long> inSizes = new ArrayList<>(), inStrides = new ArrayList<>();
        for (int i = 0; i < in.dim(); i++) {
            if (in.sizes()[i] == 0) return b.call(CreationOps.ZEROS, in.sizes(), gm.dtype(), null, gm.device(), null);
            if (in.sizes()[i] != 1) {
                inSizes.add(in.sizes()[i]);
                inStrides.add(in.strides()[i]);
            }
        }
        long shared = Math.min(in.offset(), outOffset), inStart = in.offset() - shared, outStart = outOffset - shared;
        long[] os = toArray(outSizes), ost = toArray(outStrides), is = toArray(inSizes), ist = toArray(inStrides);
        long base = Math.max(minStorage(is, ist, inStart), minStorage(os, ost, outStart));
        Object storage = b.call(CreationOps.ZEROS, new long[]{base}, gm.dtype(), null, gm.device(), null);
        if (mayOverlap(os, ost)) {
            Object positions = b.call(ShapeOps.RESHAPE, b.call(ShapeOps.AS_STRIDED, arange(b, base), os, ost, outStart), new long[]{-1});
            storage = b.call(IndexingOps.INDEX_ADD, storage, 0L, positions, b.call(ShapeOps.RESHAPE, grad, new long[]{-1}), 1L);
        } else {
            storage = b.call(ShapeBackwardOps.AS_STRIDED_SCATTER, storage, grad, os, ost, outStart);
        }
        if (mayOverlap(is, ist)) {
            Object positions = b.call(ShapeOps.RESHAPE, b.call(ShapeOps.AS_STRIDED, arange(b, base), is, ist, inStart), new long[]{-1});
            Object ones = b.call(CreationOps.ONES, new long[]{b.meta(positions).numel()}, gm.dtype(), null, gm.device(), null);
            Object zeros = b.call(CreationOps.ZEROS, new long[]{base}, gm.dtype(), null, gm.device(), null);
            storage = b.call(PointwiseOps.DIV, storage, b.call(IndexingOps.INDEX_ADD, zeros, 0L, positions, ones, 1L));
        }
        return b.call(ShapeOps.AS_STRIDED, storage, in.sizes(), in.strides(), inStart);
    }

    /** PyTorch's {@code _maybe_overlapping_memory}: some element may be reached twice (strides sorted, each past the span below it). */
    private static boolean mayOverlap(long[] sizes, long[] strides) {
        Integer[] order = new Integer[sizes.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Long.compare(strides[x], strides[y]));
        long maxIndex = 0;
        for (int i : order) {
            if (strides[i] <= maxIndex) return true;
            maxIndex += strides[i] * (sizes[i] - 1);
        }
        return false;
    }

    /** PyTorch's {@code _min_storage_size}: the elements a geometry needs from its storage. */
    private static long minStorage(long[] sizes, long[] strides, long offset) {
        long n = offset + 1;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == 0) return offset;
            n += (sizes[i] - 1) * strides[i];
        }
        return n;
    }

    // ---- copies ----

    /** cat: each input's slice of the gradient; a legacy empty input of sizes [0] gets an empty gradient. */
    static Object catBack(Grad g) {
        List<TensorMeta> metas = g.metas("tensors");
        TensorMeta reference = metas.stream().filter(m -> !isLegacyEmpty(m)).findFirst().orElse(null);
        int d = reference == null ? 0 : Shapes.wrapDim("cat", (Long) g.arg("dim"), reference.dim());
        List<Object> out = new ArrayList<>(metas.size());
        long offset = 0;
        for (TensorMeta m : metas) {
            if (isLegacyEmpty(m)) {
                out.add(g.ops().call(CreationOps.ZEROS, new long[]{0}, m.dtype(), null, m.device(), null));
            } else {
                out.add(g.ops().call(ShapeOps.NARROW, g.grad(), (long) d, offset, m.sizes()[d]));
                offset += m.sizes()[d];
            }
        }
        return out;
    }

    static Object stackBack(Grad g) {
        int rank = g.metas("tensors").getFirst().dim() + 1;
        return g.ops().call(ShapeOps.UNBIND, g.grad(), (long) Shapes.wrapDim("stack", (Long) g.arg("dim"), rank));
    }

    static Object flipBack(Grad g) { return g.ops().call(ShapeOps.FLIP, g.grad(), g.arg("dims")); }

    /** roll: rolled back, the shifts negated and (as PyTorch writes it) both lists reversed. */
    static Object rollBack(Grad g) {
        long[] shifts = (long[]) g.arg("shifts"), dims = (long[]) g.arg("dims");
        long[] back = new long[shifts.length], backDims = new long[dims.length];
        for (int i = 0; i < shifts.length; i++) back[i] = -shifts[shifts.length - 1 - i];
        for (int i = 0; i < dims.length; i++) backDims[i] = dims[dims.length - 1 - i];
        return g.ops().call(ShapeOps.ROLL, g.grad(), back, backDims);
    }

    /** {@code repeat_backward}: the tiles summed; new leading dims summed away. */
    static Object repeatBack(Grad g) {
        long[] repeats = (long[]) g.arg("repeats"), in = GradOps.sizes(g, "self");
        TensorMeta gm = GradOps.meta(g, g.grad());
        for (long r : repeats) {
            if (r == 0) return g.ops().call(CreationOps.ZEROS, in, gm.dtype(), null, gm.device(), null);
        }
        int leading = repeats.length - in.length;
        List<Long> shape = new ArrayList<>(), summed = new ArrayList<>();
        for (int i = 0; i < leading; i++) {
            shape.add(repeats[i]);
            summed.add((long) i);
        }
        for (int d = 0; d < in.length; d++) {
            long r = repeats[leading + d];
            if (r != 1) {
                summed.add((long) shape.size());
                shape.add(r);
            }
            shape.add(in[d]);
        }
        Object x = g.ops().call(ShapeOps.RESHAPE, g.grad(), toArray(shape));
        return summed.isEmpty() ? x : g.ops().call(ReductionOps.SUM_DIM, x, toArray(summed), false, null);
    }

    /** repeat_interleave by an int: each element's {@code repeats} copies summed. */
    static Object interleaveBack(Grad g) {
        long[] in = GradOps.sizes(g, "self");
        long repeats = (Long) g.arg("repeats");
        Long dim = (Long) g.arg("dim");
        if (dim == null || in.length == 0) {
            Object grouped = g.ops().call(ShapeOps.RESHAPE, g.grad(), new long[]{Shapes.checkedNumel("repeat_interleave", in), repeats});
            return GradOps.reshape(g, g.ops().call(ReductionOps.SUM_DIM, grouped, new long[]{1}, false, null), in);
        }
        int d = Shapes.wrapDim("repeat_interleave", dim, in.length);
        long[] grouped = ViewShapes.insert(in, d + 1, repeats);
        return g.ops().call(ReductionOps.SUM_DIM, g.ops().call(ShapeOps.RESHAPE, g.grad(), grouped), new long[]{d + 1}, false, null);
    }

    /**
     * repeat_interleave by a tensor: PyTorch's {@code index_select} with the repeated indices, so its gradient is
     * {@code index_add} of the gradient into zeros (a one-element {@code repeats} applies to every element).
     */
    static Object interleaveTensorBack(Grad g) {
        OpBuilder b = g.ops();
        long[] in = GradOps.sizes(g, "self");
        Long dim = (Long) g.arg("dim");
        long[] target = dim == null ? new long[]{Shapes.checkedNumel("repeat_interleave", in)} : in;
        int d = dim == null ? 0 : Shapes.wrapDim("repeat_interleave", dim, in.length);
        Object repeats = g.arg("repeats");
        if (b.meta(repeats).numel() == 1 && target[d] != 1) {
            repeats = b.call(ShapeOps.EXPAND, b.call(ShapeOps.RESHAPE, repeats, new long[]{1}), new long[]{target[d]}, false);
        }
        Object index = b.call(ShapeOps.REPEAT_INTERLEAVE_INDICES, repeats, null);
        TensorMeta gm = b.meta(g.grad());
        Object zeros = b.call(CreationOps.ZEROS, target, gm.dtype(), null, gm.device(), null);
        Object summed = b.call(IndexingOps.INDEX_ADD, zeros, (long) d, index, g.grad(), 1L);
        return dim == null ? GradOps.reshape(g, summed, in) : summed;
    }

    /** tril and triu: the same triangle of the gradient. */
    static Formula triangleBack(boolean lower) {
        return g -> g.ops().call(lower ? ShapeOps.TRIL : ShapeOps.TRIU, g.grad(), g.arg("diagonal"));
    }

    static Object contiguous(Grad g, Object x) { return g.ops().call(ShapeOps.CONTIGUOUS, x, "contiguous_format"); }

    static long[] longs(Object intOrList) { return intOrList instanceof Long l ? new long[]{l} : (long[]) intOrList; }

    static long[] toArray(List<Long> values) { return values.stream().mapToLong(Long::longValue).toArray(); }

    /** {@code arange(n)} as int64 indices. */
    static Object arange(OpBuilder b, long n) { return b.call(CreationOps.ARANGE, n, DType.INT64, null, null, null); }

    private static boolean isLegacyEmpty(TensorMeta m) { return m.dim() == 1 && m.sizes()[0] == 0; }
}
