package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.schema.Argument;
import dev.kiln.ir.schema.Schema;
import dev.kiln.ir.type.DType;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * PyTorch's backward ops of the shape family ({@code slice_backward}, {@code reflection_pad2d_backward} ...): the
 * gradients of views and pads as ops of their own, so that their derivative (the forward op again) makes double
 * backward work. Each is a decomposition that autograd records as one node. These declarations never read
 * {@link ShapeOps}' fields while the class initialises: {@link ShapeOps} loads this class through its pad ops.
 */
public final class ShapeBackwardOps {
    private ShapeBackwardOps() {}

    /** A view of a tensor of {@code input_sizes}, for checking an embedding's arguments. */
    @FunctionalInterface
    private interface ViewOf {
        Geometry apply(String op, Geometry input, Object[] args);
    }

    // ---- the gradients of views: zeros with the gradient written into the view ----

    public static final OpDef SLICE_BACKWARD = embedding(
            "slice_backward(Tensor grad_output, SymInt[] input_sizes, int dim, SymInt start, SymInt end, SymInt step) -> Tensor",
            () -> ShapeOps.SLICE, (op, g, a) -> ViewSlices.slice(op, g, (Long) a[2], (Long) a[3], (Long) a[4], (Long) a[5]));
    public static final OpDef SELECT_BACKWARD = embedding(
            "select_backward(Tensor grad_output, SymInt[] input_sizes, int dim, int index) -> Tensor",
            () -> ShapeOps.SELECT, (op, g, a) -> ViewSlices.select(op, g, (Long) a[2], (Long) a[3]));
    public static final OpDef DIAGONAL_BACKWARD = embedding(
            "diagonal_backward(Tensor grad_output, SymInt[] input_sizes, int offset, int dim1, int dim2) -> Tensor",
            () -> ShapeOps.DIAGONAL, (op, g, a) -> ViewSlices.diagonal(op, g, (Long) a[2], (Long) a[3], (Long) a[4]));
    public static final OpDef UNFOLD_BACKWARD = declare(
            "unfold_backward(Tensor grad_in, int[] input_sizes, int dim, int size, int step) -> Tensor")
            .rule(a -> {
                String op = "aten::unfold_backward";
                Geometry windows = ViewSlices.unfold(op, Geometry.contiguous((long[]) a[1]), (Long) a[2], (Long) a[3], (Long) a[4]);
                checkGradient(op, meta(a[0]), windows.sizes());
                return spec(meta(a[0]).dtype(), (long[]) a[1], meta(a[0]));
            })
            .composite((b, a) -> ShapeGrads.foldWindows(b, a[0], (long[]) a[1], (Long) a[2], (Long) a[3], (Long) a[4]))
            .derivative(wrt("grad_in", g -> g.ops().call(ShapeOps.UNFOLD, g.grad(), g.arg("dim"), g.arg("size"), g.arg("step"))))
            .build();
    public static final OpDef AS_STRIDED_SCATTER = declare(
            "as_strided_scatter(Tensor self, Tensor src, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None) -> Tensor")
            .rule(a -> {
                String op = "aten::as_strided_scatter";
                TensorMeta self = meta(a[0]), src = meta(a[1]);
                long[] size = (long[]) a[2], stride = (long[]) a[3];
                Geometry slice = ViewShapes.asStrided(op, size, stride, (Long) a[4]);
                if (!Arrays.equals(src.sizes(), size)) {
                    throw OpError.of(op, "expected src to have a size equal to the slice of self. src size = " + Shapes.format(src.sizes())
                            + ", slice size = " + Shapes.format(size));
                }
                checkInside(op, slice, self);
                return spec(self.dtype(), self.sizes(), self);
            })
            .composite((b, a) -> {
                Object out = b.call(PointwiseOps.CLONE, a[0], null);
                b.call(PointwiseOps.inplace(PointwiseOps.COPY), b.call(ShapeOps.AS_STRIDED, out, a[2], a[3], a[4]), a[1], false);
                return out;
            })
            .derivative(wrt("self", ShapeGrads::scatterBackSelf), wrt("src", ShapeGrads::scatterBackSource))
            .build();

    // ---- the gradients of reflection and replication padding: each padded element's gradient added back to its source ----

    public static final OpDef REFLECTION_PAD1D_BACKWARD = padBackward(
            "reflection_pad1d_backward(Tensor grad_output, Tensor self, int[2] padding) -> Tensor", 1, ShapePads.Mode.REFLECT,
            () -> ShapeOps.REFLECTION_PAD1D);
    public static final OpDef REFLECTION_PAD2D_BACKWARD = padBackward(
            "reflection_pad2d_backward(Tensor grad_output, Tensor self, int[4] padding) -> Tensor", 2, ShapePads.Mode.REFLECT,
            () -> ShapeOps.REFLECTION_PAD2D);
    public static final OpDef REFLECTION_PAD3D_BACKWARD = padBackward(
            "reflection_pad3d_backward(Tensor grad_output, Tensor self, int[6] padding) -> Tensor", 3, ShapePads.Mode.REFLECT,
            () -> ShapeOps.REFLECTION_PAD3D);
    public static final OpDef REPLICATION_PAD1D_BACKWARD = padBackward(
            "replication_pad1d_backward(Tensor grad_output, Tensor self, int[2] padding) -> Tensor", 1, ShapePads.Mode.REPLICATE,
            () -> ShapeOps.REPLICATION_PAD1D);
    public static final OpDef REPLICATION_PAD2D_BACKWARD = padBackward(
            "replication_pad2d_backward(Tensor grad_output, Tensor self, int[4] padding) -> Tensor", 2, ShapePads.Mode.REPLICATE,
            () -> ShapeOps.REPLICATION_PAD2D);
    public static final OpDef REPLICATION_PAD3D_BACKWARD = padBackward(
            "replication_pad3d_backward(Tensor grad_output, Tensor self, int[6] padding) -> Tensor", 3, ShapePads.Mode.REPLICATE,
            () -> ShapeOps.REPLICATION_PAD3D);

