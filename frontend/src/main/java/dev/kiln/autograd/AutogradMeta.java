package dev.kiln.autograd;

import dev.kiln.Tensor;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Autograd's state of one tensor object, created on first need: the leaf flag, {@code .grad}, the function
 * that made it, hooks, and for views the base whose history they share. Its fields belong to this package;
 * {@link Tensor} only holds it.
 */
public final class AutogradMeta {
    /** Set on leaves by {@code requiresGrad_()}; a non-leaf requires grad because it has a grad function. */
    boolean requiresGrad;
    Tensor grad;
    Node gradFn;
    int outputNr;
    boolean retainsGrad;
    /** Made in inference mode: never recorded or saved, and not written in place outside inference mode. */
    boolean inference;
    /** The leaf's gradient accumulator, made once so every edge into this leaf meets the same node. */
    AccumulateGrad accumulator;
    /** Hooks on the gradient of a leaf (for non-leaves they live on the grad function). */
    List<UnaryOperator<Tensor>> leafHooks;
    List<Consumer<Tensor>> postAccumulateHooks;

    /** For a view: the tensor that owns the memory (never itself a view) and how this view was made. */
    Tensor viewBase;
    ViewCreation viewCreation;
    /** The storage version at which {@link #gradFn} of a view was last valid; another version regenerates it. */
    int viewVersion;

    /**
     * How a view was made, which decides whether it may be written in place (PyTorch's {@code CreationMeta}), with
     * the reason it may not: {@code CUSTOM_FUNCTION} is an input a custom Function returned as is ({@code INFERENCE}'s
     * reason is the whole message).
     */
    enum ViewCreation {
        DEFAULT(null),
        MULTI_OUTPUT("This view is the output of a function that returns multiple views. Such functions do not allow the output "
                + "views to be modified inplace. You should replace the inplace operation by an out-of-place one."),
        NO_GRAD("Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both "
                + "the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or "
                + "both outside (if you want the inplace to be tracked)."),
        CUSTOM_FUNCTION("This view was created inside a custom Function (or because an input was returned as-is) and the autograd "
                + "logic to handle view+inplace would override the custom backward associated with the custom Function, leading "
                + "to incorrect gradients. This behavior is forbidden. You can fix this by cloning the output of the custom "
                + "Function."),
        INFERENCE("A view was created in inference mode and is being modified inplace in normal mode. Given that this use case "
                + "is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the "
                + "inplace either both inside the inference_mode block (if you don't want the inplace to be tracked) or both "
                + "outside (if you want the inplace to be tracked).");

        /** Why a view made this way cannot be written in place while recording; null when it can. */
        final String inplaceForbidden;

        ViewCreation(String inplaceForbidden) { this.inplaceForbidden = inplaceForbidden; }
    }

    private AutogradMeta() {}

    /** A blank state; for {@link Tensor#autogradMetaOrCreate()}. */
    public static AutogradMeta create() { return new AutogradMeta(); }
}
