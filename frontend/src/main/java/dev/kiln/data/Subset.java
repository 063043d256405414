package dev.kiln.data;

/**
 * The samples of a dataset at the given indices, in their order ({@code torch.utils.data.Subset}).
 *
 * @param <T> the type of one sample
 */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final long[] indices;

    public Subset(Dataset<T> dataset, long[] indices) {
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    public Dataset<T> dataset() { return dataset; }

    /** A copy of the indices into {@link #dataset()}. */
    public long[] indices() { return indices.clone(); }

    @Override
    public T getItem(long index) {
        long i = index < 0 ? index + indices.length : index;
        if (i < 0 || i >= indices.length) {
            throw new IndexOutOfBoundsException("Subset: index " + index + " is out of range for a subset of length " + indices.length);
        }
        return dataset.getItem(indices[(int) i]);
    }

    @Override
    public long len() { return indices.length; }
}
