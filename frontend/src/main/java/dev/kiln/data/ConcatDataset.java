package dev.kiln.data;

import java.util.Arrays;
import java.util.List;

/**
 * Datasets one after another as one dataset ({@code torch.utils.data.ConcatDataset}); a negative index counts from
 * the end, as in PyTorch.
 *
 * @param <T> the type of one sample
 */
public final class ConcatDataset<T> implements Dataset<T> {
    private final List<Dataset<? extends T>> datasets;
    private final long[] cumulativeSizes;

    public ConcatDataset(List<? extends Dataset<? extends T>> datasets) {
        if (datasets.isEmpty()) throw new IllegalArgumentException("ConcatDataset: datasets should not be an empty iterable");
        this.datasets = List.copyOf(datasets);
        cumulativeSizes = new long[datasets.size()];
        long total = 0;
        for (int i = 0; i < cumulativeSizes.length; i++) cumulativeSizes[i] = total += datasets.get(i).len();
    }

    public List<Dataset<? extends T>> datasets() { return datasets; }

    /** The running totals of the datasets' lengths ({@code cumulative_sizes}). */
    public long[] cumulativeSizes() { return cumulativeSizes.clone(); }

    @Override
    public T getItem(long index) {
        long idx = index;
        if (idx < 0) {
            if (-idx > len()) throw new IllegalArgumentException("ConcatDataset: absolute value of index should not exceed dataset length, got index "
                    + index + " for length " + len());
            idx += len();
        }
        if (idx >= len()) throw new IndexOutOfBoundsException("ConcatDataset: index " + index + " is out of range for a dataset of length " + len());
        int dataset = bisectRight(idx);
        long sampleIndex = dataset == 0 ? idx : idx - cumulativeSizes[dataset - 1];
        return datasets.get(dataset).getItem(sampleIndex);
    }

    /** The first position whose running total exceeds {@code idx} (Python's {@code bisect.bisect_right}). */
    private int bisectRight(long idx) {
        int found = Arrays.binarySearch(cumulativeSizes, idx);
        if (found < 0) return -found - 1;
        while (found < cumulativeSizes.length && cumulativeSizes[found] == idx) found++;
        return found;
    }

    @Override
    public long len() { return cumulativeSizes[cumulativeSizes.length - 1]; }
}
