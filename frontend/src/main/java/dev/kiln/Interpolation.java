package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;

import dev.kiln.ir.op.aten.ResampleOps;
import java.util.Arrays;

/**
 * {@code torch.nn.functional.interpolate} as PyTorch 1.13 writes it in Python: exactly one of size and scale_factor,
 * one value standing for every spatial dim, align_corners only for the interpolating modes, and
 * {@code recompute_scale_factor} (the output size computed here as {@code floor(in * scale)} and the scales dropped, so
 * the kernel samples at {@code in / out} instead of {@code 1 / scale}). Modes "nearest" (3-D and 4-D input) and
 * "bilinear" (4-D) are implemented.
 */
final class Interpolation {
    private Interpolation() {}

    static Tensor interpolate(Tensor input, long[] size, double[] scaleFactor, String mode, Boolean alignCorners,
                              Boolean recomputeScaleFactor) {
        boolean interpolating = mode.equals("linear") || mode.equals("bilinear") || mode.equals("bicubic") || mode.equals("trilinear");
        if (!interpolating && alignCorners != null) {
            throw new IllegalArgumentException("interpolate: align_corners option can only be set with the interpolating modes: "
                    + "linear | bilinear | bicubic | trilinear");
        }
        boolean align = alignCorners != null && alignCorners;
        int dim = input.dim() - 2;
        long[] spatial = Arrays.copyOfRange(input.sizes(), Math.min(2, input.dim()), input.dim());
        long[] outputSize = null;
        double[] scales = null;
        if (size != null && scaleFactor != null) throw new IllegalArgumentException("interpolate: only one of size or scale_factor should be defined");
        if (size != null) {
            outputSize = perDim(size, dim);
            if (outputSize == null) {
                throw new IllegalArgumentException("interpolate: Input and output must have the same number of spatial dimensions, but got "
                        + "input with spatial dimensions of " + Arrays.toString(spatial) + " and output size of " + Arrays.toString(size)
                        + ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.");
            }
        } else if (scaleFactor != null) {
            scales = perDim(scaleFactor, dim);
            if (scales == null) {
                throw new IllegalArgumentException("interpolate: Input and scale_factor must have the same number of spatial dimensions, "
                        + "but got input with spatial dimensions of " + Arrays.toString(spatial) + " and scale_factor of shape "
                        + Arrays.toString(scaleFactor) + ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor "
                        + "in (s1, s2, ...,sK) format.");
            }
        } else {
            throw new IllegalArgumentException("interpolate: either size or scale_factor should be defined");
        }
        if (recomputeScaleFactor != null && recomputeScaleFactor && size != null) {
            throw new IllegalArgumentException("interpolate: recompute_scale_factor is not meaningful with an explicit size.");
        }
        if (recomputeScaleFactor != null && recomputeScaleFactor) {
            outputSize = new long[dim];
            for (int i = 0; i < dim; i++) outputSize[i] = (long) Math.floor(input.size(i + 2) * scales[i]);
            scales = null;
        }
        if (mode.equals("nearest") && (dim == 1 || dim == 2)) {
            return apply(dim == 1 ? ResampleOps.UPSAMPLE_NEAREST1D_VEC : ResampleOps.UPSAMPLE_NEAREST2D_VEC, input, outputSize, scales);
        }
        if (mode.equals("bilinear") && dim == 2) return apply(ResampleOps.UPSAMPLE_BILINEAR2D_VEC, input, outputSize, align, scales);
        if (mode.equals("bilinear") && dim != 2) {
            throw new UnsupportedOperationException("interpolate: Got " + input.dim() + "D input, but bilinear mode needs 4D input");
        }
        throw new UnsupportedOperationException("interpolate: mode '" + mode + "' with " + input.dim() + "D input is not implemented; "
                + "Kiln implements nearest (3D and 4D input) and bilinear (4D input)");
    }

    /** The per-dim values when there is one per spatial dim, else null. */
    private static long[] perDim(long[] v, int dim) { return v.length == dim ? v.clone() : null; }

    private static double[] perDim(double[] v, int dim) { return v.length == dim ? v.clone() : null; }

    /** A single size or scale factor standing for every spatial dim of {@code input}. */
    static long[] everyDim(Tensor input, long v) {
        long[] r = new long[Math.max(0, input.dim() - 2)];
        Arrays.fill(r, v);
        return r;
    }

    static double[] everyDim(Tensor input, double v) {
        double[] r = new double[Math.max(0, input.dim() - 2)];
        Arrays.fill(r, v);
        return r;
    }
}
