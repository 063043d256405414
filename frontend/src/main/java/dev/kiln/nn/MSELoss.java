package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.MSELoss(reduction='mean')}: squared error. */
public final class MSELoss extends Loss {
    public MSELoss() { this("mean"); }

    public MSELoss(String reduction) { super(reduction); }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.mseLoss(input, target, reduction); }
}
