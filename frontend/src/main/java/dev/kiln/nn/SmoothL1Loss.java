package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.SmoothL1Loss(reduction='mean', beta=1.0)}: quadratic below {@code beta}, linear above. */
public final class SmoothL1Loss extends Loss {
    private final double beta;

    public SmoothL1Loss() { this("mean", 1.0); }

    public SmoothL1Loss(String reduction, double beta) {
        super(reduction);
        this.beta = beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.smoothL1Loss(input, target, reduction, beta); }
}
