package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.aten.IndexingChecks.spec;
import static dev.kiln.ir.op.aten.IndexingChecks.with;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;

/** Shape and dtype rules of sort, argsort, topk, unique and unique_dim. */
final class SortingRules {
    private SortingRules() {}

    static TensorSpec[] sort(Object[] a) {
        TensorMeta self = (TensorMeta) a[0];
        Shapes.wrapDim("sort", (Long) a[1], self.dim());
        return valuesAndIndices(self, self.sizes().clone());
    }

    static TensorSpec[] sortStable(Object[] a) {
        if (a[1] == null) throw OpError.of("sort", "the keyword argument 'stable' of sort.stable must be a bool, not None");
        TensorMeta self = (TensorMeta) a[0];
        Shapes.wrapDim("sort", (Long) a[2], self.dim());
        return valuesAndIndices(self, self.sizes().clone());
    }

    static TensorSpec[] argsort(Object[] a, int dimArg) {
        TensorMeta self = (TensorMeta) a[0];
        Shapes.wrapDim("argsort", (Long) a[dimArg], self.dim());
        return spec(DType.INT64, self.sizes().clone(), self);
    }

    static TensorSpec[] topk(Object[] a) {
        TensorMeta self = (TensorMeta) a[0];
        long k = (Long) a[1];
        int dim = Shapes.wrapDim("topk", (Long) a[2], self.dim());
        if (self.dtype() == DType.FLOAT16 || self.dtype() == DType.BOOL) {
            throw OpError.of("topk", "\"topk_cpu\" not implemented for '" + self.dtype().legacyName() + "'");
        }
        long size = self.dim() == 0 ? 1 : self.sizes()[dim];
        if (k < 0 || k > size) throw OpError.index("topk", "selected index k out of range (k = " + k + ", size " + size + ")");
        return valuesAndIndices(self, with(self.sizes(), dim, k));
    }

    static TensorSpec[] unique(Object[] a) {
        TensorMeta self = (TensorMeta) a[0];
        requireSortable("_unique2", self);
        boolean counts = (Boolean) a[3], inverse = (Boolean) a[2] || counts;
        return new TensorSpec[]{
            new TensorSpec(self.dtype(), new long[]{-1}, self.device()),
            new TensorSpec(DType.INT64, inverse ? self.sizes().clone() : new long[]{0}, self.device()),
            new TensorSpec(DType.INT64, new long[]{counts ? -1 : 0}, self.device())};
    }

    static TensorSpec[] uniqueDim(Object[] a) {
        String op = "unique_dim";
        TensorMeta self = (TensorMeta) a[0];
        requireSortable(op, self);
        if (self.dim() == 0) throw OpError.index(op, "Dimension specified as " + a[1] + " but tensor has no dimensions");
        int dim = Shapes.wrapDim(op, (Long) a[1], self.dim());
        if (self.numel() == 0) {
            long zeros = java.util.Arrays.stream(self.sizes()).filter(s -> s == 0).count();
            if (zeros > 1) throw OpError.of(op, "Number of zero sized dimensions is more than one, so unique cannot be applied");
            if (self.sizes()[dim] != 0) {
                throw OpError.of(op, "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied");
            }
        }
        return new TensorSpec[]{
            new TensorSpec(self.dtype(), with(self.sizes(), dim, self.numel() == 0 ? 0 : -1), self.device()),
            new TensorSpec(DType.INT64, new long[]{self.sizes()[dim]}, self.device()),
            new TensorSpec(DType.INT64, new long[]{self.numel() == 0 ? 0 : -1}, self.device())};
    }

    private static void requireSortable(String op, TensorMeta self) {
        if (self.dtype() == DType.FLOAT16) {
            throw OpError.of(op, "\"" + (op.equals("_unique2") ? "unique" : op) + "\" not implemented for 'Half'");
        }
    }

    private static TensorSpec[] valuesAndIndices(TensorMeta self, long[] sizes) {
        return new TensorSpec[]{new TensorSpec(self.dtype(), sizes, self.device()), new TensorSpec(DType.INT64, sizes.clone(), self.device())};
    }
}
