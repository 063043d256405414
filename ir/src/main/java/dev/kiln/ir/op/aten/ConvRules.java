package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import java.util.Arrays;

/**
 * Shape and dtype rules of the 2-D convolutions, with PyTorch 1.13's checks in its order and its messages:
 * {@code conv2d}'s and {@code conv_transpose2d}'s own checks, then {@code _convolution}'s
 * ({@code check_shape_forward}), then those of the CPU kernels ({@code slow_conv2d}, {@code slow_conv_dilated2d},
 * {@code slow_conv_transpose2d}), which an empty input skips as PyTorch's empty backend does. Each rule returns
 * the checked {@link Conv2dShape} the kernels run from.
 */
public final class ConvRules {
    private ConvRules() {}

    /**
     * One checked 2-D convolution seen from its two sides: the image (conv2d's input, conv_transpose2d's output),
     * and the small side (conv2d's output, conv_transpose2d's input), each of whose positions reads a kernel
     * window of the image. Sides are [channels, height, width]; the weight is
     * [small channels, image channels / groups, kernel height, kernel width] for both ops.
     */
    public record Conv2dShape(boolean batched, long batch, long[] image, long[] small, long[] kernel, long[] stride,
                              long[] padding, long[] dilation, long groups) {
        /** The image's sizes as the op sees them: [N, C, H, W], or [C, H, W] for an unbatched call. */
        public long[] imageSizes() { return sizes(image); }

        public long[] smallSizes() { return sizes(small); }

        private long[] sizes(long[] side) {
            return batched ? new long[]{batch, side[0], side[1], side[2]} : side.clone();
        }
    }

    /** {@code conv2d}: input [N, C, H, W] (or [C, H, W]), weight [O, C / groups, kH, kW], bias [O]. */
    public static Conv2dShape conv2d(String op, TensorMeta input, TensorMeta weight, TensorMeta bias, long[] stride, long[] padding,
                                     long[] dilation, long groups) {
        biasType(op, input, bias);
        boolean batched = batched(op, "conv2d", input, 2);
        long[] in = batchedSizes(input, batched);
        checkWeight(op, weight, groups, stride);
        checkShapeForward(op, in, weight.sizes(), bias, stride, padding, null, dilation, groups);
        long[] k = kernel(weight);
        long[] out = new long[]{weight.size(0), convOut(in[2], k[0], stride[0], padding[0], dilation[0]),
                convOut(in[3], k[1], stride[1], padding[1], dilation[1])};
        Conv2dShape shape = new Conv2dShape(batched, in[0], Arrays.copyOfRange(in, 1, 4), out, k, stride, padding, dilation, groups);
        if (emptyInput(op, in)) return shape;
        if (dilation[0] == 1 && dilation[1] == 1) {
            positiveKernel(op, k);
        } else {
            if (k[0] <= 0 || k[1] <= 0) throw OpError.of(op, "kernel size should be greater than zero, but got " + Arrays.toString(k));
            if (dilation[0] <= 0 || dilation[1] <= 0) {
                throw OpError.of(op, "dilation should be greater than zero, but got " + Arrays.toString(dilation));
            }
        }
        sameType(op, input, weight);
        supported(op, "slow_conv2d_cpu", input.dtype(), false);
        return shape;
    }

