package dev.kiln.data;

/**
 * An iterable-style dataset ({@code torch.utils.data.IterableDataset}): a stream of samples with no index. With
 * worker threads, every worker calls {@link #iterator()} on this same object (PyTorch gives each worker process a
 * copy), so each call must return a fresh iterator; {@link WorkerInfo#get()} tells the calling worker its id and the
 * number of workers, for splitting the stream between them.
 *
 * @param <T> the type of one sample
 */
public interface IterableDataset<T> extends Iterable<T> {
    /** The number of samples, when known; by default there is none, as for PyTorch's IterableDataset. */
    default long len() {
        throw new UnsupportedOperationException("object of type " + getClass().getSimpleName() + " has no len()");
    }
}
