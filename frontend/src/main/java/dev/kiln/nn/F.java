package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.aten.LossOps;
import dev.kiln.ir.op.aten.NnOps;
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

    public static Tensor relu6(Tensor input) { return input.relu6(); }

    public static Tensor leakyRelu(Tensor input, double negativeSlope) { return input.leakyRelu(negativeSlope); }

    public static Tensor elu(Tensor input, double alpha) { return input.elu(alpha); }

    public static Tensor selu(Tensor input) { return input.selu(); }

    public static Tensor celu(Tensor input, double alpha) { return input.celu(alpha); }

    /** {@code F.gelu(input, approximate)}: "none" or "tanh". */
    public static Tensor gelu(Tensor input, String approximate) { return input.gelu(approximate); }

    public static Tensor gelu(Tensor input) { return input.gelu(); }

    public static Tensor silu(Tensor input) { return input.silu(); }

    public static Tensor mish(Tensor input) { return input.mish(); }

    public static Tensor softplus(Tensor input, Number beta, Number threshold) { return input.softplus(beta, threshold); }

    public static Tensor hardtanh(Tensor input, double minVal, double maxVal) { return input.hardtanh(minVal, maxVal); }

    public static Tensor hardsigmoid(Tensor input) { return input.hardsigmoid(); }

    public static Tensor hardswish(Tensor input) { return input.hardswish(); }

    public static Tensor hardshrink(Tensor input, double lambd) { return input.hardshrink(lambd); }

    public static Tensor softshrink(Tensor input, double lambd) { return input.softshrink(lambd); }

    public static Tensor threshold(Tensor input, Number threshold, Number value) { return input.threshold(threshold, value); }

    public static Tensor logsigmoid(Tensor input) { return input.logSigmoid(); }

    public static Tensor sigmoid(Tensor input) { return input.sigmoid(); }

    public static Tensor tanh(Tensor input) { return input.tanh(); }

    /** {@code F.softmax(input, dim)}; a null dim is PyTorch's legacy implicit choice ({@link #implicitSoftmaxDim}). */
    public static Tensor softmax(Tensor input, Integer dim) { return input.softmax(dim != null ? dim : implicitSoftmaxDim(input.dim())); }

    public static Tensor logSoftmax(Tensor input, Integer dim) { return input.logSoftmax(dim != null ? dim : implicitSoftmaxDim(input.dim())); }

    /** PyTorch's {@code _get_softmax_dim}: dim 0 for 0-, 1- and 3-D inputs, else dim 1. */
    public static int implicitSoftmaxDim(int ndim) { return ndim == 0 || ndim == 1 || ndim == 3 ? 0 : 1; }

    /** {@code F.linear(input, weight, bias)}: {@code input @ weight.T + bias}; bias may be null. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) { return Torch.linear(input, weight, bias); }

    /** {@code F.bilinear(input1, input2, weight, bias)}: {@code y_o = x1^T W_o x2 + b_o}; bias may be null. */
    public static Tensor bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor bias) {
        return Dispatcher.apply(NnOps.BILINEAR, input1, input2, weight, bias);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return Torch.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, long groups) {
        return Torch.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] outputPadding,
                                         long groups, long[] dilation) {
        return Torch.convTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }

    public static Tensor maxPool1d(Tensor input, long kernelSize, long stride, long padding, long dilation, boolean ceilMode) {
        return Torch.maxPool1d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    public static Tensor maxPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        return Torch.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    public static Tensor avgPool1d(Tensor input, long kernelSize, long stride, long padding, boolean ceilMode, boolean countIncludePad) {
        return Torch.avgPool1d(input, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    public static Tensor avgPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad,
                                   Long divisorOverride) {
        return Torch.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    public static Tensor adaptiveAvgPool1d(Tensor input, long outputSize) { return Torch.adaptiveAvgPool1d(input, outputSize); }

    public static Tensor adaptiveAvgPool2d(Tensor input, long... outputSize) { return Torch.adaptiveAvgPool2d(input, outputSize); }

    public static Tensor adaptiveMaxPool1d(Tensor input, long outputSize) { return Torch.adaptiveMaxPool1d(input, outputSize); }

    public static Tensor adaptiveMaxPool2d(Tensor input, long... outputSize) { return Torch.adaptiveMaxPool2d(input, outputSize); }

    /** {@code F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)}; see {@link Torch#batchNorm}. */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training,
                                   double momentum, double eps) {
        return Torch.batchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Torch.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    public static Tensor groupNorm(Tensor input, long numGroups, Tensor weight, Tensor bias, double eps) {
        return Torch.groupNorm(input, numGroups, weight, bias, eps);
    }

    /** {@code F.dropout(input, p, training)}: zeroes elements with probability p and scales the rest by 1 / (1 - p) when training. */
    public static Tensor dropout(Tensor input, double p, boolean training) { return dropout(input, p, training, false); }

    /** {@code F.dropout(input, p, training, inplace)}: with inplace the result is written into the input. */
    public static Tensor dropout(Tensor input, double p, boolean training, boolean inplace) {
        checkDropoutProbability(p);
        Tensor out = Dispatcher.apply(NnOps.DROPOUT, input, p, training);
        return inplace && out != input ? input.copy_(out) : out;
    }

    /** F.dropout's check, with its message. */
    static void checkDropoutProbability(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
    }

    /** {@code F.embedding(input, weight, padding_idx)}; see {@link Torch#embedding(Tensor, Tensor, Long, Double, double, boolean, boolean)}. */
    public static Tensor embedding(Tensor input, Tensor weight, Long paddingIdx) { return Torch.embedding(input, weight, paddingIdx); }

    public static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, String mode) {
        return Torch.embeddingBag(input, weight, offsets, mode);
    }

    /** {@code F.normalize(input)}: L2 over dim 1 with eps 1e-12. */
    public static Tensor normalize(Tensor input) { return normalize(input, 2.0, 1, 1e-12); }

    /** {@code F.normalize(input, p, dim, eps)}: {@code input / max(||input||_p along dim, eps)}. */
    public static Tensor normalize(Tensor input, double p, int dim, double eps) {
        return input.div(input.norm(p, dim, true).clampMin(eps).expandAs(input));
    }

    /** {@code F.one_hot(input, num_classes)}; -1 infers the number of classes. */
    public static Tensor oneHot(Tensor input, long numClasses) { return Torch.oneHot(input, numClasses); }

    /** {@code F.pad(input, pad, mode, value)}: mode "constant", "reflect", "replicate" or "circular". */
    public static Tensor pad(Tensor input, long[] pad, String mode, double value) {
        return mode.equals("constant") ? Torch.pad(input, pad, value) : Torch.pad(input, pad, mode);
    }

    public static Tensor pad(Tensor input, long... pad) { return Torch.pad(input, pad); }

    /** {@code F.interpolate(input, size, scale_factor, mode, align_corners, recompute_scale_factor)}; see {@link Torch#interpolate}. */
    public static Tensor interpolate(Tensor input, long[] size, double[] scaleFactor, String mode, Boolean alignCorners,
                                     Boolean recomputeScaleFactor) {
        return Torch.interpolate(input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor);
    }

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
