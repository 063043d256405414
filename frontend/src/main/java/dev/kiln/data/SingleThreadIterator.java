package dev.kiln.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** A pass that loads each batch in the calling thread when asked for it ({@code _SingleProcessDataLoaderIter}). */
final class SingleThreadIterator<B> implements DataLoaderIterator<B> {
    private static final Object NONE = new Object();

    private final Iterator<?> indices;
    private final Fetcher fetcher;
    private Object pending = NONE;
    private boolean ended;

    SingleThreadIterator(DataLoader<B> loader) {
        indices = loader.indexIterator();
        Seeds.draw(loader.generator);
        fetcher = loader.newFetcher();
    }

    @Override
    public boolean hasNext() {
        if (pending == NONE && !ended) {
            if (!indices.hasNext()) {
                ended = true;
            } else {
                try {
                    pending = fetcher.fetch(indices.next());
                } catch (Fetcher.End e) {
                    ended = true;
                }
            }
        }
        return pending != NONE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public B next() {
        if (!hasNext()) throw new NoSuchElementException("DataLoader: the pass has ended");
        Object batch = pending;
        pending = NONE;
        return (B) batch;
    }

    @Override
    public void close() { ended = true; }
}
