package dev.kiln.runtime.indexing;

import static dev.kiln.runtime.indexing.ScatterGatherKernels.nonempty;

import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import java.util.List;

/**
 * sort, argsort and topk along a dimension: each row is ranked by {@link RowSort} (rows split over the worker
 * pool), the int64 indices are written, and the values are gathered through them.
 */
final class SortKernels {
    private SortKernels() {}

    static List<TensorData> sort(TensorData self, long dim, boolean descending) {
        TensorData indices = argsort(self, dim, descending);
        return List.of(values(self, dim, indices), indices);
    }

    static TensorData argsort(TensorData self, long dimArg, boolean descending) {
        int dim = Shapes.wrapDim("sort", dimArg, self.dim());
        int n = (int) nonempty(self.sizes())[dim];
        return rank(self, dim, n, descending, (sorter, rowLength) -> sorter.sort(rowLength));
    }

    static List<TensorData> topk(Object[] a) {
        TensorData self = (TensorData) a[0];
        int k = (int) (long) (Long) a[1];
        int dim = Shapes.wrapDim("topk", (Long) a[2], self.dim());
        boolean largest = (Boolean) a[3];
        TensorData indices = rank(self, dim, k, largest, (sorter, rowLength) -> sorter.select(rowLength, k));
        return List.of(values(self, dim, indices), indices);
    }

    /** How one row is ranked: fills {@code sorter.perm} with the row's first positions in result order. */
    @FunctionalInterface
    private interface Ranking {
        void rank(RowSort sorter, int rowLength);
    }

    /** Ranks every row of {@code self} along {@code dim}, keeping the first {@code keep} positions of each. */
    private static TensorData rank(TensorData self, int dim, int keep, boolean descending, Ranking ranking) {
        long[] sizes = nonempty(self.sizes()), strides = nonempty(self.strides());
        long[] outSizes = sizes.clone();
        outSizes[dim] = keep;
        TensorData out = TensorData.zeros(DType.INT64, self.dim() == 0 ? new long[0] : outSizes);
        int n = (int) sizes[dim];
        int stride = (int) strides[dim];
        int[] rows = Offsets.of(IndexingShapes.without(sizes, dim), IndexingShapes.without(strides, dim), self.offset());
        if (n == 0 || keep == 0 || rows.length == 0) return out;
        long[] contiguous = dev.kiln.ir.op.Geometry.contiguousStrides(outSizes);
        int[] outRows = Offsets.of(IndexingShapes.without(outSizes, dim), IndexingShapes.without(contiguous, dim), 0);
        int outStride = (int) contiguous[dim];
        long[] result = out.storage().longs();
        Parallel.forRange(rows.length, Math.max(1, Offsets.GRAIN / n), (from, to) -> {
            RowSort sorter = new RowSort(self.dtype(), n);
            for (int r = (int) from; r < to; r++) {
                RowSort.keys(self.dtype(), self.storage(), rows[r], stride, n, sorter.keys, descending);
                ranking.rank(sorter, n);
                for (int j = 0; j < keep; j++) result[outRows[r] + j * outStride] = sorter.perm[j];
            }
        });
        return out;
    }

    /** {@code self.gather(dim, indices)}: the values in ranked order. */
    private static TensorData values(TensorData self, long dim, TensorData indices) {
        return ScatterGatherKernels.gather(new Object[]{self, dim, indices, false});
    }
}