    /** {@code conv_transpose2d}: input [N, Cin, H, W] (or [Cin, H, W]), weight [Cin, Cout / groups, kH, kW], bias [Cout]. */
    public static Conv2dShape convTranspose2d(String op, TensorMeta input, TensorMeta weight, TensorMeta bias, long[] stride,
                                              long[] padding, long[] outputPadding, long groups, long[] dilation) {
        boolean batched = batched(op, "conv_transpose2d", input, 2);
        long[] in = batchedSizes(input, batched);
        checkWeight(op, weight, groups, stride);
        checkShapeForward(op, in, weight.sizes(), bias, stride, padding, outputPadding, dilation, groups);
        long[] k = kernel(weight);
        long[] out = new long[]{weight.size(1) * groups, transposedOut(in[2], k[0], stride[0], padding[0], outputPadding[0], dilation[0]),
                transposedOut(in[3], k[1], stride[1], padding[1], outputPadding[1], dilation[1])};
        Conv2dShape shape = new Conv2dShape(batched, in[0], out, Arrays.copyOfRange(in, 1, 4), k, stride, padding, dilation, groups);
        if (emptyInput(op, in)) {
            if (out[1] < 0 || out[2] < 0) throw OpError.of(op, "invalid shape dimension " + (out[1] < 0 ? out[1] : out[2]));
            return shape;
        }
        positiveKernel(op, k);
        if (dilation[0] <= 0 || dilation[1] <= 0) {
            throw OpError.of(op, "dilation should be greater than zero, but got dilation_height: " + dilation[0] + ", dilation_width: "
                    + dilation[1]);
        }
        if (!(outputPadding[1] < stride[1] || outputPadding[1] < dilation[1]) || !(outputPadding[0] < stride[0] || outputPadding[0] < dilation[0])) {
            throw OpError.of(op, "output padding must be smaller than either stride or dilation, but got output_padding_height: "
                    + outputPadding[0] + " output_padding_width: " + outputPadding[1] + " stride_height: " + stride[0] + " stride_width: "
                    + stride[1] + " dilation_height: " + dilation[0] + " dilation_width: " + dilation[1]);
        }
        if (weight.numel() == 0) throw OpError.of(op, "non-empty 2D or 4D weight tensor expected, but got: " + Shapes.format(weight.sizes()));
        if (out[1] < 1 || out[2] < 1) {
            throw OpError.of(op, "Given input size per channel: (" + in[2] + " x " + in[3] + "). Calculated output size per channel: ("
                    + out[1] + " x " + out[2] + "). Output size is too small");
        }
        sameType(op, input, weight);
        if (bias != null) sameType(op, input, bias);
        supported(op, "slow_conv_transpose2d_out_cpu", input.dtype(), true);
        return shape;
    }

    /**
     * {@code convolution_backward}: the shape of the convolution whose gradients are computed, from its input and
     * weight; {@code gradOutput} must have that convolution's output sizes.
     */
    public static Conv2dShape backward(String op, TensorMeta gradOutput, TensorMeta input, TensorMeta weight, long[] stride,
                                       long[] padding, long[] dilation, boolean transposed, long[] outputPadding, long groups) {
        if (weight.dim() < 3) throw OpError.of(op, "weight should have at least three dimensions");
        int dim = weight.dim() - 2;
        long[] s = expand(op, "stride", stride, dim), p = expand(op, "padding", padding, dim);
        long[] d = expand(op, "dilation", dilation, dim), op2 = expand(op, "output_padding", outputPadding, dim);
        if (groups <= 0) throw OpError.of(op, "non-positive groups is not supported");
        checkShapeForward(op, input.sizes(), weight.sizes(), null, s, p, transposed ? op2 : null, d, groups);
        if (input.dim() != gradOutput.dim()) {
            throw OpError.of(op, "Expected input and grad_output to have the same number of dimensions, but got: " + input.dim() + " and "
                    + gradOutput.dim());
        }
        if (!transposed && (op2[0] != 0 || op2[1] != 0)) {
            throw OpError.of(op, "output_padding is not supported for non-transposed convolutions; got: " + op2[0] + " " + op2[1]);
        }
        long[] in = input.sizes();
        Conv2dShape shape = transposed
                ? convTranspose2d(op, input, weight, null, s, p, op2, groups, d)
                : conv2d(op, input, weight, null, s, p, d, groups);
        long[] expected = transposed ? shape.imageSizes() : shape.smallSizes();
        if (!Arrays.equals(expected, gradOutput.sizes())) {
            throw OpError.of(op, "expected grad_output of size " + Shapes.format(expected) + " for input of size " + Shapes.format(in)
                    + ", but got " + Shapes.format(gradOutput.sizes()));
        }
        sameType(op, input, gradOutput);
        if (input.dtype() != DType.FLOAT32 && input.dtype() != DType.FLOAT64 && input.dtype() != DType.BFLOAT16) {
            String kernel = transposed ? "slow_conv_transpose2d_backward_out_cpu" : "slow_conv2d_cpu_grad_input";
            throw OpError.of(op, "\"" + kernel + "\" not implemented for '" + input.dtype().legacyName() + "'");
        }
        return shape;
    }

