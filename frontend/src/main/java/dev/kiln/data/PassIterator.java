package dev.kiln.data;

import java.util.NoSuchElementException;

/** A pass that loads its next batch when {@link #hasNext()} asks, so that an iterable dataset's end is known in time. */
abstract sealed class PassIterator<B> implements DataLoaderIterator<B> permits SingleThreadIterator, WorkerIterator {
    /** What {@link #advance()} returns when the pass has no further batch. */
    static final Object END = new Object();
    private static final Object NONE = new Object();

    private Object pending = NONE;

    /** The next batch, or {@link #END}. */
    abstract Object advance();

    /** Forgets a batch loaded ahead (a pass restarted, or closed). */
    final void discardPending(boolean ended) { pending = ended ? END : NONE; }

    @Override
    public final boolean hasNext() {
        if (pending == NONE) pending = advance();
        return pending != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public final B next() {
        if (!hasNext()) throw new NoSuchElementException("DataLoader: the pass has ended");
        Object batch = pending;
        pending = NONE;
        return (B) batch;
    }
}
