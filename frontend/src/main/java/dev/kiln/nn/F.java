package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.NnOps;

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
}
