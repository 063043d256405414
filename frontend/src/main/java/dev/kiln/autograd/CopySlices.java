package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The grad function a base gets when one of its views is written in place: the base's gradient passes
 * unchanged outside the view, and inside it goes through the in-place op's own backward function {@code fn}.
 * The base's previous history receives the combined gradient; {@code fn}'s other inputs receive theirs.
 */
final class CopySlices extends Node {
    private final Geometry view;
    private final Geometry base;
    private final int storageLength;
    private final Node fn;

    CopySlices(Edge baseEdge, Tensor baseTensor, Geometry view, Node fn) {
        super(edges(baseEdge, fn), metas(baseTensor, fn));
        this.view = view;
        this.base = baseTensor.data().geometry();
        this.storageLength = baseTensor.data().storage().length();
        this.fn = fn;
    }

    private static Edge[] edges(Edge baseEdge, Node fn) {
        Edge[] e = fn.nextEdges.clone();
        e[0] = baseEdge;
        return e;
    }

    private static TensorMeta[] metas(Tensor base, Node fn) {
        TensorMeta[] m = fn.inputMetas.clone();
        m[0] = new TensorSpec(base.dtype(), base.sizes(), base.device());
        return m;
    }

    @Override
    public String name() { return "CopySlices"; }

    @Override
    List<Tensor> apply(List<Tensor> gradOutputs) {
        Tensor grad = gradOutputs.getFirst();
        List<Tensor> out = new ArrayList<>(Arrays.asList(new Tensor[nextEdges.length]));
        if (grad == null) return out;
        Tensor flat = EngineOps.flatCopy(grad, base, storageLength);
        Tensor slice = EngineOps.strided(flat, view);
        List<Tensor> res = fn.call(List.of(EngineOps.clone(slice)));
        for (int i = 1; i < res.size(); i++) out.set(i, res.get(i));
        if (res.getFirst() != null) {
            EngineOps.copyInto(slice, res.getFirst());
            out.set(0, EngineOps.strided(flat, base));
        }
        return out;
    }

    @Override
    void release() { fn.release(); }
}
