package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Threshold}: {@code x} where {@code x > threshold}, else {@code value}; with {@code inplace} the input is overwritten. */
public final class Threshold extends TensorModule {
    private final Number threshold;
    private final Number value;
    private final boolean inplace;

    public Threshold(Number threshold, Number value) { this(threshold, value, false); }

    public Threshold(Number threshold, Number value, boolean inplace) {
        this.threshold = threshold;
        this.value = value;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) { return inplace ? input.threshold_(threshold, value) : input.threshold(threshold, value); }

    @Override
    public String extraRepr() {
        return "threshold=" + PyRepr.number(threshold) + ", value=" + PyRepr.number(value) + (inplace ? ", inplace=True" : "");
    }
}
