package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;

/**
 * PyTorch's {@code norm_backward}, shared by the {@code norm} overloads and {@code linalg_vector_norm}. At a zero
 * norm the gradient is the zero subgradient; divisions go through a norm or element with zeros replaced by one, so
 * that double backward sees no {@code 0/0} either.
 */
final class NormGrads {
    private NormGrads() {}

    /** The gradient of the {@code ord}-norm over {@code dims} (null or empty: all); null (zero) for the 0-"norm". */
    static Object norm(Grad g, Object ord, long[] dims, boolean keepdim) {
        OpBuilder b = g.ops();
        double p = ReductionRules.order(ord);
        if (p == 0) return null;
        int rank = g.meta("self").dim();
        Object grad = ReductionGrads.unsqueezeReduced(g, g.grad(), rank, dims, keepdim);
        Object norm = ReductionGrads.unsqueezeReduced(g, g.arg("result"), rank, dims, keepdim);
        Object self = GradOps.toDType(b, g.arg("self"), GradOps.meta(g, grad).dtype());
        Object sign = b.call(PointwiseOps.SIGN, self);
        if (p == 1) return GradOps.mul(g, sign, grad);
        Object abs = b.call(PointwiseOps.ABS, self);
        if (Double.isInfinite(p)) {
            Object mask = b.call(PointwiseOps.LOGICAL_OR, b.call(PointwiseOps.EQ, abs, norm), b.call(PointwiseOps.ISNAN, abs));
            Object count = b.call(ReductionOps.SUM_DIM, mask, dims, true, null);
            return GradOps.mul(g, sign, GradOps.mul(g, GradOps.div(g, grad, count), mask));
        }
        Object zeroNorm = b.call(PointwiseOps.EQ_SCALAR, norm, 0L);
        Object safeNorm = b.call(PointwiseOps.MASKED_FILL, norm, zeroNorm, 1L);
        if (p == 2) return GradOps.mul(g, grad, b.call(PointwiseOps.MASKED_FILL, GradOps.div(g, self, safeNorm), zeroNorm, 0L));
        if (p < 1) {
            Object safeAbs = b.call(PointwiseOps.MASKED_FILL, abs, b.call(PointwiseOps.EQ_SCALAR, self, 0L), 1L);
            Object scaled = GradOps.mul(g, sign, pow(b, safeAbs, p - 1));
            return GradOps.mul(g, GradOps.mul(g, scaled, grad), pow(b, norm, 1 - p));
        }
        Object scaled = p < 2 ? GradOps.mul(g, sign, pow(b, abs, p - 1)) : GradOps.mul(g, self, pow(b, abs, p - 2));
        Object scale = b.call(PointwiseOps.MASKED_FILL, GradOps.div(g, grad, pow(b, safeNorm, p - 1)), zeroNorm, 0L);
        return GradOps.mul(g, scaled, scale);
    }

    private static Object pow(OpBuilder b, Object x, double exponent) { return b.call(PointwiseOps.POW_TENSOR_SCALAR, x, exponent); }
}
