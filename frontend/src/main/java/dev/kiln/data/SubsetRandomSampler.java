package dev.kiln.data;

import dev.kiln.Generator;
import dev.kiln.Torch;
import java.util.Iterator;

/** The given indices in a random order, a fresh permutation each pass ({@code torch.utils.data.SubsetRandomSampler}). */
public final class SubsetRandomSampler implements Sampler<Long> {
    private final long[] indices;
    private final Generator generator;

    public SubsetRandomSampler(long[] indices) { this(indices, null); }

    /** @param generator the generator to draw from; null for the default generator */
    public SubsetRandomSampler(long[] indices, Generator generator) {
        this.indices = indices.clone();
        this.generator = generator;
    }

    @Override
    public Iterator<Long> iterator() {
        return new ChunkIterator(indices.length, remaining -> {
            long[] order = Torch.randperm(indices.length, null, generator).toLongArray();
            for (int i = 0; i < order.length; i++) order[i] = indices[(int) order[i]];
            return order;
        });
    }

    @Override
    public long len() { return indices.length; }
}
