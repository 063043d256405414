package dev.kiln.autograd;

import dev.kiln.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * PyTorch's {@code torch.autograd}: backward from several outputs, gradients without touching {@code .grad},
 * and the grad-mode scopes ({@code noGrad}, {@code enableGrad}, {@code setGradEnabled}, {@code inferenceMode},
 * {@code detectAnomaly}), each a try-with-resources scope that restores the previous mode.
 */
public final class Autograd {
    private Autograd() {}

    /** {@code with torch.no_grad():} */
    public static GradMode.Scope noGrad() { return GradMode.set(false); }

    /** {@code with torch.enable_grad():} */
    public static GradMode.Scope enableGrad() { return GradMode.set(true); }

    /** {@code with torch.set_grad_enabled(mode):} */
    public static GradMode.Scope setGradEnabled(boolean enabled) { return GradMode.set(enabled); }

    /** {@code with torch.inference_mode():} nothing is recorded and new tensors are inference tensors. */
    public static GradMode.Scope inferenceMode() { return GradMode.inference(true); }

    /** {@code with torch.inference_mode(mode):} {@code false} leaves inference mode and turns grad mode on. */
    public static GradMode.Scope inferenceMode(boolean mode) { return GradMode.inference(mode); }

    /** {@code with torch.autograd.detect_anomaly():} backward functions that return NaN raise, naming their forward op. */
    public static GradMode.Scope detectAnomaly() { return GradMode.anomaly(true); }

    public static boolean isGradEnabled() { return GradMode.isEnabled(); }

    public static boolean isInferenceModeEnabled() { return GradMode.isInferenceMode(); }

    /** Runs {@code body} without recording gradients: the role of the {@code @torch.no_grad()} decorator. */
    public static <T> T noGrad(Supplier<T> body) {
        try (GradMode.Scope ignored = noGrad()) {
            return body.get();
        }
    }

    /** Runs {@code body} without recording gradients. */
    public static void noGrad(Runnable body) {
        try (GradMode.Scope ignored = noGrad()) {
            body.run();
        }
    }

    /** {@code torch.autograd.backward(tensors)}: implicit gradients, graph freed afterwards. */
    public static void backward(List<Tensor> tensors) { backward(tensors, null, null, false, null); }

    /**
     * {@code torch.autograd.backward}: accumulates into {@code .grad} of the leaves (or of {@code inputs} only,
     * which then retain their gradient as PyTorch makes them) the gradient of the {@code tensors} weighted by
     * {@code gradTensors} (null entries: implicit ones, only for one-element tensors). {@code retainGraph} null
     * means {@code createGraph}.
     */
    public static void backward(List<Tensor> tensors, List<Tensor> gradTensors, Boolean retainGraph, boolean createGraph,
                                List<Tensor> inputs) {
        List<Tensor> grads = rootGradients(tensors, gradTensors);
        List<Edge> roots = rootEdges(tensors);
        boolean keep = retainGraph != null ? retainGraph : createGraph;
        if (inputs != null && inputs.isEmpty()) throw new IllegalArgumentException("'inputs' argument to backward() cannot be empty.");
        List<Edge> targets = null;
        if (inputs != null) {
            for (Tensor in : inputs) Variables.retainGrad(in);
            targets = inputEdges(inputs);
        }
        Engine.execute(new GraphTask(keep, createGraph, targets, true), roots, grads);
    }

    /** {@code torch.autograd.grad(output, inputs)}: the gradients of a one-element output. */
    public static List<Tensor> grad(Tensor output, Tensor... inputs) {
        return grad(List.of(output), Arrays.asList(inputs), null, null, false, false);
    }

    /**
     * {@code torch.autograd.grad}: the gradients of {@code outputs} (weighted by {@code gradOutputs}) with respect to
     * {@code inputs}, returned instead of accumulated. With {@code createGraph} they are differentiable themselves.
     * Unused inputs are an error unless {@code allowUnused}, when their gradient is null.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, Boolean retainGraph,
                                    boolean createGraph, boolean allowUnused) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("grad requires non-empty inputs.");
        List<Tensor> grads = rootGradients(outputs, gradOutputs);
        List<Edge> roots = rootEdges(outputs);
        for (Tensor in : inputs) {
            if (!Variables.requiresGrad(in)) throw new IllegalStateException("One of the differentiated Tensors does not require grad");
        }
        boolean keep = retainGraph != null ? retainGraph : createGraph;
        GraphTask task = new GraphTask(keep, createGraph, inputEdges(inputs), false);
        Engine.execute(task, roots, grads);
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (Tensor g : task.captured) {
            if (g == null && !allowUnused) {
                throw new IllegalStateException("One of the differentiated Tensors appears to not have been used in the graph. "
                        + "Set allowUnused=true if this is the desired behavior.");
            }
            result.add(g);
        }
        return result;
    }

    private static List<Edge> inputEdges(List<Tensor> inputs) {
        List<Edge> edges = new ArrayList<>(inputs.size());
        for (Tensor in : inputs) edges.add(Variables.gradientEdge(in));
        return edges;
    }

    private static List<Edge> rootEdges(List<Tensor> tensors) {
        List<Edge> roots = new ArrayList<>(tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            Edge e = Variables.gradientEdge(tensors.get(i));
            if (!e.isValid()) throw new IllegalStateException("element " + i + " of tensors does not require grad and does not have a grad_fn");
            roots.add(e);
        }
        return roots;
    }

    /**
     * The gradient each root starts with, as PyTorch's {@code _make_grads}: a given one must have the root's shape
     * (it is converted to the root's dtype); a missing one is ones for a one-element root that requires grad. Extra
     * gradients are ignored, as PyTorch's zip does; too few is an error.
     */
    private static List<Tensor> rootGradients(List<Tensor> tensors, List<Tensor> given) {
        if (given != null && given.size() < tensors.size()) {
            throw new IllegalArgumentException("got " + tensors.size() + " tensors and " + given.size() + " gradients");
        }
        List<Tensor> grads = new ArrayList<>(tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            Tensor g = given == null ? null : given.get(i);
            if (g == null) {
                if (Variables.requiresGrad(t)) {
                    if (t.numel() != 1) throw new IllegalStateException("grad can be implicitly created only for scalar outputs");
                    try (GradMode.Scope ignored = GradMode.set(false)) {
                        g = EngineOps.onesLike(t);
                    }
                }
            } else if (!Arrays.equals(g.sizes(), t.sizes())) {
                throw new IllegalArgumentException("Mismatch in shape: grad_output[" + i + "] has a shape of " + torchSize(g.sizes())
                        + " and output[" + i + "] has a shape of " + torchSize(t.sizes()) + ".");
            } else if (g.dtype() != t.dtype()) {
                g = EngineOps.conform(g, t);
            }
            grads.add(g);
        }
        return grads;
    }

    private static String torchSize(long[] sizes) { return "torch.Size(" + Arrays.toString(sizes) + ")"; }
}
