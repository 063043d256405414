package dev.kiln.ir.op;

/**
 * What an op means, in a form every backend can consume: a pointwise expression, a view (new geometry over
 * the same storage), a decomposition into other ops, or a library kernel that each backend provides.
 * Backends switch over these variants exhaustively.
 */
public sealed interface Lowering {

    /** Element-wise: the output is {@code expr} applied at every index of the broadcast shape. */
    record Pointwise(ScalarExpr expr, PromotionKind promotion) implements Lowering {}

    /** A view: one or more outputs that share the first argument's storage with new geometry. */
    record View(ViewFunction function) implements Lowering {}

    /** Defined by other ops; written against {@link OpBuilder} so eager, tracing and codegen share it. */
    record Composite(Decomposition decomposition) implements Lowering {}

    /** A kernel every backend implements by name (sorting, gathering, matrix multiply ...). */
    record Library() implements Lowering {}

    /** Computes output geometries from the input's geometry and the op's bound arguments. */
    @FunctionalInterface
    interface ViewFunction {
        Geometry[] apply(Geometry input, Object[] args);
    }

    /** Expands an op into calls of other ops; the result is a value or a {@code List} of values. */
    @FunctionalInterface
    interface Decomposition {
        Object expand(OpBuilder builder, Object[] args);
    }
}
