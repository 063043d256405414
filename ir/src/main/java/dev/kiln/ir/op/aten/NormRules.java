package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import java.util.Arrays;

/**
 * Shape and dtype rules of the normalizations with PyTorch 1.13's checks and messages: those of the composite ops
 * ({@code batch_norm}'s {@code _batch_norm_impl_index}, {@code group_norm}, {@code instance_norm}), then those of
 * the CPU kernels ({@code batch_norm_cpu}'s mixed-dtype check, {@code _check_layer_norm_inputs},
 * {@code check_group_norm_inputs}). Where PyTorch's kernels read past a wrongly sized or missing parameter (a
 * direct {@code native_batch_norm} call with a short weight, an evaluation without running statistics) Kiln
 * raises the error the composite op would.
 */
public final class NormRules {
    private NormRules() {}

    // ---- batch norm ----

    /** The channel count of an (N, C, *) input: its dim 1, which a 0-d or 1-d input lacks (an index error, as in PyTorch). */
    static long channels(String op, TensorMeta input) { return input.size(dim(op, input, 1)); }

    /** {@code input.size(d)}'s dimension check. */
    static int dim(String op, TensorMeta input, int d) {
        if (input.dim() == 0) throw OpError.index(op, "Dimension specified as " + d + " but tensor has no dimensions");
        return Shapes.wrapDim(op, d, input.dim());
    }

    /**
     * {@code _batch_norm_impl_index}'s checks: running statistics of {@code channels} elements, required in evaluation,
     * and weight and bias of as many.
     */
    static void batchNormParameters(String op, long channels, TensorMeta weight, TensorMeta bias, TensorMeta runningMean,
                                    TensorMeta runningVar, boolean training) {
        statistic(op, "running_mean", channels, runningMean, training);
        statistic(op, "running_var", channels, runningVar, training);
        elements(op, "weight", channels, weight);
        elements(op, "bias", channels, bias);
    }

    private static void statistic(String op, String name, long channels, TensorMeta t, boolean training) {
        if (t == null && !training) throw OpError.of(op, name + " must be defined in evaluation mode");
        elements(op, name, channels, t);
    }

    private static void elements(String op, String name, long expected, TensorMeta t) {
        if (t != null && t.numel() != expected) throw OpError.of(op, name + " should contain " + expected + " elements not " + t.numel());
    }

    /**
     * {@code batch_norm}: an input without elements is returned as {@code input.clone() * weight[0] + bias[0]}
     * unchecked, as PyTorch does; otherwise {@code _batch_norm_impl_index}'s checks, then {@code native_batch_norm}'s.
     */
    public static TensorSpec batchNorm(String op, TensorMeta input, TensorMeta weight, TensorMeta bias, TensorMeta runningMean,
                                       TensorMeta runningVar, boolean training) {
        if (input.numel() == 0) {
            DType dtype = input.dtype();
            for (TensorMeta p : new TensorMeta[]{weight, bias}) {
                if (p == null) continue;
                if (p.dim() == 0 || p.size(0) == 0) {
                    throw OpError.index(op, "select(): index 0 out of range for tensor of size " + Shapes.format(p.sizes()) + " at dimension 0");
                }
                dtype = new TypePromotion.ResultType().tensor(dtype, input.dim()).tensor(p.dtype(), 0).result();
            }
            return new TensorSpec(dtype, input.sizes().clone(), input.device());
        }
        return nativeBatchNorm(op, input, weight, bias, runningMean, runningVar, training)[0];
    }

    /**
     * {@code instance_norm}: running statistics are required without input statistics; the input is seen as one
     * sample of N x C channels and its parameters and running statistics repeated N times for {@code batch_norm}.
     */
    public static TensorSpec instanceNorm(String op, TensorMeta input, TensorMeta weight, TensorMeta bias, TensorMeta runningMean,
                                          TensorMeta runningVar, boolean useInputStats) {
        if (!useInputStats && (runningMean == null || runningVar == null)) {
            throw OpError.of(op, "Expected running_mean and running_var to be defined when use_input_stats is false");
        }
        long b = input.size(dim(op, input, 0)), c = channels(op, input);
        long[] shape = input.sizes().clone();
        shape[0] = 1;
        shape[1] = b * c;
        TensorSpec s = batchNorm(op, new TensorSpec(input.dtype(), shape, input.device()), repeated(op, weight, b), repeated(op, bias, b),
                repeated(op, runningMean, b), repeated(op, runningVar, b), useInputStats);
        return new TensorSpec(s.dtype(), input.sizes().clone(), input.device());
    }

