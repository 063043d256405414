package dev.kiln.data;

import dev.kiln.Generator;
import dev.kiln.Torch;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Random indices into a dataset ({@code torch.utils.data.RandomSampler}). Without replacement each pass is a fresh
 * permutation ({@code numSamples} beyond the length takes further permutations); with replacement indices are drawn
 * uniformly, 32 at a time as PyTorch draws them. Without a generator each pass seeds a new one from the default
 * generator, so {@link Torch#manualSeed} makes passes reproducible.
 */
public final class RandomSampler implements Sampler<Long> {
    private static final int REPLACEMENT_CHUNK = 32;

    private final Dataset<?> dataSource;
    private final boolean replacement;
    private final Long numSamples;
    private final Generator generator;

    /** A permutation of the dataset's indices per pass, from the default generator. */
    public RandomSampler(Dataset<?> dataSource) { this(dataSource, false, null, null); }

    /**
     * @param numSamples how many indices a pass yields; null for the dataset's length
     * @param generator the generator to draw from; null for a new one per pass seeded from the default generator
     */
    public RandomSampler(Dataset<?> dataSource, boolean replacement, Long numSamples, Generator generator) {
        this.dataSource = dataSource;
        this.replacement = replacement;
        this.numSamples = numSamples;
        this.generator = generator;
        if (len() <= 0) {
            throw new IllegalArgumentException("RandomSampler: num_samples should be a positive integer value, but got num_samples=" + len());
        }
    }

    public boolean replacement() { return replacement; }

    public Generator generator() { return generator; }

    @Override
    public Iterator<Long> iterator() {
        long n = dataSource.len();
        Generator[] source = {generator};
        return new ChunkIterator(len(), remaining -> {
            if (source[0] == null) source[0] = Seeds.freshFromDefault();
            if (replacement) {
                return Torch.randint(0, n, new long[]{Math.min(REPLACEMENT_CHUNK, remaining)}, null, source[0]).toLongArray();
            }
            long[] permutation = Torch.randperm(n, null, source[0]).toLongArray();
            return remaining < n ? Arrays.copyOf(permutation, (int) remaining) : permutation;
        });
    }

    /** The number of indices a pass yields ({@code num_samples}). */
    @Override
    public long len() { return numSamples == null ? dataSource.len() : numSamples; }

    @Override
    public String toString() { return "RandomSampler(num_samples=" + len() + ", replacement=" + replacement + ")"; }
}
