package dev.kiln.data;

import dev.kiln.Generator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Batches of a dataset, read in the order a sampler chooses ({@code torch.utils.data.DataLoader}), built with
 * {@link #builder(Dataset)} and PyTorch's options and defaults; the combinations PyTorch rejects are rejected with its
 * messages. With {@code numWorkers > 0} batches are loaded by worker threads, {@code prefetchFactor} batches ahead per
 * worker, and handed out in sampler order, so a map-style dataset gives the same batches in the same order whatever
 * the number of workers. A worker's exception is rethrown by the iterator as a {@link DataLoaderWorkerException}. A
 * pass that ends stops its workers; one abandoned early stops them on {@link DataLoaderIterator#close()}, on
 * {@link #close()}, or when it is garbage collected. {@code pinMemory} is accepted and has no effect on the CPU.
 *
 * @param <B> the type of one batch
 */
public final class DataLoader<B> implements Iterable<B>, AutoCloseable {
    final Dataset<?> mapDataset;
    final IterableDataset<?> iterableDataset;
    private final Integer batchSize;
    private final boolean dropLast;
    private final Sampler<Long> sampler;
    private final Sampler<List<Long>> batchSampler;
    private final Function<Object, Object> collateFn;
    final int numWorkers;
    final int prefetchFactor;
    final boolean persistentWorkers;
    final double timeout;
    final IntConsumer workerInitFn;
    final Generator generator;
    private final boolean pinMemory;
    final Set<Workers> running = ConcurrentHashMap.newKeySet();
    private WorkerIterator<B> persistentIterator;

    private DataLoader(DataLoaderBuilder<?, B> b, Integer batchSize, boolean dropLast, Sampler<Long> sampler, Sampler<List<Long>> batchSampler,
            Function<Object, Object> collateFn) {
        this.mapDataset = b.mapDataset;
        this.iterableDataset = b.iterableDataset;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.sampler = sampler;
        this.batchSampler = batchSampler;
        this.collateFn = collateFn;
        this.numWorkers = b.numWorkers;
        this.prefetchFactor = b.prefetchFactor;
        this.persistentWorkers = b.persistentWorkers;
        this.timeout = b.timeout;
        this.workerInitFn = b.workerInitFn;
        this.generator = b.generator;
        this.pinMemory = b.pinMemory;
    }

    /** A builder for a loader over a map-style dataset, with PyTorch's defaults (batches of 1, in order, no workers). */
    public static <T> DataLoaderBuilder<T, Object> builder(Dataset<T> dataset) { return new DataLoaderBuilder<>(dataset, null); }

    /** A builder for a loader over an iterable-style dataset (no sampler, no shuffling). */
    public static <T> DataLoaderBuilder<T, Object> builder(IterableDataset<T> dataset) { return new DataLoaderBuilder<>(null, dataset); }

    /** Checks the options as {@code DataLoader.__init__} does and fills in the defaults it fills in. */
    static <B> DataLoader<B> create(DataLoaderBuilder<?, B> b) {
        if (b.numWorkers < 0) throw new IllegalArgumentException("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
        if (b.timeout < 0) throw new IllegalArgumentException("timeout option should be non-negative");
        if (b.numWorkers == 0 && b.prefetchFactor != 2) {
            throw new IllegalArgumentException("prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing.");
        }
        if (b.prefetchFactor <= 0) throw new IllegalArgumentException("prefetch_factor option should be positive, but got prefetch_factor=" + b.prefetchFactor);
        if (b.persistentWorkers && b.numWorkers == 0) throw new IllegalArgumentException("persistent_workers option needs num_workers > 0");
        boolean shuffle = Boolean.TRUE.equals(b.shuffle);
        if (b.iterableDataset != null) {
            if (shuffle) throw new IllegalArgumentException("DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=True");
            if (b.sampler != null) {
                throw new IllegalArgumentException("DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=" + b.sampler);
            }
            if (b.batchSampler != null) {
                throw new IllegalArgumentException("DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler="
                        + b.batchSampler);
            }
        }
        if (b.sampler != null && shuffle) throw new IllegalArgumentException("sampler option is mutually exclusive with shuffle");
        Integer batchSize = b.batchSize;
        boolean dropLast = b.dropLast;
        if (b.batchSampler != null) {
            if (batchSize == null || batchSize != 1 || shuffle || b.sampler != null || dropLast) {
                throw new IllegalArgumentException("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last");
            }
            batchSize = null;
            dropLast = false;
        } else if (batchSize == null && dropLast) {
            throw new IllegalArgumentException("batch_size=None option disables auto-batching and is mutually exclusive with drop_last");
        }
        if (b.timeout > 0 && b.numWorkers == 0) {
            throw new IllegalArgumentException("timeout option applies to worker threads: with num_workers=0 it must be 0, got timeout=" + b.timeout);
        }
        Sampler<Long> sampler = b.sampler;
        if (sampler == null && b.mapDataset != null) {
            sampler = shuffle ? new RandomSampler(b.mapDataset, false, null, b.generator) : new SequentialSampler(b.mapDataset);
        }
        Sampler<List<Long>> batchSampler = b.batchSampler;
        if (batchSize != null && batchSampler == null) {
            if (batchSize <= 0) throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
            if (sampler != null) batchSampler = new BatchSampler(sampler, batchSize, dropLast);
        }
        boolean autoCollation = batchSampler != null || (b.iterableDataset != null && batchSize != null);
        Function<Object, Object> collate = b.collateFn;
        if (collate == null) collate = autoCollation ? batch -> Collate.defaultCollate((List<?>) batch) : Collate::defaultConvert;
        else if (autoCollation != b.collateTakesBatches) {
            throw new IllegalArgumentException(autoCollation
                    ? "DataLoader: convertFn applies to single samples, without automatic batching (batchSize(null)); use collateFn for batches"
                    : "DataLoader: collateFn applies to batches; without automatic batching (batchSize(null)) use convertFn");
        }
        return new DataLoader<>(b, batchSize, dropLast, sampler, batchSampler, collate);
    }

    /** The number of samples per batch ({@code batch_size}); null without automatic batching or with a batch sampler. */
    public Integer batchSize() { return batchSize; }

    public boolean dropLast() { return dropLast; }

    /** The index sampler: the one given, else a RandomSampler with shuffle, else a SequentialSampler; null for an iterable dataset. */
    public Sampler<Long> sampler() { return sampler; }

    /** The batch sampler: the one given, else a BatchSampler over {@link #sampler()}; null without automatic batching. */
    public Sampler<List<Long>> batchSampler() { return batchSampler; }

    public int numWorkers() { return numWorkers; }

    public boolean pinMemory() { return pinMemory; }

    /**
     * {@code len(loader)}: the number of batches of a pass, from the (batch) sampler's length; for an iterable dataset
     * an estimate from its {@link IterableDataset#len()}, rounded as {@code dropLast} says.
     */
    public long len() {
        if (iterableDataset != null) {
            long n = iterableDataset.len();
            if (batchSize == null) return n;
            return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        }
        return batchSampler != null ? batchSampler.len() : sampler.len();
    }

    /**
     * A new pass over the data (with persistent workers, the same iterator restarted on the same workers). Each pass
     * of a shuffling loader draws a new order; with worker threads the pass first draws the workers' base seed from
     * the loader's generator.
     */
    @Override
    public synchronized DataLoaderIterator<B> iterator() {
        if (numWorkers == 0) return new SingleThreadIterator<>(this);
        if (!persistentWorkers) return new WorkerIterator<>(this);
        if (persistentIterator == null || persistentIterator.isClosed()) persistentIterator = new WorkerIterator<>(this);
        else persistentIterator.restart();
        return persistentIterator;
    }

    /** The batches of one pass as a stream; closing the stream closes the pass. */
    public Stream<B> stream() {
        DataLoaderIterator<B> it = iterator();
        Iterable<B> once = () -> it;
        return StreamSupport.stream(once.spliterator(), false).onClose(it::close);
    }

    /** Stops every worker thread this loader started (persistent ones included) and waits for them to end. */
    @Override
    public synchronized void close() {
        if (persistentIterator != null) persistentIterator.close();
        for (Workers w : running) w.shutdown();
    }

    /** The steps of one pass: batches of indices, single indices, or for an iterable dataset an endless run of requests. */
    Iterator<?> indexIterator() {
        if (iterableDataset != null) return Stream.generate(() -> 0).iterator();
        return batchSampler != null ? batchSampler.iterator() : sampler.iterator();
    }

    /** A new fetcher, made in the thread that will use it (an iterable dataset's iterator is created here). */
    Fetcher newFetcher() {
        if (iterableDataset != null) return new Fetcher.IterableStyle(iterableDataset, batchSize, dropLast, collateFn);
        return new Fetcher.MapStyle(mapDataset, batchSampler != null, collateFn);
    }

    /** The dataset, whichever its style. */
    Object dataset() { return mapDataset != null ? mapDataset : iterableDataset; }

    @Override
    public String toString() {
        return "DataLoader(batch_size=" + batchSize + ", num_workers=" + numWorkers + ", drop_last=" + dropLast + ")";
    }
}
