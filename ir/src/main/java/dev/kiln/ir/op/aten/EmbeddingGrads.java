package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.type.DType;

/**
 * The gradients of the embedding ops, written with catalogue ops so that they are differentiable again. An
 * embedding's weight gradient adds each output row's gradient into the row it was read from; its own gradient reads
 * those rows back. An embedding bag's weight gradient ({@code _embedding_bag_backward}) spreads each bag's gradient
 * over the bag's rows, scaled by the per-sample weight, 1 / bag size (mean) and 1 / the index's count
 * (scale_grad_by_freq), or, for max, adds it at the index that won each column.
 */
final class EmbeddingGrads {
    private EmbeddingGrads() {}

    /**
     * embedding_dense_backward's gradient: the rows of the weight's gradient gradient at the indices (scaled by 1 / count
     * where the first backward was, zero at padding_idx), shaped like the forward's output.
     */
    static Object denseDoubleBackward(Grad g) {
        OpBuilder b = g.ops();
        Object flat = b.call(ShapeOps.RESHAPE, g.arg("indices"), new long[]{-1});
        Object rows = b.call(IndexingOps.INDEX_SELECT, g.grad(), 0L, flat);
        if ((Boolean) g.arg("scale_grad_by_freq")) {
            Object counts = counts(b, flat, b.meta(rows).dtype(), (Long) g.arg("num_weights"));
            rows = b.call(PointwiseOps.DIV, rows, column(b, perIndex(b, counts, flat)));
        }
        rows = maskPadding(b, rows, flat, (Long) g.arg("padding_idx"));
        return b.call(ShapeOps.RESHAPE, rows, g.meta("grad_output").sizes());
    }

    /** _embedding_bag's weight gradient: _embedding_bag_backward with the forward's offset2bag, bag sizes and max indices. */
    static Object bagWeight(Grad g) {
        return g.ops().call(EmbeddingOps.EMBEDDING_BAG_BACKWARD, g.grad(0), g.arg("indices"), g.arg("offsets"), g.arg("result1"),
                g.arg("result2"), g.arg("result3"), g.meta("weight").size(0), g.arg("scale_grad_by_freq"), g.arg("mode"), g.arg("sparse"),
                g.arg("per_sample_weights"), g.arg("padding_idx"));
    }

    /** _embedding_bag's per_sample_weights gradient: each sample's row of the weight dotted with its bag's gradient. */
    static Object bagPerSampleWeights(Grad g) {
        return g.ops().call(EmbeddingOps.EMBEDDING_BAG_PER_SAMPLE_WEIGHTS_BACKWARD, g.grad(0), g.arg("weight"), g.arg("indices"),
                g.arg("offsets"), g.arg("result1"), g.arg("mode"), g.arg("padding_idx"));
    }

    /** _embedding_bag_backward: the dense backward, with offset2bag made from the offsets where the forward left it empty. */
    static Object bagBackward(OpBuilder b, Object[] a) {
        Object offset2bag = offset2bag(b, a[1], a[2], a[3]);
        return b.call(EmbeddingOps.EMBEDDING_BAG_DENSE_BACKWARD, a[0], a[1], offset2bag, a[4], a[5], a[6], a[7], a[8], a[10], a[11]);
    }

    /**
     * _embedding_bag_dense_backward: for max, each bag's gradient added at the index that won each column (bags left
     * empty add nothing); otherwise each sample's bag gradient, scaled, added into the sample's row.
     */
    static Object bagDenseBackward(OpBuilder b, Object[] a) {
        Object grad = a[0], indices = a[1], offset2bag = a[2], bagSize = a[3];
        long numWeights = (Long) a[5], mode = (Long) a[7], paddingIdx = (Long) a[9];
        DType dtype = b.meta(grad).dtype();
        long[] shape = {numWeights, b.meta(grad).size(1)};
        Object zeros = b.call(CreationOps.ZEROS, shape, dtype, null, null, null);
        if (mode == EmbeddingRules.MAX) {
            Object nonEmpty = column(b, b.call(PointwiseOps.NE_SCALAR, bagSize, 0L));
            Object src = b.call(PointwiseOps.WHERE_SCALAR_OTHER, nonEmpty, grad, 0.0);
            Object winners = GradOps.toDType(b, a[4], DType.INT64);
            return b.call(IndexingOps.SCATTER_ADD, zeros, 0L, winners, src);
        }
        Object rows = b.call(IndexingOps.INDEX_SELECT, grad, 0L, offset2bag);
        Object scale = a[8];
        if ((Boolean) a[6]) scale = divide(b, scale, perIndex(b, counts(b, indices, dtype, numWeights), indices));
        if (mode == EmbeddingRules.MEAN) {
            Object sizes = b.call(PointwiseOps.CLAMP_MIN, GradOps.toDType(b, b.call(IndexingOps.INDEX_SELECT, bagSize, 0L, offset2bag), dtype),
                    1L);
            scale = divide(b, scale, sizes);
        }
        if (scale != null) rows = b.call(PointwiseOps.MUL, rows, column(b, scale));
        rows = maskPadding(b, rows, indices, paddingIdx);
        return b.call(IndexingOps.INDEX_ADD, zeros, 0L, indices, rows, 1L);
    }

