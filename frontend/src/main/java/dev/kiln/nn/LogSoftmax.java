package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.LogSoftmax(dim)}: {@code log(softmax(x))} along {@code dim}, computed stably. A null dim picks PyTorch's legacy implicit one ({@link F#implicitSoftmaxDim}). */
public final class LogSoftmax extends TensorModule {
    private final Integer dim;

    public LogSoftmax(Integer dim) { this.dim = dim; }

    @Override
    public Tensor forward(Tensor input) { return input.logSoftmax(dim != null ? dim : F.implicitSoftmaxDim(input.dim())); }

    @Override
    public String extraRepr() { return "dim=" + (dim == null ? "None" : dim); }
}
