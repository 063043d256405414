package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/**
 * {@code nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode)} on
 * [N, C, H, W] or [C, H, W] inputs; each spatial setting is one value or (height, width).
 */
public final class Conv2d extends ConvNd {

    public Conv2d(long inChannels, long outChannels, long kernelSize) { this(inChannels, outChannels, kernelSize, 1, 0); }

    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding) {
        this(inChannels, outChannels, new long[]{kernelSize}, new long[]{stride}, new long[]{padding}, new long[]{1}, 1, true, "zeros",
                Torch.float32);
    }

    public Conv2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation, long groups,
                  boolean bias, String paddingMode, DType dtype) {
        super(2, inChannels, outChannels, kernelSize, stride, padding, null, dilation, new long[]{0}, groups, bias, paddingMode, false, dtype);
    }

    /** With {@code padding} "same" or "valid". */
    public Conv2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, String padding, long[] dilation, long groups,
                  boolean bias, String paddingMode, DType dtype) {
        super(2, inChannels, outChannels, kernelSize, stride, null, padding, dilation, new long[]{0}, groups, bias, paddingMode, false, dtype);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!zerosPadding()) return Torch.conv2d(modePadded(input), weight(), bias(), stride, new long[]{0, 0}, dilation, groups);
        if (paddingString != null) return Torch.conv2d(input, weight(), bias(), stride, paddingString, dilation, groups);
        return Torch.conv2d(input, weight(), bias(), stride, padding, dilation, groups);
    }
}
