package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.GELU}: {@code x * Phi(x)}, exact ({@code approximate="none"}) or with the tanh approximation ({@code "tanh"}). */
public final class GELU extends TensorModule {
    private final String approximate;

    public GELU() { this("none"); }

    public GELU(String approximate) { this.approximate = approximate; }

    @Override
    public Tensor forward(Tensor input) { return input.gelu(approximate); }

    @Override
    public String extraRepr() { return "approximate='" + approximate + "'"; }
}
