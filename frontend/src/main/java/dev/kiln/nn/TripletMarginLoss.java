package dev.kiln.nn;

import dev.kiln.Tensor;

/** {@code nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-6, swap=False, reduction='mean')}: forward(anchor, positive, negative). */
public final class TripletMarginLoss extends TripletInputLoss {
    private final double margin, p, eps;
    private final boolean swap;

    public TripletMarginLoss() { this(1.0, 2.0, 1e-6, false, "mean"); }

    public TripletMarginLoss(double margin, double p, double eps, boolean swap, String reduction) {
        super(reduction);
        this.margin = margin;
        this.p = p;
        this.eps = eps;
        this.swap = swap;
    }

    @Override
    public Tensor forward(Tensor anchor, Tensor positive, Tensor negative) {
        return F.tripletMarginLoss(anchor, positive, negative, margin, p, eps, swap, reduction);
    }
}
