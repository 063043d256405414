package dev.kiln.data;

import java.util.Iterator;
import java.util.stream.LongStream;

/** The indices {@code 0 .. len-1} in order ({@code torch.utils.data.SequentialSampler}). */
public final class SequentialSampler implements Sampler<Long> {
    private final Dataset<?> dataSource;

    public SequentialSampler(Dataset<?> dataSource) { this.dataSource = dataSource; }

    @Override
    public Iterator<Long> iterator() { return LongStream.range(0, dataSource.len()).boxed().iterator(); }

    @Override
    public long len() { return dataSource.len(); }

    @Override
    public String toString() { return "SequentialSampler(len=" + len() + ")"; }
}