    /** {@code (in + 2p - d(k-1) - 1) / s + 1}, floored. */
    static long convOut(long in, long k, long s, long p, long d) { return Math.floorDiv(in + 2 * p - d * (k - 1) - 1, s) + 1; }

    /** {@code (in - 1) s - 2p + d(k-1) + outputPadding + 1}. */
    static long transposedOut(long in, long k, long s, long p, long outputPadding, long d) {
        return (in - 1) * s - 2 * p + d * (k - 1) + outputPadding + 1;
    }

    /**
     * {@code conv1d}: input [N, C, L] (or [C, L]), weight [O, C / groups, k], bias [O]. Checked as PyTorch's
     * {@code _convolution} checks a 1-D convolution, then, as PyTorch runs it, as the 2-D convolution of height 1
     * whose shape is returned.
     */
    public static Conv2dShape conv1d(String op, TensorMeta input, TensorMeta weight, TensorMeta bias, long[] stride, long[] padding,
                                     long[] dilation, long groups) {
        biasType(op, input, bias);
        long[] in = batchedSizes(input, batched(op, "conv1d", input, 1));
        checkWeight(op, weight, groups, stride);
        long[] p = expand(op, "padding", padding, 1), d = expand(op, "dilation", dilation, 1);
        checkShapeForward(op, in, weight.sizes(), bias, stride, p, null, d, groups);
        long[] w = weight.sizes();
        TensorMeta lifted = new TensorSpec(input.dtype(), new long[]{in[0], in[1], 1, in[2]}, input.device());
        TensorMeta liftedWeight = new TensorSpec(weight.dtype(), new long[]{w[0], w[1], 1, w[2]}, weight.device());
        Conv2dShape s = conv2d(op, lifted, liftedWeight, bias, new long[]{1, stride[0]}, new long[]{0, p[0]}, new long[]{1, d[0]}, groups);
        return new Conv2dShape(input.dim() == 3, s.batch(), s.image(), s.small(), s.kernel(), s.stride(), s.padding(), s.dilation(),
                s.groups());
    }

    /** The output sizes of a conv1d whose lifted 2-D shape is {@code s}: [N, O, L'] or [O, L']. */
    public static long[] conv1dSizes(Conv2dShape s) {
        long[] small = s.small();
        return s.batched() ? new long[]{s.batch(), small[0], small[2]} : new long[]{small[0], small[2]};
    }

    /**
     * PyTorch's padding for {@code padding='same'} ({@code _convolution_same}): per spatial dim the {left, right} zeros
     * that keep the size, {@code dilation * (k - 1)} in all with the odd one on the right. {@code input} is batched.
     */
    public static long[][] samePadding(String op, TensorMeta input, TensorMeta weight, long[] stride, long[] dilation) {
        if (weight.dim() < 3) throw OpError.of(op, "weight should have at least three dimensions");
        int dim = weight.dim() - 2;
        if (input.dim() != weight.dim()) {
            throw OpError.of(op, "Expected " + weight.dim() + "-dimensional input for " + weight.dim() + "-dimensional weight"
                    + Shapes.format(weight.sizes()) + ", but got " + input.dim() + "-dimensional input of size "
                    + Shapes.format(input.sizes()) + " instead");
        }
        if (stride.length != dim && stride.length != 1) throw OpError.of(op, "stride cannot broadcast to " + dim + " dimensions");
        if (dilation.length != dim && dilation.length != 1) throw OpError.of(op, "dilation cannot broadcast to " + dim + " dimensions");
        for (long s : stride) if (s != 1) throw OpError.of(op, "padding='same' is not supported for strided convolutions");
        long[][] pad = new long[2][dim];
        for (int i = 0; i < dim; i++) {
            long total = dilation[dilation.length == 1 ? 0 : i] * (weight.size(i + 2) - 1);
            pad[0][i] = total / 2;
            pad[1][i] = total - total / 2;
        }
        return pad;
    }

