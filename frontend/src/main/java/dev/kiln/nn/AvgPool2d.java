package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;

/**
 * {@code nn.AvgPool2d(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)}; each spatial
 * setting one value or (height, width), stride null = kernel, divisorOverride null = the window's size.
 */
public final class AvgPool2d extends TensorModule {
    private final long[] kernelSize;
    private final long[] stride;
    private final long[] padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final Long divisorOverride;

    public AvgPool2d(long kernelSize) { this(new long[]{kernelSize}, null, new long[]{0}, false, true, null); }

    public AvgPool2d(long kernelSize, long stride, long padding) { this(new long[]{kernelSize}, new long[]{stride}, new long[]{padding}, false, true, null); }

    public AvgPool2d(long[] kernelSize, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad, Long divisorOverride) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null ? kernelSize.clone() : stride.clone();
        this.padding = padding.clone();
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Torch.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override
    public String extraRepr() {
        return "kernel_size=" + PyRepr.sizeArg(kernelSize) + ", stride=" + PyRepr.sizeArg(stride) + ", padding=" + PyRepr.sizeArg(padding);
    }
}
