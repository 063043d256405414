package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.nn.F.CrossEntropyOptions;

/**
 * {@code nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)}: logits against
 * class indices or class probabilities. The class weights are a buffer ({@code weight}), as in PyTorch.
 */
public final class CrossEntropyLoss extends Loss {
    private final long ignoreIndex;
    private final double labelSmoothing;

    public CrossEntropyLoss() { this(CrossEntropyOptions.DEFAULTS); }

    public CrossEntropyLoss(CrossEntropyOptions options) {
        super(options.reduction());
        this.ignoreIndex = options.ignoreIndex();
        this.labelSmoothing = options.labelSmoothing();
        registerBuffer("weight", options.weight());
    }

    private CrossEntropyOptions options() {
        return new CrossEntropyOptions(getBuffer("weight"), ignoreIndex, reduction, labelSmoothing);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.crossEntropy(input, target, options()); }
}
