package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.op.TensorMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A function of the backward graph ({@code tensor.gradFn()}): it takes the gradients of the forward op's
 * outputs and returns the gradients of its inputs, which flow along {@link #nextFunctions()}. Nodes are created
 * when an op runs on tensors that require grad and executed by the engine in reverse order of creation.
 */
public abstract class Node {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Later nodes run first among those ready, as PyTorch orders its ready queue. */
    final long sequenceNr;
    final Edge[] nextEdges;
    /** The sizes and dtype each gradient along {@link #nextEdges} must have (the forward input's). */
    final TensorMeta[] inputMetas;
    /** The forward call's stack when anomaly detection was on, for the error that names it. */
    final Throwable forwardTrace;
    /** Pre-hooks in registration order: whole-list hooks and, per output, the slot of that tensor's hooks. */
    private List<UnaryOperator<List<Tensor>>> preHooks;
    private List<BiFunction<List<Tensor>, List<Tensor>, List<Tensor>>> hooks;

    /**
     * The hooks registered through the tensor that is output {@code output}; they take the slot of the first one,
     * as PyTorch keeps a tensor's hooks in one dict registered once, and are skipped when it gets no gradient.
     */
    private static final class TensorHooks implements UnaryOperator<List<Tensor>> {
        final int output;
        final List<UnaryOperator<Tensor>> hooks = new ArrayList<>();

        TensorHooks(int output) { this.output = output; }

        @Override
        public List<Tensor> apply(List<Tensor> grads) {
            Tensor g = output < grads.size() ? grads.get(output) : null;
            if (g == null) return null;
            List<Tensor> out = new ArrayList<>(grads);
            out.set(output, applyTensorHooks(hooks, g));
            return out;
        }
    }

    /**
     * Runs hooks registered through a tensor on its gradient; each may return a replacement (null keeps it), which
     * must keep the gradient's dtype and sizes, as PyTorch checks.
     */
    static Tensor applyTensorHooks(List<UnaryOperator<Tensor>> hooks, Tensor grad) {
        Tensor g = grad;
        for (UnaryOperator<Tensor> h : List.copyOf(hooks)) {
            Tensor replaced = h.apply(g);
            if (replaced == null) continue;
            if (replaced.dtype() != g.dtype()) {
                throw new IllegalStateException("hook has changed the type of value (was " + SavedTensor.typeName(g.dtype()) + " got "
                        + SavedTensor.typeName(replaced.dtype()) + ")");
            }
            if (!Arrays.equals(replaced.sizes(), g.sizes())) throw new IllegalStateException("hook has changed the size of value");
            g = replaced;
        }
        return g;
    }

    Node(Edge[] nextEdges, TensorMeta[] inputMetas) { this(nextEdges, inputMetas, SEQUENCE.getAndIncrement()); }

    Node(Edge[] nextEdges, TensorMeta[] inputMetas, long sequenceNr) {
        this.sequenceNr = sequenceNr;
        this.nextEdges = nextEdges;
        this.inputMetas = inputMetas;
        this.forwardTrace = GradMode.isAnomalyEnabled() ? new Throwable("Traceback of forward call that caused the error") : null;
    }

    /** PyTorch's class name of this function, e.g. {@code AddBackward0}. */
    public abstract String name();

    /** Where this function's results go, one edge per forward input. */
    public List<Edge> nextFunctions() { return List.of(nextEdges); }

    /**
     * Runs {@code hook(gradInputs, gradOutputs)} after this function: it sees the gradients computed for the
     * forward inputs and may return replacements (or null to keep them).
     */
    public RemovableHandle registerHook(BiFunction<List<Tensor>, List<Tensor>, List<Tensor>> hook) {
        if (hooks == null) hooks = new ArrayList<>();
        hooks.add(hook);
        return () -> hooks.remove(hook);
    }

    /** Runs {@code hook(gradOutputs)} before this function; it may return replacement gradients (or null). */
    public RemovableHandle registerPrehook(UnaryOperator<List<Tensor>> hook) {
        if (preHooks == null) preHooks = new ArrayList<>();
        preHooks.add(hook);
        return () -> preHooks.remove(hook);
    }

    /** A hook on the gradient of output {@code output}, registered through the tensor (see {@link TensorHooks}). */
    RemovableHandle addTensorPreHook(int output, UnaryOperator<Tensor> hook) {
        if (preHooks == null) preHooks = new ArrayList<>();
        TensorHooks slot = null;
        for (UnaryOperator<List<Tensor>> h : preHooks) {
            if (h instanceof TensorHooks t && t.output == output) slot = t;
        }
        if (slot == null) {
            slot = new TensorHooks(output);
            preHooks.add(slot);
        }
        List<UnaryOperator<Tensor>> list = slot.hooks;
        list.add(hook);
        return () -> list.remove(hook);
    }

    /** Computes the input gradients from the output gradients (null entries: no gradient). */
    abstract List<Tensor> apply(List<Tensor> gradOutputs);

    /** Frees what the function saved for backward; called after it ran unless the graph is retained. */
    void release() {}

    /** How many gradients this function takes: one per output of the forward op. */
    int numInputs() { return 1; }

    /** Whether any hook (pre-hook, tensor hook, post-hook) is registered on this function. */
    boolean hasHooks() { return preHooks != null && !preHooks.isEmpty() || hooks != null && !hooks.isEmpty(); }

    /** Runs the pre-hooks in registration order; each may replace the gradients. */
    final List<Tensor> runPreHooks(List<Tensor> gradOutputs) {
        if (preHooks == null) return gradOutputs;
        List<Tensor> grads = gradOutputs;
        for (UnaryOperator<List<Tensor>> h : List.copyOf(preHooks)) {
            List<Tensor> replaced = h.apply(h instanceof TensorHooks ? grads : readOnly(grads));
            if (replaced != null) grads = new ArrayList<>(replaced);
        }
        return grads;
    }

    /** Runs the hooks on {@code (gradInputs, gradOutputs)}; each may replace the input gradients. */
    final List<Tensor> runHooks(List<Tensor> gradInputs, List<Tensor> gradOutputs) {
        if (hooks == null) return gradInputs;
        List<Tensor> out = gradInputs;
        for (BiFunction<List<Tensor>, List<Tensor>, List<Tensor>> h : List.copyOf(hooks)) {
            List<Tensor> replaced = h.apply(readOnly(out), readOnly(gradOutputs));
            if (replaced != null) out = new ArrayList<>(replaced);
        }
        return out;
    }

    /** Runs pre-hooks, the function and its hooks, as PyTorch calls a function. */
    final List<Tensor> call(List<Tensor> gradOutputs) {
        List<Tensor> grads = runPreHooks(gradOutputs);
        return runHooks(apply(grads), grads);
    }

    /** An unmodifiable copy that may hold nulls (List.copyOf may not). */
    private static List<Tensor> readOnly(List<Tensor> list) { return Collections.unmodifiableList(new ArrayList<>(list)); }

    @Override
    public String toString() { return "<" + name() + ">"; }
}
