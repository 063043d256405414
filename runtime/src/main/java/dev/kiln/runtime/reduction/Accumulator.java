package dev.kiln.runtime.reduction;

/**
 * The per-op half of a reduction: state for a block of outputs ("slots") and the folds the {@link Reduce}
 * skeleton feeds it. Buffers arrive as the kind's array ({@code float[]}, {@code double[]} or {@code long[]}),
 * either a tensor's own storage or a gathered copy. Implementations keep their loops tight over the array;
 * the skeleton owns geometry, gathering and threading.
 */
abstract class Accumulator {

    /** Creates accumulators for one reduction call (one per block of outputs or per thread). */
    interface Factory {
        /** The kind buffers are loaded as. */
        Num num();

        /** Whether elements must be visited in index order (the result reports an index). */
        default boolean ordered() { return false; }

        Accumulator create(int slots);
    }

    /** Folds {@code a[off..off+n)} into {@code slot}; element {@code i} has reduced index {@code index + i}. */
    abstract void inner(Object a, int off, int n, long index, int slot);

    /**
     * Folds {@code rows} rows of {@code n} values, row {@code r} at {@code a[off + r*rowStride ..]} with reduced
     * index {@code index + r}, into slots {@code slot .. slot+n-1}.
     */
    abstract void rows(Object a, int off, int n, int rowStride, int rows, long index, int slot);

    /** Folds {@code other}'s slots {@code [0, slots)}, which saw later reduced indices, into this one's. */
    abstract void merge(Accumulator other, int slots);

    /** Writes the results of slots {@code [0, slots)} to outputs {@code [at, at+slots)}. */
    abstract void finish(int slots, long at);
}
