package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import java.util.List;

/**
 * The normalizations: batch, layer, group and instance norm. The user-facing ops are composites, as in PyTorch:
 * {@code batch_norm}, {@code layer_norm} and {@code group_norm} check their arguments and call the library ops
 * {@code native_batch_norm}, {@code native_layer_norm} and {@code native_group_norm} (which also return the
 * statistics they computed), and {@code instance_norm} is a {@code batch_norm} of one sample of N x C channels.
 * Each native op's gradient is its {@code native_*_backward} op, itself a library op whose derivative
 * ({@link NormalizationGrads}) gives double backward. {@code native_batch_norm} in training also updates the running
 * statistics it is given in place, with the unbiased batch variance, like PyTorch.
 */
public final class NormOps {
    private NormOps() {}

    // ---- batch norm ----

    private static final String[] BATCH_NORM_SAVED = {"input", "weight", "running_mean", "running_var", "result1", "result2"};
    public static final OpDef NATIVE_BATCH_NORM = declare("native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, "
            + "Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)")
            .rule(a -> NormRules.nativeBatchNorm(name("native_batch_norm"), t(a, 0), t(a, 1), t(a, 2), t(a, 3), t(a, 4), (Boolean) a[5]))
            .library()
            .derivative(Derivative.of(wrt("input", uses(BATCH_NORM_SAVED), g -> NormalizationGrads.batchNorm(g, 0)),
                    wrt("weight", uses(BATCH_NORM_SAVED), g -> NormalizationGrads.batchNorm(g, 1)),
                    wrt("bias", uses(BATCH_NORM_SAVED), g -> NormalizationGrads.batchNorm(g, 2))).outputDifferentiability(true, false, false))
            .build();
    private static final String[] BATCH_NORM_BACKWARD_SAVED = {"grad_out", "input", "weight", "running_mean", "running_var", "save_mean",
        "save_invstd"};
    public static final OpDef NATIVE_BATCH_NORM_BACKWARD = declare("native_batch_norm_backward(Tensor grad_out, Tensor input, "
            + "Tensor? weight, Tensor? running_mean, Tensor? running_var, Tensor? save_mean, Tensor? save_invstd, bool train, float eps, "
            + "bool[3] output_mask) -> (Tensor, Tensor, Tensor)")
            .rule(a -> NormRules.nativeBatchNormBackward(name("native_batch_norm_backward"), t(a, 0), t(a, 1), t(a, 2), t(a, 3), t(a, 4),
                    t(a, 5), t(a, 6), (Boolean) a[7]))
            .library()
            .derivative(wrt("grad_out", uses(BATCH_NORM_BACKWARD_SAVED), g -> NormalizationGrads.batchNormBackward(g, 0)),
                    wrt("input", uses(BATCH_NORM_BACKWARD_SAVED), g -> NormalizationGrads.batchNormBackward(g, 1)),
                    wrt("weight", uses(BATCH_NORM_BACKWARD_SAVED), g -> NormalizationGrads.batchNormBackward(g, 2)))
            .build();
    public static final OpDef BATCH_NORM = declare("batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, "
            + "Tensor? running_var, bool training, float momentum, float eps, bool cudnn_enabled) -> Tensor")
            .rule(a -> new TensorSpec[]{NormRules.batchNorm(name("batch_norm"), t(a, 0), t(a, 1), t(a, 2), t(a, 3), t(a, 4), (Boolean) a[5])})
            .composite(NormOps::batchNorm)
            .build();
    public static final OpDef INSTANCE_NORM = declare("instance_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, "
            + "Tensor? running_var, bool use_input_stats, float momentum, float eps, bool cudnn_enabled) -> Tensor")
            .rule(a -> new TensorSpec[]{NormRules.instanceNorm(name("instance_norm"), t(a, 0), t(a, 1), t(a, 2), t(a, 3), t(a, 4),
                    (Boolean) a[5])})
            .composite(NormOps::instanceNorm)
            .build();

    // ---- layer norm ----

