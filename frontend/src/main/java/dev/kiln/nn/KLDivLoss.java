package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.KLDivLoss(reduction='mean', log_target=False)}: the input is log-probabilities. */
public final class KLDivLoss extends Loss {
    private final boolean logTarget;

    public KLDivLoss() { this("mean", false); }

    public KLDivLoss(String reduction, boolean logTarget) {
        super(reduction);
        this.logTarget = logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.klDiv(input, target, reduction, logTarget); }
}
