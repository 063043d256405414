package dev.kiln.runtime.embedding;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.aten.EmbeddingRules;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import dev.kiln.runtime.memory.TensorData;
import java.util.List;

/**
 * The {@code _embedding_bag} kernel: bag b holds the samples {@code [offsets[b], offsets[b + 1])} (the last bag runs
 * to the end unless include_last_offset), and its output row is the sum (times per_sample_weights), mean or
 * column-wise max of their weight rows, samples at padding_idx left out. Bags are independent and run in parallel;
 * float16 and float32 accumulate in float, float64 in double. The three other results are PyTorch's: offset2bag
 * (empty where PyTorch takes its 'sum' fast path), bag sizes without padding (zeros for 'sum'), and the index
 * winning each column for 'max' (the bag sizes again for 'mean', zeros for 'sum').
 */
final class EmbeddingBags {
    private EmbeddingBags() {}

    private static final String OP = "aten::_embedding_bag";

    static Object run(Object[] a) {
        TensorData weight = (TensorData) a[0], indices = (TensorData) a[1], offsets = (TensorData) a[2], psw = (TensorData) a[6];
        int mode = (int) (long) (Long) a[4];
        boolean includeLast = (Boolean) a[7];
        long padding = (Long) a[8];
        DType index = TypePromotion.promote(indices.dtype(), offsets.dtype()), dtype = weight.dtype();
        long[] idx = Rows.indexValues(indices), off = Rows.indexValues(offsets);
        int n = idx.length, bags = off.length - (includeLast ? 1 : 0), rows = (int) weight.sizes()[0], d = (int) weight.sizes()[1];
        checkOffsets(off, n, includeLast);
        for (long k : idx) {
            if (k < 0 || k >= rows) throw OpError.of(OP, "embedding_bag: Expected idx >= 0 && idx < num_embeddings but found idx to be " + k);
        }
        DType ct = dtype == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        TensorData w = Rows.dense(weight, ct), out = TensorData.zeros(ct, new long[]{bags, d});
        double[] scales = psw == null ? null : doubles(Rows.dense(psw, DType.FLOAT64));
        long[] sizes = new long[bags], winners = mode == EmbeddingRules.MAX ? new long[bags * d] : null;
        Object wa = w.storage().array(), oa = out.storage().array();
        int wo = (int) w.offset();
        Rows.forRange(bags, (long) d * Math.max(1, n / Math.max(1, bags)), (s, e) -> {
            for (int b = (int) s; b < e; b++) {
                int from = (int) off[b], to = b + 1 < off.length ? (int) off[b + 1] : n;
                sizes[b] = mode == EmbeddingRules.MAX ? max(wa, wo, idx, from, to, padding, oa, b, d, winners)
                        : sum(wa, wo, idx, from, to, padding, scales, oa, b * d, d, mode == EmbeddingRules.MEAN);
            }
        });
        boolean fast = mode == EmbeddingRules.SUM && (dtype == DType.FLOAT32 || dtype == DType.FLOAT16) && weight.strides()[1] == 1
                && padding < 0 && (psw == null || psw.strides()[0] == 1);
        TensorData offset2bag = fast ? TensorData.zeros(index, new long[]{0}) : Rows.indexTensor(index, offset2bag(off, n), n);
        TensorData bagSize = mode == EmbeddingRules.SUM ? TensorData.zeros(index, new long[]{bags}) : Rows.indexTensor(index, sizes, bags);
        TensorData maxIndices = switch (mode) {
            case EmbeddingRules.MAX -> Rows.indexTensor(index, winners, bags, d);
            case EmbeddingRules.MEAN -> Rows.indexTensor(index, sizes, bags);
            default -> TensorData.zeros(index, new long[]{bags});
        };
        return List.of(Rows.as(out, dtype), offset2bag, bagSize, maxIndices);
    }

