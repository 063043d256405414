package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.TensorMeta;

/**
 * Embeddings: {@code embedding} (rows of a table picked by index), its weight gradient {@code embedding_dense_backward},
 * {@code embedding_renorm_} (what {@code nn.Embedding}'s max_norm applies), and embedding bags: {@code _embedding_bag}
 * (sum, mean or max of the rows of each bag, with PyTorch's four results), the {@code embedding_bag} entry points and
 * the composites its gradients are made of. Library ops run the kernels of {@code runtime/embedding}; gradients are
 * dense (Kiln has no sparse layout, so {@code sparse=True} gives the same values densely).
 */
public final class EmbeddingOps {
    private EmbeddingOps() {}

    public static final OpDef EMBEDDING = declare("embedding(Tensor weight, Tensor indices, int padding_idx=-1, "
            + "bool scale_grad_by_freq=False, bool sparse=False) -> Tensor")
            .rule(EmbeddingRules::embedding).library()
            .derivative(wrt("weight", uses("indices"), g -> g.ops().call(EmbeddingOps.EMBEDDING_DENSE_BACKWARD, g.grad(), g.arg("indices"),
                    g.meta("weight").size(0), g.arg("padding_idx"), g.arg("scale_grad_by_freq"))))
            .build();
    public static final OpDef EMBEDDING_DENSE_BACKWARD = declare("embedding_dense_backward(Tensor grad_output, Tensor indices, "
            + "SymInt num_weights, int padding_idx, bool scale_grad_by_freq) -> Tensor")
            .rule(EmbeddingRules::denseBackward).library()
            .derivative(wrt("grad_output", uses("indices"), EmbeddingGrads::denseDoubleBackward))
            .build();
    public static final OpDef EMBEDDING_RENORM_ = declare("embedding_renorm_(Tensor(a!) self, Tensor indices, float max_norm, "
            + "float norm_type) -> Tensor(a!)")
            .rule(EmbeddingRules::renorm).library().nonDifferentiable()
            .build();

    public static final OpDef EMBEDDING_BAG_BASE = declare("_embedding_bag(Tensor weight, Tensor indices, Tensor offsets, "
            + "bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, "
            + "bool include_last_offset=False, int padding_idx=-1) -> (Tensor, Tensor, Tensor, Tensor)")
            .rule(EmbeddingRules::bag).library()
            .derivative(wrt("weight", uses("indices", "offsets", "per_sample_weights", "result1", "result2", "result3"),
                            EmbeddingGrads::bagWeight),
                    wrt("per_sample_weights", uses("weight", "indices", "offsets", "result1"), EmbeddingGrads::bagPerSampleWeights))
            .build();
    public static final OpDef EMBEDDING_BAG = declare("embedding_bag(Tensor weight, Tensor indices, Tensor offsets, "
            + "bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, "
            + "bool include_last_offset=False) -> (Tensor, Tensor, Tensor, Tensor)")
            .rule(a -> EMBEDDING_BAG_BASE.infer(withPadding(a, -1L)))
            .composite((b, a) -> b.call(EMBEDDING_BAG_BASE, withPadding(a, -1L)))
            .build();
    public static final OpDef EMBEDDING_BAG_PADDING_IDX = declare("embedding_bag.padding_idx(Tensor weight, Tensor indices, "
            + "Tensor offsets, bool scale_grad_by_freq, int mode, bool sparse, Tensor? per_sample_weights, bool include_last_offset, "
            + "int? padding_idx) -> (Tensor, Tensor, Tensor, Tensor)")
            .rule(a -> EMBEDDING_BAG_BASE.infer(wrapPadding(a, ((TensorMeta) a[0]).sizes())))
            .composite((b, a) -> b.call(EMBEDDING_BAG_BASE, wrapPadding(a, b.meta(a[0]).sizes())))
            .build();

    public static final OpDef EMBEDDING_BAG_BACKWARD = declare("_embedding_bag_backward(Tensor grad, Tensor indices, Tensor offsets, "
            + "Tensor offset2bag, Tensor bag_size, Tensor maximum_indices, int num_weights, bool scale_grad_by_freq, int mode, bool sparse, "
            + "Tensor? per_sample_weights, int padding_idx=-1) -> Tensor")
            .rule(a -> EmbeddingRules.bagBackward(a, 6)).composite(EmbeddingGrads::bagBackward)
            .build();
    public static final OpDef EMBEDDING_BAG_DENSE_BACKWARD = declare("_embedding_bag_dense_backward(Tensor grad, Tensor indices, "
            + "Tensor offset2bag, Tensor bag_size, Tensor maximum_indices, int num_weights, bool scale_grad_by_freq, int mode, "
            + "Tensor? per_sample_weights, int padding_idx=-1) -> Tensor")
            .rule(a -> EmbeddingRules.bagBackward(a, 5)).composite(EmbeddingGrads::bagDenseBackward)
            .build();
    public static final OpDef EMBEDDING_BAG_PER_SAMPLE_WEIGHTS_BACKWARD = declare("_embedding_bag_per_sample_weights_backward("
            + "Tensor grad, Tensor weight, Tensor indices, Tensor offsets, Tensor offset2bag, int mode, int padding_idx=-1) -> Tensor")
            .rule(EmbeddingRules::perSampleWeightsBackward).composite(EmbeddingGrads::perSampleWeightsBackward)
            .build();

    /** The arguments of {@code _embedding_bag} for a bound {@code embedding_bag} call: its own plus {@code padding_idx}. */
    private static Object[] withPadding(Object[] a, long paddingIdx) {
        Object[] r = new Object[9];
        System.arraycopy(a, 0, r, 0, 8);
        r[8] = paddingIdx;
        return r;
    }

    /** {@code embedding_bag.padding_idx}: a padding index in [-num_embeddings, num_embeddings) made non-negative, None as -1. */
    private static Object[] wrapPadding(Object[] a, long[] weightSizes) {
        if (a[8] == null) return withPadding(a, -1L);
        long p = (Long) a[8], n = weightSizes.length > 0 ? weightSizes[0] : 0;
        if (p < -n || p >= n) {
            throw OpError.of("aten::embedding_bag.padding_idx", "padding_idx must be within the number of embeddings, -" + n + " through "
                    + (n - 1) + ", but got " + p);
        }
        return withPadding(a, p < 0 ? p + n : p);
    }
}
