package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.op.TensorMeta;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The sink of a leaf's gradient: runs the hooks registered on the leaf and adds the gradient into
 * {@code leaf.grad}. The first gradient is stored as it is when no one else holds it (else a copy), later ones
 * are added in place, or out of place when the graph of the gradient is being built ({@code createGraph}).
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
     * Runs the leaf's tensor hooks on {@code grad} and adds the result into the leaf, then runs its
     * post-accumulate hooks. The first gradient is stored as it is unless someone else holds it (then a copy);
     * one stored without a copy while grad mode is off is added to out of place for the rest of the task, since it
     * may still be waiting in another function's buffer.
     */
    void accumulate(Tensor grad, Engine.Task task) {
        Engine.Ops ops = Engine.ops();
        AutogradMeta m = leaf.autogradMetaOrCreate();
        if (m.leafHooks != null) {
            for (UnaryOperator<Tensor> hook : List.copyOf(m.leafHooks)) {
                Tensor replaced = hook.apply(grad);
                if (replaced != null) grad = replaced;
            }
        }
        if (m.grad == null) {
            if (!task.handedOut.add(grad)) {
                m.grad = ops.clone(grad);
            } else if (GradMode.isEnabled()) {
                m.grad = grad;
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
            for (Consumer<Tensor> hook : List.copyOf(m.postAccumulateHooks)) hook.accept(leaf);
        }
    }
}
