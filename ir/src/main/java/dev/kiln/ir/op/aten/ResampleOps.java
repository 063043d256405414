package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.aten.ResampleRules.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resampling: nearest-neighbour (1-D, 2-D) and bilinear (2-D) upsampling with their backward ops, and
 * pixel_shuffle / pixel_unshuffle. The upsampling ops taking an output size and per-dim scales are library ops
 * ({@code runtime/resample}); their {@code .vec} overloads ({@code torch.nn.functional.interpolate}'s entry points)
 * compute the output size from a size or scale factors and call them. Each op's gradient is its partner (forward and
 * backward are adjoint), so derivatives of any order exist; backward functions carry PyTorch's names
 * ({@code UpsampleNearest2DBackward1} for the {@code .vec} overload). pixel_shuffle and pixel_unshuffle are
 * reshape-permute-reshape composites and each other's gradient.
 */
public final class ResampleOps {
    private ResampleOps() {}

    public static final OpDef UPSAMPLE_NEAREST1D = forward(Kind.NEAREST1D,
            "upsample_nearest1d(Tensor self, SymInt[1] output_size, float? scales=None) -> Tensor");
    public static final OpDef UPSAMPLE_NEAREST1D_VEC = forwardVec(Kind.NEAREST1D,
            "upsample_nearest1d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor");
    public static final OpDef UPSAMPLE_NEAREST1D_BACKWARD = backward(Kind.NEAREST1D,
            "upsample_nearest1d_backward(Tensor grad_output, SymInt[1] output_size, SymInt[3] input_size, float? scales=None) -> Tensor");
    public static final OpDef UPSAMPLE_NEAREST1D_BACKWARD_VEC = backwardVec(Kind.NEAREST1D, "upsample_nearest1d_backward.vec(Tensor "
            + "grad_output, SymInt[]? output_size, SymInt[] input_size, float[]? scale_factors) -> Tensor");

    public static final OpDef UPSAMPLE_NEAREST2D = forward(Kind.NEAREST2D,
            "upsample_nearest2d(Tensor self, SymInt[2] output_size, float? scales_h=None, float? scales_w=None) -> Tensor");
    public static final OpDef UPSAMPLE_NEAREST2D_VEC = forwardVec(Kind.NEAREST2D,
            "upsample_nearest2d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor");
    public static final OpDef UPSAMPLE_NEAREST2D_BACKWARD = backward(Kind.NEAREST2D, "upsample_nearest2d_backward(Tensor grad_output, "
            + "SymInt[2] output_size, SymInt[4] input_size, float? scales_h=None, float? scales_w=None) -> Tensor");
    public static final OpDef UPSAMPLE_NEAREST2D_BACKWARD_VEC = backwardVec(Kind.NEAREST2D, "upsample_nearest2d_backward.vec(Tensor "
            + "grad_output, SymInt[]? output_size, SymInt[] input_size, float[]? scale_factors) -> Tensor");

    public static final OpDef UPSAMPLE_BILINEAR2D = forward(Kind.BILINEAR2D, "upsample_bilinear2d(Tensor self, SymInt[2] output_size, "
            + "bool align_corners, float? scales_h=None, float? scales_w=None) -> Tensor");
    public static final OpDef UPSAMPLE_BILINEAR2D_VEC = forwardVec(Kind.BILINEAR2D,
            "upsample_bilinear2d.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor");
    public static final OpDef UPSAMPLE_BILINEAR2D_BACKWARD = backward(Kind.BILINEAR2D, "upsample_bilinear2d_backward(Tensor "
            + "grad_output, SymInt[2] output_size, SymInt[4] input_size, bool align_corners, float? scales_h=None, float? scales_w=None) "
            + "-> Tensor");
    public static final OpDef UPSAMPLE_BILINEAR2D_BACKWARD_VEC = backwardVec(Kind.BILINEAR2D, "upsample_bilinear2d_backward.vec(Tensor "
            + "grad_output, SymInt[]? output_size, SymInt[] input_size, bool align_corners, float[]? scale_factors) -> Tensor");

    public static final OpDef PIXEL_SHUFFLE = declare("pixel_shuffle(Tensor self, int upscale_factor) -> Tensor")
            .rule(a -> PixelShuffles.rule(a, true)).composite((b, a) -> PixelShuffles.expand(b, a, true))
            .derivative(wrt("self", g -> g.ops().call(ResampleOps.PIXEL_UNSHUFFLE, g.grad(), g.arg("upscale_factor")))).build();
    public static final OpDef PIXEL_UNSHUFFLE = declare("pixel_unshuffle(Tensor self, int downscale_factor) -> Tensor")
            .rule(a -> PixelShuffles.rule(a, false)).composite((b, a) -> PixelShuffles.expand(b, a, false))
            .derivative(wrt("self", g -> g.ops().call(ResampleOps.PIXEL_SHUFFLE, g.grad(), g.arg("downscale_factor")))).build();