    /** PyTorch's {@code batchify}: {@code spatial + 1} dims unbatched or {@code spatial + 2} batched. */
    public static boolean batched(String op, String name, TensorMeta input, int spatial) {
        if (input.dim() != spatial + 1 && input.dim() != spatial + 2) {
            throw OpError.of(op, "Expected " + (spatial + 1) + "D (unbatched) or " + (spatial + 2) + "D (batched) input to " + name
                    + ", but got input of size: " + Shapes.format(input.sizes()));
        }
        return input.dim() == spatial + 2;
    }

    private static long[] batchedSizes(TensorMeta input, boolean batched) {
        if (batched) return input.sizes();
        long[] s = input.sizes();
        long[] r = new long[s.length + 1];
        r[0] = 1;
        System.arraycopy(s, 0, r, 1, s.length);
        return r;
    }

    private static void biasType(String op, TensorMeta input, TensorMeta bias) {
        if (bias != null && bias.dtype() != input.dtype()) {
            throw OpError.of(op, "Input type (" + cTypeName(input.dtype()) + ") and bias type (" + cTypeName(bias.dtype())
                    + ") should be the same");
        }
    }

    private static long[] kernel(TensorMeta weight) { return new long[]{weight.size(2), weight.size(3)}; }

    /** {@code _convolution}'s first checks: a weight of rank 3 or more, positive groups, parameters matching its rank. */
    private static void checkWeight(String op, TensorMeta weight, long groups, long[] stride) {
        if (weight.dim() < 3) throw OpError.of(op, "weight should have at least three dimensions");
        if (groups <= 0) throw OpError.of(op, "non-positive groups is not supported");
        expand(op, "stride", stride, weight.dim() - 2);
    }

    /** PyTorch's {@code expand_param_if_needed}: one value stands for all spatial dims, else one per dim. */
    private static long[] expand(String op, String name, long[] values, int dim) {
        if (values.length == 1) {
            long[] r = new long[dim];
            Arrays.fill(r, values[0]);
            return r;
        }
        if (values.length != dim) {
            throw OpError.of(op, "expected " + name + " to be a single integer value or a list of " + dim
                    + " values to match the convolution dimensions, but got " + name + "=" + Arrays.toString(values));
        }
        return values;
    }

    /** PyTorch's {@code check_shape_forward}; {@code outputPadding} is null for a non-transposed convolution. */
    private static void checkShapeForward(String op, long[] in, long[] w, TensorMeta bias, long[] stride, long[] padding,
                                          long[] outputPadding, long[] dilation, long groups) {
        boolean transposed = outputPadding != null;
        for (long p : padding) if (p < 0) throw OpError.of(op, "negative padding is not supported");
        if (transposed) for (long p : outputPadding) if (p < 0) throw OpError.of(op, "negative output_padding is not supported");
        for (long s : stride) if (s <= 0) throw OpError.of(op, "non-positive stride is not supported");
        if (w.length != in.length) {
            throw OpError.of(op, "Expected " + w.length + "-dimensional input for " + w.length + "-dimensional weight " + Shapes.format(w)
                    + ", but got " + in.length + "-dimensional input of size " + Shapes.format(in) + " instead");
        }
        if (w[0] < groups) {
            throw OpError.of(op, "Given groups=" + groups + ", expected weight to be at least " + groups + " at dimension 0, but got weight "
                    + "of size " + Shapes.format(w) + " instead");
        }
        if (w[0] % groups != 0) {
            throw OpError.of(op, "Given groups=" + groups + ", expected weight to be divisible by " + groups + " at dimension 0, but got "
                    + "weight of size [" + Shapes.format(w) + "] instead");
        }
        if (transposed) {
            checkChannels(op, "transposed=1", w, in, w[0]);
            checkBias(op, "transposed=1, weight", w, bias, w[1] * groups);
            return;
        }
        checkChannels(op, "groups=" + groups, w, in, w[1] * groups);
        checkBias(op, "weight", w, bias, w[0]);
        int dims = in.length - 2;
        long[] padded = new long[dims], window = new long[dims];
        boolean fits = true;
        for (int i = 0; i < dims; i++) {
            padded[i] = in[i + 2] + 2 * padding[i];
            window[i] = dilation[i] * (w[i + 2] - 1) + 1;
            fits &= padded[i] >= window[i];
        }
        if (!fits) {
            throw OpError.of(op, "Calculated padded input size per channel: " + perChannel(padded) + ". Kernel size: " + perChannel(window)
                    + ". Kernel size can't be greater than actual input size");
        }
    }

