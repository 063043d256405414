package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.aten.IndexingChecks.nonemptyDim;
import static dev.kiln.ir.op.aten.IndexingChecks.nonemptySize;
import static dev.kiln.ir.op.aten.IndexingChecks.same;
import static dev.kiln.ir.op.aten.IndexingChecks.spec;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import java.util.List;

/** Shape and dtype rules of gather, the scatter family and take_along_dim, after ATen's scatter_gather checks. */
public final class ScatterGatherRules {
    private ScatterGatherRules() {}

    /** The reductions {@code scatter_reduce.two} accepts. */
    static final List<String> REDUCTIONS = List.of("sum", "prod", "mean", "amax", "amin");

    static TensorSpec[] gather(Object[] a) {
        TensorMeta self = (TensorMeta) a[0], index = (TensorMeta) a[2];
        int dim = Shapes.wrapDim("gather", (Long) a[1], self.dim());
        if (index.numel() == 0) return spec(self.dtype(), index.sizes().clone(), self);
        if (index.dtype() != DType.INT64) throw OpError.of("gather", "Expected dtype int64 for index, but got " + index.dtype().legacyName());
        if (nonemptyDim(self) != nonemptyDim(index)) {
            throw OpError.of("gather", "Index tensor must have the same number of dimensions as input tensor");
        }
        for (int d = 0; d < nonemptyDim(self); d++) {
            if (d != dim && nonemptySize("gather", index, d) > nonemptySize("gather", self, d)) {
                throw OpError.of("gather", "Size does not match at dimension " + d + " expected index " + Shapes.format(index.sizes())
                        + " to be smaller than self " + Shapes.format(self.sizes()) + " apart from dimension " + dim);
            }
        }
        return spec(self.dtype(), index.sizes().clone(), self);
    }

    /** scatter.src, scatter.reduce and scatter_add: a src tensor of self's dtype. */
    static TensorSpec[] scatterSrc(String op, Object[] a) {
        return scatter(op, (TensorMeta) a[0], (Long) a[1], (TensorMeta) a[2], (TensorMeta) a[3]);
    }

    /** scatter.value and scatter.value_reduce: a scalar broadcast over the index. */
    static TensorSpec[] scatterValue(String op, Object[] a) {
        return scatter(op, (TensorMeta) a[0], (Long) a[1], (TensorMeta) a[2], null);
    }

    static TensorSpec[] scatterLegacyReduce(String op, Object[] a, boolean tensorSource) {
        String reduce = (String) a[4];
        if (!reduce.equals("add") && !reduce.equals("multiply")) {
            throw OpError.of(op, "reduce argument must be either add or multiply, got '" + reduce + "'");
        }
        return tensorSource ? scatterSrc(op, a) : scatterValue(op, a);
    }

    static TensorSpec[] scatterReduce(Object[] a) {
        String op = "scatter_reduce";
        String reduce = (String) a[4];
        if (!REDUCTIONS.contains(reduce)) {
            throw OpError.of(op, "reduce argument must be either sum, prod, mean, amax or amin, got '" + reduce + "'");
        }
        TensorMeta self = (TensorMeta) a[0];
        if (reduce.equals("mean") && self.dtype() == DType.BOOL) {
            throw OpError.of(op, "reduce='mean' is not implemented for 'Bool'");
        }
        return scatterSrc(op, a);
    }

    private static TensorSpec[] scatter(String op, TensorMeta self, long dimArg, TensorMeta index, TensorMeta src) {
        int dim = Shapes.wrapDim(op, dimArg, self.dim());
        if (index.numel() != 0 && index.dtype() != DType.INT64) {
            throw OpError.of(op, "Expected dtype int64 for index, but got " + index.dtype().legacyName());
        }
        if (src != null && src.dtype() != self.dtype()) {
            throw OpError.of(op, "Expected self.dtype to be equal to src.dtype, but got " + self.dtype().legacyName() + " and "
                    + src.dtype().legacyName());
        }
        if (index.numel() == 0) return same(self);
        int dims = nonemptyDim(self);
        if (dims != nonemptyDim(index)) throw OpError.of(op, "Index tensor must have the same number of dimensions as self tensor");
        boolean wrong = false;
        for (int d = 0; d < dims; d++) {
            long i = nonemptySize(op, index, d);
            wrong |= d != dim && i > nonemptySize(op, self, d);
            wrong |= src != null && i > nonemptySize(op, src, d);
        }
        if (wrong) {
            throw OpError.of(op, "Expected index " + Shapes.format(index.sizes()) + " to be smaller than self " + Shapes.format(self.sizes())
                    + " apart from dimension " + dim + (src == null ? "" : " and to be smaller size than src " + Shapes.format(src.sizes())));
        }
        return same(self);
    }

    static TensorSpec[] takeAlongDim(Object[] a) {
        String op = "take_along_dim";
        TensorMeta self = (TensorMeta) a[0], indices = (TensorMeta) a[1];
        if (indices.dtype() != DType.INT64) {
            throw OpError.of(op, "dtype of indices should be Long but got " + indices.dtype().legacyName());
        }
        if (a[2] == null) return spec(self.dtype(), new long[]{indices.numel()}, self);
        if (self.dim() != indices.dim()) {
            throw OpError.of(op, "input and indices should have the same number of dimensions, but got " + self.dim()
                    + " dimensions for input, and " + indices.dim() + " dimensions for indices");
        }
        int dim = Shapes.wrapDim(op, (Long) a[2], self.dim());
        return spec(self.dtype(), alongDimShape(op, self.sizes(), indices.sizes(), dim), self);
    }

    /** The shape take_along_dim broadcasts indices to: self's sizes except at {@code dim}, where the indices' size counts. */
    public static long[] alongDimShape(String op, long[] self, long[] indices, int dim) {
        if (self.length == 0) return indices.clone();
        long[] selfSizes = self.clone();
        selfSizes[dim] = indices[dim];
        long[] shape = Shapes.broadcast(op, selfSizes, indices);
        long[] indexSizes = indices.clone();
        indexSizes[dim] = self[dim];
        Shapes.broadcast(op, indexSizes, self);
        return shape;
    }
}
