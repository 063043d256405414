package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.type.DType;

/**
 * The vocabulary the losses and their derivatives are written in: short names for the catalogue ops they are made
 * of, applied through a builder (the eager dispatcher, a tracer, or a derivative formula's {@code g.ops()}), so that
 * a loss expands into ordinary op calls and its gradient stays differentiable.
 */
final class LossMath {
    private LossMath() {}

    /** aten's {@code at::Reduction}: the int a loss's {@code reduction} argument carries. */
    static final long NONE = 0, MEAN = 1, SUM = 2;

    static Object add(OpBuilder b, Object x, Object y) { return b.call(PointwiseOps.ADD, x, y, 1L); }

    static Object sub(OpBuilder b, Object x, Object y) { return b.call(PointwiseOps.SUB, x, y, 1L); }

    static Object mul(OpBuilder b, Object x, Object y) { return b.call(PointwiseOps.MUL, x, y); }

    static Object div(OpBuilder b, Object x, Object y) { return b.call(PointwiseOps.DIV, x, y); }

    static Object neg(OpBuilder b, Object x) { return b.call(PointwiseOps.NEG, x); }

    /** {@code x * s}. */
    static Object scale(OpBuilder b, Object x, double s) { return b.call(PointwiseOps.MUL_SCALAR, x, s); }

    /** {@code x + s}. */
    static Object plus(OpBuilder b, Object x, double s) { return b.call(PointwiseOps.ADD_SCALAR, x, s, 1L); }

    /** {@code s - x}. */
    static Object rsub(OpBuilder b, Object x, double s) { return b.call(PointwiseOps.RSUB_SCALAR, x, s, 1L); }

    static Object abs(OpBuilder b, Object x) { return b.call(PointwiseOps.ABS, x); }

    static Object log(OpBuilder b, Object x) { return b.call(PointwiseOps.LOG, x); }

    static Object exp(OpBuilder b, Object x) { return b.call(PointwiseOps.EXP, x); }

    static Object sqrt(OpBuilder b, Object x) { return b.call(PointwiseOps.SQRT, x); }

    static Object clampMin(OpBuilder b, Object x, double min) { return b.call(PointwiseOps.CLAMP_MIN, x, min); }

    static Object eq(OpBuilder b, Object x, Object scalar) { return b.call(PointwiseOps.EQ_SCALAR, x, scalar); }

    static Object not(OpBuilder b, Object mask) { return b.call(PointwiseOps.LOGICAL_NOT, mask); }

    static Object where(OpBuilder b, Object condition, Object x, Object y) { return b.call(PointwiseOps.WHERE, condition, x, y); }

    /** {@code where(condition, a, b)} of two numbers, a float tensor of the condition's shape. */
    static Object choose(OpBuilder b, Object condition, double a, double c) { return b.call(PointwiseOps.WHERE_SCALAR, condition, a, c); }

    /** {@code x} with {@code value} where {@code mask} is set. */
    static Object fill(OpBuilder b, Object x, Object mask, Object value) { return b.call(PointwiseOps.MASKED_FILL, x, mask, value); }

    static Object sum(OpBuilder b, Object x) { return b.call(ReductionOps.SUM, x, null); }

    static Object sum(OpBuilder b, Object x, long dim, boolean keepdim) { return b.call(ReductionOps.SUM_DIM, x, new long[]{dim}, keepdim, null); }

    static Object unsqueeze(OpBuilder b, Object x, long dim) { return b.call(ShapeOps.UNSQUEEZE, x, dim); }

    static Object squeeze(OpBuilder b, Object x, long dim) { return b.call(ShapeOps.SQUEEZE_DIM, x, dim); }

    static Object view(OpBuilder b, Object x, long... sizes) { return b.call(ShapeOps.VIEW, x, sizes); }

    static Object zerosLike(OpBuilder b, Object x) { return b.call(CreationOps.ZEROS_LIKE, x, null, null, null, null, null); }

    static Object to(OpBuilder b, Object x, DType dtype) { return GradOps.toDType(b, x, dtype); }

    /** aten's {@code apply_loss_reduction}: the unreduced loss, its mean or its sum. */
    static Object reduce(OpBuilder b, Object loss, long reduction) {
        if (reduction == MEAN) return b.call(ReductionOps.MEAN, loss, null);
        return reduction == SUM ? sum(b, loss) : loss;
    }

    /** The factor a pointwise loss's gradient carries: 1/numel for a mean, 1 otherwise. */
    static Object meanScaled(OpBuilder b, Object grad, long reduction, long numel) {
        return reduction == MEAN ? scale(b, grad, 1.0 / numel) : grad;
    }
}
