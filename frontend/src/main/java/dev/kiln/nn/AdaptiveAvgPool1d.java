package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;

/** {@code nn.AdaptiveAvgPool1d(output_size)}: the avg over adaptive windows of [N, C, L] or [C, L] giving {@code outputSize} values. */
public final class AdaptiveAvgPool1d extends TensorModule {
    private final long outputSize;

    public AdaptiveAvgPool1d(long outputSize) { this.outputSize = outputSize; }

    @Override
    public Tensor forward(Tensor input) { return Torch.adaptiveAvgPool1d(input, outputSize); }

    @Override
    public String extraRepr() { return "output_size=" + outputSize; }
}
