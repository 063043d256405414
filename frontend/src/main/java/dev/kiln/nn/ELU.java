package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.ELU}: {@code x} for positive {@code x}, else {@code alpha * (exp(x) - 1)}. With {@code inplace} the input is overwritten. */
public final class ELU extends TensorModule {
    private final double alpha;
    private final boolean inplace;

    public ELU() { this(1.0, false); }

    public ELU(double alpha) { this(alpha, false); }

    public ELU(double alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.elu_(alpha) : input.elu(alpha); }

    @Override
    public String extraRepr() { return "alpha=" + PyRepr.number(alpha) + (inplace ? ", inplace=True" : ""); }
}
