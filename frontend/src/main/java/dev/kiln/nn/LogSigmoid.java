package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.LogSigmoid}: {@code log(sigmoid(x))}, computed stably. */
public final class LogSigmoid extends TensorModule {
    @Override
    public Tensor forward(Tensor input) { return input.logSigmoid(); }
}
