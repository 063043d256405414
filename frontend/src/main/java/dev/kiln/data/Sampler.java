package dev.kiln.data;

/**
 * Chooses what a {@link DataLoader} reads next ({@code torch.utils.data.Sampler}): dataset indices ({@code
 * Sampler<Long>}) or whole batches of them ({@code Sampler<List<Long>>}, a batch sampler). Only {@link #iterator()}
 * is required, so a lambda is a sampler; {@link #len()} is needed for {@link DataLoader#len()}.
 *
 * @param <I> what one step yields: an index or a batch of indices
 */
@FunctionalInterface
public interface Sampler<I> extends Iterable<I> {
    /** How many items one pass yields; by default unknown, as for a PyTorch sampler without {@code __len__}. */
    default long len() {
        throw new UnsupportedOperationException("object of type " + getClass().getSimpleName() + " has no len()");
    }
}
