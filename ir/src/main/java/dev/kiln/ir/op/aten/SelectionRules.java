package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.aten.IndexingChecks.isMask;
import static dev.kiln.ir.op.aten.IndexingChecks.requireIndexDtype;
import static dev.kiln.ir.op.aten.IndexingChecks.same;
import static dev.kiln.ir.op.aten.IndexingChecks.spec;
import static dev.kiln.ir.op.aten.IndexingChecks.with;
import static dev.kiln.ir.op.aten.IndexingChecks.without;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import java.util.Arrays;

/** Shape and dtype rules of index_select, index_add, take, the masked ops, nonzero and one_hot. */
final class SelectionRules {
    private SelectionRules() {}

    static TensorSpec[] indexSelect(Object[] a) {
        String op = "index_select";
        TensorMeta self = (TensorMeta) a[0], index = (TensorMeta) a[2];
        int dim = Shapes.wrapDim(op, (Long) a[1], self.dim());
        if (index.dim() > 1) throw OpError.index(op, "Index is supposed to be a vector, but got " + index.dim() + " dimensions");
        requireIndexDtype(op, index, "Expected dtype int32 or int64 for index", DType.INT64, DType.INT32);
        if (self.dim() == 0 && index.numel() != 1) {
            throw OpError.index(op, "Index to scalar can have only 1 value, got " + index.numel() + " value(s)");
        }
        return spec(self.dtype(), with(self.sizes(), dim, index.numel()), self);
    }

    static TensorSpec[] indexAdd(Object[] a) {
        String op = "index_add";
        TensorMeta self = (TensorMeta) a[0], index = (TensorMeta) a[2], source = (TensorMeta) a[3];
        int dim = Shapes.wrapDim(op, (Long) a[1], self.dim());
        if (index.dim() > 1) throw OpError.index(op, "Index is supposed to be a vector, but got " + index.dim() + " dimensions");
        requireIndexDtype(op, index, "Expected dtype int32/int64 for index", DType.INT64, DType.INT32);
        if (self.dtype() != source.dtype()) {
            throw OpError.of(op, "self (" + self.dtype().legacyName() + ") and source (" + source.dtype().legacyName()
                    + ") must have the same scalar type");
        }
        if (dim != 0 && dim >= source.dim()) {
            throw OpError.index(op, "Indexing dim " + dim + " is out of bounds of the source tensor with dim " + source.dim());
        }
        long count = source.dim() == 0 ? 1 : source.sizes()[dim];
        if (index.numel() != count) {
            throw OpError.of(op, "Number of indices (" + index.numel() + ") should be equal to source.size(dim): (" + count
                    + "), for dim: " + dim);
        }
        long[] selfSlice = without(self.sizes(), dim), sourceSlice = without(source.sizes(), dim);
        if (!IndexingChecks.broadcastsTo(sourceSlice, selfSlice)) {
            throw OpError.of(op, "source slice of shape " + Shapes.format(sourceSlice) + " cannot be broadcast to self slice of shape "
                    + Shapes.format(selfSlice) + " (self " + Shapes.format(self.sizes()) + ", source " + Shapes.format(source.sizes())
                    + ", dim " + dim + ")");
        }
        return same(self);
    }

    static TensorSpec[] take(Object[] a) {
        TensorMeta self = (TensorMeta) a[0], index = (TensorMeta) a[1];
        requireIndexDtype("take", index, "Expected a long tensor for index", DType.INT64);
        return spec(self.dtype(), index.sizes().clone(), self);
    }

    static TensorSpec[] maskedSelect(Object[] a) {
        TensorMeta self = (TensorMeta) a[0], mask = (TensorMeta) a[1];
        if (!isMask(mask)) throw OpError.of("masked_select", "expected BoolTensor or ByteTensor for mask, but got " + mask.dtype().legacyName());
        Shapes.broadcast("masked_select", self.sizes(), mask.sizes());
        return spec(self.dtype(), new long[]{-1}, self);
    }

    static TensorSpec[] maskedScatter(Object[] a) {
        String op = "masked_scatter";
        TensorMeta self = (TensorMeta) a[0], mask = (TensorMeta) a[1], source = (TensorMeta) a[2];
        if (!isMask(mask)) throw OpError.of(op, "only supports boolean masks, but got mask with dtype " + mask.dtype());
        if (source.dtype() != self.dtype()) {
            throw OpError.of(op, "expected self and source to have same dtypes but got " + self.dtype().legacyName() + " and "
                    + source.dtype().legacyName());
        }
        return spec(self.dtype(), Shapes.broadcast(op, self.sizes(), mask.sizes()), self);
    }

    static TensorSpec[] nonzero(Object[] a) {
        TensorMeta self = (TensorMeta) a[0];
        return spec(DType.INT64, new long[]{-1, self.dim()}, self);
    }

    static TensorSpec[] nonzeroNumpy(Object[] a) {
        TensorMeta self = (TensorMeta) a[0];
        TensorSpec[] out = new TensorSpec[Math.max(self.dim(), 1)];
        Arrays.fill(out, new TensorSpec(DType.INT64, new long[]{-1}, self.device()));
        return out;
    }

    static TensorSpec[] oneHot(Object[] a) {
        TensorMeta self = (TensorMeta) a[0];
        long classes = (Long) a[1];
        if (self.dtype() != DType.INT64) throw OpError.of("one_hot", "one_hot is only applicable to index tensor, but got " + self.dtype());
        long[] sizes = Arrays.copyOf(self.sizes(), self.dim() + 1);
        sizes[self.dim()] = classes > 0 ? classes : -1;
        return spec(DType.INT64, sizes, self);
    }
}
