package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.nn.F.CrossEntropyOptions;

/** {@code nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')}: log-probabilities against class indices. */
public final class NLLLoss extends Loss {
    private final long ignoreIndex;

    public NLLLoss() { this(CrossEntropyOptions.DEFAULTS); }

    /** The options' weight, ignore index and reduction (label smoothing does not apply to nll_loss). */
    public NLLLoss(CrossEntropyOptions options) {
        super(options.reduction());
        if (options.labelSmoothing() != 0) throw new IllegalArgumentException("NLLLoss: label_smoothing is a CrossEntropyLoss option");
        this.ignoreIndex = options.ignoreIndex();
        registerBuffer("weight", options.weight());
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, new CrossEntropyOptions(getBuffer("weight"), ignoreIndex, reduction, 0.0));
    }
}
