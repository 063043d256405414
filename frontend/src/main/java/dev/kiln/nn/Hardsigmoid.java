package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Hardsigmoid}: {@code clamp(x / 6 + 1 / 2, 0, 1)}. */
public final class Hardsigmoid extends TensorModule {
    @Override
    public Tensor forward(Tensor input) { return input.hardsigmoid(); }
}
