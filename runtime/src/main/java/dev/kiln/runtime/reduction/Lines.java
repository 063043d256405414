package dev.kiln.runtime.reduction;

/**
 * A contiguous tensor seen around one dim as {@code outer} blocks of {@code len} rows of {@code inner}
 * elements: the lines along the dim start at {@code o*len*inner + j} and step by {@code inner}.
 */
record Lines(int outer, int len, int inner) {

    static Lines of(long[] sizes, int dim) {
        long outer = 1, inner = 1;
        for (int d = 0; d < dim; d++) outer *= sizes[d];
        for (int d = dim + 1; d < sizes.length; d++) inner *= sizes[d];
        return new Lines((int) outer, sizes.length == 0 ? 1 : (int) sizes[dim], (int) inner);
    }

    /** The work units when lines are processed in column blocks of at most {@code cols}: outer × blocks. */
    long units(int cols) { return (long) outer * ((inner + cols - 1) / cols); }
}
