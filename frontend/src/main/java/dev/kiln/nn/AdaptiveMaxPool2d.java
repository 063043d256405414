package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ValuesIndices;

/** {@code nn.AdaptiveMaxPool2d(output_size)}: the max over adaptive windows of [N, C, H, W] or [C, H, W] giving an {@code outputSize} plane. */
public final class AdaptiveMaxPool2d extends TensorModule {
    private final long[] outputSize;

    /** One size for both spatial dims, or (height, width). */
    public AdaptiveMaxPool2d(long... outputSize) { this.outputSize = outputSize.clone(); }

    @Override
    public Tensor forward(Tensor input) { return Torch.adaptiveMaxPool2d(input, outputSize); }

    /** PyTorch's {@code return_indices=True}: the pooled values and the flat index of each maximum in its input plane. */
    public ValuesIndices forwardWithIndices(Tensor input) { return Torch.adaptiveMaxPool2dWithIndices(input, outputSize); }

    @Override
    public String extraRepr() { return "output_size=" + PyRepr.sizeArg(outputSize); }
}
