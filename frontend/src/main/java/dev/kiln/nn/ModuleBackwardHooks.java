package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.Function;
import dev.kiln.autograd.FunctionContext;
import dev.kiln.autograd.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * One call's full backward hooks (PyTorch's {@code torch.utils.hooks.BackwardHook}): the module's tensor inputs and
 * outputs pass through an identity {@link Function} whose backward node captures the output gradients and, once the
 * input gradients are known, calls the user hooks with {@code (module, grad_input, grad_output)}; a hook may replace
 * {@code grad_input}. When no input requires grad the hooks run as soon as the output gradients arrive, with
 * {@code grad_input} all null.
 */
final class ModuleBackwardHooks {
    private final Module module;
    private final List<Module.BackwardHook> hooks;
    private List<Tensor> gradOutputs;
    private int inputCount = -1;
    private int[] inputTensors;

    ModuleBackwardHooks(Module module, List<Module.BackwardHook> hooks) {
        this.module = module;
        this.hooks = List.copyOf(hooks);
    }

    /** PyTorch's {@code BackwardHookFunction}: returns its tensor arguments unchanged, and their gradients likewise. */
    private static final class BackwardHookFunction extends Function<Object[]> {
        @Override
        protected Object[] forward(FunctionContext ctx, Object... args) {
            for (Object a : args) {
                if (!((Tensor) a).requiresGrad()) ctx.markNonDifferentiable((Tensor) a);
            }
            return args;
        }

        @Override
        protected Object backward(FunctionContext ctx, Tensor... gradOutputs) { return gradOutputs; }
    }

    /** The arguments with their tensors routed through the identity function whose node calls the user hooks. */
    List<Object> setupInputs(List<Object> args) {
        inputCount = args.size();
        int[] positions = tensorPositions(args);
        List<Object> routed = route(args, positions, node -> node.registerHook((gradInputs, ignored) -> callHooks(gradInputs)));
        if (routed != args) inputTensors = positions;
        return routed;
    }

    /** The output (a tensor, a List or an array of values) with its tensors routed through the node that captures their gradients. */
    Object setupOutputs(Object output) {
        List<Object> values = switch (output) {
            case Tensor t -> Collections.singletonList(t);
            case List<?> list -> new ArrayList<>(list);
            case Object[] array -> Arrays.asList(array.clone());
            case null, default -> List.of();
        };
        int[] positions = tensorPositions(values);
        int outputCount = values.size();
        List<Object> routed = route(values, positions, node -> node.registerHook((ignored, grads) -> {
            gradOutputs = spread(grads, positions, outputCount);
            if (inputTensors == null) callHooksWithoutInputs();
            return null;
        }));
        if (routed == values) return output;
        return switch (output) {
            case Tensor _ -> routed.getFirst();
            case List<?> _ -> Collections.unmodifiableList(routed);
            default -> routed.toArray();
        };
    }

    private List<Tensor> callHooks(List<Tensor> gradInputs) {
        if (gradOutputs == null) return null;
        List<Tensor> res = spread(gradInputs, inputTensors, inputCount);
        for (Module.BackwardHook hook : hooks) {
            List<Tensor> out = hook.apply(module, Collections.unmodifiableList(res), Collections.unmodifiableList(gradOutputs));
            if (out == null) continue;
            if (out.size() != res.size()) {
                throw new IllegalStateException("Backward hook returned an invalid number of grad_input, got " + out.size() + ", but expected "
                        + res.size());
            }
            res = new ArrayList<>(out);
        }
        gradOutputs = null;
        List<Tensor> perTensor = new ArrayList<>();
        for (int i : inputTensors) perTensor.add(res.get(i));
        return perTensor;
    }

    private void callHooksWithoutInputs() {
        List<Tensor> none = Collections.nCopies(inputCount, null);
        for (Module.BackwardHook hook : hooks) {
            List<Tensor> out = hook.apply(module, none, Collections.unmodifiableList(gradOutputs));
            if (out != null && out.stream().anyMatch(g -> g != null)) {
                throw new IllegalStateException("Backward hook for Modules where no input requires gradient should always return None or None for all "
                        + "gradients.");
            }
        }
        gradOutputs = null;
    }

    private static int[] tensorPositions(List<Object> values) {
        int[] positions = new int[values.size()];
        int n = 0;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Tensor) positions[n++] = i;
        }
        return Arrays.copyOf(positions, n);
    }

    /** The values with the tensors at {@code positions} replaced by the identity's outputs; the same list when nothing needs grad. */
    private static List<Object> route(List<Object> values, int[] positions, Consumer<Node> register) {
        boolean requiresGrad = false;
        Object[] tensors = new Object[positions.length];
        for (int k = 0; k < positions.length; k++) {
            tensors[k] = values.get(positions[k]);
            requiresGrad |= ((Tensor) tensors[k]).requiresGrad();
        }
        if (!requiresGrad || !Autograd.isGradEnabled()) return values;
        Object[] routed = new BackwardHookFunction().apply(tensors);
        for (Object t : routed) {
            Node node = ((Tensor) t).gradFn();
            if (node != null) {
                register.accept(node);
                break;
            }
        }
        List<Object> out = new ArrayList<>(values);
        for (int k = 0; k < positions.length; k++) out.set(positions[k], routed[k]);
        return out;
    }

    /** Gradients of the tensors at {@code positions} spread over {@code size} slots, null elsewhere. */
    private static List<Tensor> spread(List<Tensor> grads, int[] positions, int size) {
        List<Tensor> out = new ArrayList<>(Collections.nCopies(size, null));
        for (int k = 0; k < positions.length && k < grads.size(); k++) out.set(positions[k], grads.get(k));
        return out;
    }
}
