package dev.kiln.nn;

import dev.kiln.Tensor;

/** A loss of three tensors (two inputs and a target, or anchor, positive and negative), with a {@code reduction}. */
public abstract class TripletInputLoss extends Module {
    protected final String reduction;

    protected TripletInputLoss(String reduction) { this.reduction = reduction; }

    public String reduction() { return reduction; }

    public abstract Tensor forward(Tensor first, Tensor second, Tensor third);

    /** {@code loss(first, second, third)} with the hooks. */
    public Tensor call(Tensor first, Tensor second, Tensor third) { return (Tensor) invoke(first, second, third); }

    @Override
    protected Object forwardArgs(Object... args) {
        Tensor[] t = Loss.tensors(getName(), 3, args);
        return forward(t[0], t[1], t[2]);
    }
}
