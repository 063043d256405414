package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.op.TensorMeta;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The sink of a leaf's gradient: runs the hooks registered on the leaf and adds the gradient into {@code leaf.grad}. */
final class AccumulateGrad extends Node {
    final Tensor leaf;

    /** It runs as soon as its gradient is complete, as PyTorch gives it the highest sequence number. */
    AccumulateGrad(Tensor leaf) {
        super(new Edge[0], new TensorMeta[0], Long.MAX_VALUE);
        this.leaf = leaf;
    }

    @Override
    public String name() { return "AccumulateGrad"; }

    /** Its own hooks, or hooks on the leaf's gradient, or after its accumulation. */
    @Override
    boolean hasHooks() {
        AutogradMeta m = leaf.autogradMeta();
        return super.hasHooks() || m != null && (m.leafHooks != null && !m.leafHooks.isEmpty()
                || m.postAccumulateHooks != null && !m.postAccumulateHooks.isEmpty());
    }

    @Override
    List<Tensor> apply(List<Tensor> gradOutputs) { throw new UnsupportedOperationException("the engine accumulates"); }

    /**
     * Runs the leaf's tensor hooks on {@code grad}, adds the result into the leaf and runs its post-accumulate
     * hooks; one thread at a time, as backward calls on several threads may share the leaf. The first gradient is
     * stored without a copy unless someone else may hold it or the graph of the gradient is being built; one
     * stored without a copy is added to out of place while its task runs (it may still wait in a buffer), later
     * ones in place, as PyTorch's accumulator does.
     */
    synchronized void accumulate(Tensor grad, GraphTask task) {
        AutogradMeta m = leaf.autogradMetaOrCreate();
        if (m.leafHooks != null) grad = applyTensorHooks(m.leafHooks, grad);
        if (m.grad == null) {
            if (GradMode.isEnabled() || !task.handedOut.add(grad)) {
                m.grad = EngineOps.clone(grad);
            } else {
                m.grad = new Tensor(grad.data());
                task.borrow(m.grad);
            }
        } else if (GradMode.isEnabled() || GraphTask.isBorrowed(m.grad) || !Arrays.equals(m.grad.sizes(), grad.sizes())) {
            m.grad = EngineOps.add(m.grad, grad);
        } else {
            EngineOps.addInPlace(m.grad, grad);
        }
        if (m.postAccumulateHooks != null) {
            for (Consumer<Tensor> hook : List.copyOf(m.postAccumulateHooks)) hook.accept(leaf);
        }
    }
}
