package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/**
 * {@code nn.EmbeddingBag(num_embeddings, embedding_dim, max_norm, norm_type, scale_grad_by_freq, mode,
 * include_last_offset, padding_idx)}: the sum, mean or max of each bag's rows, without materializing the lookups. Its
 * forward takes the input and optionally offsets and per-sample weights.
 */
public final class EmbeddingBag extends Module {
    private final long numEmbeddings;
    private final long embeddingDim;
    private final Double maxNorm;
    private final double normType;
    private final boolean scaleGradByFreq;
    private final String mode;
    private final boolean includeLastOffset;
    private final Long paddingIdx;

    public EmbeddingBag(long numEmbeddings, long embeddingDim) { this(numEmbeddings, embeddingDim, "mean"); }

    public EmbeddingBag(long numEmbeddings, long embeddingDim, String mode) {
        this(numEmbeddings, embeddingDim, null, 2.0, false, mode, false, null, Torch.float32);
    }

    public EmbeddingBag(long numEmbeddings, long embeddingDim, Double maxNorm, double normType, boolean scaleGradByFreq, String mode,
                        boolean includeLastOffset, Long paddingIdx, DType dtype) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.maxNorm = maxNorm;
        this.normType = normType;
        this.scaleGradByFreq = scaleGradByFreq;
        this.mode = mode;
        this.includeLastOffset = includeLastOffset;
        this.paddingIdx = Embedding.paddingIndex(paddingIdx, numEmbeddings);
        registerParameter("weight", new Parameter(Torch.empty(new long[]{numEmbeddings, embeddingDim}, dtype)));
        resetParameters();
    }

    /** N(0, 1) weights, the padding row zero. */
    public void resetParameters() { Layers.embeddingInit(weight(), paddingIdx); }

    public Parameter weight() { return param("weight"); }

    /** A 2-D input: one bag per row. */
    public Tensor forward(Tensor input) { return forward(input, null, null); }

    /** {@code forward(input, offsets, per_sample_weights)}; offsets (for a 1-D input) and per-sample weights may be null. */
    public Tensor forward(Tensor input, Tensor offsets, Tensor perSampleWeights) {
        return Torch.embeddingBag(input, weight(), offsets, maxNorm, normType, scaleGradByFreq, mode, false, perSampleWeights, includeLastOffset,
                paddingIdx);
    }

    public Tensor call(Tensor input) { return (Tensor) invoke(input); }

    /** {@code module(input, offsets, per_sample_weights)} with the hooks. */
    public Tensor call(Tensor input, Tensor offsets, Tensor perSampleWeights) { return (Tensor) invoke(input, offsets, perSampleWeights); }

    @Override
    protected Object forwardArgs(Object... args) {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("EmbeddingBag.forward: expected input, offsets and per_sample_weights, got " + args.length + " arguments");
        }
        return forward((Tensor) args[0], args.length > 1 ? (Tensor) args[1] : null, args.length > 2 ? (Tensor) args[2] : null);
    }

    @Override
    public String extraRepr() {
        StringBuilder s = new StringBuilder().append(numEmbeddings).append(", ").append(embeddingDim);
        if (maxNorm != null) s.append(", max_norm=").append(PyRepr.number(maxNorm));
        if (normType != 2) s.append(", norm_type=").append(PyRepr.number(normType));
        if (scaleGradByFreq) s.append(", scale_grad_by_freq=True");
        s.append(", mode=").append(mode);
        if (paddingIdx != null) s.append(", padding_idx=").append(paddingIdx);
        return s.toString();
    }
}
