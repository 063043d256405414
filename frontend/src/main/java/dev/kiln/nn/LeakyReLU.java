package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.LeakyReLU}: {@code x} for positive {@code x}, else {@code negativeSlope * x}. With {@code inplace} the input is overwritten. */
public final class LeakyReLU extends TensorModule {
    private final double negativeSlope;
    private final boolean inplace;

    public LeakyReLU() { this(0.01, false); }

    public LeakyReLU(double negativeSlope) { this(negativeSlope, false); }

    public LeakyReLU(double negativeSlope, boolean inplace) {
        this.negativeSlope = negativeSlope;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.leakyRelu_(negativeSlope) : input.leakyRelu(negativeSlope); }

    @Override
    public String extraRepr() { return "negative_slope=" + PyRepr.number(negativeSlope) + (inplace ? ", inplace=True" : ""); }
}
