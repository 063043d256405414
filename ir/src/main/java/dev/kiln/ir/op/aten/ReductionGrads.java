package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import java.util.List;

/**
 * The derivatives of the reductions, after PyTorch's {@code FunctionsManual.cpp}: gradients of sums and means
 * broadcast back over the reduced dims, extremes send theirs to the selected elements (split evenly among ties
 * for whole-tensor and {@code amax}-style reductions, to the returned index for the dim overloads), and the
 * moments, products and {@code logsumexp} scale the broadcast gradient by their local derivative.
 */
final class ReductionGrads {
    private ReductionGrads() {}

    /**
     * The gradient of a sum over {@code dims} (null or empty: all): {@code grad} with the reduced dims put back as
     * size 1 when they were dropped, expanded to the input's sizes.
     */
    static Object expandBack(Grad g, Object grad, long[] dims, boolean keepdim) {
        long[] in = GradOps.sizes(g, "self");
        return GradOps.expand(g, unsqueezeReduced(g, grad, in.length, dims, keepdim), in);
    }

    /** {@code grad} reshaped so that the reduced dims are present with size 1 (PyTorch's {@code restore_reduced_dims}). */
    static Object unsqueezeReduced(Grad g, Object grad, int rank, long[] dims, boolean keepdim) {
        long[] have = GradOps.meta(g, grad).sizes();
        if (keepdim || rank == 0 || have.length == rank) return grad;
        boolean[] reduced = ReductionRules.mask("sum", dims, rank);
        long[] shape = new long[rank];
        for (int i = 0, k = 0; i < rank; i++) shape[i] = reduced[i] ? 1 : have[k++];
        return GradOps.reshape(g, grad, shape);
    }

    /** The number of input elements each output of a reduction over {@code dims} (null or empty: all) combines. */
    static long reducedCount(TensorMeta self, long[] dims) {
        return ReductionRules.count(self.sizes(), ReductionRules.mask("sum", dims, self.dim()));
    }

    /** {@code mean_backward}: the sum's gradient divided by the number of elements averaged. */
    static Object mean(Grad g, long[] dims, boolean keepdim) {
        return div(g, expandBack(g, g.grad(), dims, keepdim), reducedCount(g.meta("self"), dims));
    }

    /** {@code a / n} for a count {@code n}. */
    static Object div(Grad g, Object a, long n) { return g.ops().call(PointwiseOps.DIV_SCALAR, a, n); }

    // ---- extremes and order statistics ----

    /**
     * {@code evenly_distribute_backward}: the gradient of a whole-tensor max, min or median goes to every element equal
     * to the result (or every NaN when the result is NaN), split evenly among them.
     */
    static Object evenlyDistribute(Grad g) {
        OpBuilder b = g.ops();
        Object self = g.arg("self"), value = g.arg("result");
        Object bothNan = b.call(PointwiseOps.LOGICAL_AND, b.call(PointwiseOps.ISNAN, self), b.call(PointwiseOps.ISNAN, value));
        Object mask = b.call(PointwiseOps.LOGICAL_OR, b.call(PointwiseOps.EQ, self, value), bothNan);
        return GradOps.mul(g, mask, GradOps.div(g, g.grad(), b.call(ReductionOps.SUM, mask, null)));
    }

    /**
     * {@code value_selecting_reduction_backward}: the gradient of max.dim, min.dim, median.dim and kthvalue is
     * scattered into zeros at the returned indices along {@code dim}.
     */
    static Object selectedValues(Grad g) {
        OpBuilder b = g.ops();
        TensorMeta self = g.meta("self");
        Object grad = g.grad();
        if (self.dim() == 0) return grad;
        long dim = Shapes.wrapDim("scatter", (Long) g.arg("dim"), self.dim());
        Object indices = g.arg("indices");
        if (!(Boolean) g.arg("keepdim")) {
            grad = b.call(ShapeOps.UNSQUEEZE, grad, dim);
            indices = b.call(ShapeOps.UNSQUEEZE, indices, dim);
        }
        Object zeros = b.call(CreationOps.ZEROS, self.sizes(), GradOps.meta(g, grad).dtype(), null, self.device(), null);
        return b.call(IndexingOps.SCATTER_SRC, zeros, dim, indices, grad);
    }

    /**
     * {@code scale_grad_by_count}: the gradient of amax and amin goes to every element equal to its slice's result,
     * split evenly among them.
     */
    static Object amaxAmin(Grad g) {
        long[] dims = (long[]) g.arg("dim");
        boolean keepdim = (Boolean) g.arg("keepdim");
        int rank = g.meta("self").dim();
        Object result = unsqueezeReduced(g, g.arg("result"), rank, dims, keepdim);
        Object mask = g.ops().call(PointwiseOps.EQ, result, g.arg("self"));
        Object count = g.ops().call(ReductionOps.SUM_DIM, mask, dims, true, null);
        return GradOps.mul(g, GradOps.div(g, unsqueezeReduced(g, g.grad(), rank, dims, keepdim), count), mask);
    }

