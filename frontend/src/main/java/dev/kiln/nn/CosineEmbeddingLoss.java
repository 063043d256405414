package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.CosineEmbeddingLoss(margin=0.0, reduction='mean')}: forward(input1, input2, target of 1 or -1). */
public final class CosineEmbeddingLoss extends TripletInputLoss {
    private final double margin;

    public CosineEmbeddingLoss() { this(0.0, "mean"); }

    public CosineEmbeddingLoss(double margin, String reduction) {
        super(reduction);
        this.margin = margin;
    }

    @Override
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) { return F.cosineEmbeddingLoss(input1, input2, target, margin, reduction); }
}
