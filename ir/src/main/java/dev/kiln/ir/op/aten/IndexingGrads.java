package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import java.util.Arrays;
import java.util.List;

/**
 * The derivatives of gathering, scattering, selection, advanced indexing and sorting, after PyTorch's
 * {@code derivatives.yaml}: what one op gathers, its gradient scatters back (adding where an index repeats),
 * and what one op scatters, its gradient gathers. They are built from the indexing ops themselves wherever
 * PyTorch's are, so that double backward mostly stays within this family.
 */
final class IndexingGrads {
    private IndexingGrads() {}

    /** Zeros of {@code sizes} with the dtype and device of {@code like}. */
    static Object zeros(Grad g, long[] sizes, Object like) {
        TensorMeta m = GradOps.meta(g, like);
        return g.ops().call(CreationOps.ZEROS, sizes, m.dtype(), null, m.device(), null);
    }

    static Object gather(Grad g, Object self, Object dim, Object index) {
        return g.ops().call(IndexingOps.GATHER, self, dim, index, false);
    }

    static Object scatterAdd(Grad g, Object self, Object dim, Object index, Object src) {
        return g.ops().call(IndexingOps.SCATTER_ADD, self, dim, index, src);
    }

    /** {@code grad} with the positions {@code index} writes along {@code dim} set to zero: a scatter's self gradient. */
    static Object scatteredZero(Grad g, Object grad) {
        return g.ops().call(IndexingOps.SCATTER_VALUE, grad, g.arg("dim"), g.arg("index"), 0L);
    }

    /** The gradient at the positions a scatter read from {@code src}: {@code grad.gather(dim, index)}. */
    static Object gatherGrad(Grad g) { return gather(g, g.grad(), g.arg("dim"), g.arg("index")); }

    /** gather: each gathered element's gradient is added back where it came from. */
    static Object gatherBackward(Grad g) {
        Object grad = g.grad();
        return scatterAdd(g, zeros(g, GradOps.sizes(g, "self"), grad), g.arg("dim"), g.arg("index"), grad);
    }

    /** sort and topk: the values' gradient scattered back to the positions {@code indices} took them from. */
    static Object valuesBackward(Grad g) {
        Object grad = g.grad(0);
        return g.ops().call(IndexingOps.SCATTER_SRC, zeros(g, GradOps.sizes(g, "self"), grad), g.arg("dim"), g.arg("indices"), grad);
    }

    /**
     * take_along_dim is a gather of self and indices broadcast against each other (of the flattened self when
     * dim is None); the gradient is that gather's, summed back to self's sizes by the engine.
     */
    static Object takeAlongDimBackward(Grad g) {
        Object grad = g.grad(), indices = g.arg("indices");
        long[] self = GradOps.sizes(g, "self");
        if (g.arg("dim") == null) {
            Object flatIndex = GradOps.reshape(g, indices, new long[]{-1});
            Object flat = scatterAdd(g, zeros(g, new long[]{Shapes.checkedNumel("take_along_dim", self)}, grad), 0L, flatIndex, grad);
            return GradOps.reshape(g, flat, self);
        }
        long[] shape = GradOps.meta(g, grad).sizes().clone();
        long dim = Shapes.wrapDim("take_along_dim", (Long) g.arg("dim"), self.length);
        if (shape.length > 0) shape[(int) dim] = self[(int) dim];
        Object broadcastIndices = GradOps.expand(g, indices, GradOps.meta(g, grad).sizes());
        return scatterAdd(g, zeros(g, shape, grad), dim, broadcastIndices, grad);
    }

    /** take: the gradient is put back at the flat positions (negative ones wrapping), summed where they repeat. */
    static Object takeBackward(Grad g) {
        Object grad = g.grad();
        long[] self = GradOps.sizes(g, "self");
        Object flat = zeros(g, new long[]{Shapes.checkedNumel("take", self)}, grad);
        Object put = g.ops().call(IndexingOps.INDEX_PUT, flat, List.of(g.arg("index")), grad, true);
        return GradOps.reshape(g, put, self);
    }

    /** index_select: the selected slices' gradients added back into zeros (IndexSelectBackward0). */
    static Object indexSelectBackward(Grad g) {
        Object grad = g.grad();
        return g.ops().call(IndexingOps.INDEX_ADD, zeros(g, GradOps.sizes(g, "self"), grad), g.arg("dim"), g.arg("index"), grad, 1L);
    }

    /** index_add: the source's gradient is the slices of {@code grad} it was added to, times alpha. */
    static Object indexAddSourceBackward(Grad g) {
        Object selected = g.ops().call(IndexingOps.INDEX_SELECT, g.grad(), g.arg("dim"), g.arg("index"));
        return GradOps.scale(g, selected, g.arg("alpha"));
    }

    /** masked_select: the selected elements' gradients scattered back in order into zeros of the broadcast shape. */
    static Object maskedSelectBackward(Grad g) {
        Object grad = g.grad(), mask = g.arg("mask");
        long[] shape = Shapes.broadcast("masked_select", GradOps.sizes(g, "self"), GradOps.meta(g, mask).sizes());
        return g.ops().call(IndexingOps.MASKED_SCATTER, zeros(g, shape, grad), mask, grad);
    }

    /** masked_scatter's self: the gradient where the mask kept self's elements. */
    static Object maskedScatterSelfBackward(Grad g) {
        return g.ops().call(PointwiseOps.MASKED_FILL, g.grad(), g.arg("mask"), 0L);
    }

    /**
     * masked_scatter's source: its leading elements were written where the mask is true, in order; their
     * gradients are those positions' gradients, the unused rest of the source gets zeros.
     */
    static Object maskedScatterSourceBackward(Grad g) {
        Object grad = g.grad();
        Object selected = g.ops().call(IndexingOps.MASKED_SELECT, grad, g.arg("mask"));
        long[] source = GradOps.sizes(g, "source");
        long unused = Shapes.checkedNumel("masked_scatter", source) - GradOps.meta(g, selected).numel();
        if (unused > 0) selected = g.ops().call(ShapeOps.CAT, List.of(selected, zeros(g, new long[]{unused}, grad)), 0L);
        return Arrays.equals(GradOps.meta(g, selected).sizes(), source) ? selected : GradOps.reshape(g, selected, source);
    }

    /** index.Tensor: the gradient put back at the indexed positions, accumulating repeats (IndexBackward0). */
    static Object indexBackward(Grad g) {
        Object grad = g.grad();
        return g.ops().call(IndexingOps.INDEX_PUT, zeros(g, GradOps.sizes(g, "self"), grad), g.arg("indices"), grad, true);
    }

    /** index_put's self: everything, or without accumulation everything but the overwritten positions. */
    static Object indexPutSelfBackward(Grad g) {
        Object grad = g.grad();
        if ((Boolean) g.arg("accumulate")) return grad;
        return g.ops().call(IndexingOps.INDEX_PUT, grad, g.arg("indices"), zeros(g, GradOps.sizes(g, "values"), grad), false);
    }

    /** index_put's values: the gradient at the positions they were put, summed to the values' sizes by the engine. */
    static Object indexPutValuesBackward(Grad g) { return g.ops().call(IndexingOps.INDEX, g.grad(), g.arg("indices")); }
}
