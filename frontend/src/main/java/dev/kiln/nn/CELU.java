package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.CELU}: {@code max(0, x) + min(0, alpha * (exp(x / alpha) - 1))}. With {@code inplace} the input is overwritten. */
public final class CELU extends TensorModule {
    private final double alpha;
    private final boolean inplace;

    public CELU() { this(1.0, false); }

    public CELU(double alpha) { this(alpha, false); }

    public CELU(double alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.celu_(alpha) : input.celu(alpha); }

    @Override
    public String extraRepr() { return "alpha=" + PyRepr.number(alpha) + (inplace ? ", inplace=True" : ""); }
}
