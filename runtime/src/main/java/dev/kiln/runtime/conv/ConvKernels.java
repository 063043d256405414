package dev.kiln.runtime.conv;

import dev.kiln.ir.op.aten.ConvOps;
import dev.kiln.ir.op.aten.ConvRules.Conv2dShape;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.linalg.Blas;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import java.util.Arrays;

/**
 * CPU kernels of the convolution family ({@link ConvOps}); registered with {@link Kernels}. Operands are made dense
 * in their compute type (float32 for bfloat16, int64 for the narrower integers, which wrap alike), a convolution's
 * forward runs the algorithm {@link ConvAlgorithm} picks for its shape, everything else through {@link ConvPlan},
 * and results are converted back once. An unbatched call is a batch of one: its dense
 * layout is the same.
 */
public final class ConvKernels {
    private ConvKernels() {}

    static {
        Kernels.register(ConvOps.CONV2D, ConvKernels::conv2d);
        Kernels.register(ConvOps.CONV_TRANSPOSE2D, ConvKernels::convTranspose2d);
        Kernels.register(ConvOps.CONVOLUTION_BACKWARD, ConvKernels::backward);
    }

    private static TensorData t(Object[] args, int i) { return (TensorData) args[i]; }

    private static Object conv2d(Object[] a) {
        Conv2dShape s = ConvOps.conv2dShape(a);
        return forward(a, s, s.smallSizes(), false);
    }

    private static Object convTranspose2d(Object[] a) {
        Conv2dShape s = ConvOps.convTranspose2dShape(a);
        return forward(a, s, s.imageSizes(), true);
    }

    /** A convolution (gathering the image into the small side) or a transposed one (scattering back) of (input, weight, bias). */
    private static TensorData forward(Object[] a, Conv2dShape s, long[] sizes, boolean transposed) {
        TensorData input = t(a, 0);
        DType ct = Blas.computeType(input.dtype());
        TensorData out = withBias(ct, sizes, t(a, 2));
        if (computable(input.dtype())) {
            TensorData x = dense(input, ct), w = dense(t(a, 1), ct);
            Object xa = x.storage().array(), wa = w.storage().array(), oa = out.storage().array();
            int xo = (int) x.offset(), wo = (int) w.offset();
            if (transposed) scatter(s, ct, xa, xo, wa, wo, oa);
            else gather(s, ct, xa, xo, wa, wo, oa);
        }
        return as(out, input.dtype());
    }

    /** {@code small += conv(image, weight)} by the algorithm {@link ConvAlgorithm} picks for the shape. */
    static void gather(Conv2dShape s, DType ct, Object image, int imageOffset, Object weight, int weightOffset, Object small) {
        switch (ConvAlgorithm.choose(s, ct)) {
            case DEPTHWISE -> new Depthwise(s).forward((float[]) image, imageOffset, (float[]) weight, weightOffset, (float[]) small);
            case WINOGRAD -> new Winograd(s).forward((float[]) image, imageOffset, (float[]) weight, weightOffset, (float[]) small);
            case GEMM -> new ConvPlan(s, ct).gather(image, imageOffset, weight, weightOffset, small);
        }
    }

    /**
     * {@code image += conv_transpose(small, weight)}. At stride 1 without dilation or groups this is the forward
     * convolution of the small side with the kernel transposed on its channels and flipped in space, padded by
     * k - 1 - p; when Winograd takes that convolution it runs it, else {@link ConvPlan#scatter} (GEMM and col2im).
     */
    static void scatter(Conv2dShape s, DType ct, Object small, int smallOffset, Object weight, int weightOffset, Object image) {
        Conv2dShape adjoint = ct == DType.FLOAT32 ? adjoint(s) : null;
        if (adjoint != null && Winograd.accepts(adjoint)) {
            float[] flipped = flipTransposed((float[]) weight, weightOffset, s);
            new Winograd(adjoint).forward((float[]) small, smallOffset, flipped, 0, (float[]) image);
        } else {
            new ConvPlan(s, ct).scatter(small, smallOffset, weight, weightOffset, image);
        }
    }

    /** The forward convolution from the small side to the image that scattering through {@code s} equals, or null. */
    private static Conv2dShape adjoint(Conv2dShape s) {
        long kh = s.kernel()[0], kw = s.kernel()[1], ph = s.padding()[0], pw = s.padding()[1];
        boolean unit = s.stride()[0] == 1 && s.stride()[1] == 1 && s.dilation()[0] == 1 && s.dilation()[1] == 1;
        if (!unit || s.groups() != 1 || ph > kh - 1 || pw > kw - 1) return null;
        return new Conv2dShape(s.batched(), s.batch(), s.small().clone(), s.image().clone(), s.kernel().clone(), s.stride().clone(),
                new long[]{kh - 1 - ph, kw - 1 - pw}, s.dilation().clone(), 1);
    }

