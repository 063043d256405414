package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Hardtanh}: {@code clamp(x, minVal, maxVal)}; with {@code inplace} the input is overwritten. */
public final class Hardtanh extends TensorModule {
    private final double minVal;
    private final double maxVal;
    private final boolean inplace;

    public Hardtanh() { this(-1.0, 1.0, false); }

    public Hardtanh(double minVal, double maxVal) { this(minVal, maxVal, false); }

    public Hardtanh(double minVal, double maxVal, boolean inplace) {
        if (maxVal <= minVal) throw new IllegalArgumentException("Hardtanh: expected max_val > min_val, got min_val=" + minVal + ", max_val=" + maxVal);
        this.minVal = minVal;
        this.maxVal = maxVal;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.hardtanh_(minVal, maxVal) : input.hardtanh(minVal, maxVal); }

    @Override
    public String extraRepr() {
        return "min_val=" + PyRepr.number(minVal) + ", max_val=" + PyRepr.number(maxVal) + (inplace ? ", inplace=True" : "");
    }
}
