package dev.kiln.runtime.reduction;

import dev.kiln.runtime.memory.TensorData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How one reduction walks its input: the kept dims (one output each, in output order) and the reduced dims,
 * each group with size-1 dims dropped and memory-adjacent dims merged, and the loop shape that suits the
 * strides: {@link Mode#INNER} (each output reduces contiguous runs), {@link Mode#OUTER} (outputs along a
 * contiguous kept dim, so whole rows accumulate at once) or {@link Mode#GENERAL} (strided runs, gathered).
 */
final class Layout {
    /** The loop shape. */
    enum Mode { INNER, OUTER, GENERAL }

    final long[] keptSizes, keptStrides, redSizes, redStrides;
    final long offset, numOut, count;
    final Mode mode;

    /**
     * @param ordered whether the reduction needs its elements in index order (arg-reductions); otherwise the
     *                reduced dims may be reordered by stride so the innermost loop reads contiguous memory
     */
    Layout(TensorData x, boolean[] mask, boolean ordered) {
        long[] sizes = x.sizes(), strides = x.strides();
        List<long[]> kept = new ArrayList<>(), red = new ArrayList<>();
        for (int d = 0; d < sizes.length; d++) (mask[d] ? red : kept).add(new long[]{sizes[d], strides[d]});
        if (!ordered) red.sort(Comparator.comparingLong((long[] e) -> -Math.abs(e[1])));
        long[][] k = coalesce(kept), r = coalesce(red);
        if (r[0].length == 0) r = new long[][]{{1}, {0}};
        keptSizes = k[0];
        keptStrides = k[1];
        redSizes = r[0];
        redStrides = r[1];
        offset = x.offset();
        numOut = product(keptSizes);
        count = product(redSizes);
        boolean keptInnerContiguous = keptSizes.length > 0 && keptStrides[keptSizes.length - 1] == 1;
        if (redStrides[redStrides.length - 1] == 1) mode = Mode.INNER;
        else if (keptInnerContiguous) mode = Mode.OUTER;
        else mode = Mode.GENERAL;
    }

    /** Drops size-1 dims and merges each dim into the previous one where memory allows; returns {sizes, strides}. */
    private static long[][] coalesce(List<long[]> dims) {
        List<long[]> out = new ArrayList<>();
        for (long[] d : dims) {
            if (d[0] == 1) continue;
            if (d[0] == 0) return new long[][]{{0}, {0}};
            long[] prev = out.isEmpty() ? null : out.getLast();
            if (prev != null && prev[1] == d[1] * d[0]) {
                prev[0] *= d[0];
                prev[1] = d[1];
            } else {
                out.add(d.clone());
            }
        }
        long[][] r = new long[2][out.size()];
        for (int i = 0; i < out.size(); i++) {
            r[0][i] = out.get(i)[0];
            r[1][i] = out.get(i)[1];
        }
        return r;
    }

    private static long product(long[] sizes) {
        long n = 1;
        for (long s : sizes) n *= s;
        return n;
    }

    /** The storage offset of the first element that reduces into output {@code o} (kept dims unravelled). */
    long outputBase(long o) { return offset + unravel(o, keptSizes, keptStrides, keptSizes.length); }

    /** {@link #outputBase} of outputs {@code o0 .. o0+n-1} into {@code bases}, stepping an odometer instead of dividing. */
    void outputBases(long o0, int n, long[] bases) {
        int dims = keptSizes.length;
        long[] idx = new long[dims];
        long rest = o0;
        for (int d = dims - 1; d >= 0; d--) {
            idx[d] = rest % keptSizes[d];
            rest /= keptSizes[d];
        }
        long base = outputBase(o0);
        for (int i = 0; i < n; i++) {
            bases[i] = base;
            for (int d = dims - 1; d >= 0; d--) {
                base += keptStrides[d];
                if (++idx[d] < keptSizes[d]) break;
                base -= keptStrides[d] * keptSizes[d];
                idx[d] = 0;
            }
        }
    }

    /** The storage offset, relative to an output's base, of reduced run {@code q} (all reduced dims but the innermost). */
    long runBase(long q) { return unravel(q, redSizes, redStrides, redSizes.length - 1); }

    private static long unravel(long linear, long[] sizes, long[] strides, int dims) {
        long off = 0;
        for (int d = dims - 1; d >= 0; d--) {
            off += (linear % sizes[d]) * strides[d];
            linear /= sizes[d];
        }
        return off;
    }

    long runLength() { return redSizes[redSizes.length - 1]; }

    long runStride() { return redStrides[redStrides.length - 1]; }

    /** OUTER: the size of the contiguous kept dim that rows run along. */
    long rowWidth() { return keptSizes[keptSizes.length - 1]; }
}
