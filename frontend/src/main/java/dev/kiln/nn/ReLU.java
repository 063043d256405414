package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.ReLU}: {@code max(0, x)}. With {@code inplace} the input is overwritten. */
public final class ReLU extends TensorModule {
    private final boolean inplace;

    public ReLU() { this(false); }

    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.relu_() : input.relu(); }

    @Override
    public String extraRepr() { return (inplace ? "inplace=True" : ""); }
}
