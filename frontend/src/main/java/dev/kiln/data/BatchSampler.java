package dev.kiln.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Groups a sampler's indices into batches of {@code batchSize} ({@code torch.utils.data.BatchSampler}); the last
 * batch is shorter unless {@code dropLast} drops it.
 */
public final class BatchSampler implements Sampler<List<Long>> {
    private final Sampler<Long> sampler;
    private final int batchSize;
    private final boolean dropLast;

    public BatchSampler(Sampler<Long> sampler, int batchSize, boolean dropLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("BatchSampler: batch_size should be a positive integer value, but got batch_size=" + batchSize);
        }
        this.sampler = sampler;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
    }

    public Sampler<Long> sampler() { return sampler; }

    public int batchSize() { return batchSize; }

    public boolean dropLast() { return dropLast; }

    @Override
    public Iterator<List<Long>> iterator() {
        Iterator<Long> indices = sampler.iterator();
        return new Iterator<>() {
            private List<Long> pending;

            @Override
            public boolean hasNext() {
                if (pending == null) {
                    List<Long> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && indices.hasNext()) batch.add(indices.next());
                    if (!batch.isEmpty() && (batch.size() == batchSize || !dropLast)) pending = batch;
                }
                return pending != null;
            }

            @Override
            public List<Long> next() {
                if (!hasNext()) throw new NoSuchElementException();
                List<Long> batch = pending;
                pending = null;
                return batch;
            }
        };
    }

    @Override
    public long len() {
        long n = sampler.len();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    @Override
    public String toString() { return "BatchSampler(batch_size=" + batchSize + ", drop_last=" + dropLast + ")"; }
}
