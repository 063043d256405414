package dev.kiln.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/**
 * The indices of a random sampler, drawn a chunk at a time and only when first asked for, as PyTorch's samplers (Python
 * generators) draw theirs: a loader's worker seed is drawn from the generator before the sampler's first indices.
 */
final class ChunkIterator implements Iterator<Long> {
    private final long total;
    private final LongFunction<long[]> nextChunk;
    private long produced;
    private long[] chunk = new long[0];
    private int position;

    /** {@code nextChunk} gets how many indices remain and returns the next non-empty chunk of at most that many. */
    ChunkIterator(long total, LongFunction<long[]> nextChunk) {
        this.total = total;
        this.nextChunk = nextChunk;
    }

    @Override
    public boolean hasNext() { return produced < total; }

    @Override
    public Long next() {
        if (!hasNext()) throw new NoSuchElementException();
        if (position == chunk.length) {
            chunk = nextChunk.apply(total - produced);
            position = 0;
        }
        produced++;
        return chunk[position++];
    }
}
