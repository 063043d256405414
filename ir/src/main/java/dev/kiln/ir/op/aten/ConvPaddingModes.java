package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;

/**
 * The {@code conv1d.padding} and {@code conv2d.padding} overloads, whose padding is a string: {@code 'valid'} (none)
 * or {@code 'same'} (the output keeps the input's size; stride 1 only). As PyTorch's {@code _convolution_same}, a
 * 'same' padding that cannot be split evenly (an even kernel with odd dilation) pads the input's right side by the
 * odd zero first and then runs the convolution with the symmetric rest.
 */
final class ConvPaddingModes {
    private ConvPaddingModes() {}

    /** The padding to run the integer-padded convolution with, and the extra right-side zeros the input gets first. */
    private record Plan(long[] symmetric, long[] extraRight) {
        boolean padsInput() {
            for (long e : extraRight) if (e != 0) return true;
            return false;
        }

        /** {@code constant_pad_nd}'s pad list: (left, right) pairs from the last dim. */
        long[] padList() {
            int dims = extraRight.length;
            long[] pad = new long[2 * dims];
            for (int i = 0; i < dims; i++) pad[2 * (dims - 1 - i) + 1] = extraRight[i];
            return pad;
        }
    }

    /** The shape rule of {@code conv<spatial>d.padding}: the string's own checks, then the convolution's. */
    static TensorSpec[] rule(Object[] a, int spatial) {
        TensorMeta input = (TensorMeta) a[0];
        Plan plan = plan(a, input, spatial);
        long[] sizes = input.sizes().clone();
        for (int i = 0; i < spatial; i++) sizes[sizes.length - spatial + i] += plan.extraRight[i];
        Object[] call = a.clone();
        call[0] = new TensorSpec(input.dtype(), sizes, input.device());
        call[4] = plan.symmetric;
        return spatial == 1 ? ConvOps.CONV1D.infer(call) : ConvOps.CONV2D.infer(call);
    }

    /** The decomposition: the extra zeros (if any), then the integer-padded convolution. */
    static Object expand(OpBuilder b, Object[] a, int spatial) {
        Object[] m = a.clone();
        m[0] = b.meta(a[0]);
        m[1] = b.meta(a[1]);
        Plan plan = plan(m, (TensorMeta) m[0], spatial);
        Object input = plan.padsInput() ? b.call(ShapeOps.CONSTANT_PAD_ND, a[0], plan.padList(), 0L) : a[0];
        return b.call(spatial == 1 ? ConvOps.CONV1D : ConvOps.CONV2D, input, a[1], a[2], a[3], plan.symmetric, a[5], a[6]);
    }

    private static Plan plan(Object[] a, TensorMeta input, int spatial) {
        String op = spatial == 1 ? "aten::conv1d.padding" : "aten::conv2d.padding";
        boolean batched = ConvRules.batched(op, "conv" + spatial + "d", input, spatial);
        String mode = (String) a[4];
        if (mode.equals("valid")) return new Plan(new long[spatial], new long[spatial]);
        if (!mode.equals("same")) throw OpError.of(op, "Invalid padding string: '" + mode + "'");
        TensorMeta weight = (TensorMeta) a[1];
        long[] in = input.sizes();
        if (!batched) {
            long[] b = new long[in.length + 1];
            b[0] = 1;
            System.arraycopy(in, 0, b, 1, in.length);
            in = b;
        }
        long[][] lr = ConvRules.samePadding(op, new TensorSpec(input.dtype(), in, input.device()), weight, (long[]) a[3], (long[]) a[5]);
        long[] extra = new long[spatial];
        for (int i = 0; i < spatial; i++) extra[i] = lr[1][i] - lr[0][i];
        return new Plan(lr[0], extra);
    }
}
