package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;

/**
 * The derivatives of the scans (cumsum, cumprod) and of softmax and log_softmax, written with catalogue ops so
 * that they are differentiable again.
 */
final class ScanGrads {
    private ScanGrads() {}

    /** {@code cumsum_backward}: the gradient summed from the end of the dim backwards. */
    static Object cumsum(Grad g) {
        TensorMeta self = g.meta("self");
        Object grad = GradOps.toDType(g.ops(), g.grad(), self.dtype());
        if (self.numel() <= 1) return grad;
        long dim = Shapes.wrapDim("cumsum", (Long) g.arg("dim"), self.dim());
        return self.size((int) dim) == 1 ? grad : reversedCumsum(g.ops(), grad, dim);
    }

    /**
     * {@code cumprod_backward}: {@code grad_k = sum_{j >= k} grad_j * prod_{i <= j, i != k} x_i}, in O(n) and exact
     * with zeros. Before the first zero of a slice it is {@code reversed_cumsum(grad * result) / x}; at the first zero
     * the same sum over products that skip it (the input with that zero replaced by one). Further on the gradient is
     * zero, but is written as {@code firstZero * (...)} with {@code firstZero} the (zero) value of the first zero: its
     * derivative with respect to that element is the product skipping both zeros, so double backward is exact too.
     */
    static Object cumprod(Grad g) {
        OpBuilder b = g.ops();
        TensorMeta meta = g.meta("self");
        Object grad = GradOps.toDType(b, g.grad(), meta.dtype());
        if (meta.numel() <= 1) return grad;
        long dim = Shapes.wrapDim("cumprod", (Long) g.arg("dim"), meta.dim());
        if (meta.size((int) dim) == 1) return grad;
        Object x = g.arg("self");
        Object isZero = b.call(PointwiseOps.EQ_SCALAR, x, 0L);
        Object zerosSoFar = b.call(ReductionOps.CUMSUM, isZero, dim, null);
        Object before = b.call(PointwiseOps.EQ_SCALAR, zerosSoFar, 0L);
        Object afterOne = b.call(PointwiseOps.EQ_SCALAR, zerosSoFar, 1L);
        Object first = b.call(PointwiseOps.LOGICAL_AND, isZero, afterOne);
        Object between = b.call(PointwiseOps.LOGICAL_AND, b.call(PointwiseOps.LOGICAL_NOT, isZero), afterOne);
        Object second = b.call(PointwiseOps.LOGICAL_AND, isZero, b.call(PointwiseOps.EQ_SCALAR, zerosSoFar, 2L));

        Object untilFirst = GradOps.div(g, weightedTail(b, grad, g.arg("result"), dim), whereElse(b, before, x, 1L));
        Object skipFirst = b.call(PointwiseOps.WHERE_SCALAR_SELF, first, 1L, x);
        Object skipFirstTail = weightedTail(b, grad, b.call(ReductionOps.CUMPROD, skipFirst, dim, null), dim);
        Object firstZero = b.call(ReductionOps.SUM_DIM, GradOps.mul(g, x, first), new long[]{dim}, true, null);
        Object fromFirst = GradOps.div(g, skipFirstTail, whereElse(b, between, x, 1L));
        Object skipBoth = b.call(PointwiseOps.WHERE_SCALAR_SELF, second, 1L, skipFirst);
        Object atSecond = weightedTail(b, grad, b.call(ReductionOps.CUMPROD, skipBoth, dim, null), dim);
        Object later = GradOps.where(g, between, fromFirst, whereElse(b, second, atSecond, 0L));
        Object afterFirst = GradOps.where(g, first, fromFirst, GradOps.mul(g, firstZero, later));
        return GradOps.where(g, before, untilFirst, afterFirst);
    }

    /** {@code reversed_cumsum(grad * products)}: for each k the sum over j >= k. */
    private static Object weightedTail(OpBuilder b, Object grad, Object products, long dim) {
        return reversedCumsum(b, b.call(PointwiseOps.MUL, grad, products), dim);
    }

    private static Object whereElse(OpBuilder b, Object condition, Object x, long otherwise) {
        return b.call(PointwiseOps.WHERE_SCALAR_OTHER, condition, x, otherwise);
    }

    /** {@code x.flip(dim).cumsum(dim).flip(dim)}. */
    static Object reversedCumsum(OpBuilder b, Object x, long dim) {
        long[] dims = {dim};
        return b.call(ShapeOps.FLIP, b.call(ReductionOps.CUMSUM, b.call(ShapeOps.FLIP, x, dims), dim, null), dims);
    }

    /** {@code _softmax_backward_data}: {@code result * (grad - sum(grad * result, dim))}. */
    static Object softmax(Grad g) {
        Object y = g.arg("result");
        Object dot = g.ops().call(ReductionOps.SUM_DIM, GradOps.mul(g, g.grad(), y), new long[]{(Long) g.arg("dim")}, true, null);
        return GradOps.mul(g, y, GradOps.sub(g, g.grad(), dot));
    }

    /** {@code _log_softmax_backward_data}: {@code grad - exp(result) * sum(grad, dim)}. */
    static Object logSoftmax(Grad g) {
        OpBuilder b = g.ops();
        Object total = b.call(ReductionOps.SUM_DIM, g.grad(), new long[]{(Long) g.arg("dim")}, true, null);
        return GradOps.sub(g, g.grad(), GradOps.mul(g, b.call(PointwiseOps.EXP, g.arg("result")), total));
    }
}
