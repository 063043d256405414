package dev.kiln.ir.op;

/**
 * An op's dtype and shape rule: from the bound arguments (tensors seen as {@link TensorMeta}) to the output
 * specs. It is also where invalid calls are rejected, so eager execution, tracing and the IR verifier
 * report the same errors.
 */
@FunctionalInterface
public interface ShapeRule {
    TensorSpec[] infer(Object[] args);
}
