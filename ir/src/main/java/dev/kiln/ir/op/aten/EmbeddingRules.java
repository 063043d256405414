package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;

/**
 * Shape and dtype rules of the embedding ops, with PyTorch 1.13's checks and messages ({@code checkScalarTypes},
 * {@code checkDim}, {@code check_arguments} of embedding_bag). Index values are checked by the kernels.
 */
public final class EmbeddingRules {
    private EmbeddingRules() {}

    /** embedding_bag's reductions, by the {@code mode} number PyTorch passes. */
    public static final int SUM = 0, MEAN = 1, MAX = 2;

    /** {@code embedding(weight, indices)}: indices' sizes plus the embedding size. */
    static TensorSpec[] embedding(Object[] a) {
        TensorMeta weight = (TensorMeta) a[0], indices = (TensorMeta) a[1];
        String op = "aten::embedding";
        if (weight.dim() != 2) throw OpError.of(op, "'weight' must be 2-D");
        indexType(op, indices, 1, "indices", "embedding");
        long[] sizes = new long[indices.dim() + 1];
        System.arraycopy(indices.sizes(), 0, sizes, 0, indices.dim());
        sizes[indices.dim()] = weight.size(1);
        return spec(weight.dtype(), sizes, weight);
    }

    /** {@code embedding_dense_backward(grad_output, indices, num_weights, ...)}: [num_weights, grad_output.size(-1)]. */
    static TensorSpec[] denseBackward(Object[] a) {
        TensorMeta grad = (TensorMeta) a[0], indices = (TensorMeta) a[1];
        String op = "aten::embedding_dense_backward";
        indexType(op, indices, 2, "indices", "embedding_backward");
        long numWeights = (Long) a[2];
        if (grad.dim() == 0) throw OpError.of(op, "expected grad_output to have at least one dimension, the embedding's");
        long d = grad.size(grad.dim() - 1);
        if (grad.numel() != indices.numel() * d) {
            throw OpError.of(op, "shape '[" + indices.numel() + ", " + d + "]' is invalid for input of size " + grad.numel());
        }
        if (numWeights < 0) {
            throw OpError.of(op, "Trying to create tensor with negative dimension " + numWeights + ": [" + numWeights + ", " + d + "]");
        }
        return spec(grad.dtype(), new long[]{numWeights, d}, grad);
    }

    /** {@code embedding_renorm_(self, indices, max_norm, norm_type)}: self, rescaled in place. */
    static TensorSpec[] renorm(Object[] a) {
        TensorMeta self = (TensorMeta) a[0], indices = (TensorMeta) a[1];
        String op = "aten::embedding_renorm_";
        if (self.dim() != 2) {
            throw OpError.of(op, "Expected 2-dimensional tensor, but got " + self.dim() + "-dimensional tensor for argument #1 'self' "
                    + "(while checking arguments for embedding_renorm_)");
        }
        indexType(op, indices, 2, "indices", "embedding_renorm_");
        if (!self.dtype().isFloatingPoint()) {
            throw OpError.of(op, "norm(): input dtype should be either floating point or complex. Got " + self.dtype().legacyName()
                    + " instead.");
        }
        return spec(self.dtype(), self.sizes(), self);
    }

