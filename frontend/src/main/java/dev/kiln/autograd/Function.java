package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * PyTorch's {@code torch.autograd.Function}: an operation whose forward and backward are written by hand. A subclass
 * implements {@link #forward} (run with gradient recording off; arguments may be tensors or anything else) and
 * {@link #backward} (one gradient per forward argument from the gradients of the outputs); {@link #apply} runs it and,
 * when grad mode is on and a tensor argument requires grad, gives the outputs a backward function named after the
 * class ({@code SquareBackward}). A backward written with tensor operations is differentiable again, so double
 * backward works; one that is not marks its {@code backward} method {@link OnceDifferentiable}.
 *
 * <pre>{@code
 * final class Square extends Function<Tensor> {
 *     protected Tensor forward(FunctionContext ctx, Object... args) {
 *         Tensor x = (Tensor) args[0];
 *         ctx.saveForBackward(x);
 *         return x.mul(x);
 *     }
 *
 *     protected Tensor backward(FunctionContext ctx, Tensor... grads) {
 *         Tensor x = ctx.savedTensors().getFirst();
 *         return grads[0].mul(x.add(x));
 *     }
 * }
 * Tensor y = new Square().apply(x);
 * }</pre>
 *
 * A function object holds no state of a call (that is the {@link FunctionContext}), so one instance may be applied
 * any number of times.
 *
 * @param <R> what forward returns: a {@link Tensor}, or a {@code List} or array of outputs
 */
public abstract class Function<R> {
    /**
     * PyTorch's {@code @once_differentiable}, on a {@link #backward} implementation: backward runs without recording
     * gradients, and differentiating its results (double backward) raises an error instead of silently giving zero.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface OnceDifferentiable {}

    static final String TWICE = "trying to differentiate twice a function that was marked with @once_differentiable";

    private static final Class<?>[] BACKWARD_PARAMETERS = {FunctionContext.class, Tensor[].class};

    /** Whether the {@code backward} a class runs (its own or the nearest inherited one) is {@link OnceDifferentiable}. */
    private static final ClassValue<Boolean> ONCE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != Function.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals("backward") && !m.isBridge() && Arrays.equals(m.getParameterTypes(), BACKWARD_PARAMETERS)) {
                        return m.isAnnotationPresent(OnceDifferentiable.class);
                    }
                }
            }
            return false;
        }
    };

    /** Computes the outputs from {@code args}, the arguments of {@link #apply}; gradients are not recorded here. */
    protected abstract R forward(FunctionContext ctx, Object... args);

    /**
     * Computes the gradients of the forward arguments from those of the outputs ({@code gradOutputs}, one per output,
     * zeros for outputs that got none unless {@link FunctionContext#setMaterializeGrads} turned that off). Returns a
     * {@link Tensor} for a single argument, else a {@code Tensor[]} or {@code List} with one entry per forward argument
     * (trailing entries may be left out only if null); null where there is no gradient, as for non-tensor arguments.
     */
    protected abstract Object backward(FunctionContext ctx, Tensor... gradOutputs);

    /** The name of this function's backward node: the class name and {@code Backward}, as PyTorch names it. */
    public String backwardName() {
        String name = getClass().getSimpleName();
        if (name.isEmpty()) name = getClass().getName().substring(getClass().getName().lastIndexOf('.') + 1);
        return name + "Backward";
    }

    final boolean isOnceDifferentiable() { return ONCE.get(getClass()); }

    /**
     * {@code Function.apply(*args)}: runs {@link #forward} and, when grad mode is on and a tensor argument requires
     * grad, records the call so that backward reaches {@link #backward}. Returns forward's result with each output
     * given its place in the graph (an input returned as is comes back as a new tensor sharing its storage).
     */
    public final R apply(Object... args) {
        boolean[] needs = new boolean[args.length];
        boolean executable = false;
        if (GradMode.isEnabled()) {
            for (int i = 0; i < args.length; i++) {
                needs[i] = args[i] instanceof Tensor t && Variables.requiresGrad(t);
                executable |= needs[i];
            }
        }
        FunctionContext ctx = new FunctionContext(needs);
        R raw;
        try (GradMode.Scope ignored = GradMode.set(false)) {
            raw = forward(ctx, args);
        }
        List<Object> outputs = flatten(raw);
        FunctionNode node = executable ? node(ctx, args, outputs) : null;
        for (Tensor t : ctx.dirty()) t.data().storage().bumpVersion();
        if (outputs.stream().filter(o -> o instanceof Tensor t && ctx.isDirty(t)).distinct().count() != ctx.dirty().size()) {
            throw new IllegalStateException("Some elements marked as dirty during the forward method were not returned as output. The inputs "
                    + "that are modified inplace must all be outputs of the Function.");
        }
        List<Object> wrapped = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            wrapped.add(outputs.get(i) instanceof Tensor t ? FunctionNode.wrap(t, i, outputs.size(), args, ctx, node) : outputs.get(i));
        }
        if (node != null) ctx.save(node);
        return rebuild(raw, wrapped);
    }

    private FunctionNode node(FunctionContext ctx, Object[] args, List<Object> outputs) {
        List<Edge> edges = new ArrayList<>();
        List<TensorMeta> metas = new ArrayList<>();
        int[] argOfEdge = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Tensor t) {
                argOfEdge[edges.size()] = i;
                edges.add(Variables.gradientEdge(t));
                metas.add(meta(t));
            }
        }
        TensorMeta[] outputMetas = new TensorMeta[outputs.size()];
        for (int i = 0; i < outputMetas.length; i++) {
            if (outputs.get(i) instanceof Tensor t) outputMetas[i] = meta(t);
        }
        return new FunctionNode(this, ctx, edges.toArray(new Edge[0]), metas.toArray(new TensorMeta[0]),
                Arrays.copyOf(argOfEdge, edges.size()), args, outputMetas);
    }

    private static TensorMeta meta(Tensor t) { return new TensorSpec(t.dtype(), t.sizes(), t.device()); }

    private static List<Object> flatten(Object raw) {
        return switch (raw) {
            case null -> List.of();
            case Tensor t -> List.of(t);
            case Object[] array -> Arrays.asList(array);
            case List<?> list -> new ArrayList<>(list);
            default -> List.of(raw);
        };
    }

    /** Forward's result with its outputs replaced by the wrapped ones, in the same shape (tensor, array or list). */
    @SuppressWarnings("unchecked")
    private static <R> R rebuild(R raw, List<Object> wrapped) {
        return switch (raw) {
            case null -> null;
            case Tensor _ -> (R) wrapped.getFirst();
            case Object[] array -> {
                Object[] copy = array.clone();
                for (int i = 0; i < copy.length; i++) copy[i] = wrapped.get(i);
                yield (R) copy;
            }
            case List<?> _ -> (R) Collections.unmodifiableList(wrapped);
            default -> raw;
        };
    }
}
