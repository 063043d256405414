package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.aten.LossMath.MEAN;
import static dev.kiln.ir.op.aten.LossMath.NONE;
import static dev.kiln.ir.op.aten.LossMath.SUM;
import static dev.kiln.ir.op.aten.LossMath.abs;
import static dev.kiln.ir.op.aten.LossMath.add;
import static dev.kiln.ir.op.aten.LossMath.clampMin;
import static dev.kiln.ir.op.aten.LossMath.div;
import static dev.kiln.ir.op.aten.LossMath.eq;
import static dev.kiln.ir.op.aten.LossMath.exp;
import static dev.kiln.ir.op.aten.LossMath.fill;
import static dev.kiln.ir.op.aten.LossMath.log;
import static dev.kiln.ir.op.aten.LossMath.mul;
import static dev.kiln.ir.op.aten.LossMath.neg;
import static dev.kiln.ir.op.aten.LossMath.not;
import static dev.kiln.ir.op.aten.LossMath.plus;
import static dev.kiln.ir.op.aten.LossMath.reduce;
import static dev.kiln.ir.op.aten.LossMath.rsub;
import static dev.kiln.ir.op.aten.LossMath.scale;
import static dev.kiln.ir.op.aten.LossMath.sqrt;
import static dev.kiln.ir.op.aten.LossMath.squeeze;
import static dev.kiln.ir.op.aten.LossMath.sub;
import static dev.kiln.ir.op.aten.LossMath.sum;
import static dev.kiln.ir.op.aten.LossMath.to;
import static dev.kiln.ir.op.aten.LossMath.unsqueeze;
import static dev.kiln.ir.op.aten.LossMath.view;
import static dev.kiln.ir.op.aten.LossMath.where;
import static dev.kiln.ir.op.aten.LossMath.zerosLike;

import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import java.util.Arrays;

/**
 * What each loss computes, as PyTorch 1.13's {@code Loss.cpp}, {@code LossNLL.cpp} and {@code Distance.cpp} write it,
 * in catalogue ops. The losses PyTorch differentiates as a whole ({@code mse_loss}, {@code nll_loss} ...) run these
 * expansions without recording them (their derivatives are in {@link LossGrads}); the others ({@code l1_loss},
 * {@code cross_entropy_loss} ...) are recorded op by op, so their backward functions are PyTorch's.
 */
final class LossComposites {
    private LossComposites() {}

    /** {@code (self - target)^2}, reduced. */
    static Object mse(OpBuilder b, Object self, Object target, long reduction) {
        Object d = sub(b, self, target);
        return reduce(b, mul(b, d, d), reduction);
    }

    /** {@code |self - target|}, reduced. */
    static Object l1(OpBuilder b, Object self, Object target, long reduction) { return reduce(b, abs(b, sub(b, self, target)), reduction); }

    /** {@code z < beta ? 0.5 z^2 / beta : z - 0.5 beta} for {@code z = |self - target|}, reduced. */
    static Object smoothL1(OpBuilder b, Object self, Object target, long reduction, double beta) {
        Object z = abs(b, sub(b, self, target));
        if (beta == 0) return reduce(b, z, reduction);
        Object quadratic = scale(b, mul(b, z, z), 0.5 / beta);
        return reduce(b, where(b, b.call(PointwiseOps.LT_SCALAR, z, beta), quadratic, plus(b, z, -0.5 * beta)), reduction);
    }

    /** {@code z < delta ? 0.5 z^2 : delta (z - 0.5 delta)} for {@code z = |self - target|}, in the input's dtype, reduced. */
    static Object huber(OpBuilder b, Object self, Object target, long reduction, double delta) {
        Object z = abs(b, sub(b, self, target));
        Object quadratic = scale(b, mul(b, z, z), 0.5);
        Object linear = scale(b, plus(b, z, -0.5 * delta), delta);
        Object loss = to(b, where(b, b.call(PointwiseOps.LT_SCALAR, z, delta), quadratic, linear), b.meta(self).dtype());
        return reduce(b, loss, reduction);
    }

