package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.op.TensorMeta;
import java.util.ArrayList;
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
    final long sequenceNr = SEQUENCE.getAndIncrement();
    final Edge[] nextEdges;
    /** The sizes and dtype each gradient along {@link #nextEdges} must have (the forward input's). */
    final TensorMeta[] inputMetas;
    /** The forward call's stack when anomaly detection was on, for the error that names it. */
    final Throwable forwardTrace;
    private List<PreHook> tensorPreHooks;
    private List<BiFunction<List<Tensor>, List<Tensor>, List<Tensor>>> hooks;
    private List<UnaryOperator<List<Tensor>>> preHooks;

    /** A hook on one output's gradient, registered through a non-leaf tensor; may replace it (null keeps it). */
    record PreHook(int output, UnaryOperator<Tensor> hook) {}

    Node(Edge[] nextEdges, TensorMeta[] inputMetas) {
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

    RemovableHandle addTensorPreHook(int output, UnaryOperator<Tensor> hook) {
        if (tensorPreHooks == null) tensorPreHooks = new ArrayList<>();
        PreHook h = new PreHook(output, hook);
        tensorPreHooks.add(h);
        return () -> tensorPreHooks.remove(h);
    }

    /** Computes the input gradients from the output gradients (null entries: no gradient). */
    abstract List<Tensor> apply(List<Tensor> gradOutputs);

    /** Frees what the function saved for backward; called after it ran unless the graph is retained. */
    void release() {}

    /** How many gradients this function takes: one per output of the forward op. */
    int numInputs() { return 1; }

    /** Runs the hooks registered on the tensors this function produced (they may replace their gradients). */
    final List<Tensor> runTensorPreHooks(List<Tensor> gradOutputs) {
        if (tensorPreHooks == null) return gradOutputs;
        List<Tensor> grads = new ArrayList<>(gradOutputs);
        for (PreHook h : tensorPreHooks) {
            Tensor g = h.output() < grads.size() ? grads.get(h.output()) : null;
            if (g == null) continue;
            Tensor replaced = h.hook().apply(g);
            if (replaced != null) grads.set(h.output(), replaced);
        }
        return grads;
    }

    /** Runs pre-hooks, the function and its hooks (tensor hooks have run already). */
    final List<Tensor> call(List<Tensor> gradOutputs) {
        List<Tensor> grads = gradOutputs;
        if (preHooks != null) {
            for (UnaryOperator<List<Tensor>> h : preHooks) {
                List<Tensor> replaced = h.apply(List.copyOf(nullSafe(grads)));
                if (replaced != null) grads = new ArrayList<>(replaced);
            }
        }
        List<Tensor> out = apply(grads);
        if (hooks != null) {
            for (BiFunction<List<Tensor>, List<Tensor>, List<Tensor>> h : hooks) {
                List<Tensor> replaced = h.apply(nullSafe(out), nullSafe(grads));
                if (replaced != null) out = new ArrayList<>(replaced);
            }
        }
        return out;
    }

    private static List<Tensor> nullSafe(List<Tensor> list) { return java.util.Collections.unmodifiableList(new ArrayList<>(list)); }

    @Override
    public String toString() { return "<" + name() + ">"; }
}
