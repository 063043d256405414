package dev.kiln.nn;

import dev.kiln.Tensor;

/**
 * {@code nn.Dropout(p, inplace)}: in training, zeroes each element with probability {@code p} and scales the kept ones
 * by {@code 1 / (1 - p)}; in evaluation, the identity.
 */
public final class Dropout extends TensorModule {
    private final double p;
    private final boolean inplace;

    public Dropout() { this(0.5, false); }

    public Dropout(double p) { this(p, false); }

    public Dropout(double p, boolean inplace) {
        F.checkDropoutProbability(p);
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return F.dropout(input, p, isTraining(), inplace); }

    @Override
    public String extraRepr() { return "p=" + PyRepr.number(p) + ", inplace=" + PyRepr.bool(inplace); }
}