    /**
     * {@code -w (t log(x) + (1 - t) log(1 - x))} with each log clamped at -100 as PyTorch does, so that probabilities
     * of exactly 0 and 1 give finite losses.
     */
    static Object binaryCrossEntropy(OpBuilder b, Object self, Object target, Object weight, long reduction) {
        Object logX = clampMin(b, log(b, self), -100);
        Object log1mX = clampMin(b, b.call(PointwiseOps.LOG1P, neg(b, self)), -100);
        Object loss = sub(b, mul(b, plus(b, target, -1), log1mX), mul(b, target, logX));
        if (weight != null) loss = mul(b, loss, weight);
        return reduce(b, loss, reduction);
    }

    /**
     * {@code (1 - t) x - (1 + (pos_weight - 1) t) log_sigmoid(x)}, times the weight: the log of the sigmoid is computed
     * without overflow for inputs of any magnitude.
     */
    static Object binaryCrossEntropyWithLogits(OpBuilder b, Object self, Object target, Object weight, Object posWeight, long reduction) {
        Object logSigmoid = b.call(PointwiseOps.LOG_SIGMOID, self);
        if (posWeight != null) logSigmoid = mul(b, logSigmoid, plus(b, mul(b, plus(b, posWeight, -1), target), 1));
        Object loss = sub(b, mul(b, rsub(b, target, 1), self), logSigmoid);
        if (weight != null) loss = mul(b, loss, weight);
        return reduce(b, loss, reduction);
    }

    /**
     * {@code exp(t) (t - x)} for a log target, else {@code xlogy(t, t) - t x} where {@code xlogy(t, t)} is
     * {@code t log t}, 0 where t is 0.
     */
    static Object klDiv(OpBuilder b, Object self, Object target, long reduction, boolean logTarget) {
        Object loss;
        if (logTarget) {
            loss = mul(b, exp(b, target), sub(b, target, self));
        } else {
            Object xlogy = fill(b, mul(b, target, log(b, target)), eq(b, target, 0L), 0.0);
            loss = sub(b, xlogy, mul(b, target, self));
        }
        return reduce(b, loss, reduction);
    }

    // ---- negative log likelihood ----

    /**
     * nll_loss and nll_loss2d: {@code -w[t] x[t]} along the class dimension (1, or 0 for a (C) input), 0 where the target
     * is {@code ignore_index}; the mean divides by the sum of the weights of the targets not ignored (NaN when there are
     * none). A target out of range fails in gather, and is reported as this op's error.
     */
    static Object nll(String op, OpBuilder b, Object self, Object target, Object weight, long reduction, long ignoreIndex) {
        Nll n = Nll.of(b, b.meta(self), target, weight, ignoreIndex);
        Object picked;
        try {
            picked = squeeze(b, b.call(IndexingOps.GATHER, self, n.classDim, unsqueeze(b, n.safeTarget, n.classDim), false), n.classDim);
        } catch (IndexOutOfBoundsException e) {
            throw OpError.index(op, "Target out of bounds: " + e.getMessage());
        }
        Object loss = fill(b, neg(b, weight == null ? picked : mul(b, picked, n.weights)), n.ignored, 0.0);
        if (reduction == NONE) return loss;
        Object total = sum(b, loss);
        return reduction == SUM ? total : div(b, total, sum(b, n.weights));
    }

    /**
     * What nll_loss and its derivative read per element: the class dimension, the target with ignored entries set to 0
     * (a valid index), the ignore mask and each element's weight (0 where ignored).
     */
    record Nll(long classDim, Object safeTarget, Object ignored, Object weights) {
        static Nll of(OpBuilder b, TensorMeta input, Object target, Object weight, long ignoreIndex) {
            long classDim = input.dim() == 1 ? 0 : 1;
            Object ignored = eq(b, target, ignoreIndex);
            Object safe = to(b, fill(b, target, ignored, 0L), DType.INT64);
            Object weights = weight == null ? to(b, not(b, ignored), input.dtype())
                    : fill(b, b.call(IndexingOps.TAKE, weight, safe), ignored, 0.0);
            return new Nll(classDim, safe, ignored, weights);
        }
    }

