package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.op.aten.PoolRules.Planes;
import dev.kiln.ir.op.aten.PoolRules.Pool2d;
import dev.kiln.ir.type.DType;
import java.util.List;
import java.util.function.Consumer;

/**
 * The poolings: max, average and adaptive (average and max) pooling over the last two dims of [N, C, H, W] or
 * [C, H, W] inputs, their backward ops, and the 1-D forms, which PyTorch computes as the 2-D ones over a height of
 * one. The 2-D forward and backward ops are library ops ({@link PoolRules} gives their shapes and errors); each
 * forward op's gradient is its backward op, and each backward op is linear in {@code grad_output} with a gradient
 * that is a pooling again (the max poolings' a gather at the saved indices), so any order of derivative is
 * available ({@link PoolGrads}). {@code max_pool2d}, the 1-D ops and {@code adaptive_avg_pool2d} are composites, as
 * in PyTorch ({@link PoolComposites}).
 */
public final class PoolOps {
    private PoolOps() {}

    private static final String MAX_PARAMS = "int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, "
            + "bool ceil_mode=False";

    // ---- 2-D library ops and their backward ops ----

    public static final OpDef MAX_POOL2D_WITH_INDICES = declare("max_pool2d_with_indices(Tensor self, " + MAX_PARAMS
            + ") -> (Tensor, Tensor)")
            .rule(a -> withIndices(t(a, 0), maxPool2dShape(a).planes())).library()
            .derivative(Derivative.of(wrt("self", uses("self", "result1"), PoolGrads::maxPool2d)).named("MaxPool2DWithIndicesBackward0"))
            .build();
    public static final OpDef MAX_POOL2D_WITH_INDICES_BACKWARD = declare("max_pool2d_with_indices_backward(Tensor grad_output, "
            + "Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, int[2] dilation, bool ceil_mode, Tensor indices) -> Tensor")
            .rule(a -> like(a, PoolOps::maxPool2dBackwardShape)).library()
            .derivative(Derivative.of(wrt("grad_output", uses("indices"), PoolGrads::atIndices), PointwiseGrads.zero("self"))
                    .named("MaxPool2DWithIndicesBackwardBackward0"))
            .build();
    public static final OpDef AVG_POOL2D = declare("avg_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, "
            + "bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor")
            .rule(a -> one(t(a, 0), avgPool2dShape(a).planes())).library()
            .derivative(Derivative.of(wrt("self", uses("self"), PoolGrads::avgPool2d)).named("AvgPool2DBackward0"))
            .build();
    public static final OpDef AVG_POOL2D_BACKWARD = declare("avg_pool2d_backward(Tensor grad_output, Tensor self, int[2] kernel_size, "
            + "int[2] stride, int[2] padding, bool ceil_mode, bool count_include_pad, int? divisor_override) -> Tensor")
            .rule(a -> like(a, PoolOps::avgPool2dBackwardShape)).library()
            .derivative(Derivative.of(wrt("grad_output", PoolGrads::avgPool2dBackward), PointwiseGrads.zero("self"))
                    .named("AvgPool2DBackwardBackward0"))
            .build();
    public static final OpDef ADAPTIVE_AVG_POOL2D_KERNEL = declare("_adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor")
            .rule(a -> one(t(a, 0), adaptiveAvgPool2dShape(a))).library()
            .derivative(Derivative.of(wrt("self", uses("self"), PoolGrads::adaptiveAvgPool2d)).named("AdaptiveAvgPool2DBackward0"))
            .build();
    public static final OpDef ADAPTIVE_AVG_POOL2D_BACKWARD = declare("_adaptive_avg_pool2d_backward(Tensor grad_output, Tensor self) "
            + "-> Tensor")
            .rule(a -> like(a, PoolOps::adaptiveAvgPool2dBackwardShape)).library()
            .derivative(Derivative.of(wrt("grad_output", PoolGrads::adaptiveAvgPool2dBackward), PointwiseGrads.zero("self"))
                    .named("AdaptiveAvgPool2DBackwardBackward0"))
            .build();
    public static final OpDef ADAPTIVE_MAX_POOL2D = declare("adaptive_max_pool2d(Tensor self, int[2] output_size) -> (Tensor, Tensor)")
            .rule(a -> withIndices(t(a, 0), adaptiveMaxPool2dShape(a))).library()
            .derivative(Derivative.of(wrt("self", uses("self", "result1"), PoolGrads::adaptiveMaxPool2d)).named("AdaptiveMaxPool2DBackward0"))
            .build();
    public static final OpDef ADAPTIVE_MAX_POOL2D_BACKWARD = declare("adaptive_max_pool2d_backward(Tensor grad_output, Tensor self, "
            + "Tensor indices) -> Tensor")
            .rule(a -> like(a, PoolOps::adaptiveMaxPool2dBackwardShape)).library()
            .derivative(Derivative.of(wrt("grad_output", uses("indices"), PoolGrads::atIndices), PointwiseGrads.zero("self"))
                    .named("AdaptiveMaxPool2DBackwardBackward0"))
            .build();

