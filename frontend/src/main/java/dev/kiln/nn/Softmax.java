package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Softmax(dim)}: {@code exp(x) / sum(exp(x))} along {@code dim}. A null dim picks PyTorch's legacy implicit one ({@link F#implicitSoftmaxDim}). */
public final class Softmax extends TensorModule {
    private final Integer dim;

    public Softmax(Integer dim) { this.dim = dim; }

    @Override
    public Tensor forward(Tensor input) { return input.softmax(dim != null ? dim : F.implicitSoftmaxDim(input.dim())); }

    @Override
    public String extraRepr() { return "dim=" + (dim == null ? "None" : dim); }
}
