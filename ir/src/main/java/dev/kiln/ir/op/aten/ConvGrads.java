package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivative formulas of the convolutions, as PyTorch's {@code derivatives.yaml} and
 * {@code _convolution_double_backward} compute them, written with catalogue ops only: a convolution's input
 * gradient is the other convolution of the output gradient with the same weight, its weight gradient a
 * {@code convolution_backward}, its bias gradient a sum over batch and space. {@code convolution_backward} is
 * bilinear in (grad_output, input) and (grad_output, weight), so its own gradients are convolutions and
 * {@code convolution_backward}s again.
 */
final class ConvGrads {
    private ConvGrads() {}

    private static final boolean[] WEIGHT_ONLY = {false, true, false};
    private static final boolean[] INPUT_ONLY = {true, false, false};

    /** conv2d's input gradient: conv_transpose2d of the output gradient, output-padded back to the input's size. */
    static Object conv2dInput(Grad g) {
        return transposedBack(g, g.grad(), g.arg("weight"), GradOps.sizes(g, "input"), kernel(g), longs(g, "stride"),
                longs(g, "padding"), longs(g, "dilation"));
    }

    /** conv1d's input gradient: that of the 2-D convolution of height 1 it runs as, with the height removed. */
    static Object conv1dInput(Grad g) {
        long[] in = GradOps.sizes(g, "input"), lifted = liftSizes(in);
        Object r = transposedBack(g, unsqueeze(g, g.grad(), -2), unsqueeze(g, g.arg("weight"), 2), lifted,
                new long[]{1, GradOps.sizes(g, "weight")[2]}, ConvOps.lift(g.arg("stride"), 1), ConvOps.lift(g.arg("padding"), 0),
                ConvOps.lift(g.arg("dilation"), 1));
        return squeeze(g, r, -2);
    }

    /** conv1d's weight gradient: convolution_backward of the height-1 convolution, with the kernel's height removed. */
    static Object conv1dWeight(Grad g) {
        long[] in = GradOps.sizes(g, "input");
        long[] lifted = in.length == 3 ? liftSizes(in) : new long[]{1, in[0], 1, in[1]};
        Object grad = g.grad();
        long[] out = GradOps.meta(g, grad).sizes();
        long[] liftedOut = out.length == 3 ? liftSizes(out) : new long[]{1, out[0], 1, out[1]};
        List<?> r = (List<?>) g.ops().call(ConvOps.CONVOLUTION_BACKWARD, GradOps.reshape(g, grad, liftedOut),
                GradOps.reshape(g, g.arg("input"), lifted), unsqueeze(g, g.arg("weight"), 2), null, ConvOps.lift(g.arg("stride"), 1),
                ConvOps.lift(g.arg("padding"), 0), ConvOps.lift(g.arg("dilation"), 1), false, new long[2], g.arg("groups"), WEIGHT_ONLY);
        return squeeze(g, r.get(1), 2);
    }

    /** The input gradient of a convolution: conv_transpose2d of {@code grad}, output-padded back to {@code in}. */
    private static Object transposedBack(Grad g, Object grad, Object weight, long[] in, long[] k, long[] stride, long[] padding,
                                         long[] dilation) {
        long[] out = GradOps.meta(g, grad).sizes();
        int h = in.length - 2;
        long[] outputPadding = new long[2];
        for (int i = 0; i < 2; i++) {
            outputPadding[i] = in[h + i] - ConvRules.transposedOut(out[h + i], k[i], stride[i], padding[i], 0, dilation[i]);
        }
        return g.ops().call(ConvOps.CONV_TRANSPOSE2D, grad, weight, null, stride, padding, outputPadding, g.arg("groups"), dilation);
    }

    /** [.., C, L] as [.., C, 1, L]. */
    private static long[] liftSizes(long[] s) {
        long[] r = new long[s.length + 1];
        System.arraycopy(s, 0, r, 0, s.length - 1);
        r[s.length - 1] = 1;
        r[s.length] = s[s.length - 1];
        return r;
    }

    private static Object unsqueeze(Grad g, Object t, long dim) { return g.ops().call(ShapeOps.UNSQUEEZE, t, dim); }

    private static Object squeeze(Grad g, Object t, long dim) { return g.ops().call(ShapeOps.SQUEEZE_DIM, t, dim); }

    /**
     * conv_transpose2d's input gradient: conv2d of the output gradient. An output padding of at least the stride
     * (allowed below the dilation) adds rows no input position reaches, which conv2d would see: then the input
     * gradient of convolution_backward, which reads only the rows the input reached.
     */
    static Object convTranspose2dInput(Grad g) {
        long[] stride = longs(g, "stride"), outputPadding = longs(g, "output_padding");
        if (outputPadding[0] < stride[0] && outputPadding[1] < stride[1]) {
            return g.ops().call(ConvOps.CONV2D, g.grad(), g.arg("weight"), null, stride, longs(g, "padding"), longs(g, "dilation"),
                    g.arg("groups"));
        }
        return convolutionBackward(g, true, INPUT_ONLY).get(0);
    }

