package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;

/**
 * Shape and dtype rules of the 2-D poolings with PyTorch 1.13's checks, in its order and with its messages: the
 * argument checks of {@code max_pool2d_with_indices} and {@code avg_pool2d}, {@code pooling_output_shape} (the
 * output size, ceil mode included), {@code pool2d_shape_check}, the adaptive poolings' checks, and the dtypes the
 * CPU kernels are compiled for. Each rule returns the {@link Planes} (and {@link Window}) the kernels run from.
 */
public final class PoolRules {
    private PoolRules() {}

    /**
     * The planes of a 2-D pooling: {@code batch * channels} planes of {@code inH x inW} mapped to {@code outH x outW};
     * an unbatched call ([C, H, W]) is a batch of one.
     */
    public record Planes(boolean batched, long batch, long channels, long inH, long inW, long outH, long outW) {
        public long count() { return batch * channels; }

        /** The result's sizes: [N, C, outH, outW], or [C, outH, outW] for an unbatched call. */
        public long[] outputSizes() { return batched ? new long[]{batch, channels, outH, outW} : new long[]{channels, outH, outW}; }

        static Planes of(long[] in, long outH, long outW) {
            int n = in.length;
            boolean batched = n == 4;
            return new Planes(batched, batched ? in[0] : 1, in[n - 3], in[n - 2], in[n - 1], outH, outW);
        }
    }

    /** A sliding window: kernel size, stride, padding and dilation for height and width. */
    public record Window(int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW) {}

    /** A checked sliding-window pooling. */
    public record Pool2d(Planes planes, Window window) {}

    /** {@code max_pool2d_with_indices}'s checks, without the dtype (see {@link #maxPool2d}). */
    public static Pool2d maxPool2dShape(String op, long[] in, long[] kernel, long[] stride, long[] padding, long[] dilation,
                                        boolean ceil) {
        if (kernel.length != 1 && kernel.length != 2) {
            throw OpError.of(op, "max_pool2d: kernel_size must either be a single int, or a tuple of two ints");
        }
        if (stride.length > 2) throw OpError.of(op, "max_pool2d: stride must either be omitted, a single int, or a tuple of two ints");
        if (padding.length != 1 && padding.length != 2) {
            throw OpError.of(op, "max_pool2d: padding must be either be a single int, or a tuple of two ints");
        }
        if (dilation.length != 1 && dilation.length != 2) {
            throw OpError.of(op, "max_pool2d: dilation must be either a single int, or a tuple of two ints");
        }
        long[] k = pair(kernel), s = stride.length == 0 ? k : pair(stride), p = pair(padding), d = pair(dilation);
        if (in.length != 3 && in.length != 4) throw OpError.of(op, "non-empty 3D or 4D (batch mode) tensor expected for input");
        return checked(op, in, k, s, p, d, ceil);
    }

    /** {@code max_pool2d_with_indices}: input [N, C, H, W] or [C, H, W]; float, double or bfloat16. */
    public static Pool2d maxPool2d(String op, long[] in, DType dtype, long[] kernel, long[] stride, long[] padding, long[] dilation,
                                   boolean ceil) {
        Pool2d shape = maxPool2dShape(op, in, kernel, stride, padding, dilation, ceil);
        floating(op, "max_pool2d", dtype);
        return shape;
    }

    /** {@code avg_pool2d}'s checks, without the dtype (see {@link #avgPool2d}). */
    public static Pool2d avgPool2dShape(String op, long[] in, long[] kernel, long[] stride, long[] padding, Long divisorOverride,
                                        boolean ceil) {
        if (kernel.length != 1 && kernel.length != 2) {
            throw OpError.of(op, "avg_pool2d: kernel_size must either be a single int, or a tuple of two ints");
        }
        if (stride.length > 2) throw OpError.of(op, "avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints");
        if (padding.length != 1 && padding.length != 2) {
            throw OpError.of(op, "avg_pool2d: padding must either be a single int, or a tuple of two ints");
        }
        if (divisorOverride != null && divisorOverride == 0) throw OpError.of(op, "divisor must be not zero");
        Shapes.wrapDim(op, -3, in.length);
        long[] k = pair(kernel), s = stride.length == 0 ? k : pair(stride);
        return checked(op, in, k, s, pair(padding), new long[]{1, 1}, ceil);
    }

