package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/**
 * {@code nn.Embedding(num_embeddings, embedding_dim, padding_idx, max_norm, norm_type, scale_grad_by_freq)}: a lookup
 * table [num, dim] drawn from N(0, 1), the padding row (negative counts from the end) zero and without gradient; with
 * {@code maxNorm} the rows looked up are first renormalized in place to at most that norm.
 */
public final class Embedding extends TensorModule {
    private final long numEmbeddings;
    private final long embeddingDim;
    private final Long paddingIdx;
    private final Double maxNorm;
    private final double normType;
    private final boolean scaleGradByFreq;

    public Embedding(long numEmbeddings, long embeddingDim) { this(numEmbeddings, embeddingDim, null, null, 2.0, false, Torch.float32); }

    public Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx) {
        this(numEmbeddings, embeddingDim, paddingIdx, null, 2.0, false, Torch.float32);
    }

    public Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx, Double maxNorm, double normType, boolean scaleGradByFreq,
                     DType dtype) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIndex(paddingIdx, numEmbeddings);
        this.maxNorm = maxNorm;
        this.normType = normType;
        this.scaleGradByFreq = scaleGradByFreq;
        registerParameter("weight", new Parameter(Torch.empty(new long[]{numEmbeddings, embeddingDim}, dtype)));
        resetParameters();
    }

    /** {@code Embedding.from_pretrained(embeddings, freeze)}: a table holding {@code embeddings} (not copied). */
    public static Embedding fromPretrained(Tensor embeddings, boolean freeze) {
        if (embeddings.dim() != 2) throw new IllegalArgumentException("Embedding.fromPretrained: Embeddings parameter is expected to be 2-dimensional");
        Embedding e = new Embedding(embeddings.size(0), embeddings.size(1), null, null, 2.0, false, embeddings.dtype());
        e.registerParameter("weight", new Parameter(embeddings, !freeze));
        return e;
    }

    /** A padding index checked against the table size, negative ones counted from the end; null stays null. */
    static Long paddingIndex(Long paddingIdx, long numEmbeddings) {
        if (paddingIdx == null) return null;
        if (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) {
            throw new IllegalArgumentException("Embedding: Padding_idx must be within num_embeddings, got " + paddingIdx + " for " + numEmbeddings);
        }
        return paddingIdx < 0 ? numEmbeddings + paddingIdx : paddingIdx;
    }

    /** N(0, 1) weights, the padding row zero. */
    public void resetParameters() { Layers.embeddingInit(weight(), paddingIdx); }

    public Parameter weight() { return param("weight"); }

    @Override
    public Tensor forward(Tensor input) { return Torch.embedding(input, weight(), paddingIdx, maxNorm, normType, scaleGradByFreq, false); }

    @Override
    public String extraRepr() {
        StringBuilder s = new StringBuilder().append(numEmbeddings).append(", ").append(embeddingDim);
        if (paddingIdx != null) s.append(", padding_idx=").append(paddingIdx);
        if (maxNorm != null) s.append(", max_norm=").append(PyRepr.number(maxNorm));
        if (normType != 2) s.append(", norm_type=").append(PyRepr.number(normType));
        if (scaleGradByFreq) s.append(", scale_grad_by_freq=True");
        return s.toString();
    }
}
