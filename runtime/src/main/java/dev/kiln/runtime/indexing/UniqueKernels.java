package dev.kiln.runtime.indexing;

import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code _unique2} and {@code unique_dim}. Results are always sorted (PyTorch's unsorted order is a hash
 * order, unspecified); elements are equal when {@code ==} holds, so -0.0 joins 0.0 and every NaN stays apart.
 * As in ATen 1.13, {@code _unique2} also returns the inverse when only counts are asked for, and
 * {@code unique_dim} always returns all three results.
 */
final class UniqueKernels {
    private UniqueKernels() {}

    static List<TensorData> unique(Object[] a) {
        TensorData self = (TensorData) a[0];
        boolean returnCounts = (Boolean) a[3], returnInverse = (Boolean) a[2] || returnCounts;
        TensorData flat = Moves.copy(self);
        int n = (int) flat.numel();
        RowSort sorter = new RowSort(self.dtype(), n);
        long[] keys = sorter.keys;
        RowSort.keys(flat.dtype(), flat.storage(), 0, 1, n, keys, false);
        sorter.sort(n);
        int[] perm = sorter.perm;
        long nan = self.dtype() == DType.FLOAT64 ? RowSort.NAN64 : RowSort.NAN32;
        boolean floating = self.dtype().isFloatingPoint();
        int[] firsts = new int[n];
        long[] inverse = new long[returnInverse ? n : 0];
        long[] counts = new long[n];
        int groups = 0;
        for (int i = 0; i < n; i++) {
            long key = keys[perm[i]];
            boolean same = i > 0 && key == keys[perm[i - 1]] && !(floating && key == nan);
            if (!same) firsts[groups++] = perm[i];
            counts[groups - 1]++;
            if (returnInverse) inverse[perm[i]] = groups - 1;
        }
        TensorData values = TensorData.zeros(self.dtype(), new long[]{groups});
        Moves.gather(flat, Arrays.copyOf(firsts, groups), values, 0);
        return List.of(values,
                returnInverse ? IndexingShapes.longs(inverse, self.sizes().clone()) : IndexingShapes.vector(new long[0]),
                IndexingShapes.vector(returnCounts ? Arrays.copyOf(counts, groups) : new long[0]));
    }

    static List<TensorData> uniqueDim(Object[] a) {
        TensorData self = (TensorData) a[0];
        int dim = Shapes.wrapDim("unique_dim", (Long) a[1], self.dim());
        int m = (int) self.sizes()[dim];
        TensorData rows = Moves.copy(moveToFront(self, dim));
        int width = m == 0 ? 0 : (int) (rows.numel() / m);
        long[][] slices = new long[m][width];
        for (int i = 0; i < m; i++) RowSort.keys(rows.dtype(), rows.storage(), i * width, 1, width, slices[i], false);
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparing((Integer i) -> slices[i], Arrays::compare));
        long[] firsts = new long[m], inverse = new long[m], counts = new long[m];
        int groups = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0 || !Arrays.equals(slices[order[i]], slices[order[i - 1]])) firsts[groups++] = order[i];
            counts[groups - 1]++;
            inverse[order[i]] = groups - 1;
        }
        TensorData values = SelectionKernels.indexSelect(new Object[]{self, (long) dim, IndexingShapes.vector(Arrays.copyOf(firsts, groups))});
        return List.of(values, IndexingShapes.vector(inverse), IndexingShapes.vector(Arrays.copyOf(counts, groups)));
    }

    /** A view of {@code t} with dimension {@code dim} first, so each slice along it is one contiguous run of offsets. */
    private static TensorData moveToFront(TensorData t, int dim) {
        long[] sizes = new long[t.dim()], strides = new long[t.dim()];
        sizes[0] = t.sizes()[dim];
        strides[0] = t.strides()[dim];
        for (int d = 0, j = 1; d < t.dim(); d++) {
            if (d == dim) continue;
            sizes[j] = t.sizes()[d];
            strides[j++] = t.strides()[d];
        }
        return new TensorData(t.dtype(), t.storage(), sizes, strides, t.offset());
    }
}
