package dev.kiln.runtime.shape;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.aten.ShapeOps;
import dev.kiln.ir.op.aten.ShapeRepeats;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.pointwise.Copies;
import java.util.Arrays;

/** repeat_interleave with a tensor of repeat counts: the index form, and the gather of slices it drives. */
final class Interleave {
    private Interleave() {}

    private static final long GRAIN = 1 << 16;

    /** {@code repeat_interleave(repeats)}: index {@code i} written {@code repeats[i]} times, in the dtype of {@code repeats}. */
    static TensorData indices(TensorData repeats, Long outputSize) {
        String op = ShapeOps.REPEAT_INTERLEAVE_INDICES.name();
        long[] counts = counts(op, repeats, repeats.sizes()[0]);
        long total = total(op, counts, outputSize);
        TensorData out = TensorData.zeros(repeats.dtype(), new long[]{total});
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            int end = at + (int) counts[i];
            if (repeats.dtype() == DType.INT64) Arrays.fill(out.storage().longs(), at, end, i);
            else Arrays.fill(out.storage().ints(), at, end, i);
            at = end;
        }
        return out;
    }

    /** {@code repeat_interleave(self, repeats, dim)}: slice {@code i} along {@code dim} repeated {@code repeats[i]} times. */
    static TensorData repeat(TensorData self, TensorData repeats, Long dim, Long outputSize) {
        String op = ShapeOps.REPEAT_INTERLEAVE_TENSOR.name();
        TensorData src = Copies.contiguous(self);
        long[] sizes = dim == null ? new long[]{self.numel()} : self.sizes();
        int d = ShapeRepeats.interleaveDim(op, sizes.length, dim);
        long n = sizes[d];
        long[] counts = counts(op, repeats, n);
        long total = total(op, counts, outputSize);
        int[] index = new int[(int) total];
        for (int i = 0, at = 0; i < counts.length; i++) {
            Arrays.fill(index, at, at + (int) counts[i], i);
            at += (int) counts[i];
        }
        long[] outSizes = sizes.clone();
        outSizes[d] = total;
        TensorData out = TensorData.zeros(self.dtype(), outSizes);
        long pre = 1, post = 1;
        for (int k = 0; k < d; k++) pre *= sizes[k];
        for (int k = d + 1; k < sizes.length; k++) post *= sizes[k];
        if (post == 0 || total == 0) return out;
        Object from = src.storage().array(), to = out.storage().array();
        int base = (int) src.offset(), len = (int) post;
        Parallel.forRange(pre * total, Math.max(1, GRAIN / len), (start, end) -> {
            for (long k = start; k < end; k++) {
                long p = k / total;
                int j = (int) (k % total);
                System.arraycopy(from, base + (int) ((p * n + index[j]) * len), to, (int) (k * len), len);
            }
        });
        return out;
    }

    /** The repeat counts, one per slice ({@code repeats} holding a single count applies it to all {@code n}). */
    private static long[] counts(String op, TensorData repeats, long n) {
        ShapeRepeats.checkRepeatsDType(op, repeats.dtype());
        long[] counts = new long[(int) (repeats.numel() == 1 ? n : repeats.numel())];
        for (int i = 0; i < counts.length; i++) {
            int at = (int) (repeats.offset() + (repeats.numel() == 1 ? 0 : i * repeats.strides()[0]));
            counts[i] = Elements.getLong(repeats.dtype(), repeats.storage(), at);
            if (counts[i] < 0) throw OpError.of(op, "repeats can not be negative");
        }
        return counts;
    }

    private static long total(String op, long[] counts, Long outputSize) {
        long total = 0;
        for (long c : counts) total = Math.addExact(total, c);
        if (outputSize != null && outputSize != total) throw OpError.of(op, "allocated size does not match required size");
        if (total > Integer.MAX_VALUE - 16) throw OpError.of(op, "repeat_interleave result of " + total + " elements is too large");
        return total;
    }
}
