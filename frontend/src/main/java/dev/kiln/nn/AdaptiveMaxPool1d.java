package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ValuesIndices;

/** {@code nn.AdaptiveMaxPool1d(output_size)}: the max over adaptive windows of [N, C, L] or [C, L] giving {@code outputSize} values. */
public final class AdaptiveMaxPool1d extends TensorModule {
    private final long outputSize;

    public AdaptiveMaxPool1d(long outputSize) { this.outputSize = outputSize; }

    @Override
    public Tensor forward(Tensor input) { return Torch.adaptiveMaxPool1d(input, outputSize); }

    /** PyTorch's {@code return_indices=True}: the pooled values and the flat index of each maximum in its input plane. */
    public ValuesIndices forwardWithIndices(Tensor input) { return Torch.adaptiveMaxPool1dWithIndices(input, outputSize); }

    @Override
    public String extraRepr() { return "output_size=" + outputSize; }
}
