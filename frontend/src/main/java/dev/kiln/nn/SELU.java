package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.SELU}: the scaled ELU with PyTorch's fixed alpha and scale. With {@code inplace} the input is overwritten. */
public final class SELU extends TensorModule {
    private final boolean inplace;

    public SELU() { this(false); }

    public SELU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.selu_() : input.selu(); }

    @Override
    public String extraRepr() { return (inplace ? "inplace=True" : ""); }
}
