package dev.kiln.runtime.indexing;

import static dev.kiln.runtime.indexing.ScatterGatherKernels.nonempty;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.indexing.Accumulate.Reduction;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** index_select, index_add, take, masked_select, masked_scatter, nonzero and one_hot. */
final class SelectionKernels {
    private SelectionKernels() {}

    static TensorData indexSelect(Object[] a) {
        TensorData self = (TensorData) a[0], index = (TensorData) a[2];
        int dim = Shapes.wrapDim("index_select", (Long) a[1], self.dim());
        long[] sizes = self.sizes().clone();
        if (sizes.length > 0) sizes[dim] = index.numel();
        TensorData out = TensorData.zeros(self.dtype(), sizes);
        long[] all = nonempty(self.sizes()), strides = nonempty(self.strides());
        int[] outer = Offsets.of(Arrays.copyOfRange(all, 0, dim), Arrays.copyOfRange(strides, 0, dim), self.offset());
        int[] inner = Offsets.of(Arrays.copyOfRange(all, dim + 1, all.length), Arrays.copyOfRange(strides, dim + 1, all.length), 0);
        int[] middle = IndexValues.scaled("index_select", IndexValues.of(index), all[dim], strides[dim], false, dim);
        Moves.gather(self, outer, middle, inner, out);
        return out;
    }

    /** index_add_: {@code self.select(dim, index[i]) += alpha * source.select(dim, i)}, in order of i. */
    static void indexAdd(TensorData dst, Object[] a) {
        String op = "index_add";
        TensorData index = (TensorData) a[2], source = (TensorData) a[3];
        int dim = Shapes.wrapDim(op, (Long) a[1], dst.dim());
        if (!isOne(a[4])) source = scaled(source, a[4]);
        long[] dstSizes = nonempty(dst.sizes()), dstStrides = nonempty(dst.strides());
        long[] srcSizes = nonempty(source.sizes()), srcStrides = nonempty(source.strides());
        long[] slice = IndexingShapes.without(dstSizes, dim);
        int[] dstSlice = Offsets.of(slice, IndexingShapes.without(dstStrides, dim), dst.offset());
        int[] srcSlice = Offsets.of(slice, Offsets.broadcastStrides(IndexingShapes.without(srcSizes, dim),
                IndexingShapes.without(srcStrides, dim), slice), source.offset());
        long[] idx = IndexValues.of(index);
        int[] dstMiddle = IndexValues.scaled(op, idx, dstSizes[dim], dstStrides[dim], false, dim);
        int[] srcMiddle = new int[idx.length];
        for (int i = 0; i < idx.length; i++) srcMiddle[i] = (int) (i * srcStrides[dim]);
        int[] zero = {0};
        Accumulate.apply(Reduction.SUM, dst, Offsets.combine(zero, dstMiddle, dstSlice), source, Offsets.combine(zero, srcMiddle, srcSlice));
    }

    private static boolean isOne(Object alpha) {
        return alpha instanceof Boolean b ? b : ((Number) alpha).doubleValue() == 1;
    }

    /** {@code source * alpha} in source's dtype, rounded per element (ATen multiplies before adding). */
    private static TensorData scaled(TensorData source, Object alpha) {
        TensorData out = Moves.copy(source);
        DType t = out.dtype();
        Storage s = out.storage();
        double fa = alpha instanceof Boolean b ? (b ? 1 : 0) : ((Number) alpha).doubleValue();
        long ia = alpha instanceof Boolean b ? (b ? 1 : 0) : ((Number) alpha).longValue();
        for (int k = 0; k < s.length(); k++) {
            if (t.isFloatingPoint()) Elements.setDouble(t, s, k, Elements.getDouble(t, s, k) * fa);
            else Elements.setLong(t, s, k, Elements.getLong(t, s, k) * ia);
        }
        return out;
    }