    private static final String[] LAYER_NORM_SAVED = {"input", "weight", "bias", "result1", "result2"};
    public static final OpDef NATIVE_LAYER_NORM = declare("native_layer_norm(Tensor input, SymInt[] normalized_shape, Tensor? weight, "
            + "Tensor? bias, float eps) -> (Tensor, Tensor, Tensor)")
            .rule(a -> NormRules.nativeLayerNorm(name("native_layer_norm"), t(a, 0), (long[]) a[1], t(a, 2), t(a, 3)))
            .library()
            .derivative(Derivative.of(wrt("input", uses(LAYER_NORM_SAVED), g -> NormalizationGrads.layerNorm(g, 0)),
                    wrt("weight", uses(LAYER_NORM_SAVED), g -> NormalizationGrads.layerNorm(g, 1)),
                    wrt("bias", uses(LAYER_NORM_SAVED), g -> NormalizationGrads.layerNorm(g, 2))).outputDifferentiability(true, false, false))
            .build();
    private static final String[] LAYER_NORM_BACKWARD_SAVED = {"grad_out", "input", "mean", "rstd", "weight"};
    public static final OpDef NATIVE_LAYER_NORM_BACKWARD = declare("native_layer_norm_backward(Tensor grad_out, Tensor input, "
            + "SymInt[] normalized_shape, Tensor mean, Tensor rstd, Tensor? weight, Tensor? bias, bool[3] output_mask) -> "
            + "(Tensor, Tensor, Tensor)")
            .rule(a -> NormRules.nativeLayerNormBackward(name("native_layer_norm_backward"), t(a, 0), t(a, 1), (long[]) a[2], t(a, 3),
                    t(a, 4), t(a, 5), t(a, 6), (boolean[]) a[7]))
            .library()
            .derivative(wrt("grad_out", uses(LAYER_NORM_BACKWARD_SAVED), g -> NormalizationGrads.layerNormBackward(g, 0)),
                    wrt("input", uses(LAYER_NORM_BACKWARD_SAVED), g -> NormalizationGrads.layerNormBackward(g, 1)),
                    wrt("weight", uses(LAYER_NORM_BACKWARD_SAVED), g -> NormalizationGrads.layerNormBackward(g, 2)))
            .build();
    public static final OpDef LAYER_NORM = declare("layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, "
            + "Tensor? bias=None, float eps=1e-05, bool cudnn_enable=True) -> Tensor")
            .rule(a -> new TensorSpec[]{NormRules.nativeLayerNorm(name("layer_norm"), t(a, 0), (long[]) a[1], t(a, 2), t(a, 3))[0]})
            .composite((b, a) -> first(b.call(NATIVE_LAYER_NORM, a[0], a[1], a[2], a[3], a[4])))
            .build();

    // ---- group norm ----

    private static final String[] GROUP_NORM_SAVED = {"input", "weight", "result1", "result2"};
    public static final OpDef NATIVE_GROUP_NORM = declare("native_group_norm(Tensor input, Tensor? weight, Tensor? bias, SymInt N, "
            + "SymInt C, SymInt HxW, int group, float eps) -> (Tensor, Tensor, Tensor)")
            .rule(a -> NormRules.nativeGroupNorm(name("native_group_norm"), t(a, 0), t(a, 1), t(a, 2), (Long) a[3], (Long) a[4],
                    (Long) a[5], (Long) a[6]))
            .library()
            .derivative(wrt("input", uses(GROUP_NORM_SAVED), g -> NormalizationGrads.groupNorm(g, 0)),
                    wrt("weight", uses(GROUP_NORM_SAVED), g -> NormalizationGrads.groupNorm(g, 1)),
                    wrt("bias", uses(GROUP_NORM_SAVED), g -> NormalizationGrads.groupNorm(g, 2)))
            .build();
    private static final String[] GROUP_NORM_BACKWARD_SAVED = {"grad_out", "input", "mean", "rstd", "weight"};
    public static final OpDef NATIVE_GROUP_NORM_BACKWARD = declare("native_group_norm_backward(Tensor grad_out, Tensor input, "
            + "Tensor mean, Tensor rstd, Tensor? weight, SymInt N, SymInt C, SymInt HxW, int group, bool[3] output_mask) -> "
            + "(Tensor, Tensor, Tensor)")
            .rule(a -> NormRules.nativeGroupNormBackward(name("native_group_norm_backward"), t(a, 0), t(a, 1), t(a, 2), t(a, 3), t(a, 4),
                    (Long) a[5], (Long) a[6], (Long) a[7], (Long) a[8], (boolean[]) a[9]))
            .library()
            .derivative(wrt("grad_out", uses(GROUP_NORM_BACKWARD_SAVED), g -> NormalizationGrads.groupNormBackward(g, 0)),
                    wrt("input", uses(GROUP_NORM_BACKWARD_SAVED), g -> NormalizationGrads.groupNormBackward(g, 1)),
                    wrt("weight", uses(GROUP_NORM_BACKWARD_SAVED), g -> NormalizationGrads.groupNormBackward(g, 2)))
            .build();
    public static final OpDef GROUP_NORM = declare("group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, "
            + "float eps=1e-05, bool cudnn_enabled=True) -> Tensor")
            .rule(a -> NormRules.groupNorm(name("group_norm"), t(a, 0), (Long) a[1], t(a, 2), t(a, 3)))
            .composite(NormOps::groupNorm)
            .build();

