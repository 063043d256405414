package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/** {@code nn.GroupNorm(num_groups, num_channels, eps, affine)}: each sample's channels normalized in groups, then a per-channel weight and bias. */
public final class GroupNorm extends TensorModule {
    private final long numGroups;
    private final long numChannels;
    private final double eps;
    private final boolean affine;

    public GroupNorm(long numGroups, long numChannels) { this(numGroups, numChannels, 1e-5, true, Torch.float32); }

    public GroupNorm(long numGroups, long numChannels, double eps, boolean affine, DType dtype) {
        if (numGroups <= 0 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm: num_channels must be divisible by num_groups, got " + numChannels + " and " + numGroups);
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.affine = affine;
        registerParameter("weight", affine ? new Parameter(Torch.ones(new long[]{numChannels}, dtype)) : null);
        registerParameter("bias", affine ? new Parameter(Torch.zeros(new long[]{numChannels}, dtype)) : null);
    }

    public Parameter weight() { return param("weight"); }

    public Parameter bias() { return param("bias"); }

    @Override
    public Tensor forward(Tensor input) { return Torch.groupNorm(input, numGroups, weight(), bias(), eps); }

    @Override
    public String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + PyRepr.number(eps) + ", affine=" + PyRepr.bool(affine);
    }
}
