package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.util.Set;

/**
 * What the convolution layers share (PyTorch's {@code _ConvNd}): the checked settings, the weight
 * ([out, in / groups, *kernel], or [in, out / groups, *kernel] when transposed) and bias with PyTorch's default
 * initialisation, the padding modes other than zeros (an explicit {@code F.pad} first), and the repr.
 */
public abstract sealed class ConvNd extends TensorModule permits Conv1d, Conv2d, ConvTranspose2d {
    private static final Set<String> PADDING_MODES = Set.of("zeros", "reflect", "replicate", "circular");

    final long inChannels;
    final long outChannels;
    final long[] kernelSize;
    final long[] stride;
    /** Explicit padding per spatial dim; null when {@link #paddingString} is given. */
    final long[] padding;
    final String paddingString;
    final long[] dilation;
    final long[] outputPadding;
    final long groups;
    final String paddingMode;

    ConvNd(int dims, long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, String paddingString,
           long[] dilation, long[] outputPadding, long groups, boolean bias, String paddingMode, boolean transposed, DType dtype) {
        String name = getName();
        if (groups <= 0) throw new IllegalArgumentException(name + ": groups must be a positive integer");
        if (inChannels % groups != 0) throw new IllegalArgumentException(name + ": in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException(name + ": out_channels must be divisible by groups");
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = Layers.expand(name, "kernel_size", kernelSize, dims);
        this.stride = Layers.expand(name, "stride", stride, dims);
        this.dilation = Layers.expand(name, "dilation", dilation, dims);
        this.outputPadding = Layers.expand(name, "output_padding", outputPadding, dims);
        if (paddingString != null) {
            if (!paddingString.equals("same") && !paddingString.equals("valid")) {
                throw new IllegalArgumentException(name + ": Invalid padding string '" + paddingString + "', should be one of {'valid', 'same'}");
            }
            for (long s : this.stride) {
                if (paddingString.equals("same") && s != 1) {
                    throw new IllegalArgumentException(name + ": padding='same' is not supported for strided convolutions");
                }
            }
            this.padding = null;
        } else {
            this.padding = Layers.expand(name, "padding", padding, dims);
        }
        this.paddingString = paddingString;
        if (!PADDING_MODES.contains(paddingMode)) {
            throw new IllegalArgumentException(name + ": padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got "
                    + "padding_mode='" + paddingMode + "'");
        }
        this.paddingMode = paddingMode;
        this.groups = groups;
        long[] shape = new long[dims + 2];
        shape[0] = transposed ? inChannels : outChannels;
        shape[1] = (transposed ? outChannels : inChannels) / groups;
        System.arraycopy(this.kernelSize, 0, shape, 2, dims);
        registerParameter("weight", new Parameter(Torch.empty(shape, dtype)));
        registerParameter("bias", bias ? new Parameter(Torch.empty(new long[]{outChannels}, dtype)) : null);
        resetParameters();
    }

    /** PyTorch's default initialisation: kaiming_uniform (a = sqrt(5)) weight, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) bias. */
    public void resetParameters() { Layers.kaimingInit(weight(), bias()); }

    public Parameter weight() { return param("weight"); }

    /** The bias, null without one. */
    public Parameter bias() { return param("bias"); }

    /** The input, padded first by {@code F.pad} in the padding mode when it is not zeros; then the convolution pads nothing. */
    Tensor modePadded(Tensor input) {
        int dims = kernelSize.length;
        long[] pad = new long[2 * dims];
        for (int d = 0; d < dims; d++) {
            int at = 2 * (dims - 1 - d);
            if (padding != null) {
                pad[at] = padding[d];
                pad[at + 1] = padding[d];
            } else if (paddingString.equals("same")) {
                long total = dilation[d] * (kernelSize[d] - 1);
                pad[at] = total / 2;
                pad[at + 1] = total - total / 2;
            }
        }
        return Torch.pad(input, pad, paddingMode);
    }

    boolean zerosPadding() { return paddingMode.equals("zeros"); }

    @Override
    public String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels).append(", kernel_size=")
                .append(PyRepr.tuple(kernelSize)).append(", stride=").append(PyRepr.tuple(stride));
        if (paddingString != null) s.append(", padding=").append(paddingString);
        else if (java.util.Arrays.stream(padding).anyMatch(p -> p != 0)) s.append(", padding=").append(PyRepr.tuple(padding));
        if (java.util.Arrays.stream(dilation).anyMatch(d -> d != 1)) s.append(", dilation=").append(PyRepr.tuple(dilation));
        if (java.util.Arrays.stream(outputPadding).anyMatch(p -> p != 0)) s.append(", output_padding=").append(PyRepr.tuple(outputPadding));
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias() == null) s.append(", bias=False");
        if (!zerosPadding()) s.append(", padding_mode=").append(paddingMode);
        return s.toString();
    }
}
