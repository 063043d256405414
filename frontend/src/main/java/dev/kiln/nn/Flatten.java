package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.Flatten(start_dim=1, end_dim=-1)}: dims {@code startDim..endDim} merged into one. */
public final class Flatten extends TensorModule {
    private final int startDim;
    private final int endDim;

    public Flatten() { this(1, -1); }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) { return input.flatten(startDim, endDim); }

    @Override
    public String extraRepr() { return "start_dim=" + startDim + ", end_dim=" + endDim; }
}
