package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.BCELoss(weight=None, reduction='mean')}: binary cross-entropy of probabilities; the weight is a buffer. */
public final class BCELoss extends Loss {
    public BCELoss() { this(null, "mean"); }

    public BCELoss(Tensor weight, String reduction) {
        super(reduction);
        registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.binaryCrossEntropy(input, target, getBuffer("weight"), reduction); }
}
