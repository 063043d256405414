package dev.kiln.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Turns one step of the index sampler into one batch ({@code _MapDatasetFetcher} / {@code _IterableDatasetFetcher}):
 * reads the samples and applies the collate function. Each worker has its own, since an iterable dataset's fetcher
 * holds the iterator that worker reads.
 */
abstract sealed class Fetcher {
    /** Signals that an iterable dataset has no further batch for this fetcher. */
    static final class End extends RuntimeException {
        End() { super("end of the iterable dataset", null, false, false); }
    }

    final Function<Object, Object> collate;

    Fetcher(Function<Object, Object> collate) { this.collate = collate; }

    /** The batch for {@code index}: a list of indices with automatic batching, else one index. */
    abstract Object fetch(Object index);

    static final class MapStyle extends Fetcher {
        private final Dataset<?> dataset;
        private final boolean autoCollation;

        MapStyle(Dataset<?> dataset, boolean autoCollation, Function<Object, Object> collate) {
            super(collate);
            this.dataset = dataset;
            this.autoCollation = autoCollation;
        }

        @Override
        Object fetch(Object index) {
            if (!autoCollation) return collate.apply(dataset.getItem((Long) index));
            List<?> indices = (List<?>) index;
            List<Object> samples = new ArrayList<>(indices.size());
            for (Object i : indices) samples.add(dataset.getItem((Long) i));
            return collate.apply(samples);
        }
    }

    /** Reads an iterable dataset: each step is a batch of up to {@code batchSize} samples, or one sample when it is null. */
    static final class IterableStyle extends Fetcher {
        private final Iterator<?> samples;
        private final Integer batchSize;
        private final boolean dropLast;
        private boolean ended;

        IterableStyle(IterableDataset<?> dataset, Integer batchSize, boolean dropLast, Function<Object, Object> collate) {
            super(collate);
            this.samples = dataset.iterator();
            this.batchSize = batchSize;
            this.dropLast = dropLast;
        }

        @Override
        Object fetch(Object index) {
            if (ended) throw new End();
            if (batchSize == null) {
                if (!samples.hasNext()) {
                    ended = true;
                    throw new End();
                }
                return collate.apply(samples.next());
            }
            List<Object> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize) {
                if (!samples.hasNext()) {
                    ended = true;
                    break;
                }
                batch.add(samples.next());
            }
            if (batch.isEmpty() || (dropLast && batch.size() < batchSize)) throw new End();
            return collate.apply(batch);
        }
    }
}