    // ---- composites: max_pool2d without indices, adaptive_avg_pool2d, the 1-D poolings ----

    public static final OpDef MAX_POOL2D = declare("max_pool2d(Tensor self, " + MAX_PARAMS + ") -> Tensor")
            .rule(a -> one(t(a, 0), PoolRules.maxPool2d(name("max_pool2d"), t(a, 0).sizes(), t(a, 0).dtype(), (long[]) a[1],
                    (long[]) a[2], (long[]) a[3], (long[]) a[4], (Boolean) a[5]).planes()))
            .composite((b, a) -> ((List<?>) b.call(MAX_POOL2D_WITH_INDICES, a)).getFirst())
            .build();
    public static final OpDef ADAPTIVE_AVG_POOL2D = declare("adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor")
            .rule(a -> PoolComposites.adaptiveAvgPool2dSpec(name("adaptive_avg_pool2d"), t(a, 0), (long[]) a[1]))
            .composite(PoolComposites::adaptiveAvgPool2d)
            .build();
    public static final OpDef MAX_POOL1D = declare("max_pool1d(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] padding=0, "
            + "int[1] dilation=1, bool ceil_mode=False) -> Tensor")
            .rule(PoolComposites::maxPool1dSpec)
            .composite(PoolComposites::maxPool1d)
            .build();
    public static final OpDef MAX_POOL1D_WITH_INDICES = declare("max_pool1d_with_indices(Tensor self, int[1] kernel_size, "
            + "int[1] stride=[], int[1] padding=0, int[1] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)")
            .rule(PoolComposites::maxPool1dWithIndicesSpec)
            .composite(PoolComposites::maxPool1dWithIndices)
            .build();
    public static final OpDef AVG_POOL1D = declare("avg_pool1d(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] padding=0, "
            + "bool ceil_mode=False, bool count_include_pad=True) -> Tensor")
            .rule(PoolComposites::avgPool1dSpec)
            .composite(PoolComposites::avgPool1d)
            .build();
    public static final OpDef ADAPTIVE_AVG_POOL1D = declare("adaptive_avg_pool1d(Tensor self, int[1] output_size) -> Tensor")
            .rule(PoolComposites::adaptiveAvgPool1dSpec)
            .composite(PoolComposites::adaptiveAvgPool1d)
            .build();
    public static final OpDef ADAPTIVE_MAX_POOL1D = declare("adaptive_max_pool1d(Tensor self, int[1] output_size) -> (Tensor, Tensor)")
            .rule(PoolComposites::adaptiveMaxPool1dSpec)
            .composite(PoolComposites::adaptiveMaxPool1d)
            .build();

    // ---- checked shapes of bound calls, for the kernels ----

    /** The checked shape of a bound {@code max_pool2d_with_indices} call. */
    public static Pool2d maxPool2dShape(Object[] a) {
        return PoolRules.maxPool2d(name("max_pool2d_with_indices"), t(a, 0).sizes(), t(a, 0).dtype(), (long[]) a[1], (long[]) a[2],
                (long[]) a[3], (long[]) a[4], (Boolean) a[5]);
    }

