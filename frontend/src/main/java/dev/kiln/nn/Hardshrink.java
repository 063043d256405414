package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Hardshrink}: {@code x} where {@code |x| > lambd}, else 0. */
public final class Hardshrink extends TensorModule {
    private final double lambd;

    public Hardshrink() { this(0.5); }

    public Hardshrink(double lambd) { this.lambd = lambd; }

    @Override
    public Tensor forward(Tensor input) { return input.hardshrink(lambd); }

    @Override
    public String extraRepr() { return PyRepr.number(lambd); }
}
