package dev.kiln.runtime.reduction;

import java.util.function.IntFunction;

/**
 * The per-op half of a reduction: state for a block of outputs ("slots") and the folds the {@link Reduce}
 * skeleton feeds it. Buffers arrive as the kind's array ({@code float[]}, {@code double[]} or {@code long[]}),
 * either a tensor's own storage or a gathered copy. Implementations keep their loops tight over the array;
 * the skeleton owns geometry, gathering and threading.
 */
abstract class Accumulator {

    /**
     * Creates the accumulators of one reduction call (one per block of outputs or per thread).
     *
     * @param num     the kind buffers are loaded as
     * @param ordered whether elements must be visited in index order (the result reports an index)
     */
    record Factory(Num num, boolean ordered, IntFunction<Accumulator> maker) {
        Factory(Num num, IntFunction<Accumulator> maker) { this(num, false, maker); }

        Accumulator create(int slots) { return maker.apply(slots); }
    }

    /**
     * Folds {@code a[off..off+n)} into {@code slot}; element {@code i} has reduced index {@code index + i}. Runs
     * come in pieces of at most {@link Reduce#CHUNK} elements, so a second pass over one stays in cache.
     */
    abstract void inner(Object a, int off, int n, long index, int slot);

    /** Folds {@code count} back-to-back runs of {@code n} values, run {@code k} at {@code a[off + k*n]}, into slots {@code slot + k}. */
    void runs(Object a, int off, int n, int count, long index, int slot) {
        for (int k = 0; k < count; k++) inner(a, off + k * n, n, index, slot + k);
    }

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
