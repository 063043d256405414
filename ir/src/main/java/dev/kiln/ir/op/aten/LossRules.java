package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import java.util.Arrays;

/**
 * Shape and dtype rules of the losses, with PyTorch 1.13's checks and messages (those of {@code Loss.cpp},
 * {@code LossNLL.cpp}, {@code LossNLL2d.cpp} and {@code Distance.cpp}). A loss reduced to its mean or sum is a 0-d
 * tensor; unreduced, it has the shape of its element-wise losses. Each rule returns the single output's spec.
 */
final class LossRules {
    private LossRules() {}

    /** The reduction enum: 0 none, 1 mean, 2 sum. */
    static long reduction(String op, Object reduction) {
        long r = (Long) reduction;
        if (r < LossMath.NONE || r > LossMath.SUM) {
            throw OpError.of(op, "reduction must be 0 ('none'), 1 ('mean') or 2 ('sum'), got " + r);
        }
        return r;
    }

    /** The output of a loss over {@code elements} (the unreduced shape). */
    static TensorSpec[] reduced(String op, DType dtype, long[] elements, Object reduction, TensorMeta like) {
        long[] sizes = reduction(op, reduction) == LossMath.NONE ? elements : new long[0];
        return new TensorSpec[]{new TensorSpec(dtype, sizes, like.device())};
    }

    static DType promote(TensorMeta a, TensorMeta b) { return TypePromotion.promote(a.dtype(), b.dtype()); }

    /** PyTorch's "not implemented for" error of a kernel that has only floating instantiations. */
    static DType floating(String op, String kernel, DType dtype) {
        if (!dtype.isFloatingPoint()) throw OpError.of(op, "\"" + kernel + "\" not implemented for '" + dtype.legacyName() + "'");
        return dtype;
    }

    /** mse_loss, l1_loss, smooth_l1_loss, kl_div: element-wise over the broadcast of input and target. */
    static TensorSpec[] elementwise(String op, String kernel, TensorMeta self, TensorMeta target, Object reduction) {
        DType dtype = promote(self, target);
        if (kernel != null) floating(op, kernel, dtype);
        return reduced(op, dtype, Shapes.broadcast(op, self.sizes(), target.sizes()), reduction, self);
    }

    static TensorSpec[] l1(String op, TensorMeta self, TensorMeta target, Object reduction) {
        DType dtype = promote(self, target);
        if (reduction(op, reduction) == LossMath.MEAN && !dtype.isFloatingPoint()) {
            throw OpError.of(op, "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: "
                    + dtype.legacyName());
        }
        return elementwise(op, null, self, target, reduction);
    }

    static TensorSpec[] smoothL1(String op, TensorMeta self, TensorMeta target, Object reduction, double beta) {
        if (beta < 0) throw OpError.of(op, "smooth_l1_loss does not support negative values for beta.");
        return elementwise(op, "smooth_l1_cpu", self, target, reduction);
    }

    /** huber_loss writes into a tensor like its input: the input's dtype. */
    static TensorSpec[] huber(String op, TensorMeta self, TensorMeta target, Object reduction, double delta) {
        if (delta <= 0) throw OpError.of(op, "huber_loss does not support non-positive values for delta.");
        floating(op, "huber_cpu", self.dtype());
        return reduced(op, self.dtype(), Shapes.broadcast(op, self.sizes(), target.sizes()), reduction, self);
    }

    static TensorSpec[] klDiv(String op, TensorMeta self, TensorMeta target, Object reduction) {
        if (!self.dtype().isFloatingPoint() || !target.dtype().isFloatingPoint()) throw OpError.of(op, "kl_div: Integral inputs not supported.");
        return elementwise(op, null, self, target, reduction);
    }

