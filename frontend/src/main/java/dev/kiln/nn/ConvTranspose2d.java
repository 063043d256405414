package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/**
 * {@code nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias,
 * dilation)}: the gradient of a convolution with respect to its input, weight [in, out / groups, kH, kW].
 */
public final class ConvTranspose2d extends ConvNd {

    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize) { this(inChannels, outChannels, kernelSize, 1, 0, 0); }

    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, long outputPadding) {
        this(inChannels, outChannels, new long[]{kernelSize}, new long[]{stride}, new long[]{padding}, new long[]{outputPadding}, 1, true,
                new long[]{1}, Torch.float32);
    }

    public ConvTranspose2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] outputPadding,
                           long groups, boolean bias, long[] dilation, DType dtype) {
        super(2, inChannels, outChannels, kernelSize, stride, padding, null, dilation, outputPadding, groups, bias, "zeros", true, dtype);
    }

    @Override
    public Tensor forward(Tensor input) {
        return Torch.convTranspose2d(input, weight(), bias(), stride, padding, outputPadding, groups, dilation);
    }
}
