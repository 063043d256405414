package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.ShapeOps;
import dev.kiln.runtime.memory.TensorData;

/**
 * Autograd's reading of a tensor: whether it requires grad, its grad function (regenerated for a view whose
 * base changed in place), and the edge its gradient flows along.
 */
public final class Variables {
    private Variables() {}

    /** A leaf's flag, a non-leaf's function, or for a view its base's requirement (as PyTorch's view metadata). */
    public static boolean requiresGrad(Tensor t) {
        AutogradMeta m = t.autogradMeta();
        return m != null && (m.requiresGrad || gradFn(t) != null || m.viewBase != null && requiresGrad(m.viewBase));
    }

    public static boolean isLeaf(Tensor t) { return gradFn(t) == null; }

    /** Whether {@code t} was made in inference mode ({@code tensor.is_inference()}). */
    public static boolean isInference(Tensor t) {
        AutogradMeta m = t.autogradMeta();
        return m != null && m.inference;
    }

    /**
     * The function that made {@code t}. A view whose storage was written in place since its function was set
     * gets a fresh one that takes its gradient from the base: that of {@code as_strided(base, ...)} with the view's
     * geometry (PyTorch's {@code AsStridedBackward0}), recorded like any op so its declared derivative serves.
     */
    public static Node gradFn(Tensor t) {
        AutogradMeta m = t.autogradMeta();
        if (m == null) return null;
        if (m.viewBase != null && m.viewVersion != t.data().storage().version()) {
            m.viewVersion = t.data().storage().version();
            if (requiresGrad(m.viewBase)) {
                m.gradFn = gradFn(asStridedOfBase(t.data(), m.viewBase));
                m.outputNr = 0;
            }
        }
        return m.gradFn;
    }

    private static Tensor asStridedOfBase(TensorData view, Tensor base) {
        try (GradMode.Scope ignored = GradMode.set(true)) {
            return Dispatcher.apply(ShapeOps.AS_STRIDED, base, view.sizes(), view.strides(), view.offset());
        }
    }

    /** Where a gradient for {@code t} goes: its function's output, its leaf accumulator, or nowhere. */
    public static Edge gradientEdge(Tensor t) {
        AutogradMeta m = t.autogradMeta();
        if (m == null) return Edge.NONE;
        Node fn = gradFn(t);
        if (fn != null) return new Edge(fn, m.outputNr);
        if (m.requiresGrad) return new Edge(accumulator(t), 0);
        return Edge.NONE;
    }

    static AccumulateGrad accumulator(Tensor leaf) {
        AutogradMeta m = leaf.autogradMetaOrCreate();
        if (m.accumulator == null) m.accumulator = new AccumulateGrad(leaf);
        return m.accumulator;
    }

    /** Makes {@code t} the output {@code outputNr} of {@code fn}. */
    static void setHistory(Tensor t, Node fn, int outputNr) {
        AutogradMeta m = t.autogradMetaOrCreate();
        m.gradFn = fn;
        m.outputNr = outputNr;
        if (m.viewBase != null) m.viewVersion = t.data().storage().version();
    }

    /**
     * {@code tensor.requires_grad_(flag)}: only leaves may turn it off, only floating point tensors may require grad,
     * and an inference tensor only inside inference mode.
     */
    public static void setRequiresGrad(Tensor t, boolean flag) {
        if (!isLeaf(t)) {
            if (flag) return;
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want to use a computed "
                    + "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
        }
        if (flag && !t.dtype().isFloatingPoint()) {
            throw new IllegalStateException("only Tensors of floating point dtype can require gradients, got " + t.dtype().pyName());
        }
        if (flag && isInference(t) && !GradMode.isInferenceMode()) {
            throw new IllegalStateException("Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.");
        }
        if (!flag && t.autogradMeta() == null) return;
        t.autogradMetaOrCreate().requiresGrad = flag;
    }

    public static Tensor grad(Tensor t) {
        AutogradMeta m = t.autogradMeta();
        return m == null ? null : m.grad;
    }

    /** Sets {@code .grad}; it must have the tensor's dtype and sizes (null clears it). */
    public static void setGrad(Tensor t, Tensor grad) {
        if (grad != null) {
            if (grad.dtype() != t.dtype()) throw new IllegalArgumentException("assigned grad has data of a different type");
            if (!java.util.Arrays.equals(grad.sizes(), t.sizes())) throw new IllegalArgumentException("assigned grad has data of a different size");
        }
        if (grad == null && t.autogradMeta() == null) return;
        t.autogradMetaOrCreate().grad = grad;
    }

    public static int outputNr(Tensor t) {
        AutogradMeta m = t.autogradMeta();
        return m == null || gradFn(t) == null ? 0 : m.outputNr;
    }

    /** Keeps the gradient of a non-leaf in its {@code .grad} during backward (leaves keep theirs anyway). */
    public static void retainGrad(Tensor t) {
        if (!requiresGrad(t)) throw new IllegalStateException("can't retain_grad on Tensor that has requires_grad=False");
        if (isLeaf(t)) return;
        AutogradMeta m = t.autogradMeta();
        if (m.retainsGrad) return;
        m.retainsGrad = true;
        gradFn(t).addTensorPreHook(m.outputNr, g -> {
            m.grad = m.grad == null ? EngineOps.clone(g) : EngineOps.add(m.grad, g);
            return null;
        });
    }

    public static boolean retainsGrad(Tensor t) {
        AutogradMeta m = t.autogradMeta();
        return m != null && m.retainsGrad && !isLeaf(t);
    }

    /**
     * A hook on {@code t}'s gradient, which may return a replacement (or null to keep it). A non-leaf's hooks run
     * among its function's pre-hooks; a leaf's run in its accumulator, after that node's pre-hooks.
     */
    public static RemovableHandle registerHook(Tensor t, java.util.function.UnaryOperator<Tensor> hook) {
        if (!requiresGrad(t)) throw new IllegalStateException("cannot register a hook on a tensor that doesn't require gradient");
        Node fn = gradFn(t);
        if (fn != null) return fn.addTensorPreHook(t.autogradMeta().outputNr, hook);
        AutogradMeta m = t.autogradMeta();
        if (m.leafHooks == null) m.leafHooks = new java.util.ArrayList<>();
        m.leafHooks.add(hook);
        return () -> m.leafHooks.remove(hook);
    }

    /** A hook run on a leaf after its gradient was accumulated into {@code .grad} (PyTorch 2.1's API). */
    public static RemovableHandle registerPostAccumulateGradHook(Tensor t, java.util.function.Consumer<Tensor> hook) {
        if (!requiresGrad(t)) throw new IllegalStateException("cannot register a hook on a tensor that doesn't require gradient");
        if (!isLeaf(t)) throw new IllegalStateException("post accumulate grad hooks cannot be registered on non-leaf tensors");
        AutogradMeta m = t.autogradMeta();
        if (m.postAccumulateHooks == null) m.postAccumulateHooks = new java.util.ArrayList<>();
        m.postAccumulateHooks.add(hook);
        return () -> m.postAccumulateHooks.remove(hook);
    }
}