    /** A convolution's weight gradient: convolution_backward's, from the saved input and the output gradient. */
    static Object weight(Grad g, boolean transposed) { return convolutionBackward(g, transposed, WEIGHT_ONLY).get(1); }

    /** convolution_backward of a convolution (unbatched operands made a batch of one, its input gradient made unbatched again). */
    private static List<Object> convolutionBackward(Grad g, boolean transposed, boolean[] mask) {
        Object input = g.arg("input"), grad = g.grad();
        long[] in = GradOps.sizes(g, "input");
        boolean unbatched = in.length == 3;
        if (unbatched) {
            input = batched(g, input);
            grad = batched(g, grad);
        }
        long[] outputPadding = transposed ? longs(g, "output_padding") : new long[2];
        List<?> r = (List<?>) g.ops().call(ConvOps.CONVOLUTION_BACKWARD, grad, input, g.arg("weight"), null, longs(g, "stride"),
                longs(g, "padding"), longs(g, "dilation"), transposed, outputPadding, g.arg("groups"), mask);
        List<Object> out = new ArrayList<>(r);
        if (unbatched && out.get(0) != null) out.set(0, GradOps.reshape(g, out.get(0), in));
        return out;
    }

    /** A convolution's bias gradient: the output gradient summed over batch and space (over space only for an unbatched call). */
    static Object bias(Grad g) {
        int dim = GradOps.meta(g, g.grad()).dim();
        int channels = dim == GradOps.sizes(g, "weight").length ? 1 : 0;
        long[] dims = new long[dim - 1];
        for (int i = 0, d = 0; d < dim; d++) if (d != channels) dims[i++] = d;
        return g.ops().call(ReductionOps.SUM_DIM, g.grad(), dims, false, null);
    }

    /**
     * convolution_backward's gradient for grad_output: the convolution of the input's gradient gradient with the
     * weight, plus that of the input with the weight's, plus the bias's broadcast over batch and space.
     */
    static Object backwardGradOutput(Grad g) {
        Object r = null;
        if (g.hasGrad(0)) r = convolve(g, g.grad(0), g.arg("weight"));
        if (g.hasGrad(1)) r = sum(g, r, convolve(g, g.arg("input"), g.grad(1)));
        if (g.hasGrad(2)) {
            long[] sizes = GradOps.sizes(g, "grad_output");
            Object b = GradOps.reshape(g, g.grad(2), new long[]{1, sizes[1], 1, 1});
            r = r == null ? GradOps.expand(g, b, sizes) : GradOps.add(g, r, b);
        }
        return r;
    }

    /** convolution_backward's gradient for input: the input gradient of a convolution whose weight is the weight's gradient gradient. */
    static Object backwardInput(Grad g) {
        if (!g.hasGrad(1)) return null;
        return backward(g, g.arg("grad_output"), g.arg("input"), g.grad(1), INPUT_ONLY).get(0);
    }

    /** convolution_backward's gradient for weight: the weight gradient of a convolution whose input is the input's gradient gradient. */
    static Object backwardWeight(Grad g) {
        if (!g.hasGrad(0)) return null;
        return backward(g, g.arg("grad_output"), g.grad(0), g.arg("weight"), WEIGHT_ONLY).get(1);
    }

    private static List<?> backward(Grad g, Object gradOutput, Object input, Object weight, boolean[] mask) {
        return (List<?>) g.ops().call(ConvOps.CONVOLUTION_BACKWARD, gradOutput, input, weight, null, g.arg("stride"), g.arg("padding"),
                g.arg("dilation"), g.arg("transposed"), g.arg("output_padding"), g.arg("groups"), mask);
    }

    /** The convolution convolution_backward differentiates, applied to {@code input} and {@code weight}. */
    private static Object convolve(Grad g, Object input, Object weight) {
        OpBuilder b = g.ops();
        long[] stride = pair(g, "stride"), padding = pair(g, "padding"), dilation = pair(g, "dilation");
        if ((Boolean) g.arg("transposed")) {
            return b.call(ConvOps.CONV_TRANSPOSE2D, input, weight, null, stride, padding, pair(g, "output_padding"), g.arg("groups"), dilation);
        }
        return b.call(ConvOps.CONV2D, input, weight, null, stride, padding, dilation, g.arg("groups"));
    }

    private static Object sum(Grad g, Object a, Object b) { return a == null ? b : GradOps.add(g, a, b); }

    private static Object batched(Grad g, Object t) {
        long[] s = GradOps.meta(g, t).sizes();
        return GradOps.reshape(g, t, new long[]{1, s[0], s[1], s[2]});
    }

    private static long[] kernel(Grad g) {
        long[] w = GradOps.sizes(g, "weight");
        return new long[]{w[2], w[3]};
    }

    private static long[] longs(Grad g, String name) { return (long[]) g.arg(name); }

    /** An {@code int[]} parameter of convolution_backward as the two values the 2-D ops take (one value stands for both). */
    private static long[] pair(Grad g, String name) {
        long[] v = longs(g, name);
        return v.length == 1 ? new long[]{v[0], v[0]} : v;
    }
}
