package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ValuesIndices;

/** {@code nn.MaxPool2d(kernel_size, stride, padding, dilation, ceil_mode)}; each setting one value or (height, width), stride null = kernel. */
public final class MaxPool2d extends TensorModule {
    private final long[] kernelSize;
    private final long[] stride;
    private final long[] padding;
    private final long[] dilation;
    private final boolean ceilMode;

    public MaxPool2d(long kernelSize) { this(new long[]{kernelSize}, null, new long[]{0}, new long[]{1}, false); }

    public MaxPool2d(long kernelSize, long stride, long padding) { this(new long[]{kernelSize}, new long[]{stride}, new long[]{padding}, new long[]{1}, false); }

    public MaxPool2d(long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null ? kernelSize.clone() : stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) { return Torch.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode); }

    /** PyTorch's {@code return_indices=True}: the pooled values and the flat index of each maximum in its input plane. */
    public ValuesIndices forwardWithIndices(Tensor input) { return Torch.maxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode); }

    @Override
    public String extraRepr() {
        return "kernel_size=" + PyRepr.sizeArg(kernelSize) + ", stride=" + PyRepr.sizeArg(stride) + ", padding=" + PyRepr.sizeArg(padding)
                + ", dilation=" + PyRepr.sizeArg(dilation) + ", ceil_mode=" + PyRepr.bool(ceilMode);
    }
}
