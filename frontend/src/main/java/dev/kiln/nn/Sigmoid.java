package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Sigmoid}: {@code 1 / (1 + exp(-x))}. */
public final class Sigmoid extends TensorModule {
    @Override
    public Tensor forward(Tensor input) { return input.sigmoid(); }
}
