package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/**
 * {@code nn.Linear(in_features, out_features, bias)}: {@code y = x W^T + b} over the last dim, with a weight
 * [out, in] drawn from kaiming_uniform (a = sqrt(5)) and a bias from U(-1/sqrt(in), 1/sqrt(in)), as PyTorch does.
 */
public final class Linear extends TensorModule {
    private final long inFeatures;
    private final long outFeatures;

    public Linear(long inFeatures, long outFeatures) { this(inFeatures, outFeatures, true, Torch.float32); }

    public Linear(long inFeatures, long outFeatures, boolean bias) { this(inFeatures, outFeatures, bias, Torch.float32); }

    public Linear(long inFeatures, long outFeatures, boolean bias, DType dtype) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        registerParameter("weight", new Parameter(Torch.empty(new long[]{outFeatures, inFeatures}, dtype)));
        registerParameter("bias", bias ? new Parameter(Torch.empty(new long[]{outFeatures}, dtype)) : null);
        resetParameters();
    }

    /** PyTorch's default initialisation (see the class comment). */
    public void resetParameters() { Layers.kaimingInit(weight(), bias()); }

    public Parameter weight() { return param("weight"); }

    /** The bias, null without one. */
    public Parameter bias() { return param("bias"); }

    public long inFeatures() { return inFeatures; }

    public long outFeatures() { return outFeatures; }

    @Override
    public Tensor forward(Tensor input) { return F.linear(input, weight(), bias()); }

    @Override
    public String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + PyRepr.bool(bias() != null);
    }
}
