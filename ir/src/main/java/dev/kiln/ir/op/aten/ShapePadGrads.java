package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import java.util.Arrays;

/**
 * The gradients of padding: constant padding is cut off again, and for the edge modes every padded element's
 * gradient goes back to the input element it copies (an edge pad gathers along each padded dim independently).
 */
final class ShapePadGrads {
    private ShapePadGrads() {}

    /** {@code constant_pad_nd_backward}: padding by the negated pads, which crops. */
    static Object constantPadBack(Grad g) {
        long[] pad = (long[]) g.arg("pad");
        long[] negated = new long[pad.length];
        for (int i = 0; i < pad.length; i++) negated[i] = -pad[i];
        return g.ops().call(ShapeOps.CONSTANT_PAD_ND, g.grad(), negated, 0L);
    }

    /**
     * {@code _pad_circular}: along each padded dim the input is cropped by its negative pads to a core of {@code m}
     * elements, the left pad repeats the core's last elements and the right pad its first ones; so the core's
     * gradient is its own plus the pads' gradients placed at those ends, and the cropped elements get zeros.
     */
    static Object circularPadBack(Grad g) {
        long[] pad = (long[]) g.arg("pad"), sizes = GradOps.sizes(g, "self");
        int rank = sizes.length;
        Object x = g.grad();
        for (int i = 0; i < pad.length / 2; i++) {
            int d = rank - 1 - i;
            long l = pad[2 * i], r = pad[2 * i + 1], n = sizes[d];
            long cropLeft = Math.max(-l, 0), cropRight = Math.max(-r, 0), m = n - cropLeft - cropRight;
            long left = Math.max(l, 0), right = Math.max(r, 0);
            Object core = narrow(g, x, d, left, m);
            if (left > 0) core = GradOps.add(g, core, padAlong(g, narrow(g, x, d, 0, left), d, rank, m - left, 0));
            if (right > 0) core = GradOps.add(g, core, padAlong(g, narrow(g, x, d, left + m, right), d, rank, 0, m - right));
            x = cropLeft + cropRight > 0 ? padAlong(g, core, d, rank, cropLeft, cropRight) : core;
        }
        return x;
    }

    /**
     * The decomposition of {@code reflection_pad*_backward} and {@code replication_pad*_backward}: each output
     * position's gradient added ({@code index_add}) at the input element it was read from. The padded dims are
     * flattened so that one {@code index_add} visits the output positions in PyTorch's order, which fixes the
     * rounding of float16 and bfloat16 sums as PyTorch's kernels do.
     */
    static Object unpad(OpBuilder b, Object grad, long[] sizes, long[] pad, int spatial, ShapePads.Mode mode) {
        int rank = sizes.length, lead = rank - spatial;
        TensorMeta gm = b.meta(grad);
        Object index = null;
        long inputStride = 1;
        for (int i = 0; i < spatial; i++) {
            int d = rank - 1 - i;
            long[] shape = new long[spatial];
            Arrays.fill(shape, 1);
            shape[spatial - 1 - i] = -1;
            Object along = b.call(ShapeOps.RESHAPE, sources(b, sizes[d], pad[2 * i], pad[2 * i + 1], mode), shape);
            along = inputStride == 1 ? along : b.call(PointwiseOps.MUL_SCALAR, along, inputStride);
            index = index == null ? along : b.call(PointwiseOps.ADD, index, along, 1L);
            inputStride *= sizes[d];
        }
        long[] flatGrad = Arrays.copyOf(gm.sizes(), lead + 1), flatInput = Arrays.copyOf(sizes, lead + 1);
        flatGrad[lead] = -1;
        flatInput[lead] = inputStride;
        Object zeros = b.call(CreationOps.ZEROS, flatInput, gm.dtype(), null, gm.device(), null);
        Object summed = b.call(IndexingOps.INDEX_ADD, zeros, (long) lead, b.call(ShapeOps.RESHAPE, index, new long[]{-1}),
                b.call(ShapeOps.RESHAPE, grad, flatGrad), 1L);
        return b.call(ShapeOps.RESHAPE, summed, sizes);
    }

    /**
     * The input index each of the {@code l + n + r} output positions reads: {@code p - l} reflected at both ends
     * ({@code n-1 - |n-1 - |p - l||}) or clamped into {@code [0, n)}.
     */
    private static Object sources(OpBuilder b, long n, long l, long r, ShapePads.Mode mode) {
        Object p = b.call(CreationOps.ARANGE_START, -l, n + r, DType.INT64, null, null, null);
        if (mode == ShapePads.Mode.REPLICATE) return b.call(PointwiseOps.CLAMP, p, 0L, n - 1);
        Object once = b.call(PointwiseOps.RSUB_SCALAR, b.call(PointwiseOps.ABS, p), n - 1, 1L);
        return b.call(PointwiseOps.RSUB_SCALAR, b.call(PointwiseOps.ABS, once), n - 1, 1L);
    }

    private static Object narrow(Grad g, Object x, int d, long start, long length) {
        return g.ops().call(ShapeOps.NARROW, x, (long) d, start, length);
    }

    /** Zeros added before and after {@code x} along {@code d} (constant_pad_nd lists pads from the last dim). */
    private static Object padAlong(Grad g, Object x, int d, int rank, long before, long after) {
        long[] pad = new long[2 * (rank - d)];
        pad[2 * (rank - 1 - d)] = before;
        pad[2 * (rank - 1 - d) + 1] = after;
        return g.ops().call(ShapeOps.CONSTANT_PAD_ND, x, pad, 0L);
    }
}
