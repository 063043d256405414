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
