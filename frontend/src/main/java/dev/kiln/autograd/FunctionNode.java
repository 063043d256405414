package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.op.TensorMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The backward function of one call of a custom {@link Function} ({@code SquareBackward}): it hands the output
 * gradients to the user's {@code backward} with the call's {@link FunctionContext}, checks that one gradient came
 * back per forward argument, and passes those of the tensor arguments along its edges (one per tensor argument).
 * {@link #wrap} gives forward's outputs their place in the graph, with PyTorch's rules for inputs returned as is,
 * inputs modified in place and non-differentiable outputs.
 */
final class FunctionNode extends Node {
    private final Function<?> function;
    private final FunctionContext ctx;
    /** The forward argument each edge comes from. */
    private final int[] argOfEdge;
    private final boolean[] tensorArg;
    /** One per forward output; null for an output that is not a tensor. */
    private final TensorMeta[] outputMetas;

    FunctionNode(Function<?> function, FunctionContext ctx, Edge[] edges, TensorMeta[] inputMetas, int[] argOfEdge, Object[] args,
                 TensorMeta[] outputMetas) {
        super(edges, inputMetas);
        this.function = function;
        this.ctx = ctx;
        this.argOfEdge = argOfEdge;
        this.tensorArg = new boolean[args.length];
        for (int i = 0; i < args.length; i++) tensorArg[i] = args[i] instanceof Tensor;
        this.outputMetas = outputMetas;
    }

    @Override
    public String name() { return function.backwardName(); }

    @Override
    int numInputs() { return outputMetas.length; }

    @Override
    List<Tensor> apply(List<Tensor> gradOutputs) {
        Tensor[] grads = new Tensor[outputMetas.length];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = i < gradOutputs.size() ? gradOutputs.get(i) : null;
            TensorMeta m = outputMetas[i];
            if (grads[i] == null && m != null && ctx.materializeGrads()) grads[i] = Torch.zeros(m.sizes(), m.dtype());
        }
        boolean once = function.isOnceDifferentiable();
        Object result;
        if (once) {
            try (GradMode.Scope ignored = GradMode.set(false)) {
                result = function.backward(ctx, grads);
            }
        } else {
            result = function.backward(ctx, grads);
        }
        List<Tensor> perArg = perArgument(result);
        Tensor[] out = new Tensor[nextEdges.length];
        for (int e = 0; e < out.length; e++) out[e] = perArg.get(argOfEdge[e]);
        if (once && GradMode.isEnabled() && Arrays.stream(grads).anyMatch(g -> g != null && Variables.requiresGrad(g))) {
            DelayedError error = new DelayedError(out.length);
            for (int e = 0; e < out.length; e++) {
                if (out[e] == null) continue;
                out[e] = new Tensor(out[e].data());
                Variables.setHistory(out[e], error, e);
            }
        }
        return Arrays.asList(out);
    }

    /** backward's result as one gradient per forward argument, checked as PyTorch checks it. */
    private List<Tensor> perArgument(Object result) {
        List<Tensor> grads = new ArrayList<>();
        switch (result) {
            case null -> grads.add(null);
            case Tensor t -> grads.add(t);
            case Tensor[] array -> grads.addAll(Arrays.asList(array));
            case List<?> list -> {
                for (Object g : list) {
                    if (g != null && !(g instanceof Tensor)) throw new IllegalStateException(name() + " returned a " + g.getClass().getSimpleName()
                            + " as a gradient; expected a Tensor or null");
                    grads.add((Tensor) g);
                }
            }
            default -> throw new IllegalStateException("backward of " + name() + " returned a " + result.getClass().getSimpleName()
                    + "; expected a Tensor, a Tensor[] or a List of gradients");
        }
        int expected = tensorArg.length;
        while (grads.size() > expected && grads.getLast() == null) grads.removeLast();
        if (result == null) while (grads.size() < expected) grads.add(null);
        if (grads.size() != expected) {
            throw new IllegalStateException("function " + name() + " returned an incorrect number of gradients (expected " + expected
                    + ", got " + grads.size() + ")");
        }
        for (int i = 0; i < expected; i++) {
            if (!tensorArg[i] && grads.get(i) != null) {
                throw new IllegalStateException("function " + name() + " returned a gradient different than None at position " + (i + 1)
                        + ", but the corresponding forward input was not a Variable");
            }
        }
        return grads;
    }

    @Override
    void release() { ctx.release(); }

    /**
     * Gives forward's output {@code index} (of {@code count}) its place in the graph. Not differentiable (marked, not
     * floating point, or nothing recorded): returned without history, an input as a new tensor sharing its storage.
     * Modified in place ({@link FunctionContext#markDirty}): its history is rebased onto this node (through its base
     * for a view). An input returned as is: a new view of it with this node as grad function. Else: this node's output.
     */
    static Tensor wrap(Tensor out, int index, int count, Object[] args, FunctionContext ctx, FunctionNode node) {
        boolean isInput = Arrays.stream(args).anyMatch(a -> a == out);
        boolean dirty = ctx.isDirty(out);
        if (node == null || ctx.isNonDifferentiable(out) || !out.isFloatingPoint()) {
            if (Variables.requiresGrad(out)) return out.detach();
            return isInput && !dirty ? new Tensor(out.data()) : out;
        }
        if (dirty) {
            node.rebase(out, index, count, args);
            return out;
        }
        Tensor t = out;
        if (isInput) {
            t = new Tensor(out.data());
            AutogradMeta in = out.autogradMeta(), m = t.autogradMetaOrCreate();
            m.viewBase = in != null && in.viewBase != null ? in.viewBase : out;
            m.viewCreation = AutogradMeta.ViewCreation.CUSTOM_FUNCTION;
        }
        Variables.setHistory(t, node, index);
        return t;
    }

    /** Makes the input {@code t}, modified in place by forward, output {@code index} of this node, as built-in in-place ops do. */
    private void rebase(Tensor t, int index, int count, Object[] args) {
        AutogradMeta m = t.autogradMeta();
        Tensor base = m == null ? null : m.viewBase;
        if (base == null) {
            if (Variables.isLeaf(t) && Variables.requiresGrad(t)) {
                throw new IllegalStateException("a leaf Variable that requires grad has been used in an in-place operation.");
            }
            Variables.setHistory(t, this, index);
            return;
        }
        if (Variables.isLeaf(base) && Variables.requiresGrad(base)) {
            throw new IllegalStateException("a view of a leaf Variable that requires grad is being used in an in-place operation.");
        }
        if (count > 1) {
            throw new IllegalStateException("If your Function modifies inplace an input that is a view of another Tensor, your Function "
                    + "cannot return more than one Tensor. This is not supported by the current autograd engine. You should either "
                    + "make sure the input is not a view (using .clone() for example) or make your Function only return one Tensor "
                    + "(potentially splitting it into two Functions: one doing the inplace that returns a single Tensor and a second "
                    + "one that does the other operations).");
        }
        int self = 0;
        while (args[argOfEdge[self]] != t) self++;
        Variables.setHistory(base, new CopySlices(Variables.gradientEdge(base), base, t.data().geometry(), this, self), 0);
        m.gradFn = null;
        m.viewVersion = t.data().storage().version() - 1;
    }

    /** The grad function of the gradients a once-differentiable backward computed: differentiating them is an error. */
    static final class DelayedError extends Node {
        private final int outputs;

        DelayedError(int outputs) {
            super(new Edge[0], new TensorMeta[0]);
            this.outputs = outputs;
        }

        @Override
        public String name() { return "Error"; }

        @Override
        int numInputs() { return outputs; }

        @Override
        List<Tensor> apply(List<Tensor> gradOutputs) { throw new IllegalStateException(Function.TWICE); }
    }
}
