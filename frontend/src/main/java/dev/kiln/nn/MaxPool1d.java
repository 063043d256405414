package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ValuesIndices;

/** {@code nn.MaxPool1d(kernel_size, stride, padding, dilation, ceil_mode)} on [N, C, L] or [C, L]; stride null = kernel. */
public final class MaxPool1d extends TensorModule {
    private final long kernelSize;
    private final long stride;
    private final long padding;
    private final long dilation;
    private final boolean ceilMode;

    public MaxPool1d(long kernelSize) { this(kernelSize, null, 0, 1, false); }

    public MaxPool1d(long kernelSize, Long stride, long padding, long dilation, boolean ceilMode) {
        this.kernelSize = kernelSize;
        this.stride = stride == null ? kernelSize : stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) { return Torch.maxPool1d(input, kernelSize, stride, padding, dilation, ceilMode); }

    /** PyTorch's {@code return_indices=True}: the pooled values and the flat index of each maximum in its input plane. */
    public ValuesIndices forwardWithIndices(Tensor input) { return Torch.maxPool1dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode); }

    @Override
    public String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation + ", ceil_mode="
                + PyRepr.bool(ceilMode);
    }
}