    /** _embedding_bag_per_sample_weights_backward: the dot product of each sample's bag gradient and weight row (0 at padding). */
    static Object perSampleWeightsBackward(OpBuilder b, Object[] a) {
        Object grad = a[0], indices = a[2];
        Object offset2bag = offset2bag(b, indices, a[3], a[4]);
        Object products = b.call(PointwiseOps.MUL, b.call(IndexingOps.INDEX_SELECT, grad, 0L, offset2bag),
                b.call(IndexingOps.INDEX_SELECT, a[1], 0L, indices));
        Object dots = b.call(ReductionOps.SUM_DIM, products, new long[]{1}, false, null);
        long paddingIdx = (Long) a[6];
        if (paddingIdx < 0) return dots;
        return b.call(PointwiseOps.WHERE_SCALAR_OTHER, b.call(PointwiseOps.NE_SCALAR, indices, paddingIdx), dots, 0.0);
    }

    /**
     * The bag of each sample: {@code offset2bag} itself, or, where the forward left it empty (its 'sum' fast path), the
     * offsets counted up to each position: {@code cumsum(index_add(zeros(n + 1), offsets, 1))[:n] - 1}.
     */
    private static Object offset2bag(OpBuilder b, Object indices, Object offsets, Object offset2bag) {
        long n = b.meta(indices).numel();
        if (n == 0 || b.meta(offset2bag).numel() != 0) return offset2bag;
        Object starts = b.call(IndexingOps.INDEX_ADD, b.call(CreationOps.ZEROS, new long[]{n + 1}, DType.INT64, null, null, null), 0L,
                offsets, b.call(CreationOps.ONES_LIKE, offsets, DType.INT64, null, null, null, null), 1L);
        Object running = b.call(ReductionOps.CUMSUM, starts, 0L, null);
        return b.call(PointwiseOps.SUB_SCALAR, b.call(ShapeOps.NARROW, running, 0L, 0L, n), 1L, 1L);
    }

    /** How often each row index occurs among {@code indices}, as a [numWeights] tensor of {@code dtype}. */
    private static Object counts(OpBuilder b, Object indices, DType dtype, long numWeights) {
        Object ones = b.call(CreationOps.ONES_LIKE, indices, dtype, null, null, null, null);
        return b.call(IndexingOps.INDEX_ADD, b.call(CreationOps.ZEROS, new long[]{numWeights}, dtype, null, null, null), 0L, indices, ones,
                1L);
    }

    private static Object perIndex(OpBuilder b, Object perRow, Object indices) { return b.call(IndexingOps.INDEX_SELECT, perRow, 0L, indices); }

    /** {@code a / d}, or {@code 1 / d} where there is no {@code a} yet. */
    private static Object divide(OpBuilder b, Object a, Object d) {
        return a == null ? b.call(PointwiseOps.RECIPROCAL, d) : b.call(PointwiseOps.DIV, a, d);
    }

    /** Rows whose index is {@code paddingIdx} set to zero (no gradient flows to or from the padding row). */
    private static Object maskPadding(OpBuilder b, Object rows, Object indices, long paddingIdx) {
        if (paddingIdx < 0) return rows;
        return b.call(PointwiseOps.WHERE_SCALAR_OTHER, column(b, b.call(PointwiseOps.NE_SCALAR, indices, paddingIdx)), rows, 0.0);
    }

    private static Object column(OpBuilder b, Object v) { return b.call(ShapeOps.UNSQUEEZE, v, 1L); }
}