    /** PyTorch's checks of the offsets, plus that they never decrease and (include_last_offset) end at the last sample. */
    private static void checkOffsets(long[] off, int n, boolean includeLast) {
        if (off.length == 0) return;
        if (off[0] != 0) {
            throw OpError.of(OP, "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. "
                    + "However, got " + off[0]);
        }
        long last = off[off.length - 1];
        if (last > n) throw OpError.of(OP, "offsets[-1] can not be greater than input's length " + n + " but got offsets[-1] of " + last);
        for (int b = 1; b < off.length; b++) {
            if (off[b] < off[b - 1]) {
                throw OpError.of(OP, "embedding_bag: offsets must not decrease, but got offsets[" + b + "] = " + off[b] + " after "
                        + off[b - 1]);
            }
        }
        if (includeLast && last != n) {
            throw OpError.of(OP, "embedding_bag: with include_last_offset, offsets[-1] must be the number of indices " + n + ", but got "
                    + last);
        }
    }

    /** Sums (mean: averages) bag b's rows into {@code out[at..]}; returns the bag's size without padding. */
    private static long sum(Object w, int wo, long[] idx, int from, int to, long padding, double[] scales, Object out, int at, int d,
                            boolean mean) {
        long count = 0;
        for (int i = from; i < to; i++) {
            if (idx[i] == padding) continue;
            count++;
            int row = wo + (int) idx[i] * d;
            switch (out) {
                case float[] o -> {
                    float[] x = (float[]) w;
                    if (scales == null) for (int j = 0; j < d; j++) o[at + j] += x[row + j];
                    else for (int j = 0; j < d; j++) o[at + j] += (float) scales[i] * x[row + j];
                }
                case double[] o -> {
                    double[] x = (double[]) w;
                    if (scales == null) for (int j = 0; j < d; j++) o[at + j] += x[row + j];
                    else for (int j = 0; j < d; j++) o[at + j] += scales[i] * x[row + j];
                }
                default -> throw new IllegalStateException("embedding_bag computes in float or double");
            }
        }
        if (mean && count > 1) {
            switch (out) {
                case float[] o -> { for (int j = 0; j < d; j++) o[at + j] /= count; }
                case double[] o -> { for (int j = 0; j < d; j++) o[at + j] /= count; }
                default -> throw new IllegalStateException("embedding_bag computes in float or double");
            }
        }
        return count;
    }

    /**
     * Bag b's column-wise maximum into {@code out[b]}, the first row (not padding) setting every column and a later one
     * replacing a column only where it is greater, as PyTorch compares; records the winning index per column.
     */
    private static long max(Object w, int wo, long[] idx, int from, int to, long padding, Object out, int b, int d, long[] winners) {
        long count = 0;
        for (int i = from; i < to; i++) {
            if (idx[i] == padding) continue;
            boolean first = count++ == 0;
            int row = wo + (int) idx[i] * d, at = b * d;
            for (int j = 0; j < d; j++) {
                boolean replace = switch (out) {
                    case float[] o -> {
                        float v = ((float[]) w)[row + j];
                        boolean r = first || v > o[at + j];
                        if (r) o[at + j] = v;
                        yield r;
                    }
                    case double[] o -> {
                        double v = ((double[]) w)[row + j];
                        boolean r = first || v > o[at + j];
                        if (r) o[at + j] = v;
                        yield r;
                    }
                    default -> throw new IllegalStateException("embedding_bag computes in float or double");
                };
                if (replace) winners[at + j] = idx[i];
            }
        }
        return count;
    }

    /** The bag of each sample: the number of offsets at or before it, less one (-1 where no bag starts before it). */
    private static long[] offset2bag(long[] off, int n) {
        long[] bag = new long[n];
        for (int i = 0, b = 0; i < n; i++) {
            while (b < off.length && off[b] <= i) b++;
            bag[i] = b - 1;
        }
        return bag;
    }

    private static double[] doubles(TensorData t) {
        double[] all = t.storage().doubles();
        double[] v = new double[(int) t.numel()];
        System.arraycopy(all, (int) t.offset(), v, 0, v.length);
        return v;
    }
}
