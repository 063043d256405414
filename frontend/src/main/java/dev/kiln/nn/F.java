package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.aten.LossOps;
import java.util.Arrays;

/**
 * {@code torch.nn.functional}: the stateless forms of the layers, activations and losses, with PyTorch's names
 * (camel-cased) and defaults, so that {@code F.crossEntropy(logits, target)} reads as
 * {@code F.cross_entropy(logits, target)} does. Every function is an op (or a composite of ops) of the catalogue,
 * so it is differentiable, traceable and scriptable.
 */
public final class F {
    private F() {}

    // Activations and layers

    /** {@code F.relu(input)}. */
    public static Tensor relu(Tensor input) { return input.relu(); }

    // Losses

    /** {@code F.mse_loss(input, target)}: the mean squared error. */
    public static Tensor mseLoss(Tensor input, Tensor target) { return mseLoss(input, target, "mean"); }

    /** {@code F.mse_loss(input, target, reduction=...)}; {@code reduction} is "none", "mean" or "sum", as for every loss. */
    public static Tensor mseLoss(Tensor input, Tensor target, String reduction) {
        return Dispatcher.apply(LossOps.MSE_LOSS, input, target, reduction("mse_loss", reduction));
    }

    /** {@code F.l1_loss(input, target)}: the mean absolute error. */
    public static Tensor l1Loss(Tensor input, Tensor target) { return l1Loss(input, target, "mean"); }

    public static Tensor l1Loss(Tensor input, Tensor target, String reduction) {
        return Dispatcher.apply(LossOps.L1_LOSS, input, target, reduction("l1_loss", reduction));
    }

    /** {@code F.smooth_l1_loss(input, target)}, with beta 1. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) { return smoothL1Loss(input, target, "mean", 1.0); }

    /** {@code F.smooth_l1_loss(input, target, reduction=..., beta=...)}: quadratic below beta, linear above. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, String reduction, double beta) {
        return Dispatcher.apply(LossOps.SMOOTH_L1_LOSS, input, target, reduction("smooth_l1_loss", reduction), beta);
    }

    /** {@code F.huber_loss(input, target)}, with delta 1. */
    public static Tensor huberLoss(Tensor input, Tensor target) { return huberLoss(input, target, "mean", 1.0); }

    /** {@code F.huber_loss(input, target, reduction=..., delta=...)}: quadratic below delta, delta times linear above. */
    public static Tensor huberLoss(Tensor input, Tensor target, String reduction, double delta) {
        return Dispatcher.apply(LossOps.HUBER_LOSS, input, target, reduction("huber_loss", reduction), delta);
    }

    /**
     * The optional arguments of {@code F.cross_entropy} and {@code F.nll_loss}, PyTorch's defaults in {@link #DEFAULTS}:
     * {@code CrossEntropyOptions.DEFAULTS.weight(w).labelSmoothing(0.1)}. {@code weight} rescales each class (null: all
     * 1); targets equal to {@code ignoreIndex} contribute nothing; {@code labelSmoothing} in [0, 1] mixes the target with
     * the uniform distribution (cross entropy only).
     */
    public record CrossEntropyOptions(Tensor weight, long ignoreIndex, String reduction, double labelSmoothing) {
        public static final CrossEntropyOptions DEFAULTS = new CrossEntropyOptions(null, -100, "mean", 0.0);

        public CrossEntropyOptions weight(Tensor weight) { return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing); }

