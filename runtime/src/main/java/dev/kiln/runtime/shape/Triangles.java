package dev.kiln.runtime.shape;

import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.pointwise.Copies;

/** tril and triu: each row of each matrix keeps one contiguous run of columns, copied in bulk; the rest is zero. */
final class Triangles {
    private Triangles() {}

    private static final long GRAIN = 1 << 16;

    /** The lower ({@code lower}) or upper triangle of the last two dimensions, relative to diagonal {@code k}. */
    static TensorData of(TensorData self, long k, boolean lower) {
        long[] sizes = self.sizes();
        int r = sizes.length;
        TensorData out = TensorData.zeros(self.dtype(), sizes.clone());
        long rows = sizes[r - 2], cols = sizes[r - 1];
        if (out.numel() == 0) return out;
        TensorData src = Copies.contiguous(self);
        Object from = src.storage().array(), to = out.storage().array();
        int base = (int) src.offset();
        Parallel.forRange(out.numel() / cols, Math.max(1, GRAIN / cols), (start, end) -> {
            for (long row = start; row < end; row++) {
                long i = row % rows;
                long lo = lower ? 0 : Math.clamp(i + k, 0, cols);
                long hi = lower ? Math.clamp(i + k + 1, 0, cols) : cols;
                int at = (int) (row * cols + lo);
                if (hi > lo) System.arraycopy(from, base + at, to, at, (int) (hi - lo));
            }
        });
        return out;
    }

    /** tril_ / triu_: the triangle written back into {@code self}. */
    static TensorData inPlace(TensorData self, long k, boolean lower) {
        Blocks.copy(of(self, k, lower), self);
        return self;
    }
}