    /**
     * One upsampling call as the kernels see it: the output's spatial sizes, the per-dim scale given by the caller
     * (null where none: the kernel then uses input / output size) and, for bilinear, align_corners.
     */
    public record Sampling(Kind kind, long[] outputSize, Double[] scales, boolean alignCorners) {
        /** From the bound arguments of a forward ({@code backward == false}) or backward op that is not {@code .vec}. */
        public static Sampling of(Kind kind, Object[] a, boolean backward) {
            int at = backward ? 3 : 2;
            boolean align = kind.linear && (Boolean) a[at++];
            Double[] scales = new Double[kind.spatial];
            for (int i = 0; i < kind.spatial; i++) scales[i] = (Double) a[at + i];
            return new Sampling(kind, (long[]) a[1], scales, align);
        }
    }

    private static OpDef forward(Kind kind, String schema) {
        return declare(schema).rule(a -> ResampleRules.forward(kind, a)).library()
                .derivative(Derivative.of(wrt("self", g -> partner(g, kind, false, true, "self"))).named(kind.camel() + "Backward0"))
                .build();
    }

    private static OpDef backward(Kind kind, String schema) {
        return declare(schema).rule(a -> ResampleRules.backward(kind, a, 2)).library()
                .derivative(Derivative.of(wrt("grad_output", g -> partner(g, kind, false, false, null)))
                        .named(kind.camel() + "BackwardBackward0"))
                .build();
    }

    private static OpDef forwardVec(Kind kind, String schema) {
        return declare(schema).rule(a -> ResampleRules.forward(kind, nonVec(kind, a, (TensorMeta) a[0], false)))
                .composite((b, a) -> b.call(ops(kind, false, false), nonVec(kind, a, b.meta(a[0]), false)))
                .derivative(Derivative.of(wrt("input", g -> partner(g, kind, true, true, "input"))).named(kind.camel() + "Backward1"))
                .build();
    }

    private static OpDef backwardVec(Kind kind, String schema) {
        return declare(schema).rule(a -> ResampleRules.backward(kind, nonVec(kind, a, null, true), 2))
                .composite((b, a) -> b.call(ops(kind, true, false), nonVec(kind, a, null, true)))
                .derivative(Derivative.of(wrt("grad_output", g -> partner(g, kind, true, false, null)))
                        .named(kind.camel() + "BackwardBackward1"))
                .build();
    }

    /**
     * The arguments of the op that is not {@code .vec} for a bound {@code .vec} call: the output size computed from
     * the size or the scale factors, and each scale factor (or none) as that dim's scale.
     */
    private static Object[] nonVec(Kind kind, Object[] a, TensorMeta input, boolean backward) {
        int sizesAt = backward ? 2 : 0, alignAt = backward ? 3 : 2, factorsAt = kind.linear ? alignAt + 1 : alignAt;
        long[] inputSizes = backward ? (long[]) a[sizesAt] : input.sizes();
        double[] factors = (double[]) a[factorsAt];
        String op = "aten::" + kind.name + (backward ? "_backward.vec" : ".vec");
        List<Object> r = new ArrayList<>();
        r.add(a[0]);
        r.add(ResampleRules.vecOutputSize(op, inputSizes, (long[]) a[1], factors));
        if (backward) r.add(inputSizes);
        if (kind.linear) r.add(a[alignAt]);
        for (int i = 0; i < kind.spatial; i++) r.add(factors == null ? null : factors[i]);
        return r.toArray();
    }

    /**
     * The gradient of a forward op (its backward op applied to the output gradient) or of a backward op (the forward
     * op applied to it), each with the same size, scales and align_corners.
     */
    private static Object partner(Grad g, Kind kind, boolean vec, boolean ofForward, String input) {
        List<Object> args = new ArrayList<>();
        args.add(g.grad());
        args.add(g.arg("output_size"));
        if (ofForward) args.add(g.meta(input).sizes());
        if (kind.linear) args.add(g.arg("align_corners"));
        for (String name : vec ? List.of("scale_factors") : scaleNames(kind)) args.add(g.arg(name));
        return g.ops().call(ops(kind, ofForward, vec), args.toArray());
    }

    private static List<String> scaleNames(Kind kind) {
        return kind.spatial == 1 ? List.of("scales") : Arrays.asList("scales_h", "scales_w");
    }

    /** The forward or backward op of {@code kind}, {@code .vec} or not. */
    private static OpDef ops(Kind kind, boolean backward, boolean vec) {
        return switch (kind) {
            case NEAREST1D -> backward ? (vec ? UPSAMPLE_NEAREST1D_BACKWARD_VEC : UPSAMPLE_NEAREST1D_BACKWARD)
                    : (vec ? UPSAMPLE_NEAREST1D_VEC : UPSAMPLE_NEAREST1D);
            case NEAREST2D -> backward ? (vec ? UPSAMPLE_NEAREST2D_BACKWARD_VEC : UPSAMPLE_NEAREST2D_BACKWARD)
                    : (vec ? UPSAMPLE_NEAREST2D_VEC : UPSAMPLE_NEAREST2D);
            case BILINEAR2D -> backward ? (vec ? UPSAMPLE_BILINEAR2D_BACKWARD_VEC : UPSAMPLE_BILINEAR2D_BACKWARD)
                    : (vec ? UPSAMPLE_BILINEAR2D_VEC : UPSAMPLE_BILINEAR2D);
        };
    }
}
