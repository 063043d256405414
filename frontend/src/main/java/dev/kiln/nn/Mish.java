package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Mish}: {@code x * tanh(softplus(x))}. With {@code inplace} the input is overwritten. */
public final class Mish extends TensorModule {
    private final boolean inplace;

    public Mish() { this(false); }

    public Mish(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.mish_() : input.mish(); }

    @Override
    public String extraRepr() { return (inplace ? "inplace=True" : ""); }
}