    /** nll_loss_nd: nll_loss for 1 or 2 dims, nll_loss2d for 4, and nll_loss2d of an (N, C, 1, -1) view otherwise. */
    static Object nllNd(OpBuilder b, Object self, Object target, Object weight, long reduction, long ignoreIndex) {
        TensorMeta input = b.meta(self);
        if (input.dim() <= 2) return b.call(LossOps.NLL_LOSS, self, target, weight, reduction, ignoreIndex);
        if (input.dim() == 4) return b.call(LossOps.NLL_LOSS2D, self, target, weight, reduction, ignoreIndex);
        long n = input.size(0), c = input.size(1);
        boolean empty = input.numel() == 0;
        Object x = view(b, b.call(ShapeOps.CONTIGUOUS, self, "contiguous_format"), empty ? new long[]{n, c, 0, 0} : new long[]{n, c, 1, -1});
        Object t = view(b, b.call(ShapeOps.CONTIGUOUS, target, "contiguous_format"),
                b.meta(target).numel() == 0 ? new long[]{n, 0, 0} : new long[]{n, 1, -1});
        Object loss = b.call(LossOps.NLL_LOSS2D, x, t, weight, reduction, ignoreIndex);
        return reduction == NONE ? view(b, loss, LossRules.spatial(input)) : loss;
    }

    // ---- cross entropy ----

    static Object crossEntropy(OpBuilder b, Object self, Object target, Object weight, long reduction, long ignoreIndex, double smoothing) {
        TensorMeta input = b.meta(self);
        long classDim = LossRules.classDim(input);
        Object logProbs = b.call(ReductionOps.LOG_SOFTMAX, self, classDim, input.dtype());
        if (LossRules.probabilities(input, b.meta(target))) return crossEntropyProbabilities(b, logProbs, target, weight, reduction, smoothing);
        Object nll = b.call(LossOps.NLL_LOSS_ND, logProbs, target, weight, reduction, ignoreIndex);
        if (smoothing <= 0) return nll;
        long classes = input.size((int) classDim);
        Object smooth = neg(b, sum(b, weight == null ? logProbs : mul(b, logProbs, classView(b, weight, input.dim(), classDim)), classDim, false));
        Object ignored = eq(b, target, ignoreIndex);
        smooth = fill(b, smooth, ignored, 0.0);
        Object ret = smooth;
        if (reduction == MEAN) {
            Object counted = weight == null ? not(b, ignored)
                    : fill(b, b.call(IndexingOps.TAKE, weight, fill(b, target, ignored, 0L)), ignored, 0.0);
            ret = div(b, sum(b, smooth), sum(b, counted));
        } else if (reduction == SUM) {
            ret = sum(b, smooth);
        }
        return add(b, scale(b, nll, 1 - smoothing), scale(b, ret, smoothing / classes));
    }

    /** Cross entropy with class probabilities: {@code -sum(log_softmax(x) * t * w)}, the mean over all but the class dimension. */
    private static Object crossEntropyProbabilities(OpBuilder b, Object logProbs, Object target, Object weight, long reduction,
                                                    double smoothing) {
        TensorMeta input = b.meta(logProbs);
        long classDim = LossRules.classDim(input);
        long classes = input.size((int) classDim);
        if (smoothing > 0) target = plus(b, scale(b, target, 1 - smoothing), smoothing / classes);
        Object terms = mul(b, logProbs, target);
        if (weight != null) terms = mul(b, terms, classView(b, weight, input.dim(), classDim));
        if (reduction == NONE) return neg(b, sum(b, terms, classDim, false));
        Object total = neg(b, sum(b, terms));
        if (reduction == SUM) return total;
        if (input.numel() == 0) return b.call(PointwiseOps.FILL, total, Double.NaN);
        return b.call(PointwiseOps.DIV_SCALAR, total, input.numel() / classes);
    }

    /** A (C) weight viewed as (1, C, 1, ...) to broadcast along the class dimension of a {@code rank}-dim input. */
    private static Object classView(OpBuilder b, Object weight, int rank, long classDim) {
        if (rank <= 1) return weight;
        long[] shape = new long[rank];
        Arrays.fill(shape, 1);
        shape[(int) classDim] = b.meta(weight).size(0);
        return view(b, weight, shape);
    }

