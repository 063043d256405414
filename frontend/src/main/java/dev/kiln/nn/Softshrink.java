package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Softshrink}: {@code x} shrunk toward 0 by {@code lambd}, 0 within {@code [-lambd, lambd]}. */
public final class Softshrink extends TensorModule {
    private final double lambd;

    public Softshrink() { this(0.5); }

    public Softshrink(double lambd) { this.lambd = lambd; }

    @Override
    public Tensor forward(Tensor input) { return input.softshrink(lambd); }

    @Override
    public String extraRepr() { return PyRepr.number(lambd); }
}
