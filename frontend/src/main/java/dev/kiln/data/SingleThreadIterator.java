package dev.kiln.data;

import java.util.Iterator;

/** A pass that loads each batch in the calling thread when asked for it ({@code _SingleProcessDataLoaderIter}). */
final class SingleThreadIterator<B> extends PassIterator<B> {
    private final Iterator<?> indices;
    private final Fetcher fetcher;
    private boolean ended;

    SingleThreadIterator(DataLoader<B> loader) {
        indices = loader.indexIterator();
        Seeds.draw(loader.generator);
        fetcher = loader.newFetcher();
    }

    @Override
    Object advance() {
        if (ended || !indices.hasNext()) return END;
        try {
            return fetcher.fetch(indices.next());
        } catch (Fetcher.End e) {
            ended = true;
            return END;
        }
    }

    @Override
    public void close() {
        ended = true;
        discardPending(true);
    }
}
