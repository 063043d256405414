package dev.kiln.runtime.reduction;

import dev.kiln.runtime.parallel.Parallel;
import java.util.function.Supplier;

/**
 * A contiguous tensor seen around one dim as {@code outer} blocks of {@code len} rows of {@code inner}
 * elements: the lines along the dim start at {@code o*len*inner + j} and step by {@code inner}. Line kernels
 * (scans, softmax) work on blocks of up to {@code cols} side-by-side lines.
 */
record Lines(int outer, int len, int inner) {

    static Lines of(long[] sizes, int dim) {
        long outer = 1, inner = 1;
        for (int d = 0; d < dim; d++) outer *= sizes[d];
        for (int d = dim + 1; d < sizes.length; d++) inner *= sizes[d];
        return new Lines((int) outer, sizes.length == 0 ? 1 : (int) sizes[dim], (int) inner);
    }

    /** A kernel over {@code width} side-by-side lines whose first element is at {@code base} (relative to the tensor). */
    @FunctionalInterface
    interface Block<S> {
        void run(long base, int width, S scratch);
    }

    /**
     * Runs {@code body} over every block of lines, at most {@code cols} wide (one line at a time when the lines
     * are contiguous), split over the worker pool with about {@code grain} elements per piece; each piece gets
     * its own {@code scratch}.
     */
    <S> void forEachBlock(int cols, long grain, Supplier<S> scratch, Block<S> body) {
        int width = inner == 1 ? 1 : cols;
        long blocks = (inner + width - 1) / width;
        long perBlock = (long) len * Math.min(width, inner);
        Parallel.forRange(outer * blocks, Math.max(1, grain / Math.max(1, perBlock)), (s, e) -> {
            S sc = scratch.get();
            for (long u = s; u < e; u++) {
                int c0 = (int) (u % blocks) * width;
                body.run((u / blocks) * len * inner + c0, Math.min(width, inner - c0), sc);
            }
        });
    }
}
