package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;

/**
 * pixel_shuffle ([.., C r^2, H, W] to [.., C, H r, W r]) and pixel_unshuffle (its inverse) with PyTorch's checks,
 * decomposed as a reshape that splits the factor out, a permute that interleaves it, and a reshape that copies.
 */
final class PixelShuffles {
    private PixelShuffles() {}

    static TensorSpec[] rule(Object[] a, boolean shuffle) {
        TensorMeta self = (TensorMeta) a[0];
        return new TensorSpec[]{new TensorSpec(self.dtype(), outSizes(self.sizes(), (Long) a[1], shuffle), self.device())};
    }

    static Object expand(OpBuilder b, Object[] a, boolean shuffle) {
        long[] in = b.meta(a[0]).sizes();
        long r = (Long) a[1];
        if (r == 1) return b.call(PointwiseOps.CLONE, a[0], null);
        int k = in.length - 3;
        long c = in[k], h = in[k + 1], w = in[k + 2];
        long[] split = new long[k + 5];
        long[] perm = new long[k + 5];
        System.arraycopy(in, 0, split, 0, k);
        for (int i = 0; i < k; i++) perm[i] = i;
        if (shuffle) {
            long[] s = {c / (r * r), r, r, h, w};
            System.arraycopy(s, 0, split, k, 5);
            long[] p = {k, k + 3, k + 1, k + 4, k + 2};
            System.arraycopy(p, 0, perm, k, 5);
        } else {
            long[] s = {c, h / r, r, w / r, r};
            System.arraycopy(s, 0, split, k, 5);
            long[] p = {k, k + 2, k + 4, k + 1, k + 3};
            System.arraycopy(p, 0, perm, k, 5);
        }
        Object permuted = b.call(ShapeOps.PERMUTE, b.call(ShapeOps.RESHAPE, a[0], split), perm);
        return b.call(ShapeOps.RESHAPE, permuted, outSizes(in, r, shuffle));
    }

    private static long[] outSizes(long[] in, long r, boolean shuffle) {
        String op = shuffle ? "aten::pixel_shuffle" : "aten::pixel_unshuffle", name = shuffle ? "pixel_shuffle" : "pixel_unshuffle";
        if (in.length < 3) {
            throw OpError.of(op, name + " expects input to have at least 3 dimensions, but got input with " + in.length + " dimension(s)");
        }
        if (r <= 0) throw OpError.of(op, name + " expects a positive " + (shuffle ? "upscale" : "downscale") + "_factor, but got " + r);
        int k = in.length - 3;
        long[] out = in.clone();
        if (shuffle) {
            if (in[k] % (r * r) != 0) {
                throw OpError.of(op, "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, "
                        + "but input.size(-3)=" + in[k] + " is not divisible by " + r * r);
            }
            out[k] = in[k] / (r * r);
            out[k + 1] = in[k + 1] * r;
            out[k + 2] = in[k + 2] * r;
            return out;
        }
        String[] what = {"height", "width"};
        for (int i = 1; i <= 2; i++) {
            if (in[k + i] % r != 0) {
                throw OpError.of(op, "pixel_unshuffle expects " + what[i - 1] + " to be divisible by downscale_factor, but input.size("
                        + (i - 3) + ")=" + in[k + i] + " is not divisible by " + r);
            }
        }
        out[k] = in[k] * r * r;
        out[k + 1] = in[k + 1] / r;
        out[k + 2] = in[k + 2] / r;
        return out;
    }
}