    /** binary_cross_entropy: target and weight of the input's dtype that broadcast to the input's shape. */
    static TensorSpec[] binaryCrossEntropy(String op, TensorMeta self, TensorMeta target, TensorMeta weight, Object reduction) {
        floating(op, "binary_cross_entropy", self.dtype());
        if (target.dtype() != self.dtype()) {
            throw OpError.of(op, "Found dtype " + target.dtype().legacyName() + " but expected " + self.dtype().legacyName());
        }
        broadcastsInto(op, self.sizes(), target);
        if (weight != null) broadcastsInto(op, self.sizes(), weight);
        return reduced(op, self.dtype(), self.sizes(), reduction, self);
    }

    /**
     * binary_cross_entropy_with_logits computes {@code (1 - target) * input} first and the rest in place into it, so
     * the target fixes the shape and the other operands must broadcast into it.
     */
    static TensorSpec[] binaryCrossEntropyWithLogits(String op, TensorMeta self, TensorMeta target, TensorMeta weight,
                                                     TensorMeta posWeight, Object reduction) {
        DType dtype = promote(self, target);
        floating(op, "binary_cross_entropy_with_logits", dtype);
        long[] sizes = target.sizes();
        broadcastsInto(op, sizes, self);
        if (posWeight != null) broadcastsInto(op, sizes, posWeight);
        if (weight != null) broadcastsInto(op, sizes, weight);
        return reduced(op, dtype, sizes, reduction, self);
    }

    private static void broadcastsInto(String op, long[] sizes, TensorMeta operand) {
        long[] both = Shapes.broadcast(op, sizes, operand.sizes());
        if (!Arrays.equals(both, sizes)) {
            throw OpError.of(op, "output with shape " + Shapes.format(sizes) + " doesn't match the broadcast shape " + Shapes.format(both));
        }
    }

    // ---- negative log likelihood ----

    /** The checks all nll kernels share: floating input, Long (or Byte) target, weight of the input's dtype. */
    private static void nllTypes(String op, TensorMeta self, TensorMeta target, TensorMeta weight) {
        floating(op, "nll_loss_out_frame", self.dtype());
        if (target.dtype() != DType.INT64 && target.dtype() != DType.UINT8) {
            throw OpError.of(op, "expected scalar type Long but found " + target.dtype().legacyName());
        }
        if (weight != null && weight.dtype() != self.dtype()) {
            throw OpError.of(op, "expected scalar type " + self.dtype().legacyName() + " but found " + weight.dtype().legacyName());
        }
    }

