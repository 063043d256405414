package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.HuberLoss(reduction='mean', delta=1.0)}. */
public final class HuberLoss extends Loss {
    private final double delta;

    public HuberLoss() { this("mean", 1.0); }

    public HuberLoss(String reduction, double delta) {
        super(reduction);
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.huberLoss(input, target, reduction, delta); }
}