    /** w'[i, o, a, b] = w[o, i, kH - 1 - a, kW - 1 - b] of the weight [small channels, image channels, kH, kW]. */
    private static float[] flipTransposed(float[] w, int at, Conv2dShape s) {
        int out = (int) s.small()[0], in = (int) s.image()[0], kh = (int) s.kernel()[0], kw = (int) s.kernel()[1], taps = kh * kw;
        float[] flipped = new float[out * in * taps];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                int src = at + (o * in + i) * taps, dst = (i * out + o) * taps;
                for (int t = 0; t < taps; t++) flipped[dst + taps - 1 - t] = w[src + t];
            }
        }
        return flipped;
    }

    /**
     * The gradients of input, weight and bias that {@code output_mask} asks for (null for the others). For a
     * convolution the input gradient scatters the output gradient back and the weight gradient pairs it with
     * the input's columns; for a transposed one the roles of the two sides swap.
     */
    private static Object backward(Object[] a) {
        Conv2dShape s = ConvOps.backwardShape(a);
        TensorData input = t(a, 1), weight = t(a, 2);
        boolean transposed = (Boolean) a[7];
        boolean[] mask = (boolean[]) a[10];
        DType dtype = input.dtype(), ct = Blas.computeType(dtype);
        ConvPlan plan = new ConvPlan(s, ct);
        TensorData g = dense(t(a, 0), ct);
        Object ga = g.storage().array();
        int go = (int) g.offset();
        TensorData[] out = new TensorData[3];
        if (mask[0]) {
            TensorData w = dense(weight, ct), gi = TensorData.zeros(ct, input.sizes().clone());
            if (transposed) gather(s, ct, ga, go, w.storage().array(), (int) w.offset(), gi.storage().array());
            else scatter(s, ct, ga, go, w.storage().array(), (int) w.offset(), gi.storage().array());
            out[0] = as(gi, dtype);
        }
        if (mask[1]) {
            TensorData x = dense(input, ct), gw = TensorData.zeros(ct, weight.sizes().clone());
            if (transposed) plan.weightGrad(x.storage().array(), (int) x.offset(), ga, go, gw.storage().array());
            else plan.weightGrad(ga, go, x.storage().array(), (int) x.offset(), gw.storage().array());
            out[1] = as(gw, dtype);
        }
        if (mask[2]) out[2] = as(channelSums(g, transposed ? s.image()[0] : s.small()[0]), dtype);
        return Arrays.asList(out);
    }

    /** Empty inputs are computed by nothing: PyTorch's empty backend returns them for any dtype. */
    private static boolean computable(DType dtype) { return dtype != DType.FLOAT16 && dtype != DType.BOOL; }

    /** A dense tensor of {@code sizes} in the compute type, each channel (dim -3) holding its bias value (or zero). */
    private static TensorData withBias(DType ct, long[] sizes, TensorData bias) {
        TensorData out = TensorData.zeros(ct, sizes.clone());
        if (bias != null) {
            long[] strides = new long[sizes.length];
            strides[sizes.length - 3] = bias.strides()[0];
            Copies.copyInto(new TensorData(bias.dtype(), bias.storage(), sizes.clone(), strides, bias.offset()), out);
        }
        return out;
    }

    /** {@code t} as a contiguous tensor of dtype {@code ct} (itself when it already is one). */
    private static TensorData dense(TensorData t, DType ct) {
        return t.dtype() == ct ? Copies.contiguous(t) : Copies.convert(t, ct);
    }

    private static TensorData as(TensorData t, DType dtype) { return t.dtype() == dtype ? t : Copies.convert(t, dtype); }

    /** The sum over batch, height and width of each channel of a dense [N, C, H, W] float or double tensor. */
    private static TensorData channelSums(TensorData g, long channels) {
        int c = (int) channels, plane = (int) (g.sizes()[2] * g.sizes()[3]), n = (int) g.sizes()[0], at = (int) g.offset();
        double[] sums = new double[c];
        for (int q = 0; q < n; q++) {
            for (int ch = 0; ch < c; ch++) {
                int from = at + (q * c + ch) * plane;
                double s = 0;
                switch (g.storage().array()) {
                    case float[] f -> { for (int i = 0; i < plane; i++) s += f[from + i]; }
                    case double[] d -> { for (int i = 0; i < plane; i++) s += d[from + i]; }
                    default -> throw new IllegalStateException("convolution_backward computes in float or double, not " + g.dtype());
                }
                sums[ch] += s;
            }
        }
        TensorData out = TensorData.zeros(DType.FLOAT64, new long[]{c});
        System.arraycopy(sums, 0, out.storage().doubles(), 0, c);
        return out;
    }
}