    // ---- moments ----

    /** {@code var_backward}: {@code 2 / (n - correction) * grad * (self - mean)}, the grad broadcast over the reduced dims. */
    static Object var(Grad g, Object grad) {
        TensorMeta self = g.meta("self");
        long[] dims = (long[]) g.arg("dim");
        Long correction = (Long) g.arg("correction");
        double dof = reducedCount(self, dims) - (correction == null ? 1 : correction);
        Object scaled = GradOps.scale(g, unsqueezeReduced(g, grad, self.dim(), dims, (Boolean) g.arg("keepdim")), 2.0 / dof);
        Object centred = GradOps.sub(g, g.arg("self"), g.ops().call(ReductionOps.MEAN_DIM, g.arg("self"), dims, true, null));
        return GradOps.mul(g, scaled, centred);
    }

    /** {@code std_backward}: var's gradient of {@code grad / (2 * std)}, zero where std is zero. */
    static Object std(Grad g, Object grad, Object std) {
        OpBuilder b = g.ops();
        Object zero = b.call(PointwiseOps.EQ_SCALAR, std, 0L);
        Object safe = b.call(PointwiseOps.MASKED_FILL, std, zero, 1L);
        Object scaled = GradOps.div(g, grad, GradOps.scale(g, safe, 2L));
        return var(g, b.call(PointwiseOps.MASKED_FILL, scaled, zero, 0L));
    }

    /** var_mean and std_mean: the moment's gradient plus the mean's, for the outputs that received one. */
    static Object withMean(Grad g, Object momentGrad) {
        if (!g.hasGrad(1)) return momentGrad;
        Object meanGrad = div(g, expandBack(g, g.grad(1), (long[]) g.arg("dim"), (Boolean) g.arg("keepdim")),
                reducedCount(g.meta("self"), (long[]) g.arg("dim")));
        return momentGrad == null ? meanGrad : GradOps.add(g, momentGrad, meanGrad);
    }

    // ---- logsumexp and products ----

    /** {@code logsumexp_backward}: {@code grad * exp(self - result)}, both broadcast over the reduced dims. */
    static Object logsumexp(Grad g) {
        long[] dims = (long[]) g.arg("dim");
        boolean keepdim = (Boolean) g.arg("keepdim");
        int rank = g.meta("self").dim();
        Object result = unsqueezeReduced(g, g.arg("result"), rank, dims, keepdim);
        Object weight = g.ops().call(PointwiseOps.EXP, GradOps.sub(g, g.arg("self"), result));
        return GradOps.mul(g, unsqueezeReduced(g, g.grad(), rank, dims, keepdim), weight);
    }

    /**
     * The gradient of prod over all elements or along {@code dim} (null: all): {@code grad} times the product of
     * the other elements of the slice, computed from exclusive cumulative products so that zeros are exact
     * (PyTorch's {@code prod_safe_zeros_backward}, which it uses whenever the input has a zero).
     */
    static Object prod(Grad g, Long dim, boolean keepdim) {
        OpBuilder b = g.ops();
        TensorMeta meta = g.meta("self");
        Object grad = g.grad();
        if (meta.dim() == 0) return grad;
        Object self = GradOps.toDType(b, g.arg("self"), GradOps.meta(g, grad).dtype());
        if (dim == null) {
            Object flat = GradOps.reshape(g, self, new long[]{meta.numel()});
            return GradOps.reshape(g, exclusiveProducts(g, grad, flat, 0), meta.sizes());
        }
        int d = Shapes.wrapDim("prod", dim, meta.dim());
        if (!keepdim) grad = b.call(ShapeOps.UNSQUEEZE, grad, (long) d);
        return exclusiveProducts(g, grad, self, d);
    }

    /** {@code grad * prod(x[:k]) * prod(x[k+1:])} along {@code dim} for each position k. */
    private static Object exclusiveProducts(Grad g, Object grad, Object x, int dim) {
        OpBuilder b = g.ops();
        TensorMeta m = b.meta(x);
        long n = m.size(dim);
        if (m.numel() == 0) return GradOps.expand(g, grad, m.sizes());
        long[] onesSize = m.sizes().clone();
        onesSize[dim] = 1;
        Object ones = b.call(CreationOps.ONES, onesSize, m.dtype(), null, m.device(), null);
        long[] flipDim = {dim};
        Object leading = b.call(ShapeOps.NARROW, x, (long) dim, 0L, n - 1);
        Object before = b.call(ReductionOps.CUMPROD, b.call(ShapeOps.CAT, List.of(ones, leading), (long) dim), (long) dim, null);
        Object trailing = b.call(ShapeOps.FLIP, b.call(ShapeOps.NARROW, x, (long) dim, 1L, n - 1), flipDim);
        Object after = b.call(ShapeOps.FLIP,
                b.call(ReductionOps.CUMPROD, b.call(ShapeOps.CAT, List.of(ones, trailing), (long) dim), (long) dim, null), flipDim);
        return GradOps.mul(g, grad, GradOps.mul(g, before, after));
    }
}