    /** {@code avg_pool2d}: input [N, C, H, W] or [C, H, W]; float, double, bfloat16 or int64 (which divides as integers). */
    public static Pool2d avgPool2d(String op, long[] in, DType dtype, long[] kernel, long[] stride, long[] padding, Long divisorOverride,
                                   boolean ceil) {
        Pool2d shape = avgPool2dShape(op, in, kernel, stride, padding, divisorOverride, ceil);
        if (dtype != DType.INT64) floating(op, "avg_pool2d", dtype);
        return shape;
    }

    /** {@code _adaptive_avg_pool2d}: input [N, C, H, W] or [C, H, W] with H, W > 0; output_size (oH, oW). */
    public static Planes adaptiveAvgPool2d(String op, long[] in, DType dtype, long[] outputSize) {
        if (outputSize.length != 2) throw OpError.of(op, "adaptive_avg_pool2d: output_size must be 2");
        if (in.length != 3 && in.length != 4) {
            throw OpError.of(op, "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got " + Shapes.format(in));
        }
        nonEmpty(op, "adaptive_avg_pool2d", in, in.length - 2);
        Planes planes = adaptivePlanes(op, in, outputSize);
        if (planes.count() * planes.outH() * planes.outW() != 0) floating(op, "adaptive_avg_pool2d", dtype);
        return planes;
    }

    /** {@code adaptive_max_pool2d}: input [N, C, H, W] (C, H, W > 0) or [C, H, W] (H, W > 0); output_size (oH, oW). */
    public static Planes adaptiveMaxPool2d(String op, long[] in, DType dtype, long[] outputSize) {
        if (in.length != 3 && in.length != 4) {
            throw OpError.of(op, "adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: " + Shapes.format(in));
        }
        nonEmpty(op, "adaptive_max_pool2d", in, 1);
        if (outputSize.length != 2) throw OpError.of(op, "adaptive_max_pool2d(): internal error: output_size.size() must be 2");
        Planes planes = adaptivePlanes(op, in, outputSize);
        floating(op, "adaptive_max_pool2d", dtype);
        return planes;
    }

    /** {@code _adaptive_avg_pool2d_backward}: the planes of the forward call, whose output sizes {@code grad} has. */
    public static Planes adaptiveAvgPool2dBackward(String op, TensorMeta grad, TensorMeta self) {
        if (grad.dim() != 3 && grad.dim() != 4) {
            throw OpError.of(op, "adaptive_avg_pool2d_backward(): Expected 3D or 4D tensor, but got " + Shapes.format(grad.sizes()));
        }
        Planes planes = adaptiveAvgPool2d(op, self.sizes(), self.dtype(), lastTwo(grad));
        backward(op, "adaptive_avg_pool2d_backward", null, self, planes, grad, null);
        return planes;
    }

    /** {@code adaptive_max_pool2d_backward}: the planes of the forward call, whose output sizes {@code grad} and {@code indices} have. */
    public static Planes adaptiveMaxPool2dBackward(String op, TensorMeta grad, TensorMeta self, TensorMeta indices) {
        if (grad.dim() != 3 && grad.dim() != 4) {
            throw OpError.of(op, "adaptive_max_pooling2d_backward(): Expected 3D or 4D grad_output, but got: " + Shapes.format(grad.sizes()));
        }
        Planes planes = adaptiveMaxPool2d(op, self.sizes(), self.dtype(), lastTwo(grad));
        backward(op, "adaptive_max_pool2d_backward", null, self, planes, grad, indices);
        return planes;
    }

    private static long[] lastTwo(TensorMeta t) { return new long[]{t.size(t.dim() - 2), t.size(t.dim() - 1)}; }

    /**
     * Checks a pooling backward's {@code grad} (and the max poolings' {@code indices}) against the planes of its
     * forward call: same dtype as the input, the forward's output sizes; indices int64.
     */
    public static void backward(String op, String kernel, DType allowedInteger, TensorMeta self, Planes planes, TensorMeta grad,
                                TensorMeta indices) {
        if (grad.dtype() != self.dtype()) {
            throw OpError.of(op, "expected dtype " + self.dtype().legacyName() + " for `grad_output` but got dtype " + grad.dtype().legacyName());
        }
        long[] expected = planes.outputSizes();
        sameSizes(op, "grad_output", grad, expected);
        if (indices != null) {
            sameSizes(op, "indices", indices, expected);
            if (indices.dtype() != DType.INT64) {
                throw OpError.of(op, "expected scalar type Long but found " + indices.dtype().legacyName());
            }
        }
        if (self.dtype() != allowedInteger) floating(op, kernel, self.dtype());
    }

