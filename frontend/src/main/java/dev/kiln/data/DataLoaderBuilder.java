package dev.kiln.data;

import dev.kiln.Generator;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The options of a {@link DataLoader}, named and defaulted as {@code DataLoader.__init__}'s arguments; {@link #build()}
 * checks them as PyTorch does.
 *
 * @param <T> the type of one sample
 * @param <B> the type of one batch, set by {@link #collateFn} or {@link #convertFn} (default collate gives Object)
 */
public final class DataLoaderBuilder<T, B> {
    final Dataset<T> mapDataset;
    final IterableDataset<T> iterableDataset;
    Integer batchSize = 1;
    Boolean shuffle;
    Sampler<Long> sampler;
    Sampler<List<Long>> batchSampler;
    boolean dropLast;
    Function<Object, Object> collateFn;
    boolean collateTakesBatches;
    int numWorkers;
    int prefetchFactor = 2;
    boolean persistentWorkers;
    IntConsumer workerInitFn;
    double timeout;
    boolean pinMemory;
    Generator generator;

    DataLoaderBuilder(Dataset<T> mapDataset, IterableDataset<T> iterableDataset) {
        this.mapDataset = mapDataset;
        this.iterableDataset = iterableDataset;
    }

    /** Samples per batch (default 1); null turns automatic batching off: each sample goes through {@link #convertFn} alone. */
    public DataLoaderBuilder<T, B> batchSize(Integer batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /** Reshuffles each pass (a RandomSampler drawing from {@link #generator}). */
    public DataLoaderBuilder<T, B> shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** The order of the indices; excludes shuffle. */
    public DataLoaderBuilder<T, B> sampler(Sampler<Long> sampler) {
        this.sampler = sampler;
        return this;
    }

    /** Whole batches of indices; excludes batchSize, shuffle, sampler and dropLast. */
    public DataLoaderBuilder<T, B> batchSampler(Sampler<List<Long>> batchSampler) {
        this.batchSampler = batchSampler;
        return this;
    }

    /** Drops the last batch when it is short. */
    public DataLoaderBuilder<T, B> dropLast(boolean dropLast) {
        this.dropLast = dropLast;
        return this;
    }

    /** Merges a list of samples into a batch (default {@link Collate#defaultCollate}). */
    @SuppressWarnings("unchecked")
    public <C> DataLoaderBuilder<T, C> collateFn(Function<? super List<T>, ? extends C> collateFn) {
        this.collateFn = batch -> collateFn.apply((List<T>) batch);
        this.collateTakesBatches = true;
        return (DataLoaderBuilder<T, C>) this;
    }

    /** Converts each sample when automatic batching is off ({@code collate_fn} then; default {@link Collate#defaultConvert}). */
    @SuppressWarnings("unchecked")
    public <C> DataLoaderBuilder<T, C> convertFn(Function<? super T, ? extends C> convertFn) {
        this.collateFn = sample -> convertFn.apply((T) sample);
        this.collateTakesBatches = false;
        return (DataLoaderBuilder<T, C>) this;
    }

    /** Worker threads that load batches ahead of the caller (default 0: the caller loads them). */
    public DataLoaderBuilder<T, B> numWorkers(int numWorkers) {
        this.numWorkers = numWorkers;
        return this;
    }

    /** Batches each worker loads ahead (default 2); only with workers. */
    public DataLoaderBuilder<T, B> prefetchFactor(int prefetchFactor) {
        this.prefetchFactor = prefetchFactor;
        return this;
    }

    /** Keeps the workers (and their dataset iterators' setup) from one pass to the next; only with workers. */
    public DataLoaderBuilder<T, B> persistentWorkers(boolean persistentWorkers) {
        this.persistentWorkers = persistentWorkers;
        return this;
    }

    /** Runs in each worker thread, given its id, before it loads anything ({@link WorkerInfo#get()} is set by then). */
    public DataLoaderBuilder<T, B> workerInitFn(IntConsumer workerInitFn) {
        this.workerInitFn = workerInitFn;
        return this;
    }

    /** Seconds to wait for a batch from the workers before failing (default 0: wait for ever); only with workers. */
    public DataLoaderBuilder<T, B> timeout(double seconds) {
        this.timeout = seconds;
        return this;
    }

    /** Accepted for PyTorch compatibility; pinned memory is a CUDA notion and has no effect on the CPU. */
    public DataLoaderBuilder<T, B> pinMemory(boolean pinMemory) {
        this.pinMemory = pinMemory;
        return this;
    }

    /** The generator of the shuffling order and of the workers' base seed (default: the default generator). */
    public DataLoaderBuilder<T, B> generator(Generator generator) {
        this.generator = generator;
        return this;
    }

    public DataLoader<B> build() { return DataLoader.create(this); }
}
