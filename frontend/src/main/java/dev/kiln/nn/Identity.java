package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Identity}: returns its input, a placeholder that keeps a model's structure. */
public final class Identity extends TensorModule {
    @Override
    public Tensor forward(Tensor input) { return input; }
}