    /** Sizes per channel as PyTorch prints them: {@code (4 x 5)}. */
    private static String perChannel(long[] sizes) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < sizes.length; i++) sb.append(i == 0 ? "" : " x ").append(sizes[i]);
        return sb.append(')').toString();
    }

    private static void checkChannels(String op, String given, long[] w, long[] in, long channels) {
        if (in[1] != channels) {
            throw OpError.of(op, "Given " + given + ", weight of size " + Shapes.format(w) + ", expected input" + Shapes.format(in)
                    + " to have " + channels + " channels, but got " + in[1] + " channels instead");
        }
    }

    private static void checkBias(String op, String given, long[] w, TensorMeta bias, long channels) {
        if (bias != null && (bias.dim() != 1 || bias.size(0) != channels)) {
            throw OpError.of(op, "Given " + given + " of size " + Shapes.format(w) + ", expected bias to be 1-dimensional with " + channels
                    + " elements, but got bias of size " + Shapes.format(bias.sizes()) + " instead");
        }
    }

    /** PyTorch sends an input without elements to its empty backend, which only takes a zero batch or zero channels. */
    private static boolean emptyInput(String op, long[] in) {
        if (in[0] * in[1] * in[2] * in[3] != 0) return false;
        if (in[0] != 0 && in[1] != 0) {
            throw OpError.of(op, "Only zero batch or zero channel inputs are supported, but got input shape: " + Shapes.format(in));
        }
        return true;
    }

    private static void positiveKernel(String op, long[] k) {
        if (k[0] <= 0 || k[1] <= 0) {
            throw OpError.of(op, "kernel size should be greater than zero, but got kernel_height: " + k[0] + " kernel_width: " + k[1]);
        }
    }

    private static void sameType(String op, TensorMeta expected, TensorMeta found) {
        if (expected.dtype() != found.dtype()) {
            throw OpError.of(op, "expected scalar type " + expected.dtype().legacyName() + " but found " + found.dtype().legacyName());
        }
    }

    /** The dtypes PyTorch's CPU kernel is compiled for: no half or bool; the transposed one takes no narrow integers. */
    private static void supported(String op, String kernel, DType dtype, boolean transposed) {
        boolean narrowInt = dtype == DType.INT32 || dtype == DType.INT16 || dtype == DType.INT8 || dtype == DType.UINT8;
        if (dtype == DType.FLOAT16 || dtype == DType.BOOL || transposed && narrowInt) {
            throw OpError.of(op, "\"" + kernel + "\" not implemented for '" + dtype.legacyName() + "'");
        }
    }

    /** The C++ type name PyTorch's {@code dtype().name()} prints. */
    private static String cTypeName(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case FLOAT16 -> "c10::Half";
            case BFLOAT16 -> "c10::BFloat16";
            case INT64 -> "long int";
            case INT32 -> "int";
            case INT16 -> "short int";
            case INT8 -> "signed char";
            case UINT8 -> "unsigned char";
            case BOOL -> "bool";
        };
    }
}