    // ---- decompositions ----

    /** {@code native_batch_norm}'s output; for an input without elements {@code input.clone() * weight[0] + bias[0]}, as PyTorch. */
    private static Object batchNorm(OpBuilder b, Object[] a) {
        if (b.meta(a[0]).numel() != 0) return first(b.call(NATIVE_BATCH_NORM, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]));
        Object out = b.call(PointwiseOps.CLONE, a[0], null);
        if (a[1] != null) out = b.call(PointwiseOps.MUL, out, b.call(ShapeOps.SELECT, a[1], 0L, 0L));
        if (a[2] != null) out = b.call(PointwiseOps.ADD, out, b.call(ShapeOps.SELECT, a[2], 0L, 0L), 1L);
        return out;
    }

    /**
     * PyTorch's {@code instance_norm}: a {@code batch_norm} of the input viewed as one sample of N x C channels, with
     * weight, bias and running statistics repeated N times; the running statistics are then set to the mean of
     * their N updated copies.
     */
    private static Object instanceNorm(OpBuilder b, Object[] a) {
        long[] sizes = b.meta(a[0]).sizes();
        long n = sizes[0], c = sizes[1];
        long[] shape = sizes.clone();
        shape[0] = 1;
        shape[1] = n * c;
        Object[] repeated = new Object[4];
        for (int i = 0; i < 4; i++) repeated[i] = a[i + 1] == null ? null : b.call(ShapeOps.REPEAT, a[i + 1], new long[]{n});
        Object x = b.call(ShapeOps.VIEW, b.call(ShapeOps.CONTIGUOUS, a[0], "contiguous_format"), shape);
        Object out = b.call(BATCH_NORM, x, repeated[0], repeated[1], repeated[2], repeated[3], a[5], a[6], a[7], a[8]);
        for (int i = 2; i < 4; i++) {
            if (a[i + 1] == null) continue;
            Object mean = b.call(ReductionOps.MEAN_DIM, b.call(ShapeOps.VIEW, repeated[i], new long[]{n, c}), new long[]{0}, false, null);
            b.call(PointwiseOps.inplace(PointwiseOps.COPY), a[i + 1], mean, false);
        }
        return b.call(ShapeOps.VIEW, out, sizes);
    }

    /** {@code native_group_norm} of the contiguous input seen as N x C x HxW. */
    private static Object groupNorm(OpBuilder b, Object[] a) {
        long[] sizes = b.meta(a[0]).sizes();
        long hxw = 1;
        for (int i = 2; i < sizes.length; i++) hxw *= sizes[i];
        Object x = b.call(ShapeOps.CONTIGUOUS, a[0], "contiguous_format");
        return first(b.call(NATIVE_GROUP_NORM, x, a[2], a[3], sizes[0], sizes[1], hxw, a[1], a[4]));
    }

    private static Object first(Object results) { return ((List<?>) results).getFirst(); }

    private static String name(String op) { return "aten::" + op; }

    private static TensorMeta t(Object[] a, int i) { return (TensorMeta) a[i]; }
}