    /** {@code pooling_output_shape}: the output size along one dim, with ceil mode's rule that the last window start inside. */
    static long outputSize(String op, long in, long k, long pad, long stride, long dilation, boolean ceil) {
        if (stride == 0) throw OpError.of(op, "stride should not be zero");
        if (pad < 0) throw OpError.of(op, "pad must be non-negative, but got pad: " + pad);
        if (pad > k / 2) throw OpError.of(op, "pad should be at most half of kernel size, but got pad=" + pad + " and kernel_size=" + k);
        long out = Math.floorDiv(in + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0), stride) + 1;
        if (ceil && (out - 1) * stride >= in + pad) out--;
        return out;
    }

    /** The output sizes from {@link #outputSize}, then PyTorch's {@code pool2d_shape_check}. */
    private static Pool2d checked(String op, long[] in, long[] k, long[] s, long[] p, long[] d, boolean ceil) {
        int n = in.length;
        long outH = outputSize(op, in[n - 2], k[0], p[0], s[0], d[0], ceil);
        long outW = outputSize(op, in[n - 1], k[1], p[1], s[1], d[1], ceil);
        if (k[0] <= 0 || k[1] <= 0) throw OpError.of(op, "kernel size should be greater than zero, but got kH: " + k[0] + " kW: " + k[1]);
        if (s[0] <= 0 || s[1] <= 0) throw OpError.of(op, "stride should be greater than zero, but got dH: " + s[0] + " dW: " + s[1]);
        if (d[0] <= 0 || d[1] <= 0) {
            throw OpError.of(op, "dilation should be greater than zero, but got dilationH: " + d[0] + " dilationW: " + d[1]);
        }
        boolean valid = n >= 3 && in[1] != 0 && in[2] != 0;
        if (!(n == 3 && in[0] != 0 && valid || n == 4 && valid && in[3] != 0)) {
            throw OpError.of(op, "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:" + Shapes.format(in));
        }
        if (outH < 1 || outW < 1) {
            throw OpError.of(op, "Given input size: (" + in[n - 3] + "x" + in[n - 2] + "x" + in[n - 1] + "). Calculated output size: ("
                    + in[n - 3] + "x" + outH + "x" + outW + "). Output size is too small");
        }
        for (long[] v : new long[][]{k, s, p, d}) {
            if (v[0] > Integer.MAX_VALUE || v[1] > Integer.MAX_VALUE) throw OpError.of(op, "integer out of range");
        }
        Window w = new Window((int) k[0], (int) k[1], (int) s[0], (int) s[1], (int) p[0], (int) p[1], (int) d[0], (int) d[1]);
        return new Pool2d(Planes.of(in, outH, outW), w);
    }

    private static Planes adaptivePlanes(String op, long[] in, long[] outputSize) {
        Planes planes = Planes.of(in, outputSize[0], outputSize[1]);
        if (outputSize[0] < 0 || outputSize[1] < 0) {
            long[] sizes = planes.outputSizes();
            throw OpError.of(op, "Trying to create tensor with negative dimension " + Math.min(outputSize[0], outputSize[1]) + ": "
                    + Shapes.format(sizes));
        }
        return planes;
    }

    /** Sizes of dims {@code from..} must be positive (the batch dim, and for some ops the channels, may be zero). */
    private static void nonEmpty(String op, String name, long[] in, int from) {
        for (int i = from; i < in.length; i++) {
            if (in[i] <= 0) {
                throw OpError.of(op, name + "(): Expected input to have non-zero size for non-batch dimensions, but input has sizes "
                        + Shapes.format(in) + " with dimension " + i + " being empty");
            }
        }
    }

    private static void sameSizes(String op, String name, TensorMeta t, long[] expected) {
        if (t.dim() != expected.length) {
            throw OpError.of(op, "Expected " + name + " to have " + expected.length + " dimensions, but got " + t.dim());
        }
        for (int i = 0; i < expected.length; i++) {
            if (t.size(i) != expected[i]) {
                throw OpError.of(op, "Expected a tensor of dimension " + expected.length + " and tensor.size[" + i + "] == " + expected[i]
                        + " but got: dimension " + t.dim() + " and tensor.size[" + i + "] = " + t.size(i) + " (" + name + ")");
            }
        }
    }

    /** The CPU pooling kernels are compiled for float, double and bfloat16. */
    private static void floating(String op, String kernel, DType dtype) {
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64 && dtype != DType.BFLOAT16) {
            throw OpError.of(op, "\"" + kernel + "\" not implemented for '" + dtype.legacyName() + "'");
        }
    }

    /** One value stands for both spatial dims. */
    private static long[] pair(long[] v) { return v.length == 1 ? new long[]{v[0], v[0]} : v; }
}
