package dev.kiln.runtime.indexing;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;

/**
 * Element moves between tensors of one dtype through offset tables: a typed loop per storage kind, with the
 * kind chosen once per call. Gathers into fresh memory split over the worker pool; scatters run in order,
 * so with repeated destinations the last write wins.
 */
final class Moves {
    private Moves() {}

    /** A contiguous copy of {@code t} in fresh memory. */
    static TensorData copy(TensorData t) {
        TensorData out = TensorData.zeros(t.dtype(), t.sizes().clone());
        if (t.isContiguous()) {
            System.arraycopy(t.storage().array(), (int) t.offset(), out.storage().array(), 0, (int) t.numel());
        } else {
            gather(t, Offsets.of(t), out, 0);
        }
        return out;
    }

    /**
     * Gathers {@code src[outer[o] + middle[j] + inner[i]]} into contiguous {@code dst} in (o, j, i) order; when
     * {@code inner} is one contiguous run, each (o, j) row is a single array copy.
     */
    static void gather(TensorData src, int[] outer, int[] middle, int[] inner, TensorData dst) {
        int run = inner.length;
        boolean contiguousRun = run >= 8;
        for (int i = 1; i < run && contiguousRun; i++) contiguousRun = inner[i] == inner[0] + i;
        if (!contiguousRun) {
            gather(src, Offsets.combine(outer, middle, inner), dst, 0);
            return;
        }
        int[] rows = Offsets.combine(outer, middle, new int[]{inner[0]});
        Object s = src.storage().array(), d = dst.storage().array();
        Parallel.forRange(rows.length, Math.max(1, Offsets.GRAIN / run), (from, to) -> {
            for (int r = (int) from; r < to; r++) System.arraycopy(s, rows[r], d, r * run, run);
        });
    }

    /** {@code dst[dstStart + k] = src[srcOffsets[k]]} for every k. */
    static void gather(TensorData src, int[] srcOffsets, TensorData dst, int dstStart) {
        Storage s = src.storage(), d = dst.storage();
        Parallel.forRange(srcOffsets.length, Offsets.GRAIN, (from, to) -> gather(src.dtype().storage(), s, srcOffsets, d, dstStart, (int) from, (int) to));
    }

    private static void gather(DType.Storage kind, Storage src, int[] off, Storage dst, int start, int from, int to) {
        switch (kind) {
            case FLOAT -> {
                float[] s = src.floats(), d = dst.floats();
                for (int k = from; k < to; k++) d[start + k] = s[off[k]];
            }
            case DOUBLE -> {
                double[] s = src.doubles(), d = dst.doubles();
                for (int k = from; k < to; k++) d[start + k] = s[off[k]];
            }
            case LONG -> {
                long[] s = src.longs(), d = dst.longs();
                for (int k = from; k < to; k++) d[start + k] = s[off[k]];
            }
            case INT -> {
                int[] s = src.ints(), d = dst.ints();
                for (int k = from; k < to; k++) d[start + k] = s[off[k]];
            }
            case SHORT -> {
                short[] s = src.shorts(), d = dst.shorts();
                for (int k = from; k < to; k++) d[start + k] = s[off[k]];
            }
            case BYTE -> {
                byte[] s = src.bytes(), d = dst.bytes();
                for (int k = from; k < to; k++) d[start + k] = s[off[k]];
            }
        }
    }

    /** {@code dst[dstOffsets[k]] = src[srcOffsets[k]]} for k in increasing order. */
    static void scatter(TensorData src, int[] srcOffsets, TensorData dst, int[] dstOffsets) {
        int n = srcOffsets.length;
        switch (src.dtype().storage()) {
            case FLOAT -> {
                float[] s = src.storage().floats(), d = dst.storage().floats();
                for (int k = 0; k < n; k++) d[dstOffsets[k]] = s[srcOffsets[k]];
            }
            case DOUBLE -> {
                double[] s = src.storage().doubles(), d = dst.storage().doubles();
                for (int k = 0; k < n; k++) d[dstOffsets[k]] = s[srcOffsets[k]];
            }
            case LONG -> {
                long[] s = src.storage().longs(), d = dst.storage().longs();
                for (int k = 0; k < n; k++) d[dstOffsets[k]] = s[srcOffsets[k]];
            }
            case INT -> {
                int[] s = src.storage().ints(), d = dst.storage().ints();
                for (int k = 0; k < n; k++) d[dstOffsets[k]] = s[srcOffsets[k]];
            }
            case SHORT -> {
                short[] s = src.storage().shorts(), d = dst.storage().shorts();
                for (int k = 0; k < n; k++) d[dstOffsets[k]] = s[srcOffsets[k]];
            }
            case BYTE -> {
                byte[] s = src.storage().bytes(), d = dst.storage().bytes();
                for (int k = 0; k < n; k++) d[dstOffsets[k]] = s[srcOffsets[k]];
            }
        }
    }
}