    // ---- embeddings and distances ----

    private static final double EPSILON = 1e-12;

    /** {@code 1 - cos} where the target is 1, {@code max(0, cos - margin)} where it is -1, 0 elsewhere. */
    static Object cosineEmbedding(OpBuilder b, Object input1, Object input2, Object target, double margin, long reduction) {
        long dim = b.meta(target).dim();
        Object prodSum = sum(b, mul(b, input1, input2), dim, false);
        Object mag1 = plus(b, sum(b, mul(b, input1, input1), dim, false), EPSILON);
        Object mag2 = plus(b, sum(b, mul(b, input2, input2), dim, false), EPSILON);
        Object cos = div(b, prodSum, sqrt(b, mul(b, mag1, mag2)));
        Object zeros = zerosLike(b, cos);
        Object pos = where(b, eq(b, target, 1L), rsub(b, cos, 1), zeros);
        Object negative = where(b, eq(b, target, -1L), clampMin(b, plus(b, cos, -margin), 0), zeros);
        return reduce(b, add(b, pos, negative), reduction);
    }

    /** {@code max(0, -target (input1 - input2) + margin)}. */
    static Object marginRanking(OpBuilder b, Object input1, Object input2, Object target, double margin, long reduction) {
        return reduce(b, clampMin(b, plus(b, mul(b, neg(b, target), sub(b, input1, input2)), margin), 0), reduction);
    }

    /** {@code max(0, margin + d(a, p) - d(a, n))}, with {@code d(a, n)} replaced by {@code min(d(a, n), d(p, n))} when swapping. */
    static Object tripletMargin(OpBuilder b, Object anchor, Object positive, Object negative, double margin, double p, double eps,
                                boolean swap, long reduction) {
        Object toPositive = b.call(LossOps.PAIRWISE_DISTANCE, anchor, positive, p, eps, false);
        Object toNegative = b.call(LossOps.PAIRWISE_DISTANCE, anchor, negative, p, eps, false);
        if (swap) toNegative = b.call(PointwiseOps.MINIMUM, toNegative, b.call(LossOps.PAIRWISE_DISTANCE, positive, negative, p, eps, false));
        return reduce(b, clampMin(b, sub(b, plus(b, toPositive, margin), toNegative), 0), reduction);
    }

    /** {@code ||x1 - x2 + eps||_p} over the innermost dimension of the broadcast. */
    static Object pairwiseDistance(OpBuilder b, Object x1, Object x2, double p, double eps, boolean keepdim) {
        int rank = Math.max(b.meta(x1).dim(), b.meta(x2).dim());
        return b.call(ReductionOps.NORM_DIM, plus(b, sub(b, x1, x2), eps), p, new long[]{rank - 1}, keepdim);
    }

    /**
     * {@code sum(x1 / ||x1|| * x2 / ||x2||, dim)} over the broadcast inputs, each squared norm clamped below at
     * {@code eps^2}. PyTorch clamps under no_grad, so its gradient passes the clamp unchanged; Kiln's clamp stops it
     * where the norm is below eps (where PyTorch's gradient is of the order of 1/eps).
     */
    static Object cosineSimilarity(OpBuilder b, Object x1, Object x2, long dim, double eps) {
        DType dtype = LossRules.promote(b.meta(x1), b.meta(x2));
        long[] sizes = Shapes.broadcast("cosine_similarity", b.meta(x1).sizes(), b.meta(x2).sizes());
        Object a = b.call(ShapeOps.EXPAND, to(b, x1, dtype), sizes, false);
        Object c = b.call(ShapeOps.EXPAND, to(b, x2, dtype), sizes, false);
        Object normA = sqrt(b, clampMin(b, squaredNorm(b, a, dim), eps * eps));
        Object normC = sqrt(b, clampMin(b, squaredNorm(b, c, dim), eps * eps));
        return sum(b, mul(b, div(b, a, normA), div(b, c, normC)), dim, false);
    }

    private static Object squaredNorm(OpBuilder b, Object x, long dim) {
        return sum(b, b.call(PointwiseOps.POW_TENSOR_SCALAR, x, 2L), dim, true);
    }
}
