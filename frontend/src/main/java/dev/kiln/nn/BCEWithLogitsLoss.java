package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)}; weight and pos_weight are buffers. */
public final class BCEWithLogitsLoss extends Loss {
    public BCEWithLogitsLoss() { this(null, "mean", null); }

    public BCEWithLogitsLoss(Tensor weight, String reduction, Tensor posWeight) {
        super(reduction);
        registerBuffer("weight", weight);
        registerBuffer("pos_weight", posWeight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropyWithLogits(input, target, getBuffer("weight"), getBuffer("pos_weight"), reduction);
    }
}
