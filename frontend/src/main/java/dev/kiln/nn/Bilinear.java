package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/**
 * {@code nn.Bilinear(in1_features, in2_features, out_features, bias)}: {@code y_o = x1^T W_o x2 + b_o}, with weight
 * [out, in1, in2] and bias drawn from U(-1/sqrt(in1), 1/sqrt(in1)). Its forward takes two tensors.
 */
public final class Bilinear extends Module {
    private final long in1Features;
    private final long in2Features;
    private final long outFeatures;

    public Bilinear(long in1Features, long in2Features, long outFeatures) { this(in1Features, in2Features, outFeatures, true, Torch.float32); }

    public Bilinear(long in1Features, long in2Features, long outFeatures, boolean bias, DType dtype) {
        this.in1Features = in1Features;
        this.in2Features = in2Features;
        this.outFeatures = outFeatures;
        registerParameter("weight", new Parameter(Torch.empty(new long[]{outFeatures, in1Features, in2Features}, dtype)));
        registerParameter("bias", bias ? new Parameter(Torch.empty(new long[]{outFeatures}, dtype)) : null);
        resetParameters();
    }

    public void resetParameters() {
        double bound = 1 / Math.sqrt(weight().size(1));
        Init.uniform_(weight(), -bound, bound);
        if (bias() != null) Init.uniform_(bias(), -bound, bound);
    }

    public Parameter weight() { return param("weight"); }

    public Parameter bias() { return param("bias"); }

    public Tensor forward(Tensor input1, Tensor input2) { return F.bilinear(input1, input2, weight(), bias()); }

    /** {@code module(input1, input2)} with the hooks. */
    public Tensor call(Tensor input1, Tensor input2) { return (Tensor) invoke(input1, input2); }

    @Override
    protected Object forwardArgs(Object... args) {
        if (args.length != 2 || !(args[0] instanceof Tensor x1) || !(args[1] instanceof Tensor x2)) {
            throw new IllegalArgumentException("Bilinear.forward: expected two Tensor arguments, got " + args.length + " arguments");
        }
        return forward(x1, x2);
    }

    @Override
    public String extraRepr() {
        return "in1_features=" + in1Features + ", in2_features=" + in2Features + ", out_features=" + outFeatures + ", bias="
                + PyRepr.bool(bias() != null);
    }
}