    /** The name PyTorch gives a backward function of a padding op: {@code ReflectionPad2DBackward0} for {@code reflection_pad2d}. */
    static String padFunctionName(String padOp, String suffix) {
        StringBuilder sb = new StringBuilder();
        for (String p : padOp.split("_")) sb.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
        return sb.toString().replaceAll("(\\d)d$", "$1D") + suffix;
    }

    /**
     * {@code <view>_backward(grad_output, input_sizes, view args...)}: zeros of {@code input_sizes} with the gradient
     * copied into the view {@code viewOp(zeros, view args...)}; its derivative is that view of the gradient.
     */
    private static OpDef embedding(String schema, Supplier<OpDef> viewOp, ViewOf view) {
        Schema s = Schema.parse(schema);
        String op = s.fullName();
        List<String> viewArgs = s.arguments().stream().skip(2).map(Argument::name).toList();
        return declare(schema).rule(a -> {
            Geometry target = view.apply(op, Geometry.contiguous((long[]) a[1]), a);
            long[] grad = meta(a[0]).sizes();
            if (!Arrays.equals(Shapes.broadcast(op, target.sizes(), grad), target.sizes())) {
                throw OpError.of(op, "the gradient of size " + Shapes.format(grad) + " does not fit the view of size "
                        + Shapes.format(target.sizes()));
            }
            return spec(meta(a[0]).dtype(), (long[]) a[1], meta(a[0]));
        }).composite((b, a) -> {
            TensorMeta grad = b.meta(a[0]);
            Object zeros = b.call(CreationOps.ZEROS, a[1], grad.dtype(), null, grad.device(), null);
            Object[] args = Arrays.copyOfRange(a, 1, a.length);
            args[0] = zeros;
            b.call(PointwiseOps.inplace(PointwiseOps.COPY), b.call(viewOp.get(), args), a[0], false);
            return zeros;
        }).derivative(wrt("grad_output", g -> {
            Object[] args = new Object[viewArgs.size() + 1];
            args[0] = g.grad();
            for (int i = 0; i < viewArgs.size(); i++) args[i + 1] = g.arg(viewArgs.get(i));
            return g.ops().call(viewOp.get(), args);
        })).build();
    }

    private static OpDef padBackward(String schema, int spatial, ShapePads.Mode mode, Supplier<OpDef> forward) {
        Schema s = Schema.parse(schema);
        String op = s.fullName();
        String forwardName = s.name().replace("_backward", "");
        String kernel = forwardName + (mode == ShapePads.Mode.REFLECT && spatial < 3 ? "" : "_cpu");
        Derivative d = Derivative.of(wrt("grad_output", g -> g.ops().call(forward.get(), g.grad(), g.arg("padding"))))
                .named(padFunctionName(forwardName, "BackwardBackward0"));
        return declare(schema).rule(a -> {
            TensorMeta grad = meta(a[0]), self = meta(a[1]);
            long[] out = ShapePads.edgeSizes(op, kernel, self, (long[]) a[2], spatial, mode);
            checkGradient(op, grad, out);
            if (grad.dtype() != self.dtype()) {
                throw OpError.of(op, "expected scalar type " + self.dtype().legacyName() + " but found " + grad.dtype().legacyName());
            }
            return spec(self.dtype(), self.sizes(), self);
        }).composite((b, a) -> ShapePadGrads.unpad(b, a[0], b.meta(a[1]).sizes(), (long[]) a[2], spatial, mode)).derivative(d).build();
    }

    /** A gradient must have the forward op's output sizes. */
    private static void checkGradient(String op, TensorMeta grad, long[] expected) {
        if (!Arrays.equals(grad.sizes(), expected)) {
            throw OpError.of(op, "expected a gradient of size " + Shapes.format(expected) + " but got " + Shapes.format(grad.sizes()));
        }
    }

    /** The view {@code g} must lie inside the elements of {@code self} (a fresh contiguous copy of it, in the decomposition). */
    private static void checkInside(String op, Geometry g, TensorMeta self) {
        if (g.numel() == 0) return;
        long last = g.offset();
        for (int d = 0; d < g.dim(); d++) last += (g.sizes()[d] - 1) * g.strides()[d];
        if (last >= self.numel()) {
            throw OpError.of(op, "setStorage: sizes " + Shapes.format(g.sizes()) + ", strides " + Shapes.format(g.strides())
                    + ", storage offset " + g.offset() + " are out of bounds for storage of " + self.numel() + " elements");
        }
    }

    private static TensorMeta meta(Object o) { return (TensorMeta) o; }

    private static TensorSpec[] spec(DType dtype, long[] sizes, TensorMeta like) {
        return new TensorSpec[]{new TensorSpec(dtype, sizes, like.device())};
    }
}
