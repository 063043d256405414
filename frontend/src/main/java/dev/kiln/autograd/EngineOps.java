package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.aten.CreationOps;
import dev.kiln.ir.op.aten.GradOps;
import dev.kiln.ir.op.aten.PointwiseOps;
import dev.kiln.ir.op.aten.ReductionOps;
import dev.kiln.ir.op.aten.ShapeOps;

/** What the engine asks of tensors, as catalogue ops dispatched eagerly so that {@code createGraph} records them. */
final class EngineOps {
    private EngineOps() {}

    static Tensor add(Tensor x, Tensor y) { return (Tensor) Dispatcher.call(PointwiseOps.ADD, x, y, 1L); }

    static void addInPlace(Tensor x, Tensor y) { Dispatcher.call(PointwiseOps.inplace(PointwiseOps.ADD), x, y, 1L); }

    static Tensor clone(Tensor x) { return (Tensor) Dispatcher.call(PointwiseOps.CLONE, x, null); }

    static Tensor onesLike(Tensor x) { return (Tensor) Dispatcher.call(CreationOps.ONES_LIKE, x, null, null, null, null, null); }

    static Tensor zerosLike(Tensor x) { return (Tensor) Dispatcher.call(CreationOps.ZEROS_LIKE, x, null, null, null, null, null); }

    static void copyInto(Tensor dst, Tensor src) { Dispatcher.call(PointwiseOps.inplace(PointwiseOps.COPY), dst, src, false); }

    static Tensor strided(Tensor x, Geometry g) {
        return (Tensor) Dispatcher.call(ShapeOps.AS_STRIDED, x, g.sizes(), g.strides(), g.offset());
    }

    static boolean hasNaN(Tensor x) {
        return (Boolean) ((Tensor) Dispatcher.call(ReductionOps.ANY, Dispatcher.call(PointwiseOps.ISNAN, x))).item();
    }

    /** Sums a gradient down to the sizes and converts it to the dtype its destination expects. */
    static Tensor conform(Tensor grad, TensorMeta want) {
        Object g = GradOps.sumToSize(Dispatcher.EAGER, grad, want.sizes());
        return (Tensor) GradOps.toDType(Dispatcher.EAGER, g, want.dtype());
    }

    /** A zero tensor over the base's whole storage holding {@code grad} at {@code base}'s geometry. */
    static Tensor flatCopy(Tensor grad, Geometry base, int storageLength) {
        Tensor flat = (Tensor) Dispatcher.call(CreationOps.ZEROS, new long[]{storageLength}, grad.dtype(), null, null, null);
        copyInto(strided(flat, base), grad);
        return flat;
    }
}
