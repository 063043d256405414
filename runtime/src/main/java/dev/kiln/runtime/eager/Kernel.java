package dev.kiln.runtime.eager;

/**
 * The CPU implementation of a library op ({@code Lowering.Library}): takes the bound arguments (tensors as
 * {@link dev.kiln.runtime.memory.TensorData}) and returns a TensorData, a {@code List<TensorData>} for
 * multiple or list outputs, or a scalar. In-place kernels write into their first argument and return it.
 */
@FunctionalInterface
public interface Kernel {
    Object run(Object[] args);
}
