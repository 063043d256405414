package dev.kiln.nn;

import dev.kiln.Tensor;

/**
 * {@code torch.nn.Parameter}: a leaf tensor that a {@link Module} registers as one of its parameters, so that
 * {@link Module#parameters()} finds it and optimizers update it. It shares the storage of the tensor it wraps and
 * requires grad unless told otherwise; it prints as PyTorch's does, with {@code Parameter containing:} first.
 */
public final class Parameter extends Tensor {

    /** A parameter over {@code data}'s storage that requires grad. */
    public Parameter(Tensor data) { this(data, true); }

    /** {@code nn.Parameter(data, requires_grad)}: over {@code data}'s storage, outside any autograd graph. */
    public Parameter(Tensor data, boolean requiresGrad) {
        super(data.data());
        if (requiresGrad) requiresGrad_();
    }

    @Override
    public String toString() { return "Parameter containing:\n" + super.toString(); }
}