    /** nll_loss: a (C) input with a 0-d target or an (N, C) input with an (N) target. */
    static TensorSpec[] nllLoss(String op, TensorMeta self, TensorMeta target, TensorMeta weight, Object reduction) {
        if (self.dim() < 1 || self.dim() > 2) throw OpError.of(op, "input tensor should be 1D or 2D");
        if (target.dim() > 1) throw OpError.of(op, "0D or 1D target tensor expected, multi-target not supported");
        boolean noBatch = self.dim() == 1 && target.dim() == 0;
        if (!noBatch && (target.dim() == 0 || self.size(0) != target.size(0))) {
            throw OpError.of(op, "size mismatch (got input: " + Shapes.format(self.sizes()) + ", target: " + Shapes.format(target.sizes()) + ")");
        }
        long classes = self.size(self.dim() - 1);
        if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
            throw OpError.of(op, "weight tensor should be defined either for all " + classes + " classes or no classes but got weight tensor of shape: "
                    + Shapes.format(weight.sizes()));
        }
        nllTypes(op, self, target, weight);
        return reduced(op, self.dtype(), self.dim() == 2 ? new long[]{self.size(0)} : new long[0], reduction, self);
    }

    /** nll_loss2d: an (N, C, H, W) input with an (N, H, W) target. */
    static TensorSpec[] nllLoss2d(String op, TensorMeta self, TensorMeta target, TensorMeta weight, Object reduction) {
        if (target.dim() != 3) {
            throw OpError.of(op, "only batches of spatial targets supported (3D tensors) but got targets of dimension: " + target.dim());
        }
        if (self.dim() != 4) throw OpError.of(op, "only batches of spatial inputs supported (4D tensors), but got input of dimension: " + self.dim());
        if (weight != null && weight.numel() != self.size(1)) throw OpError.of(op, "weight tensor should be defined either for all or no classes");
        long[] s = self.sizes(), t = target.sizes();
        if (s[0] != t[0] || s[2] != t[1] || s[3] != t[2]) {
            throw OpError.of(op, "size mismatch (got input: " + Shapes.format(s) + " , target: " + Shapes.format(t));
        }
        nllTypes(op, self, target, weight);
        return reduced(op, self.dtype(), t, reduction, self);
    }

    /** nll_loss_nd: nll_loss for 1 or 2 dims, nll_loss2d for 4, and nll_loss2d of a (N, C, 1, -1) view otherwise. */
    static TensorSpec[] nllLossNd(String op, TensorMeta self, TensorMeta target, TensorMeta weight, Object reduction) {
        if (self.dim() < 1) throw OpError.of(op, "Expected 1 or more dimensions (got " + self.dim() + ")");
        if (self.dim() != 1 && (target.dim() == 0 || self.size(0) != target.size(0))) {
            throw OpError.of(op, "Expected input batch_size (" + self.size(0) + ") to match target batch_size ("
                    + (target.dim() == 0 ? "[]" : target.size(0)) + ").");
        }
        if (self.dim() <= 2) return nllLoss(op, self, target, weight, reduction);
        if (self.dim() == 4) return nllLoss2d(op, self, target, weight, reduction);
        long[] expected = spatial(self);
        if (!Arrays.equals(expected, target.sizes())) {
            throw OpError.of(op, "Expected target size " + Shapes.format(expected) + ", got " + Shapes.format(target.sizes()));
        }
        if (weight != null && weight.numel() != self.size(1)) throw OpError.of(op, "weight tensor should be defined either for all or no classes");
        nllTypes(op, self, target, weight);
        return reduced(op, self.dtype(), expected, reduction, self);
    }

    /** The sizes of an (N, C, d1, ...) input without its class dimension: (N, d1, ...). */
    static long[] spatial(TensorMeta self) {
        long[] s = self.sizes();
        long[] out = new long[s.length - 1];
        out[0] = s[0];
        System.arraycopy(s, 2, out, 1, s.length - 2);
        return out;
    }

    /** Whether cross_entropy takes its target as class probabilities: input and target of the same shape. */
    static boolean probabilities(TensorMeta self, TensorMeta target) { return Arrays.equals(self.sizes(), target.sizes()); }

    static int classDim(TensorMeta self) { return self.dim() == 1 ? 0 : 1; }

    static TensorSpec[] crossEntropy(String op, TensorMeta self, TensorMeta target, TensorMeta weight, Object reduction, long ignoreIndex,
                                     double labelSmoothing) {
        if (probabilities(self, target)) {
            if (!target.dtype().isFloatingPoint()) {
                throw OpError.of(op, "Expected floating point type for target with class probabilities, got " + target.dtype().legacyName());
            }
            if (ignoreIndex >= 0) throw OpError.of(op, "ignore_index is not supported for floating point target");
            int classDim = Shapes.wrapDim(op, classDim(self), self.dim());
            long classes = self.size(classDim);
            if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
                throw OpError.of(op, "cross_entropy: weight tensor should be defined either for all " + classes
                        + " classes or no classes but got weight tensor of shape: " + Shapes.format(weight.sizes()));
            }
            smoothing(op, labelSmoothing);
            floating(op, "log_softmax", self.dtype());
            long[] elements = new long[self.dim() - 1];
            for (int d = 0, k = 0; d < self.dim(); d++) if (d != classDim) elements[k++] = self.size(d);
            DType dtype = weight == null ? promote(self, target) : TypePromotion.promote(promote(self, target), weight.dtype());
            return reduced(op, dtype, elements, reduction, self);
        }
        if (labelSmoothing > 0) smoothing(op, labelSmoothing);
        floating(op, "log_softmax", self.dtype());
        return nllLossNd(op, self, target, weight, reduction);
    }

    private static void smoothing(String op, double labelSmoothing) {
        if (labelSmoothing > 1.0) throw OpError.of(op, "label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
    }

    // ---- embeddings and distances ----

    static TensorSpec[] cosineEmbedding(String op, TensorMeta input1, TensorMeta input2, TensorMeta target, Object reduction) {
        if (target.dim() > 1) throw OpError.of(op, "0D or 1D target tensor expected, multi-target not supported");
        int inputs = target.dim() + 1;
        if (input1.dim() != inputs || input2.dim() != inputs) {
            throw OpError.of(op, target.dim() + "D target tensor expects " + inputs + "D input tensors, but found inputs with sizes "
                    + Shapes.format(input1.sizes()) + " and " + Shapes.format(input2.sizes()) + ".");
        }
        long[] pairs = Shapes.broadcast(op, input1.sizes(), input2.sizes());
        long[] cos = Arrays.copyOf(pairs, pairs.length - 1);
        return reduced(op, floatingOrDefault(promote(input1, input2)), Shapes.broadcast(op, cos, target.sizes()), reduction, input1);
    }

    static TensorSpec[] marginRanking(String op, TensorMeta input1, TensorMeta input2, TensorMeta target, Object reduction) {
        long[] sizes = Shapes.broadcast(op, Shapes.broadcast(op, input1.sizes(), input2.sizes()), target.sizes());
        DType dtype = floatingOrDefault(TypePromotion.promote(promote(input1, input2), target.dtype()));
        return reduced(op, dtype, sizes, reduction, input1);
    }

    static TensorSpec[] tripletMargin(String op, TensorMeta anchor, TensorMeta positive, TensorMeta negative, Object reduction) {
        if (anchor.dim() != positive.dim() || positive.dim() != negative.dim()) {
            throw OpError.of(op, "All inputs should have same dimension but got " + anchor.dim() + "D, " + positive.dim() + "D and "
                    + negative.dim() + "D inputs.");
        }
        TensorSpec toPositive = pairwiseDistance(op, anchor, positive, false)[0];
        TensorSpec toNegative = pairwiseDistance(op, anchor, negative, false)[0];
        long[] sizes = Shapes.broadcast(op, toPositive.sizes(), toNegative.sizes());
        return reduced(op, TypePromotion.promote(toPositive.dtype(), toNegative.dtype()), sizes, reduction, anchor);
    }

    /** pairwise_distance: the norm over the innermost dimension of the broadcast difference. */
    static TensorSpec[] pairwiseDistance(String op, TensorMeta x1, TensorMeta x2, boolean keepdim) {
        long[] sizes = Shapes.broadcast(op, x1.sizes(), x2.sizes());
        DType dtype = floatingOrDefault(promote(x1, x2));
        if (sizes.length == 0) return new TensorSpec[]{new TensorSpec(dtype, sizes, x1.device())};
        long[] out = keepdim ? sizes.clone() : Arrays.copyOf(sizes, sizes.length - 1);
        if (keepdim) out[sizes.length - 1] = 1;
        return new TensorSpec[]{new TensorSpec(dtype, out, x1.device())};
    }

    static TensorSpec[] cosineSimilarity(String op, TensorMeta x1, TensorMeta x2, long dim) {
        DType dtype = promote(x1, x2);
        if (!dtype.isFloatingPoint()) throw OpError.of(op, "expected common dtype to be floating point, yet common dtype is " + dtype.legacyName());
        long[] sizes = Shapes.broadcast(op, x1.sizes(), x2.sizes());
        int d = Shapes.wrapDim(op, dim, sizes.length);
        long[] out = new long[Math.max(sizes.length - 1, 0)];
        for (int i = 0, k = 0; i < sizes.length; i++) if (i != d) out[k++] = sizes[i];
        return new TensorSpec[]{new TensorSpec(dtype, out, x1.device())};
    }

    /** The dtype of arithmetic with a float number: integral operands give the default float dtype. */
    private static DType floatingOrDefault(DType dtype) { return dtype.isFloatingPoint() ? dtype : TypePromotion.DEFAULT_FLOAT; }
}
