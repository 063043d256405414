package dev.kiln.autograd;

import dev.kiln.Tensor;
import java.util.ArrayList;
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
    /** The leaf's gradient accumulator, made once so every edge into this leaf meets the same node. */
    AccumulateGrad accumulator;
    /** Hooks on the gradient of a leaf (for non-leaves they live on the grad function). */
    List<UnaryOperator<Tensor>> leafHooks;
    List<Consumer<Tensor>> postAccumulateHooks;

    /** For a view: the tensor that owns the memory (never itself a view) and how this view was made. */
    Tensor viewBase;
    dev.kiln.ir.op.OpDef viewCreator;
    boolean multiOutputView;
    /** The storage version at which {@link #gradFn} of a view was last valid; another version regenerates it. */
    int viewVersion;
    /** For a view a custom Function returned (an input returned as is): its node, whose backward an in-place write would bypass. */
    Node customFunction;

    private AutogradMeta() {}

    /** A blank state; for {@link Tensor#autogradMetaOrCreate()}. */
    public static AutogradMeta create() { return new AutogradMeta(); }

    void addLeafHook(UnaryOperator<Tensor> hook) {
        if (leafHooks == null) leafHooks = new ArrayList<>();
        leafHooks.add(hook);
    }
}
