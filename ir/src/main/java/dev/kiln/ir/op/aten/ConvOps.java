package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;

/**
 * The convolutions: conv2d, conv_transpose2d and convolution_backward, the op their gradients are computed with, are
 * library ops (the CPU kernel lowers them to im2col and a GEMM); conv1d is, as in PyTorch, the 2-D convolution of
 * height 1, and the {@code .padding} overloads take 'same' or 'valid' ({@link ConvPaddingModes}). {@link ConvRules}
 * gives PyTorch's shapes and errors. Both convolutions' backward function is PyTorch's {@code ConvolutionBackward0}: the input's
 * gradient is the other convolution, the weight's a {@code convolution_backward}, the bias's a sum; the gradients
 * of {@code convolution_backward} ({@code ConvolutionBackwardBackward0}) are convolutions again, so any order of
 * derivative is available ({@link ConvGrads}).
 */
public final class ConvOps {
    private ConvOps() {}

    public static final OpDef CONV2D = declare("conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, "
            + "int[2] padding=0, int[2] dilation=1, int groups=1) -> Tensor")
            .rule(a -> spec(a, conv2dShape(a).smallSizes())).library()
            .derivative(Derivative.of(wrt("input", uses("weight"), ConvGrads::conv2dInput),
                    wrt("weight", uses("input", "weight"), g -> ConvGrads.weight(g, false)),
                    wrt("bias", ConvGrads::bias)).named("ConvolutionBackward0"))
            .build();
    public static final OpDef CONV_TRANSPOSE2D = declare("conv_transpose2d.input(Tensor input, Tensor weight, Tensor? bias=None, "
            + "int[2] stride=1, int[2] padding=0, int[2] output_padding=0, int groups=1, int[2] dilation=1) -> Tensor")
            .rule(a -> spec(a, convTranspose2dShape(a).imageSizes())).library()
            .derivative(Derivative.of(wrt("input", uses("input", "weight"), ConvGrads::convTranspose2dInput),
                    wrt("weight", uses("input", "weight"), g -> ConvGrads.weight(g, true)),
                    wrt("bias", ConvGrads::bias)).named("ConvolutionBackward0"))
            .build();
    public static final OpDef CONVOLUTION_BACKWARD = declare("convolution_backward(Tensor grad_output, Tensor input, Tensor weight, "
            + "SymInt[]? bias_sizes, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups, "
            + "bool[3] output_mask) -> (Tensor, Tensor, Tensor)")
            .rule(ConvOps::backwardSpecs).library()
            .derivative(wrt("grad_output", uses("input", "weight"), ConvGrads::backwardGradOutput),
                    wrt("input", uses("grad_output", "input"), ConvGrads::backwardInput),
                    wrt("weight", uses("grad_output", "weight"), ConvGrads::backwardWeight))
            .build();

    public static final OpDef CONV1D = declare("conv1d(Tensor input, Tensor weight, Tensor? bias=None, int[1] stride=1, "
            + "int[1] padding=0, int[1] dilation=1, int groups=1) -> Tensor")
            .rule(a -> spec(a, ConvRules.conv1dSizes(conv1dShape(a)))).composite(ConvOps::conv1dAs2d)
            .derivative(Derivative.of(wrt("input", uses("weight"), ConvGrads::conv1dInput),
                    wrt("weight", uses("input", "weight"), ConvGrads::conv1dWeight),
                    wrt("bias", ConvGrads::bias)).named("ConvolutionBackward0"))
            .build();
    public static final OpDef CONV1D_PADDING = declare("conv1d.padding(Tensor input, Tensor weight, Tensor? bias=None, "
            + "int[1] stride=1, str padding=\"valid\", int[1] dilation=1, int groups=1) -> Tensor")
            .rule(a -> ConvPaddingModes.rule(a, 1)).composite((b, a) -> ConvPaddingModes.expand(b, a, 1)).build();
    public static final OpDef CONV2D_PADDING = declare("conv2d.padding(Tensor input, Tensor weight, Tensor? bias=None, "
            + "int[2] stride=1, str padding=\"valid\", int[2] dilation=1, int groups=1) -> Tensor")
            .rule(a -> ConvPaddingModes.rule(a, 2)).composite((b, a) -> ConvPaddingModes.expand(b, a, 2)).build();

