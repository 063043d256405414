package dev.kiln.runtime.indexing;

import dev.kiln.ir.op.aten.IndexLayout;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.indexing.Accumulate.Reduction;
import dev.kiln.runtime.memory.TensorData;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code index.Tensor} and {@code index_put_}: bool masks become the long indices of their nonzero elements,
 * all index tensors broadcast together, and {@link IndexLayout} decides where their dimensions go.
 */
final class AdvancedIndexKernels {
    private AdvancedIndexKernels() {}

    static TensorData index(Object[] a) {
        TensorData self = (TensorData) a[0];
        Resolved r = resolve("index", self, (List<?>) a[1]);
        TensorData out = TensorData.zeros(self.dtype(), r.layout.resultSizes().clone());
        int[][] parts = r.parts(self);
        Moves.gather(self, parts[0], parts[1], parts[2], out);
        return out;
    }

    static void indexPut(TensorData dst, Object[] a) {
        String op = "index_put";
        TensorData values = (TensorData) a[2];
        boolean accumulate = (Boolean) a[3];
        Resolved r = resolve(op, dst, (List<?>) a[1]);
        r.layout.checkValues(op, values.sizes());
        int[][] parts = r.parts(dst);
        int[] dstOff = Offsets.combine(parts[0], parts[1], parts[2]);
        int[] srcOff = Offsets.broadcast(values, r.layout.resultSizes());
        if (accumulate) Accumulate.apply(Reduction.SUM, dst, dstOff, values, srcOff);
        else Moves.scatter(values, srcOff, dst, dstOff);
    }

    /** The index list with masks expanded, and the layout of the result. */
    private record Resolved(String op, List<TensorData> indices, IndexLayout layout) {

        /**
         * Where the result's elements are in {@code t}: offsets over the leading non-indexed dimensions, over the
         * broadcast index positions, and over the trailing non-indexed dimensions, to be summed in (o, j, i) order.
         */
        int[][] parts(TensorData t) {
            int[] order = layout.order(), dims = layout.indexedDims();
            int first = layout.first(), rank = t.dim();
            long[][] outer = Offsets.dims(t, order, 0, first), inner = Offsets.dims(t, order, first + dims.length, rank);
            int[] middle = new int[(int) dev.kiln.ir.op.Shapes.checkedNumel(op, layout.broadcast())];
            for (int d : dims) {
                long[] idx = IndexValues.broadcast(indices.get(d), layout.broadcast());
                IndexValues.addScaled(op, idx, t.sizes()[d], t.strides()[d], true, d, middle);
            }
            return new int[][]{Offsets.of(outer[0], outer[1], t.offset()), middle, Offsets.of(inner[0], inner[1], 0)};
        }
    }

    private static Resolved resolve(String op, TensorData self, List<?> entries) {
        List<TensorData> indices = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof TensorData index)) {
                indices.add(null);
                shapes.add(null);
            } else if (index.dtype() == DType.INT64) {
                indices.add(index);
                shapes.add(index.sizes());
            } else {
                int[] positions = Nonzero.positions(index, Offsets.of(index));
                for (long[] column : Nonzero.coordinates(positions, index.sizes())) {
                    indices.add(IndexingShapes.vector(column));
                    shapes.add(new long[]{column.length});
                }
            }
        }
        return new Resolved(op, indices, IndexLayout.of(op, self.sizes(), shapes));
    }
}
