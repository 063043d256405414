package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.ReLU6}: {@code min(max(0, x), 6)}. With {@code inplace} the input is overwritten. */
public final class ReLU6 extends TensorModule {
    private final boolean inplace;

    public ReLU6() { this(false); }

    public ReLU6(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.relu6_() : input.relu6(); }

    @Override
    public String extraRepr() { return (inplace ? "inplace=True" : ""); }
}
