package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Tanh}. */
public final class Tanh extends TensorModule {
    @Override
    public Tensor forward(Tensor input) { return input.tanh(); }
}
