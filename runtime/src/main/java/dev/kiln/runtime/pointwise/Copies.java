package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.Lowering;
import dev.kiln.ir.op.PromotionKind;
import dev.kiln.ir.op.ScalarExpr;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;

/**
 * Element copies for kernels: materialising a contiguous tensor, converting dtypes, and copying into an
 * existing (possibly strided) destination with broadcasting. All run on the pointwise engine.
 */
public final class Copies {
    private Copies() {}

    private static final Lowering.Pointwise IDENTITY = new Lowering.Pointwise(new ScalarExpr.Input(0), PromotionKind.KEEP_FIRST);

    /** {@code src} itself if already contiguous, else a contiguous copy. */
    public static TensorData contiguous(TensorData src) {
        return src.isContiguous() ? src : convert(src, src.dtype());
    }

    /** A new contiguous tensor holding {@code src} converted to {@code dtype}. */
    public static TensorData convert(TensorData src, DType dtype) {
        TensorData out = TensorData.zeros(dtype, src.sizes().clone());
        copyInto(src, out);
        return out;
    }

    /** Writes {@code src}, broadcast to {@code dst}'s shape and converted to its dtype, into {@code dst}. */
    public static void copyInto(TensorData src, TensorData dst) {
        PointwiseEngine.run("copy_", IDENTITY, new Object[]{src}, dst);
    }
}