        public CrossEntropyOptions ignoreIndex(long ignoreIndex) {
            return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing);
        }

        public CrossEntropyOptions reduction(String reduction) { return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing); }

        public CrossEntropyOptions labelSmoothing(double labelSmoothing) {
            return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing);
        }
    }

    /** {@code F.nll_loss(input, target)}: input holds log-probabilities, (C), (N, C) or (N, C, d1, ...); target the class indices. */
    public static Tensor nllLoss(Tensor input, Tensor target) { return nllLoss(input, target, CrossEntropyOptions.DEFAULTS); }

    /** {@code F.nll_loss} with a weight, an ignore index and a reduction (the options' label smoothing must be 0). */
    public static Tensor nllLoss(Tensor input, Tensor target, CrossEntropyOptions options) {
        if (options.labelSmoothing() != 0) throw new IllegalArgumentException("F.nllLoss: label smoothing applies to F.crossEntropy only");
        return Dispatcher.apply(LossOps.NLL_LOSS_ND, input, target, options.weight(), reduction("nll_loss", options.reduction()),
                options.ignoreIndex());
    }

    /** {@code F.cross_entropy(input, target)}: logits (C), (N, C) or (N, C, d1, ...); target class indices or class probabilities. */
    public static Tensor crossEntropy(Tensor input, Tensor target) { return crossEntropy(input, target, CrossEntropyOptions.DEFAULTS); }

    public static Tensor crossEntropy(Tensor input, Tensor target, String reduction) {
        return crossEntropy(input, target, CrossEntropyOptions.DEFAULTS.reduction(reduction));
    }

    public static Tensor crossEntropy(Tensor input, Tensor target, CrossEntropyOptions options) {
        return Dispatcher.apply(LossOps.CROSS_ENTROPY_LOSS, input, target, options.weight(), reduction("cross_entropy", options.reduction()),
                options.ignoreIndex(), options.labelSmoothing());
    }

    /** {@code F.binary_cross_entropy(input, target)}: input holds probabilities, target has its size. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) { return binaryCrossEntropy(input, target, null, "mean"); }

    /** {@code F.binary_cross_entropy(input, target, weight=..., reduction=...)}; the weight broadcasts to the target's size. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, String reduction) {
        long r = reduction("binary_cross_entropy", reduction);
        if (!Arrays.equals(target.sizes(), input.sizes())) {
            throw new IllegalArgumentException("F.binaryCrossEntropy: Using a target size (" + Arrays.toString(target.sizes())
                    + ") that is different to the input size (" + Arrays.toString(input.sizes()) + ") is deprecated. Please ensure they have the same size.");
        }
        Tensor w = weight == null ? null : weight.expand(Shapes.broadcast("binary_cross_entropy", target.sizes(), weight.sizes()));
        return Dispatcher.apply(LossOps.BINARY_CROSS_ENTROPY, input, target, w, r);
    }

    /** {@code F.binary_cross_entropy_with_logits(input, target)}: a sigmoid and binary cross entropy in one stable step. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, "mean");
    }

    /**
     * {@code F.binary_cross_entropy_with_logits(input, target, weight=..., reduction=..., pos_weight=...)}: {@code weight}
     * rescales each element, {@code posWeight} the positive term of each class (broadcast along the last dimension).
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight, String reduction) {
        long r = reduction("binary_cross_entropy_with_logits", reduction);
        if (!Arrays.equals(target.sizes(), input.sizes())) {
            throw new IllegalArgumentException("F.binaryCrossEntropyWithLogits: Target size (" + Arrays.toString(target.sizes())
                    + ") must be the same as input size (" + Arrays.toString(input.sizes()) + ")");
        }
        return Dispatcher.apply(LossOps.BINARY_CROSS_ENTROPY_WITH_LOGITS, input, target, weight, posWeight, r);
    }

    /** {@code F.kl_div(input, target)}: input holds log-probabilities, target probabilities; the mean over all elements. */
    public static Tensor klDiv(Tensor input, Tensor target) { return klDiv(input, target, "mean", false); }

    /**
     * {@code F.kl_div(input, target, reduction=..., log_target=...)}; besides the usual reductions "batchmean" divides the
     * sum by the batch size, which is the KL divergence's actual value.
     */
    public static Tensor klDiv(Tensor input, Tensor target, String reduction, boolean logTarget) {
        boolean batchMean = "batchmean".equals(reduction);
        Tensor loss = Dispatcher.apply(LossOps.KL_DIV, input, target, batchMean ? 2L : reduction("kl_div", reduction), logTarget);
        return batchMean && input.dim() != 0 ? loss.div(input.size(0)) : loss;
    }

    /** {@code F.cosine_embedding_loss(input1, input2, target)}: target 1 pulls a pair's cosine to 1, -1 pushes it below 0. */
    public static Tensor cosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target) {
        return cosineEmbeddingLoss(input1, input2, target, 0.0, "mean");
    }

    /** {@code F.cosine_embedding_loss(..., margin=..., reduction=...)}: dissimilar pairs are pushed below cosine {@code margin}. */
    public static Tensor cosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target, double margin, String reduction) {
        return Dispatcher.apply(LossOps.COSINE_EMBEDDING_LOSS, input1, input2, target, margin, reduction("cosine_embedding_loss", reduction));
    }

    /** {@code F.margin_ranking_loss(input1, input2, target)}: target 1 wants input1 ranked above input2, -1 below. */
    public static Tensor marginRankingLoss(Tensor input1, Tensor input2, Tensor target) {
        return marginRankingLoss(input1, input2, target, 0.0, "mean");
    }

    public static Tensor marginRankingLoss(Tensor input1, Tensor input2, Tensor target, double margin, String reduction) {
        long r = reduction("margin_ranking_loss", reduction);
        if (input1.dim() != input2.dim() || input1.dim() != target.dim()) {
            throw new IllegalArgumentException("F.marginRankingLoss: All input tensors should have same dimension but got sizes: input1: "
                    + Arrays.toString(input1.sizes()) + ", input2: " + Arrays.toString(input2.sizes()) + ", target: "
                    + Arrays.toString(target.sizes()));
        }
        return Dispatcher.apply(LossOps.MARGIN_RANKING_LOSS, input1, input2, target, margin, r);
    }

    /** {@code F.triplet_margin_loss(anchor, positive, negative)}: margin 1, the 2-norm distance. */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative) {
        return tripletMarginLoss(anchor, positive, negative, 1.0, 2.0, 1e-6, false, "mean");
    }

    /**
     * {@code F.triplet_margin_loss(anchor, positive, negative, margin, p, eps, swap, reduction)}: {@code max(0, margin + d(a, p)
     * - d(a, n))} with the p-norm distance; {@code swap} uses {@code d(p, n)} instead when it is smaller.
     */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin, double p, double eps,
                                           boolean swap, String reduction) {
        return Dispatcher.apply(LossOps.TRIPLET_MARGIN_LOSS, anchor, positive, negative, margin, p, eps, swap,
                reduction("triplet_margin_loss", reduction));
    }

    /** {@code F.cosine_similarity(x1, x2)}: along dimension 1, the norms clamped at 1e-8. */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2) { return cosineSimilarity(x1, x2, 1, 1e-8); }

    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, long dim, double eps) {
        return Dispatcher.apply(LossOps.COSINE_SIMILARITY, x1, x2, dim, eps);
    }

    /** {@code F.pairwise_distance(x1, x2)}: the 2-norm of {@code x1 - x2 + 1e-6} over the last dimension. */
    public static Tensor pairwiseDistance(Tensor x1, Tensor x2) { return pairwiseDistance(x1, x2, 2.0, 1e-6, false); }

    public static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps, boolean keepdim) {
        return Dispatcher.apply(LossOps.PAIRWISE_DISTANCE, x1, x2, p, eps, keepdim);
    }

    /** PyTorch's {@code _Reduction.get_enum}: the reduction's aten enum, or an error naming the value. */
    private static long reduction(String loss, String reduction) {
        return switch (reduction) {
            case "none" -> 0L;
            case "mean" -> 1L;
            case "sum" -> 2L;
            case null, default -> throw new IllegalArgumentException(loss + ": " + reduction + " is not a valid value for reduction");
        };
    }
}