    /**
     * {@code _embedding_bag}: (output [bags, D], offset2bag, bag_size, max_indices). offset2bag is empty when PyTorch
     * takes its fast path for 'sum' (which depends on the weight's strides, so its size is -1 here: known at run time).
     */
    static TensorSpec[] bag(Object[] a) {
        TensorMeta weight = (TensorMeta) a[0], indices = (TensorMeta) a[1], offsets = (TensorMeta) a[2], psw = (TensorMeta) a[6];
        int mode = (int) (long) (Long) a[4];
        boolean includeLast = (Boolean) a[7];
        long paddingIdx = (Long) a[8];
        String op = "aten::_embedding_bag";
        DType index = bagIndexType(op, indices, offsets);
        DType w = weight.dtype();
        if (w != DType.FLOAT16 && w != DType.FLOAT32 && w != DType.FLOAT64) {
            throw OpError.of(op, "Expected tensor for argument #1 'weight' to have one of the following scalar types: Half, Float, Double; "
                    + "but got " + tensorType(w) + " instead (while checking arguments for embedding_bag)");
        }
        if (weight.dim() != 2) throw OpError.of(op, "embedding_bag: expected a 2-D weight, but got weight of size " + Shapes.format(weight.sizes()));
        if (indices.dim() != 1 || offsets.dim() != 1) {
            throw OpError.of(op, "embedding_bag: expected 1-D indices and offsets, but got indices of size " + Shapes.format(indices.sizes())
                    + " and offsets of size " + Shapes.format(offsets.sizes()));
        }
        if (mode < SUM || mode > MAX) throw OpError.of(op, "embedding_bag: mode has to be 0 (sum), 1 (mean) or 2 (max), but got " + mode);
        if (psw != null) {
            if (mode != SUM) throw OpError.of(op, "embedding_bag: per_sample_weights only supported with mode='sum'");
            if (psw.dtype() != w) {
                throw OpError.of(op, "Expected tensor for argument #1 'weight' to have the same type as tensor for argument #1 "
                        + "'per_sample_weights'; but type " + tensorType(w) + " does not equal " + tensorType(psw.dtype())
                        + " (while checking arguments for embedding_bag)");
            }
            if (psw.dim() != 1 || psw.numel() != indices.numel()) {
                throw OpError.of(op, "embedding_bag: expected per_sample_weights to be 1-D with one weight per index (" + indices.numel()
                        + "), but got per_sample_weights of size " + Shapes.format(psw.sizes()));
            }
        }
        if (includeLast && offsets.size(0) < 1) throw OpError.of(op, "include_last_offset: number of offset should be at least 1");
        long bags = offsets.size(0) - (includeLast ? 1 : 0), d = weight.size(1);
        boolean maybeFast = mode == SUM && w != DType.FLOAT64 && paddingIdx < 0;
        return new TensorSpec[]{new TensorSpec(w, new long[]{bags, d}, weight.device()),
                new TensorSpec(index, new long[]{maybeFast ? -1 : indices.size(0)}, weight.device()),
                new TensorSpec(index, new long[]{bags}, weight.device()),
                new TensorSpec(index, mode == MAX ? new long[]{bags, d} : new long[]{bags}, weight.device())};
    }

    /** {@code _embedding_bag_backward} and {@code _embedding_bag_dense_backward}: [num_weights, grad.size(1)]. */
    static TensorSpec[] bagBackward(Object[] a, int numWeightsArg) {
        TensorMeta grad = (TensorMeta) a[0], indices = (TensorMeta) a[1];
        String op = numWeightsArg == 6 ? "aten::_embedding_bag_backward" : "aten::_embedding_bag_dense_backward";
        indexType(op, indices, 1, "indices", "embedding_bag");
        if (grad.dim() != 2) throw OpError.of(op, "embedding_bag: expected a 2-D grad, but got grad of size " + Shapes.format(grad.sizes()));
        if (!grad.dtype().isFloatingPoint()) {
            throw OpError.of(op, "Expected tensor for argument #1 'grad_' to have one of the following scalar types: Half, BFloat16, "
                    + "Float, Double; but got " + tensorType(grad.dtype()) + " instead (while checking arguments for embedding_bag)");
        }
        return spec(grad.dtype(), new long[]{(Long) a[numWeightsArg], grad.size(1)}, grad);
    }

    /** {@code _embedding_bag_per_sample_weights_backward}: one value per index; 'sum' only. */
    static TensorSpec[] perSampleWeightsBackward(Object[] a) {
        TensorMeta grad = (TensorMeta) a[0], indices = (TensorMeta) a[2];
        String op = "aten::_embedding_bag_per_sample_weights_backward";
        if ((Long) a[5] != SUM) throw OpError.of(op, "embedding_bag_backward: per_sample_weights only supported for mode='sum'");
        bagIndexType(op, indices, (TensorMeta) a[3]);
        return spec(grad.dtype(), new long[]{indices.numel()}, grad);
    }

    /** The index dtype of an embedding_bag's indices and offsets (both Long or Int), promoted as PyTorch does. */
    private static DType bagIndexType(String op, TensorMeta indices, TensorMeta offsets) {
        indexType(op, indices, 1, "indices", "embedding_bag");
        indexType(op, offsets, 1, "offsets", "embedding_bag");
        return TypePromotion.promote(indices.dtype(), offsets.dtype());
    }

    private static void indexType(String op, TensorMeta t, int argument, String name, String checking) {
        if (t.dtype() != DType.INT64 && t.dtype() != DType.INT32) {
            throw OpError.of(op, "Expected tensor for argument #" + argument + " '" + name + "' to have one of the following scalar types: "
                    + "Long, Int; but got " + tensorType(t.dtype()) + " instead (while checking arguments for " + checking + ")");
        }
    }

    /** PyTorch's legacy tensor type name: {@code torch.FloatTensor}. */
    private static String tensorType(DType dtype) { return "torch." + dtype.legacyName() + "Tensor"; }

    private static TensorSpec[] spec(DType dtype, long[] sizes, TensorMeta like) {
        return new TensorSpec[]{new TensorSpec(dtype, sizes, like.device())};
    }
}
