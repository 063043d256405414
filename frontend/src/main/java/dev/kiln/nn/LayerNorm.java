package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/** {@code nn.LayerNorm(normalized_shape, eps, elementwise_affine)}: normalizes the trailing dims, then an element-wise weight (ones) and bias (zeros). */
public final class LayerNorm extends TensorModule {
    private final long[] normalizedShape;
    private final double eps;
    private final boolean elementwiseAffine;

    public LayerNorm(long... normalizedShape) { this(normalizedShape, 1e-5, true, Torch.float32); }

    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine, DType dtype) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        registerParameter("weight", elementwiseAffine ? new Parameter(Torch.ones(normalizedShape, dtype)) : null);
        registerParameter("bias", elementwiseAffine ? new Parameter(Torch.zeros(normalizedShape, dtype)) : null);
    }

    public Parameter weight() { return param("weight"); }

    public Parameter bias() { return param("bias"); }

    @Override
    public Tensor forward(Tensor input) { return Torch.layerNorm(input, normalizedShape, weight(), bias(), eps); }

    @Override
    public String extraRepr() {
        return PyRepr.tuple(normalizedShape) + ", eps=" + PyRepr.number(eps) + ", elementwise_affine=" + PyRepr.bool(elementwiseAffine);
    }
}
