package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;
import static dev.kiln.dispatch.Dispatcher.applyMulti;

import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.GradMode;
import dev.kiln.ir.op.aten.EmbeddingOps;
import java.util.Arrays;

/**
 * {@code torch.nn.functional.embedding} and {@code embedding_bag} as PyTorch 1.13 writes them in Python: argument
 * checks, padding_idx normalisation, max_norm applied to the weight in place without recording, 2-D bag inputs made
 * into fixed-length bags; then the aten ops.
 */
final class Embeddings {
    private Embeddings() {}

    static Tensor embedding(Tensor input, Tensor weight, Long paddingIdx, Double maxNorm, double normType, boolean scaleGradByFreq,
                            boolean sparse) {
        long padding = -1;
        if (paddingIdx != null) {
            long n = weight.size(0), p = paddingIdx;
            if (p >= n || p < -n) throw new IllegalArgumentException("embedding: Padding_idx must be within num_embeddings");
            padding = p < 0 ? p + n : p;
        }
        if (maxNorm != null) renorm(weight, input.contiguous(), maxNorm, normType);
        return apply(EmbeddingOps.EMBEDDING, weight, input, padding, scaleGradByFreq, sparse);
    }

    static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, Double maxNorm, double normType, boolean scaleGradByFreq,
                               String mode, boolean sparse, Tensor perSampleWeights, boolean includeLastOffset, Long paddingIdx) {
        if (perSampleWeights != null && !Arrays.equals(input.sizes(), perSampleWeights.sizes())) {
            throw new IllegalArgumentException("embedding_bag: If per_sample_weights (" + Arrays.toString(perSampleWeights.sizes())
                    + ") is not None, then it must have the same shape as the input (" + Arrays.toString(input.sizes()) + ")");
        }
        Tensor indices = input, starts = offsets, psw = perSampleWeights;
        if (input.dim() == 2) {
            if (offsets != null) {
                throw new IllegalArgumentException("embedding_bag: if input is 2D, then offsets has to be None, as input is treated is a "
                        + "mini-batch of fixed length sequences. However, found offsets of type Tensor");
            }
            starts = Torch.arange(0L, input.numel(), input.size(1), input.dtype());
            indices = input.reshape(-1);
            if (psw != null) psw = psw.reshape(-1);
        } else if (input.dim() == 1) {
            if (offsets == null) throw new IllegalArgumentException("embedding_bag: offsets has to be a 1D Tensor but got None");
            if (offsets.dim() != 1) throw new IllegalArgumentException("embedding_bag: offsets has to be a 1D Tensor");
        } else {
            throw new IllegalArgumentException("embedding_bag: input has to be 1D or 2D Tensor, but got Tensor of dimension " + input.dim());
        }
        long modeNumber = switch (mode) {
            case "sum" -> 0;
            case "mean" -> 1;
            case "max" -> {
                if (scaleGradByFreq) {
                    throw new IllegalArgumentException("embedding_bag: max mode does not support scaling the gradient by the frequency");
                }
                if (sparse) throw new IllegalArgumentException("embedding_bag: max mode does not support sparse weights");
                yield 2;
            }
            default -> throw new IllegalArgumentException("embedding_bag: mode has to be one of sum, mean or max, got '" + mode + "'");
        };
        if (maxNorm != null) renorm(weight, indices, maxNorm, normType);
        if (psw != null && modeNumber != 0) {
            throw new UnsupportedOperationException("embedding_bag: per_sample_weights was not None. per_sample_weights is only supported "
                    + "for mode='sum' (got mode='" + mode + "')");
        }
        return applyMulti(EmbeddingOps.EMBEDDING_BAG_PADDING_IDX, weight, indices, starts, scaleGradByFreq, modeNumber, sparse, psw,
                includeLastOffset, paddingIdx).getFirst();
    }

    /** PyTorch's {@code _no_grad_embedding_renorm_}: {@code embedding_renorm_} with autograd off. */
    private static void renorm(Tensor weight, Tensor indices, double maxNorm, double normType) {
        try (GradMode.Scope ignored = Autograd.noGrad()) {
            apply(EmbeddingOps.EMBEDDING_RENORM_, weight, indices, maxNorm, normType);
        }
    }
}
