package dev.kiln.runtime.reduction;

import dev.kiln.runtime.memory.TensorData;

/**
 * Inclusive scans (cumsum, cumprod) along one dim, accumulated in double for floating results and in
 * wrapping int64 for integers, as PyTorch's CPU kernels do. Lines along the innermost dim are scanned in
 * chunks with a carry; lines along an outer dim advance a block of columns a row at a time.
 */
final class Scans {
    private Scans() {}

    private static final int COLS = 512;
    private static final long GRAIN = 1 << 15;

    /** Scans contiguous {@code x} along {@code dim} into contiguous {@code out} of the same shape (which may be {@code x}). */
    static void run(TensorData x, int dim, boolean prod, TensorData out) {
        Lines lines = Lines.of(x.sizes(), dim);
        if (x.numel() == 0) return;
        Num num = Num.wide(out.dtype());
        int len = lines.len(), step = lines.inner();
        lines.forEachBlock(COLS, GRAIN, () -> new Object[]{num.buffer(Math.max(COLS, Math.min(len, Reduce.CHUNK))), num.buffer(COLS)},
                (base, w, scratch) -> {
                    if (step == 1) line(x, out, base, len, prod, scratch[0]);
                    else block(x, out, base, w, step, len, prod, scratch[0], scratch[1]);
                });
    }

    /** One contiguous line, in chunks that carry the running value. */
    private static void line(TensorData x, TensorData out, long base, int len, boolean prod, Object buf) {
        double carry = prod ? 1 : 0;
        long carryL = prod ? 1 : 0;
        int chunk = buf instanceof double[] d ? d.length : ((long[]) buf).length;
        for (int c = 0; c < len; c += chunk) {
            int m = Math.min(chunk, len - c);
            if (buf instanceof double[] d) {
                Elems.load(Num.F64, x, x.offset() + base + c, 1, m, d, 0);
                for (int i = 0; i < m; i++) d[i] = carry = prod ? carry * d[i] : carry + d[i];
                Elems.store(d, m, out, base + c);
            } else {
                long[] l = (long[]) buf;
                Elems.load(Num.I64, x, x.offset() + base + c, 1, m, l, 0);
                for (int i = 0; i < m; i++) l[i] = carryL = prod ? carryL * l[i] : carryL + l[i];
                Elems.store(l, m, out, base + c);
            }
        }
    }

    /** Columns {@code base .. base+w} of every row of one block, rows {@code step} apart. */
    private static void block(TensorData x, TensorData out, long base, int w, int step, int len, boolean prod, Object buf, Object acc) {
        for (int k = 0; k < len; k++) {
            long row = base + (long) k * step;
            if (buf instanceof double[] d) {
                double[] a = (double[]) acc;
                Elems.load(Num.F64, x, x.offset() + row, 1, w, d, 0);
                for (int j = 0; j < w; j++) a[j] = k == 0 ? d[j] : prod ? a[j] * d[j] : a[j] + d[j];
                Elems.store(a, w, out, row);
            } else {
                long[] l = (long[]) buf, a = (long[]) acc;
                Elems.load(Num.I64, x, x.offset() + row, 1, w, l, 0);
                for (int j = 0; j < w; j++) a[j] = k == 0 ? l[j] : prod ? a[j] * l[j] : a[j] + l[j];
                Elems.store(a, w, out, row);
            }
        }
    }
}
