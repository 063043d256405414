package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/** {@code nn.Conv1d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode)} on [N, C, L] or [C, L]. */
public final class Conv1d extends ConvNd {

    public Conv1d(long inChannels, long outChannels, long kernelSize) { this(inChannels, outChannels, kernelSize, 1, 0, 1, 1, true, "zeros", Torch.float32); }

    public Conv1d(long inChannels, long outChannels, long kernelSize, long stride, long padding, long dilation, long groups, boolean bias,
                  String paddingMode, DType dtype) {
        super(1, inChannels, outChannels, new long[]{kernelSize}, new long[]{stride}, new long[]{padding}, null, new long[]{dilation},
                new long[]{0}, groups, bias, paddingMode, false, dtype);
    }

    /** With {@code padding} "same" or "valid". */
    public Conv1d(long inChannels, long outChannels, long kernelSize, long stride, String padding, long dilation, long groups, boolean bias,
                  String paddingMode, DType dtype) {
        super(1, inChannels, outChannels, new long[]{kernelSize}, new long[]{stride}, null, padding, new long[]{dilation}, new long[]{0},
                groups, bias, paddingMode, false, dtype);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!zerosPadding()) return Torch.conv1d(modePadded(input), weight(), bias(), stride[0], 0, dilation[0], groups);
        if (paddingString != null) return Torch.conv1d(input, weight(), bias(), stride[0], paddingString, dilation[0], groups);
        return Torch.conv1d(input, weight(), bias(), stride[0], padding[0], dilation[0], groups);
    }
}
