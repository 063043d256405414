package dev.kiln.ir.op;

/**
 * Something that can apply an op to values: the eager dispatcher (values are tensors), a tracer or the IR
 * builder (values are graph values). Decompositions and derivatives are written against it once.
 */
public interface OpBuilder {
    /** Applies {@code op} to fully bound positional arguments; returns a value, or a List for multiple outputs. */
    Object call(OpDef op, Object... args);

    /** The static description of a value produced by this builder. */
    TensorMeta meta(Object value);
}
