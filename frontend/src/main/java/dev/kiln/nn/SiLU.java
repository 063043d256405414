package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.SiLU}: {@code x * sigmoid(x)}. With {@code inplace} the input is overwritten. */
public final class SiLU extends TensorModule {
    private final boolean inplace;

    public SiLU() { this(false); }

    public SiLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.silu_() : input.silu(); }

    @Override
    public String extraRepr() { return (inplace ? "inplace=True" : ""); }
}
