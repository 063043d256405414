package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Hardswish}: {@code x * hardsigmoid(x)}. */
public final class Hardswish extends TensorModule {
    @Override
    public Tensor forward(Tensor input) { return input.hardswish(); }
}