    static TensorData take(Object[] a) {
        TensorData self = (TensorData) a[0], index = (TensorData) a[1];
        int[] flat = Offsets.of(self);
        long[] idx = IndexValues.of(index);
        if (flat.length == 0 && idx.length > 0) throw OpError.index("take", "tried to take from an empty tensor");
        int[] src = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            long i = idx[k] < 0 ? idx[k] + flat.length : idx[k];
            if (i < 0 || i >= flat.length) {
                throw OpError.index("take", "out of range: tried to access index " + idx[k] + " on a tensor of " + flat.length + " elements.");
            }
            src[k] = flat[(int) i];
        }
        TensorData out = TensorData.zeros(self.dtype(), index.sizes().clone());
        Moves.gather(self, src, out, 0);
        return out;
    }

    static TensorData maskedSelect(Object[] a) {
        TensorData self = (TensorData) a[0], mask = (TensorData) a[1];
        long[] shape = Shapes.broadcast("masked_select", self.sizes(), mask.sizes());
        int[] selected = Nonzero.positions(mask, Offsets.broadcast(mask, shape));
        int[] all = Offsets.broadcast(self, shape);
        int[] src = new int[selected.length];
        for (int k = 0; k < src.length; k++) src[k] = all[selected[k]];
        TensorData out = TensorData.zeros(self.dtype(), new long[]{src.length});
        Moves.gather(self, src, out, 0);
        return out;
    }

    /** The out-of-place masked_scatter: self broadcast against the mask, then filled in place. */
    static TensorData maskedScatterCopy(Object[] a) {
        TensorData self = (TensorData) a[0], mask = (TensorData) a[1];
        long[] shape = Shapes.broadcast("masked_scatter", self.sizes(), mask.sizes());
        TensorData out = TensorData.zeros(self.dtype(), shape);
        Moves.gather(self, Offsets.broadcast(self, shape), out, 0);
        maskedScatter(out, a);
        return out;
    }

    /** masked_scatter_: the masked positions of {@code dst}, in row-major order, take source's elements in order. */
    static void maskedScatter(TensorData dst, Object[] a) {
        TensorData mask = (TensorData) a[1], source = (TensorData) a[2];
        int[] selected = Nonzero.positions(mask, Offsets.broadcast(mask, dst.sizes()));
        if (selected.length > source.numel()) {
            throw OpError.of("masked_scatter", "Number of elements of source (" + source.numel() + ") < number of ones in mask ("
                    + selected.length + ")");
        }
        int[] all = Offsets.of(dst);
        int[] dstOff = new int[selected.length];
        for (int k = 0; k < dstOff.length; k++) dstOff[k] = all[selected[k]];
        int[] srcOff = Arrays.copyOf(Offsets.of(source), selected.length);
        Moves.scatter(source, srcOff, dst, dstOff);
    }

    static TensorData nonzero(Object[] a) {
        TensorData self = (TensorData) a[0];
        int[] positions = Nonzero.positions(self, Offsets.of(self));
        List<long[]> columns = Nonzero.coordinates(positions, self.sizes());
        int rank = self.dim();
        TensorData out = TensorData.zeros(DType.INT64, new long[]{positions.length, rank});
        long[] o = out.storage().longs();
        for (int d = 0; d < rank; d++) {
            long[] c = columns.get(d);
            for (int k = 0; k < c.length; k++) o[k * rank + d] = c[k];
        }
        return out;
    }

    static List<TensorData> nonzeroNumpy(Object[] a) {
        TensorData self = (TensorData) a[0];
        long[] sizes = nonempty(self.sizes());
        List<TensorData> out = new ArrayList<>();
        for (long[] column : Nonzero.coordinates(Nonzero.positions(self, Offsets.of(self)), sizes)) out.add(IndexingShapes.vector(column));
        return out;
    }

    static TensorData oneHot(Object[] a) {
        String op = "one_hot";
        TensorData self = (TensorData) a[0];
        long classes = (Long) a[1];
        long[] v = IndexValues.of(self);
        long[] sizes = Arrays.copyOf(self.sizes(), self.dim() + 1);
        if (v.length == 0) {
            if (classes <= 0) throw OpError.of(op, "Can not infer total number of classes from empty tensor.");
            sizes[self.dim()] = classes;
            return TensorData.zeros(DType.INT64, sizes);
        }
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (long x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (min < 0) throw OpError.of(op, "Class values must be non-negative.");
        if (classes == -1) classes = max + 1;
        else if (classes <= max) throw OpError.of(op, "Class values must be smaller than num_classes.");
        sizes[self.dim()] = classes;
        TensorData out = TensorData.zeros(DType.INT64, sizes);
        long[] o = out.storage().longs();
        for (int k = 0; k < v.length; k++) o[(int) (k * classes + v[k])] = 1;
        return out;
    }
}
