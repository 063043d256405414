package dev.kiln;

import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.Node;
import dev.kiln.autograd.RemovableHandle;
import dev.kiln.autograd.Variables;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The autograd side of a tensor, as PyTorch's: {@code requiresGrad}, {@code grad}, {@code gradFn},
 * {@code isLeaf}, {@code backward}, {@code detach}, {@code retainGrad} and gradient hooks. See
 * {@link Autograd} for {@code grad()}, the grad-mode scopes and backward from several outputs.
 */
public sealed interface TensorAutograd permits Tensor {
    Tensor self();

    default boolean requiresGrad() { return Variables.requiresGrad(self()); }

    /** {@code requires_grad_()}: makes this leaf require grad; returns this tensor. */
    default Tensor requiresGrad_() { return requiresGrad_(true); }

    default Tensor requiresGrad_(boolean requiresGrad) {
        Variables.setRequiresGrad(self(), requiresGrad);
        return self();
    }

    /** The accumulated gradient of a leaf (or a non-leaf that retains it), or null. */
    default Tensor grad() { return Variables.grad(self()); }

    /** {@code tensor.grad = g} (null clears it, as {@code = None}). */
    default void setGrad(Tensor grad) { Variables.setGrad(self(), grad); }

    /** The function that created this tensor, null for leaves. */
    default Node gradFn() { return Variables.gradFn(self()); }

    default boolean isLeaf() { return Variables.isLeaf(self()); }

    /** Whether this tensor was made in inference mode ({@code tensor.is_inference()}). */
    default boolean isInference() { return Variables.isInference(self()); }

    /** Which output of {@link #gradFn()} this tensor is. */
    default int outputNr() { return Variables.outputNr(self()); }

    /** Keeps this non-leaf's gradient in {@link #grad()} during backward. */
    default void retainGrad() { Variables.retainGrad(self()); }

    default boolean retainsGrad() { return Variables.retainsGrad(self()); }

    /** A tensor sharing this one's storage (and version counter) that is out of the graph and does not require grad. */
    default Tensor detach() { return new Tensor(self().data()); }

    /** Registers a hook on this tensor's gradient; it may return a replacement gradient (or null). */
    default RemovableHandle registerHook(UnaryOperator<Tensor> hook) { return Variables.registerHook(self(), hook); }

    /** Registers a hook run with this leaf after its gradient was accumulated into {@link #grad()}. */
    default RemovableHandle registerPostAccumulateGradHook(Consumer<Tensor> hook) {
        return Variables.registerPostAccumulateGradHook(self(), hook);
    }

    /** Backward from a one-element tensor: accumulates gradients into the leaves' {@code .grad}. */
    default void backward() { backward(null, false, false, null); }

    /** Backward with {@code gradient} as the gradient of this tensor. */
    default void backward(Tensor gradient) { backward(gradient, false, false, null); }

    /**
     * {@code tensor.backward(gradient, retain_graph, create_graph, inputs)}; a null {@code gradient} is implicit
     * (one-element tensors only), null {@code inputs} means all leaves.
     */
    default void backward(Tensor gradient, boolean retainGraph, boolean createGraph, List<Tensor> inputs) {
        Autograd.backward(List.of(self()), gradient == null ? null : java.util.Collections.singletonList(gradient),
                retainGraph || createGraph, createGraph, inputs);
    }
}
