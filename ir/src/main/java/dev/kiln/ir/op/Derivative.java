package dev.kiln.ir.op;

import dev.kiln.ir.schema.Argument;
import dev.kiln.ir.schema.Schema;
import dev.kiln.ir.schema.SchemaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How an op is differentiated, declared with the op as PyTorch's {@code derivatives.yaml} does: for each
 * differentiable input a formula that builds the input's gradient from the output gradients with ops of the
 * catalogue, written against {@link OpBuilder} so that the same formula runs eagerly, is recorded by a tracer and
 * is itself differentiable (double backward). Each formula names the tensors it reads ({@code uses}); autograd
 * saves exactly those, and only when the input the formula is for requires grad.
 *
 * <p>Names are the schema's argument names, plus {@code result} for a single unnamed return (or the return's
 * name, or {@code result0}, {@code result1} ... for several unnamed returns).
 */
public final class Derivative {
    /** Builds one input's gradient; returns a value, a {@code List} for a {@code Tensor[]} input, or null for zero. */
    @FunctionalInterface
    public interface Formula {
        Object apply(Grad g);
    }

    /** One input's gradient: the formula and the tensors it reads. */
    public record Term(String input, List<String> uses, Formula formula) {
        public Term {
            uses = List.copyOf(uses);
        }
    }

    /** What a formula sees: the output gradients, the saved tensors, the non-tensor arguments and input metadata. */
    public interface Grad {
        /** The builder the formula calls ops on (eager, or a tracer). */
        OpBuilder ops();

        /** The gradient of the only (or first) output. */
        default Object grad() { return grad(0); }

        /** The gradient of output {@code i}, zeros where that output received none. */
        Object grad(int output);

        /** Whether output {@code i} received a gradient (formulas of multi-output ops may skip the others). */
        boolean hasGrad(int output);

        /** A saved tensor the formula declared in {@code uses}, or a non-tensor argument's value. */
        Object arg(String name);

        /** The dtype, sizes and device a tensor input had in the forward call (always kept, never the data). */
        TensorMeta meta(String input);

        /**
         * The sizes, strides and storage offset a tensor input had in the forward call, for the few formulas that
         * depend on memory layout ({@code as_strided}); kept like {@link #meta}, never the data.
         */
        Geometry geometry(String input);

        /** The metadata of each element of a {@code Tensor[]} input. */
        List<TensorMeta> metas(String input);

        /** Whether the gradient of {@code input} is wanted in this backward call. */
        boolean needs(String input);
    }

    /**
     * Names the backward function from the forward call, for an op PyTorch runs as different primitives depending
     * on the shapes ({@code matmul} ends in {@code MmBackward0} or {@code UnsafeViewBackward0} ...).
     */
    @FunctionalInterface
    public interface Namer {
        /** The name for a call with bound arguments {@code args}, tensors given as their {@link TensorMeta}. */
        String name(Object[] args);
    }

    private static final Derivative NONE = new Derivative(List.of(), null, null, null);

    private final List<Term> terms;
    private final String name;
    private final Namer namer;
    /** Which outputs get a grad function; null: every floating output. */
    private final boolean[] differentiableOutputs;

    private Derivative(List<Term> terms, String name, Namer namer, boolean[] differentiableOutputs) {
        this.terms = List.copyOf(terms);
        this.name = name;
        this.namer = namer;
        this.differentiableOutputs = differentiableOutputs;
    }

    /** The derivative of an op no gradient flows through (comparisons, integer results, argmax ...). */
    public static Derivative none() { return NONE; }

    public static Derivative of(Term... terms) { return new Derivative(Arrays.asList(terms), null, null, null); }

    /**
     * The same derivative with the backward function's name given ({@code SumBackward0}), where PyTorch's number
     * differs from this op's place among its differentiable overloads.
     */
    public Derivative named(String backwardName) { return new Derivative(terms, backwardName, null, differentiableOutputs); }

    /** The same derivative with the backward function's name depending on the forward call. */
    public Derivative named(Namer backwardName) { return new Derivative(terms, null, backwardName, differentiableOutputs); }

    /**
     * The same derivative with only the flagged outputs differentiable, as PyTorch's {@code output_differentiability}:
     * the others (saved statistics such as {@code native_batch_norm}'s mean and inverse deviation) get no grad
     * function and never require grad.
     */
    public Derivative outputDifferentiability(boolean... outputs) { return new Derivative(terms, name, namer, outputs.clone()); }

    /** Whether output {@code i} gets a grad function when an input requires grad (if it is floating). */
    public boolean isOutputDifferentiable(int i) {
        return differentiableOutputs == null || i >= differentiableOutputs.length || differentiableOutputs[i];
    }

    /** The backward function's name if given, else null (derived from the op or its {@link #namer()}). */
    public String name() { return name; }

    /** What names the backward function by the forward call, or null. */
    public Namer namer() { return namer; }

    /** The gradient of {@code input}, computed without saved tensors (only gradients, arguments and metadata). */
    public static Term wrt(String input, Formula formula) { return new Term(input, List.of(), formula); }

    /** The gradient of {@code input}, reading the saved tensors {@code uses}. */
    public static Term wrt(String input, String[] uses, Formula formula) { return new Term(input, List.of(uses), formula); }

    /** The names a formula reads, for {@link #wrt(String, String[], Formula)}. */
    public static String[] uses(String... names) { return names; }

    public List<Term> terms() { return terms; }

    public boolean isDifferentiable() { return !terms.isEmpty(); }

    /** The term for {@code input}, or null if no gradient flows to it. */
    public Term term(String input) {
        for (Term t : terms) {
            if (t.input().equals(input)) return t;
        }
        return null;
    }

    /** The names formulas may use for outputs: a single unnamed return is {@code result}. */
    public static List<String> resultNames(Schema schema) {
        List<Argument> returns = schema.returns();
        List<String> names = new ArrayList<>(returns.size());
        for (int i = 0; i < returns.size(); i++) {
            String name = returns.get(i).name();
            names.add(!name.isEmpty() ? name : returns.size() == 1 ? "result" : "result" + i);
        }
        return names;
    }

    /** Checks that every name in the declaration exists in {@code schema}, so a typo fails when the op is declared. */
    void check(Schema schema) {
        List<String> results = resultNames(schema);
        for (Term t : terms) {
            int at = schema.indexOf(t.input());
            if (at < 0 || !isTensorLike(schema.arguments().get(at).type())) {
                throw new IllegalStateException(schema.fullName() + ": derivative for '" + t.input() + "', which is not a tensor argument");
            }
            for (String use : t.uses()) {
                int used = schema.indexOf(use);
                boolean tensorArg = used >= 0 && isTensorLike(schema.arguments().get(used).type());
                if (!tensorArg && !results.contains(use)) {
                    throw new IllegalStateException(schema.fullName() + ": derivative of '" + t.input() + "' uses '" + use
                            + "', which is neither a tensor argument nor a result");
                }
            }
        }
    }

    private static boolean isTensorLike(SchemaType type) { return type.base() == SchemaType.Base.TENSOR; }
}
