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
 * unchanged outside the view, and inside it goes through the in-place op's own backward function {@code fn},
 * whose input {@code self} (0 for built-in ops) is the view. The base's previous history receives the combined
 * gradient; {@code fn}'s other inputs receive theirs.
 */
final class CopySlices extends Node {
    private final Geometry view;
    private final Geometry base;
    private final int storageLength;
    private final Node fn;
    private final int self;

    CopySlices(Edge baseEdge, Tensor baseTensor, Geometry view, Node fn) { this(baseEdge, baseTensor, view, fn, 0); }

    CopySlices(Edge baseEdge, Tensor baseTensor, Geometry view, Node fn, int self) {
        super(edges(baseEdge, fn, self), metas(baseTensor, fn, self));
        this.view = view;
        this.base = baseTensor.data().geometry();
        this.storageLength = baseTensor.data().storage().length();
        this.fn = fn;
        this.self = self;
    }

    private static Edge[] edges(Edge baseEdge, Node fn, int self) {
        Edge[] e = fn.nextEdges.clone();
        e[self] = baseEdge;
        return e;
    }

    private static TensorMeta[] metas(Tensor base, Node fn, int self) {
        TensorMeta[] m = fn.inputMetas.clone();
        m[self] = new TensorSpec(base.dtype(), base.sizes(), base.device());
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
        for (int i = 0; i < res.size(); i++) if (i != self) out.set(i, res.get(i));
        Tensor viewGrad = res.get(self);
        if (viewGrad == null) viewGrad = EngineOps.zerosLike(slice);
        EngineOps.copyInto(slice, viewGrad);
        out.set(self, EngineOps.strided(flat, base));
        return out;
    }

    @Override
    void release() { fn.release(); }
}
