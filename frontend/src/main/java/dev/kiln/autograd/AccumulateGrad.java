package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.op.TensorMeta;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sink of a leaf's gradient: adds it into {@code leaf.grad}. The first gradient is stored as it is when
 * no one else holds it (else a copy), later ones are added in place, or out of place when the graph of the
 * gradient is being built ({@code createGraph}).
 */
final class AccumulateGrad extends Node {
    final Tensor leaf;

    AccumulateGrad(Tensor leaf) {
        super(new Edge[0], new TensorMeta[0]);
        this.leaf = leaf;
    }

    @Override
    public String name() { return "AccumulateGrad"; }

    @Override
    List<Tensor> apply(List<Tensor> gradOutputs) { throw new UnsupportedOperationException("the engine accumulates"); }

    /**
     * Adds {@code grad} into the leaf. A gradient someone else may hold is copied before it is stored; one
     * stored without a copy is added to out of place for the rest of the task, since it may still be waiting in
     * another function's buffer.
     */
    void accumulate(Tensor grad, Engine.Task task) {
        Engine.Ops ops = Engine.ops();
        AutogradMeta m = leaf.autogradMetaOrCreate();
        if (m.grad == null) {
            if (GradMode.isEnabled()) {
                m.grad = grad;
            } else if (!task.handedOut.add(grad)) {
                m.grad = ops.clone(grad);
            } else {
                m.grad = new Tensor(grad.data());
                task.borrowed.add(m.grad);
            }
        } else if (GradMode.isEnabled() || task.borrowed.contains(m.grad) || !Arrays.equals(m.grad.sizes(), grad.sizes())) {
            m.grad = ops.add(m.grad, grad);
        } else {
            ops.addInPlace(m.grad, grad);
        }
        if (m.postAccumulateHooks != null) {
            for (Consumer<Tensor> hook : m.postAccumulateHooks) hook.accept(leaf);
        }
    }
}
