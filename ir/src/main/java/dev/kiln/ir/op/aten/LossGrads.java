package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.aten.LossMath.MEAN;
import static dev.kiln.ir.op.aten.LossMath.choose;
import static dev.kiln.ir.op.aten.LossMath.clampMin;
import static dev.kiln.ir.op.aten.LossMath.div;
import static dev.kiln.ir.op.aten.LossMath.fill;
import static dev.kiln.ir.op.aten.LossMath.log;
import static dev.kiln.ir.op.aten.LossMath.meanScaled;
import static dev.kiln.ir.op.aten.LossMath.mul;
import static dev.kiln.ir.op.aten.LossMath.neg;
import static dev.kiln.ir.op.aten.LossMath.plus;
import static dev.kiln.ir.op.aten.LossMath.rsub;
import static dev.kiln.ir.op.aten.LossMath.scale;
import static dev.kiln.ir.op.aten.LossMath.sub;
import static dev.kiln.ir.op.aten.LossMath.sum;
import static dev.kiln.ir.op.aten.LossMath.unsqueeze;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;

/**
 * The derivatives of the losses PyTorch differentiates as a whole, after {@code derivatives.yaml} and the backward
 * kernels of {@code Loss.cpp} and {@code LossNLL.cpp}, written with catalogue ops so that they are themselves
 * differentiable. Element-wise losses give {@code target} the gradient of {@code self} with the two swapped, as PyTorch
 * does; a mean carries {@code 1/numel}.
 */
final class LossGrads {
    private LossGrads() {}

    private static long reduction(Grad g) { return (Long) g.arg("reduction"); }

    /** The number of element-wise losses: the size of the broadcast of self and target. */
    private static long elements(Grad g) {
        long n = 1;
        for (long s : Shapes.broadcast("loss", g.meta("self").sizes(), g.meta("target").sizes())) n *= s;
        return n;
    }

    /** {@code 2 (a - b) grad}: mse_loss's gradient for {@code self} (a = self) or {@code target} (a = target). */
    static Object mse(Grad g, String a, String b) {
        OpBuilder o = g.ops();
        return meanScaled(o, mul(o, scale(o, sub(o, g.arg(a), g.arg(b)), 2.0), g.grad()), reduction(g), elements(g));
    }

    /** smooth_l1_loss: {@code clamp((a - b) / beta, -1, 1) grad}; at beta 0, -1 for a <= b and 1 above, as PyTorch's kernel. */
    static Object smoothL1(Grad g, String a, String b) {
        OpBuilder o = g.ops();
        double beta = (Double) g.arg("beta");
        Object x = sub(o, g.arg(a), g.arg(b));
        Object slope = beta > 0 ? o.call(PointwiseOps.CLAMP, scale(o, x, 1 / beta), -1.0, 1.0)
                : choose(o, o.call(PointwiseOps.GT_SCALAR, x, 0L), 1.0, -1.0);
        return meanScaled(o, mul(o, slope, g.grad()), reduction(g), elements(g));
    }

    /** huber_loss: {@code clamp(a - b, -delta, delta) grad}. */
    static Object huber(Grad g, String a, String b) {
        OpBuilder o = g.ops();
        double delta = (Double) g.arg("delta");
        Object slope = o.call(PointwiseOps.CLAMP, sub(o, g.arg(a), g.arg(b)), -delta, delta);
        return meanScaled(o, mul(o, slope, g.grad()), reduction(g), elements(g));
    }

    private static final double BCE_EPSILON = 1e-12;

    /** binary_cross_entropy's self: {@code grad w (x - t) / max(x (1 - x), 1e-12)}. */
    static Object binaryCrossEntropySelf(Grad g) {
        OpBuilder o = g.ops();
        Object x = g.arg("self");
        Object denominator = clampMin(o, mul(o, rsub(o, x, 1), x), BCE_EPSILON);
        return weighted(g, div(o, sub(o, x, g.arg("target")), denominator));
    }

    /** binary_cross_entropy's target: {@code grad w (log(1 - x) - log(x))}, minus the logit of the input. */
    static Object binaryCrossEntropyTarget(Grad g) {
        OpBuilder o = g.ops();
        Object x = g.arg("self");
        return weighted(g, sub(o, o.call(PointwiseOps.LOG1P, neg(o, x)), log(o, x)));
    }

    /** binary_cross_entropy_with_logits's self: {@code grad w ((pw t + 1 - t) sigmoid(x) - pw t)}, {@code sigmoid(x) - t} without pw. */
    static Object logitsSelf(Grad g) {
        OpBuilder o = g.ops();
        Object sigmoid = o.call(PointwiseOps.SIGMOID, g.arg("self"));
        Object t = g.arg("target"), posWeight = g.arg("pos_weight");
        if (posWeight == null) return weighted(g, sub(o, sigmoid, t));
        Object pt = mul(o, posWeight, t);
        return weighted(g, sub(o, mul(o, sub(o, plus(o, pt, 1), t), sigmoid), pt));
    }

    /** binary_cross_entropy_with_logits's target: {@code grad w (log_sigmoid(-x) - pw log_sigmoid(x))}, {@code -x} without pw. */
    static Object logitsTarget(Grad g) {
        OpBuilder o = g.ops();
        Object x = g.arg("self"), posWeight = g.arg("pos_weight");
        if (posWeight == null) return weighted(g, neg(o, x));
        Object logSigmoid = o.call(PointwiseOps.LOG_SIGMOID, x);
        return weighted(g, sub(o, o.call(PointwiseOps.LOG_SIGMOID, neg(o, x)), mul(o, logSigmoid, posWeight)));
    }

    /** {@code slope * grad * weight}, divided by the number of elements for a mean. */
    private static Object weighted(Grad g, Object slope) {
        OpBuilder o = g.ops();
        Object grad = mul(o, slope, g.grad());
        if (g.arg("weight") != null) grad = mul(o, grad, g.arg("weight"));
        return meanScaled(o, grad, reduction(g), elements(g));
    }

    /**
     * nll_loss and nll_loss2d: {@code -w[t] grad} (over the total weight for a mean) scattered to each target's class,
     * 0 at ignored targets.
     */
    static Object nll(Grad g) {
        OpBuilder o = g.ops();
        TensorMeta input = g.meta("self");
        LossComposites.Nll n = LossComposites.Nll.of(o, input, g.arg("target"), g.arg("weight"), (Long) g.arg("ignore_index"));
        Object values = neg(o, mul(o, n.weights(), g.grad()));
        if (reduction(g) == MEAN) values = div(o, values, sum(o, n.weights()));
        values = fill(o, values, n.ignored(), 0.0);
        Object zeros = o.call(CreationOps.ZEROS, input.sizes(), input.dtype(), null, input.device(), null);
        return o.call(IndexingOps.SCATTER_SRC, zeros, n.classDim(), unsqueeze(o, n.safeTarget(), n.classDim()),
                unsqueeze(o, values, n.classDim()));
    }
}