    /** The checked shape of the forward call a bound {@code max_pool2d_with_indices_backward} call differentiates. */
    public static Pool2d maxPool2dBackwardShape(Object[] a) {
        String op = name("max_pool2d_with_indices_backward");
        TensorMeta self = t(a, 1);
        Pool2d shape = PoolRules.maxPool2dShape(op, self.sizes(), (long[]) a[2], (long[]) a[3], (long[]) a[4], (long[]) a[5], (Boolean) a[6]);
        PoolRules.backward(op, "max_pool2d_backward", null, self, shape.planes(), t(a, 0), t(a, 7));
        return shape;
    }

    /** The checked shape of a bound {@code avg_pool2d} call. */
    public static Pool2d avgPool2dShape(Object[] a) {
        return PoolRules.avgPool2d(name("avg_pool2d"), t(a, 0).sizes(), t(a, 0).dtype(), (long[]) a[1], (long[]) a[2], (long[]) a[3],
                (Long) a[6], (Boolean) a[4]);
    }

    /** The checked shape of the forward call a bound {@code avg_pool2d_backward} call differentiates. */
    public static Pool2d avgPool2dBackwardShape(Object[] a) {
        String op = name("avg_pool2d_backward");
        TensorMeta self = t(a, 1);
        Pool2d shape = PoolRules.avgPool2dShape(op, self.sizes(), (long[]) a[2], (long[]) a[3], (long[]) a[4], (Long) a[7], (Boolean) a[5]);
        PoolRules.backward(op, "avg_pool2d_backward", DType.INT64, self, shape.planes(), t(a, 0), null);
        return shape;
    }

    /** The checked planes of a bound {@code _adaptive_avg_pool2d} call. */
    public static Planes adaptiveAvgPool2dShape(Object[] a) {
        return PoolRules.adaptiveAvgPool2d(name("_adaptive_avg_pool2d"), t(a, 0).sizes(), t(a, 0).dtype(), (long[]) a[1]);
    }

    /** The checked planes of the forward call a bound {@code _adaptive_avg_pool2d_backward} call differentiates. */
    public static Planes adaptiveAvgPool2dBackwardShape(Object[] a) {
        return PoolRules.adaptiveAvgPool2dBackward(name("_adaptive_avg_pool2d_backward"), t(a, 0), t(a, 1));
    }

    /** The checked planes of a bound {@code adaptive_max_pool2d} call. */
    public static Planes adaptiveMaxPool2dShape(Object[] a) {
        return PoolRules.adaptiveMaxPool2d(name("adaptive_max_pool2d"), t(a, 0).sizes(), t(a, 0).dtype(), (long[]) a[1]);
    }

    /** The checked planes of the forward call a bound {@code adaptive_max_pool2d_backward} call differentiates. */
    public static Planes adaptiveMaxPool2dBackwardShape(Object[] a) {
        return PoolRules.adaptiveMaxPool2dBackward(name("adaptive_max_pool2d_backward"), t(a, 0), t(a, 1), t(a, 2));
    }

    static String name(String op) { return "aten::" + op; }

    private static TensorMeta t(Object[] a, int i) { return (TensorMeta) a[i]; }

    private static TensorSpec[] one(TensorMeta self, Planes planes) {
        return new TensorSpec[]{new TensorSpec(self.dtype(), planes.outputSizes(), self.device())};
    }

    private static TensorSpec[] withIndices(TensorMeta self, Planes planes) {
        long[] sizes = planes.outputSizes();
        return new TensorSpec[]{new TensorSpec(self.dtype(), sizes, self.device()), new TensorSpec(DType.INT64, sizes.clone(), self.device())};
    }

    /** A backward op's result, the gradient of {@code self} (argument 1), once {@code check} has accepted the call. */
    private static TensorSpec[] like(Object[] a, Consumer<Object[]> check) {
        check.accept(a);
        TensorMeta self = t(a, 1);
        return new TensorSpec[]{new TensorSpec(self.dtype(), self.sizes(), self.device())};
    }
}
