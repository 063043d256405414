package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;
import java.util.List;

/**
 * The grad function of a view whose base was written in place after the view was made: the view's gradient
 * is scattered into a gradient for the whole base (overlapping views add up), which flows into the base's
 * history. PyTorch's {@code AsStridedBackward0}.
 */
final class AsStridedBackward extends Node {
    private final Geometry view;
    private final Geometry base;
    private final int storageLength;

    AsStridedBackward(TensorData view, Tensor base) {
        super(new Edge[]{Variables.gradientEdge(base)}, new TensorMeta[]{new TensorSpec(base.dtype(), base.sizes(), base.device())});
        this.view = view.geometry();
        this.base = base.data().geometry();
        this.storageLength = base.data().storage().length();
    }

    @Override
    public String name() { return "AsStridedBackward0"; }

    @Override
    List<Tensor> apply(List<Tensor> gradOutputs) {
        Tensor grad = gradOutputs.getFirst();
        if (grad == null) return Arrays.asList((Tensor) null);
        return List.of(EngineOps.scatterToBase(grad, view, base, storageLength));
    }
}
