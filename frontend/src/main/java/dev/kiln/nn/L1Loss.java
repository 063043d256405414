package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.L1Loss(reduction='mean')}: absolute error. */
public final class L1Loss extends Loss {
    public L1Loss() { this("mean"); }

    public L1Loss(String reduction) { super(reduction); }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.l1Loss(input, target, reduction); }
}
