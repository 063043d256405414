package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;

/** {@code nn.AdaptiveMaxPool1d(output_size)}: the max over adaptive windows of [N, C, L] or [C, L] giving {@code outputSize} values. */
public final class AdaptiveMaxPool1d extends TensorModule {
    private final long outputSize;

    public AdaptiveMaxPool1d(long outputSize) { this.outputSize = outputSize; }

    @Override
    public Tensor forward(Tensor input) { return Torch.adaptiveMaxPool1d(input, outputSize); }

    @Override
    public String extraRepr() { return "output_size=" + outputSize; }
}
