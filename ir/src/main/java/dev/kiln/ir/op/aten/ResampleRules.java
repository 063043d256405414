package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;

/**
 * Shape and dtype rules of the upsampling ops, with PyTorch 1.13's checks ({@code upsample_1d/2d_common_check}, the
 * structured kernels' meta functions, {@code compute_output_size} of the {@code .vec} overloads) and its messages.
 */
public final class ResampleRules {
    private ResampleRules() {}

    /** The three upsampling kinds: their spatial dims, whether they interpolate, and PyTorch's names for them. */
    public enum Kind {
        NEAREST1D(1, false, "upsample_nearest1d"),
        NEAREST2D(2, false, "upsample_nearest2d"),
        BILINEAR2D(2, true, "upsample_bilinear2d");

        public final int spatial;
        public final boolean linear;
        final String name;

        Kind(int spatial, boolean linear, String name) {
            this.spatial = spatial;
            this.linear = linear;
            this.name = name;
        }

        /** {@code UpsampleNearest2D}: the name PyTorch's backward functions start with. */
        String camel() {
            return switch (this) {
                case NEAREST1D -> "UpsampleNearest1D";
                case NEAREST2D -> "UpsampleNearest2D";
                case BILINEAR2D -> "UpsampleBilinear2D";
            };
        }
    }

    /** The forward ops: input [N, C, (H,) W] to [N, C, output_size...]. */
    static TensorSpec[] forward(Kind kind, Object[] a) {
        TensorMeta input = (TensorMeta) a[0];
        String op = "aten::" + kind.name;
        long[] out = check(op, kind, input.sizes(), (long[]) a[1]);
        if (input.numel() == 0 && Shapes.checkedNumel(op, tail(input.sizes())) == 0) {
            throw OpError.of(op, "Non-empty " + (kind.spatial + 2) + "D data tensor expected but got a tensor with sizes "
                    + Shapes.format(input.sizes()));
        }
        DType dt = input.dtype();
        boolean supported = dt == DType.FLOAT32 || dt == DType.FLOAT64 || dt == DType.BFLOAT16 || dt == DType.UINT8 && !kind.linear;
        if (!supported) {
            String kernel = kind.linear ? "compute_indices_weights_linear" : "compute_indices_weights_nearest";
            throw OpError.of(op, "\"" + kernel + "\" not implemented for '" + dt.legacyName() + "'");
        }
        return new TensorSpec[]{new TensorSpec(dt, out, input.device())};
    }

    /** The backward ops: grad_output of the forward's output size to a gradient of {@code input_size}. */
    static TensorSpec[] backward(Kind kind, Object[] a, int inputSizeArg) {
        TensorMeta grad = (TensorMeta) a[0];
        String op = "aten::" + kind.name + "_backward";
        long[] inputSize = (long[]) a[inputSizeArg];
        long[] out = check(op, kind, inputSize, (long[]) a[1]);
        if (grad.dim() != kind.spatial + 2) {
            throw OpError.of(op, "Expected grad_output to be a tensor of dimension " + (kind.spatial + 2) + " but got: dimension "
                    + grad.dim());
        }
        for (int i = 0; i < out.length; i++) {
            if (grad.size(i) != out[i]) {
                throw OpError.of(op, "Expected grad_output to have the same shape as output; output.size(" + i + ") = " + out[i]
                        + " but got grad_output.size(" + i + ") = " + grad.size(i));
            }
        }
        DType dt = grad.dtype();
        if (dt != DType.FLOAT32 && dt != DType.FLOAT64 && dt != DType.BFLOAT16) {
            throw OpError.of(op, "\"" + kind.name + "_backward\" not implemented for '" + dt.legacyName() + "'");
        }
        return new TensorSpec[]{new TensorSpec(dt, inputSize.clone(), grad.device())};
    }

    /**
     * The spatial output size of a {@code .vec} call ({@code compute_output_size}): {@code output_size} itself, or
     * each input size times its scale factor, truncated; exactly one of the two must be given.
     */
    public static long[] vecOutputSize(String op, long[] inputSizes, long[] outputSize, double[] scaleFactors) {
        if ((outputSize == null) == (scaleFactors == null)) throw OpError.of(op, "Must specify exactly one of output_size and scale_factors");
        int spatial = inputSizes.length - 2;
        int given = outputSize != null ? outputSize.length : scaleFactors.length;
        if (given != spatial) {
            throw OpError.of(op, "expected " + (outputSize != null ? "output_size" : "scale_factors") + " to have " + spatial
                    + " values, one per spatial dim of the input of size " + Shapes.format(inputSizes) + ", but got " + given);
        }
        if (outputSize != null) return outputSize.clone();
        long[] out = new long[spatial];
        for (int i = 0; i < spatial; i++) out[i] = (long) (inputSizes[i + 2] * scaleFactors[i]);
        return out;
    }

    /** {@code upsample_1d/2d_common_check}: returns the full output sizes [N, C, spatial...]. */
    private static long[] check(String op, Kind kind, long[] in, long[] outputSize) {
        int d = kind.spatial;
        if (outputSize.length != d) {
            throw OpError.of(op, "It is expected output_size equals to " + d + ", but got size " + outputSize.length);
        }
        if (in.length != d + 2) throw OpError.of(op, "It is expected input_size equals to " + (d + 2) + ", but got size " + in.length);
        boolean positive = true;
        for (int i = 0; i < d; i++) positive &= in[i + 2] > 0 && outputSize[i] > 0;
        if (!positive) {
            String msg = d == 1
                    ? "input (W: " + in[2] + ") and output (W: " + outputSize[0] + ")"
                    : "input (H: " + in[2] + ", W: " + in[3] + ") output (H: " + outputSize[0] + ", W: " + outputSize[1] + ")";
            throw OpError.of(op, "Input and output sizes should be greater than 0, but got " + msg);
        }
        long[] full = new long[d + 2];
        full[0] = in[0];
        full[1] = in[1];
        System.arraycopy(outputSize, 0, full, 2, d);
        return full;
    }

    private static long[] tail(long[] sizes) {
        long[] t = new long[sizes.length - 1];
        System.arraycopy(sizes, 1, t, 0, t.length);
        return t;
    }
}