    /** The checked shape of a bound {@code conv2d} call. */
    public static ConvRules.Conv2dShape conv2dShape(Object[] a) {
        return ConvRules.conv2d(CONV2D_NAME, t(a, 0), t(a, 1), t(a, 2), (long[]) a[3], (long[]) a[4], (long[]) a[5], (Long) a[6]);
    }

    /** The checked shape of a bound {@code conv1d} call, as the 2-D convolution of height 1 it runs as. */
    public static ConvRules.Conv2dShape conv1dShape(Object[] a) {
        return ConvRules.conv1d(CONV1D_NAME, t(a, 0), t(a, 1), t(a, 2), (long[]) a[3], (long[]) a[4], (long[]) a[5], (Long) a[6]);
    }

    /** conv1d as PyTorch runs it: conv2d of the input and weight with a height of 1 inserted, which is then removed. */
    private static Object conv1dAs2d(OpBuilder b, Object[] a) {
        Object y = b.call(CONV2D, b.call(ShapeOps.UNSQUEEZE, a[0], -2L), b.call(ShapeOps.UNSQUEEZE, a[1], 2L), a[2], lift(a[3], 1),
                lift(a[4], 0), lift(a[5], 1), a[6]);
        return b.call(ShapeOps.SQUEEZE_DIM, y, -2L);
    }

    /** A checked conv1d parameter (one value) as the (height, width) pair of the 2-D convolution of height 1. */
    static long[] lift(Object param, long height) { return new long[]{height, ((long[]) param)[0]}; }

    /** The checked shape of a bound {@code conv_transpose2d} call. */
    public static ConvRules.Conv2dShape convTranspose2dShape(Object[] a) {
        return ConvRules.convTranspose2d(CONV_TRANSPOSE2D_NAME, t(a, 0), t(a, 1), t(a, 2), (long[]) a[3], (long[]) a[4], (long[]) a[5],
                (Long) a[6], (long[]) a[7]);
    }

    /** The checked shape of the convolution a bound {@code convolution_backward} call differentiates. */
    public static ConvRules.Conv2dShape backwardShape(Object[] a) {
        return ConvRules.backward(BACKWARD_NAME, t(a, 0), t(a, 1), t(a, 2), (long[]) a[4], (long[]) a[5], (long[]) a[6], (Boolean) a[7],
                (long[]) a[8], (Long) a[9]);
    }

    private static final String CONV1D_NAME = "aten::conv1d";
    private static final String CONV2D_NAME = "aten::conv2d";
    private static final String CONV_TRANSPOSE2D_NAME = "aten::conv_transpose2d.input";
    private static final String BACKWARD_NAME = "aten::convolution_backward";

    static TensorSpec[] spec(Object[] a, long[] sizes) {
        TensorMeta input = t(a, 0);
        return new TensorSpec[]{new TensorSpec(input.dtype(), sizes, input.device())};
    }

    /** The gradients of input, weight and bias; PyTorch leaves out (None) those {@code output_mask} does not ask for. */
    private static TensorSpec[] backwardSpecs(Object[] a) {
        ConvRules.Conv2dShape shape = backwardShape(a);
        TensorMeta input = t(a, 1), weight = t(a, 2);
        long biasChannels = (Boolean) a[7] ? shape.image()[0] : shape.small()[0];
        return new TensorSpec[]{new TensorSpec(input.dtype(), input.sizes(), input.device()),
                new TensorSpec(weight.dtype(), weight.sizes(), weight.device()),
                new TensorSpec(input.dtype(), new long[]{biasChannels}, input.device())};
    }

    private static TensorMeta t(Object[] a, int i) { return (TensorMeta) a[i]; }
}
