package dev.kiln.data;

import java.util.Iterator;

/**
 * One pass over a {@link DataLoader}. With worker threads, {@link #close()} stops them when the caller stops early
 * (a pass that runs to its end stops them itself, unless the loader keeps persistent workers).
 *
 * @param <B> the type of one batch
 */
public interface DataLoaderIterator<B> extends Iterator<B>, AutoCloseable {
    /** Stops this pass's worker threads, if any, and waits for them to end; further calls do nothing. */
    @Override
    void close();
}
