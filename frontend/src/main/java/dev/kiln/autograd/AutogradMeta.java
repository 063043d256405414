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
     * How a view was made, which decides whether it may be written in place (PyTorch's {@code CreationMeta}):
     * {@code CUSTOM_FUNCTION} for an input a custom Function returned as is, whose backward a rebase would bypass.
     */
    enum ViewCreation { DEFAULT, MULTI_OUTPUT, NO_GRAD, CUSTOM_FUNCTION }

    private AutogradMeta() {}

    /** A blank state; for {@link Tensor#autogradMetaOrCreate()}. */
    public static AutogradMeta create() { return new AutogradMeta(); }
}
