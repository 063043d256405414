package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;

/** {@code nn.AvgPool1d(kernel_size, stride, padding, ceil_mode, count_include_pad)} on [N, C, L] or [C, L]; stride null = kernel. */
public final class AvgPool1d extends TensorModule {
    private final long kernelSize;
    private final long stride;
    private final long padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;

    public AvgPool1d(long kernelSize) { this(kernelSize, null, 0, false, true); }

    public AvgPool1d(long kernelSize, Long stride, long padding, boolean ceilMode, boolean countIncludePad) {
        this.kernelSize = kernelSize;
        this.stride = stride == null ? kernelSize : stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor input) { return Torch.avgPool1d(input, kernelSize, stride, padding, ceilMode, countIncludePad); }

    @Override
    public String extraRepr() {
        return "kernel_size=" + PyRepr.tuple(kernelSize) + ", stride=" + PyRepr.tuple(stride) + ", padding=" + PyRepr.tuple(padding);
    }
}
