package dev.kiln.data;

/**
 * A map-style dataset ({@code torch.utils.data.Dataset}): samples addressed by an index in {@code [0, len())}.
 * A {@link DataLoader} reads it through a sampler that chooses the indices and their order.
 *
 * @param <T> the type of one sample
 */
public interface Dataset<T> {
    /** The sample at {@code index} ({@code dataset[index]}). */
    T getItem(long index);

    /** The number of samples ({@code len(dataset)}). */
    long len();
}
