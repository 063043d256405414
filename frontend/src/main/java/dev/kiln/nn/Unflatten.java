package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Unflatten(dim, unflattened_size)}: dim {@code dim} split into {@code unflattenedSize} (one entry may be -1). */
public final class Unflatten extends TensorModule {
    private final int dim;
    private final long[] unflattenedSize;

    public Unflatten(int dim, long... unflattenedSize) {
        this.dim = dim;
        this.unflattenedSize = unflattenedSize.clone();
    }

    @Override
    public Tensor forward(Tensor input) { return input.unflatten(dim, unflattenedSize); }

    @Override
    public String extraRepr() { return "dim=" + dim + ", unflattened_size=" + PyRepr.tuple(unflattenedSize); }
}