    /** {@code t.repeat(times)}: a vector (or 0-d tensor) repeated; a tensor of more dims cannot be. */
    private static TensorMeta repeated(String op, TensorMeta t, long times) {
        if (t == null) return null;
        if (t.dim() > 1) {
            throw OpError.of(op, "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
        }
        return new TensorSpec(t.dtype(), new long[]{t.numel() * times}, t.device());
    }

    /**
     * {@code native_batch_norm}: the output, then the batch mean and inverse standard deviation (one per channel in
     * training, empty in evaluation) in the parameters' dtype.
     */
    public static TensorSpec[] nativeBatchNorm(String op, TensorMeta input, TensorMeta weight, TensorMeta bias, TensorMeta runningMean,
                                               TensorMeta runningVar, boolean training) {
        long c = channels(op, input);
        batchNormParameters(op, c, weight, bias, runningMean, runningVar, training);
        DType stats = parameterType(op, input, weight, bias, runningMean, runningVar);
        supported(op, "batch_norm", input.dtype());
        long[] statSizes = {training ? c : 0};
        return new TensorSpec[]{like(input), new TensorSpec(stats, statSizes, input.device()), new TensorSpec(stats, statSizes, input.device())};
    }

    /**
     * {@code native_batch_norm_backward}: the gradients of input, weight and bias (each returned only where
     * {@code output_mask} asks). Training reads the saved batch statistics, evaluation the running ones.
     */
    public static TensorSpec[] nativeBatchNormBackward(String op, TensorMeta gradOut, TensorMeta input, TensorMeta weight,
                                                       TensorMeta runningMean, TensorMeta runningVar, TensorMeta saveMean,
                                                       TensorMeta saveInvstd, boolean train) {
        long c = channels(op, input);
        sameSizes(op, "grad_out", input, gradOut);
        elements(op, "weight", c, weight);
        if (train) {
            saved(op, "save_mean", c, saveMean);
            saved(op, "save_invstd", c, saveInvstd);
        } else {
            statistic(op, "running_mean", c, runningMean, false);
            statistic(op, "running_var", c, runningVar, false);
        }
        DType params = parameterType(op, input, weight, runningMean, runningVar, saveMean, saveInvstd);
        sameType(op, input, gradOut);
        supported(op, "batch_norm_backward_cpu", input.dtype());
        TensorSpec channelGrad = new TensorSpec(params, new long[]{c}, input.device());
        return new TensorSpec[]{like(input), channelGrad, channelGrad};
    }

    private static void saved(String op, String name, long channels, TensorMeta t) {
        if (t == null) throw OpError.of(op, name + " must be defined in training mode");
        elements(op, name, channels, t);
    }

    /**
     * The dtype of the parameters and statistics ({@code batch_norm_cpu}'s mixed-type rule): the input's, or float32
     * for a bfloat16 input whose parameters are all float32. Mixed otherwise is an error, as in PyTorch; parameters
     * of several dtypes none of which is float32, which PyTorch's kernel would misread, are refused too.
     */
    static DType parameterType(String op, TensorMeta input, TensorMeta... parameters) {
        DType first = null;
        for (TensorMeta p : parameters) {
            if (p != null) {
                first = p.dtype();
                break;
            }
        }
        if (first == null || first == input.dtype()) {
            for (TensorMeta p : parameters) if (p != null) sameType(op, input, p);
            return input.dtype();
        }
        for (TensorMeta p : parameters) {
            if (p != null && p.dtype() != DType.FLOAT32) throw OpError.of(op, "mixed dtype (CPU): expect parameter to have scalar type of Float");
        }
        if (input.dtype() != DType.BFLOAT16) throw OpError.of(op, "mixed dtype (CPU): expect input to have scalar type of BFloat16");
        return DType.FLOAT32;
    }

    // ---- layer norm ----

    /** {@code _check_layer_norm_inputs}: returns M, the number of rows normalized over the trailing {@code normalized_shape}. */
    public static long layerNormRows(String op, TensorMeta input, long[] normalizedShape, TensorMeta weight, TensorMeta bias) {
        if (normalizedShape.length < 1) {
            throw OpError.of(op, "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got "
                    + "normalized_shape = " + Shapes.format(normalizedShape));
        }
        parameterShape(op, "weight", normalizedShape, weight);
        parameterShape(op, "bias", normalizedShape, bias);
        long[] in = input.sizes();
        int axis = in.length - normalizedShape.length;
        if (axis < 0 || !Arrays.equals(Arrays.copyOfRange(in, axis, in.length), normalizedShape)) {
            StringBuilder expected = new StringBuilder("[*");
            for (long s : normalizedShape) expected.append(", ").append(s);
            throw OpError.of(op, "Given normalized_shape=" + Shapes.format(normalizedShape) + ", expected input with shape " + expected
                    + "], but got input of size" + Shapes.format(in));
        }
        long m = 1;
        for (int i = 0; i < axis; i++) m *= in[i];
        return m;
    }

    private static void parameterShape(String op, String name, long[] normalizedShape, TensorMeta t) {
        if (t != null && !Arrays.equals(t.sizes(), normalizedShape)) {
            throw OpError.of(op, "Expected " + name + " to be of same shape as normalized_shape, but got " + name + " of shape "
                    + Shapes.format(t.sizes()) + " and normalized_shape = " + Shapes.format(normalizedShape));
        }
    }

    /** {@code native_layer_norm}: the output, and the mean and reciprocal deviation shaped [*, 1, ..., 1]. */
    public static TensorSpec[] nativeLayerNorm(String op, TensorMeta input, long[] normalizedShape, TensorMeta weight, TensorMeta bias) {
        layerNormRows(op, input, normalizedShape, weight, bias);
        supported(op, "LayerNormKernelImpl", input.dtype());
        if (weight != null) sameType(op, input, weight);
        if (bias != null) sameType(op, input, bias);
        long[] stat = input.sizes().clone();
        Arrays.fill(stat, stat.length - normalizedShape.length, stat.length, 1);
        TensorSpec s = new TensorSpec(input.dtype(), stat, input.device());
        return new TensorSpec[]{like(input), s, s};
    }

    /** {@code native_layer_norm_backward}: the gradients of input, weight and bias; a masked-in weight or bias gradient needs that parameter. */
    public static TensorSpec[] nativeLayerNormBackward(String op, TensorMeta gradOut, TensorMeta input, long[] normalizedShape,
                                                       TensorMeta mean, TensorMeta rstd, TensorMeta weight, TensorMeta bias,
                                                       boolean[] mask) {
        long m = layerNormRows(op, input, normalizedShape, weight, bias);
        sameSizes(op, "grad_out", input, gradOut);
        elements(op, "mean", m, mean);
        elements(op, "rstd", m, rstd);
        requested(op, mask[1], "weight", weight);
        requested(op, mask[2], "bias", bias);
        supported(op, "LayerNormBackwardKernelImpl", input.dtype());
        for (TensorMeta t : new TensorMeta[]{gradOut, mean, rstd, weight, bias}) if (t != null) sameType(op, input, t);
        TensorSpec params = new TensorSpec(input.dtype(), normalizedShape.clone(), input.device());
        return new TensorSpec[]{like(input), params, params};
    }

    // ---- group norm ----

    /** {@code check_group_norm_inputs}. */
    static void groupNormInputs(String op, TensorMeta input, TensorMeta weight, TensorMeta bias, long channels, long groups) {
        if (groups <= 0) throw OpError.of(op, "Expected num groups to be greater than 0, got " + groups);
        if (channels % groups != 0) {
            throw OpError.of(op, "Expected number of channels in input to be divisible by num_groups, but got input of shape "
                    + Shapes.format(input.sizes()) + " and num_groups=" + groups);
        }
        channelVector(op, "weight", input, weight, channels);
        channelVector(op, "bias", input, bias, channels);
    }

    private static void channelVector(String op, String name, TensorMeta input, TensorMeta t, long channels) {
        if (t != null && (t.dim() != 1 || t.numel() != channels)) {
            throw OpError.of(op, "Expected " + name + " to be a vector of size equal to the number of channels in input, but got " + name
                    + " of shape " + Shapes.format(t.sizes()) + " and input of shape " + Shapes.format(input.sizes()));
        }
    }

    /** {@code group_norm}: the input's batch and channels (index errors for a 0-d or 1-d input), then the group checks. */
    public static TensorSpec[] groupNorm(String op, TensorMeta input, long groups, TensorMeta weight, TensorMeta bias) {
        dim(op, input, 0);
        groupNormInputs(op, input, weight, bias, channels(op, input), groups);
        return new TensorSpec[]{like(input)};
    }

    /**
     * {@code native_group_norm} on an input of N x C x HxW elements: the output, and the mean and reciprocal
     * deviation of each of the N x group groups.
     */
    public static TensorSpec[] nativeGroupNorm(String op, TensorMeta input, TensorMeta weight, TensorMeta bias, long n, long c, long hxw,
                                               long groups) {
        groupNormInputs(op, input, weight, bias, c, groups);
        if (input.numel() != n * c * hxw) throw OpError.of(op, "Expected X.numel() == N * C * HxW to be true, but got false.");
        supported(op, "GroupNormKernelImpl", input.dtype());
        if (weight != null) sameType(op, input, weight);
        if (bias != null) sameType(op, input, bias);
        TensorSpec s = new TensorSpec(input.dtype(), new long[]{n, groups}, input.device());
        return new TensorSpec[]{like(input), s, s};
    }

    /** {@code native_group_norm_backward}: the gradients of input, weight and bias; a masked-in weight or bias gradient needs a weight. */
    public static TensorSpec[] nativeGroupNormBackward(String op, TensorMeta gradOut, TensorMeta input, TensorMeta mean, TensorMeta rstd,
                                                       TensorMeta weight, long n, long c, long hxw, long groups, boolean[] mask) {
        groupNormInputs(op, input, weight, null, c, groups);
        sameSizes(op, "grad_out", input, gradOut);
        if (input.numel() != n * c * hxw) throw OpError.of(op, "Expected X.numel() == N * C * HxW to be true, but got false.");
        elements(op, "mean", n * groups, mean);
        elements(op, "rstd", n * groups, rstd);
        requested(op, mask[1], "weight", weight);
        requested(op, mask[2], "weight", weight);
        supported(op, "GroupNormBackwardKernelImpl", input.dtype());
        for (TensorMeta t : new TensorMeta[]{gradOut, mean, rstd, weight}) if (t != null) sameType(op, input, t);
        TensorSpec params = new TensorSpec(input.dtype(), new long[]{c}, input.device());
        return new TensorSpec[]{like(input), params, params};
    }

    // ---- shared ----

    /** The output of a normalization: the input's dtype and sizes. */
    static TensorSpec like(TensorMeta input) { return new TensorSpec(input.dtype(), input.sizes().clone(), input.device()); }

    private static void sameSizes(String op, String name, TensorMeta input, TensorMeta t) {
        if (!Arrays.equals(input.sizes(), t.sizes())) {
            throw OpError.of(op, "expected " + name + " of size " + Shapes.format(input.sizes()) + " (the input's), but got "
                    + Shapes.format(t.sizes()));
        }
    }

    /** PyTorch allocates a masked-in parameter gradient like the parameter, which must then be given. */
    private static void requested(String op, boolean wanted, String name, TensorMeta t) {
        if (wanted && t == null) throw OpError.of(op, "output_mask asks for a parameter gradient, but " + name + " is None");
    }

    static void sameType(String op, TensorMeta expected, TensorMeta found) {
        if (expected.dtype() != found.dtype()) {
            throw OpError.of(op, "expected scalar type " + expected.dtype().legacyName() + " but found " + found.dtype().legacyName());
        }
    }

    /** The dtypes the CPU kernels are compiled for: float32, float64 and bfloat16. */
    static void supported(String op, String kernel, DType dtype) {
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64 && dtype != DType.BFLOAT16) {
            throw OpError.of(op, "\"" + kernel + "\" not implemented for '" + dtype.legacyName() + "'");
        }
    }
}
