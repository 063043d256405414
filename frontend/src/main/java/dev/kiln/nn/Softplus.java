package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Softplus}: {@code log(1 + exp(beta x)) / beta}, linear where {@code beta x > threshold}. */
public final class Softplus extends TensorModule {
    private final Number beta;
    private final Number threshold;

    public Softplus() { this(1L, 20L); }

    public Softplus(Number beta, Number threshold) {
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    public Tensor forward(Tensor input) { return input.softplus(beta, threshold); }

    @Override
    public String extraRepr() { return "beta=" + PyRepr.number(beta) + ", threshold=" + PyRepr.number(threshold); }
}
