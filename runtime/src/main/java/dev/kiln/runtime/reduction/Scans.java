package dev.kiln.runtime.reduction;

import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;

/**
 * Inclusive scans (cumsum, cumprod) along one dim, in place over a contiguous float64 or int64 tensor: row
 * {@code k} of each block is combined with the already-scanned row {@code k-1}, so lines along an outer dim
 * advance a whole row of columns at a time.
 */
final class Scans {
    private Scans() {}

    private static final int COLS = 1024;
    private static final long GRAIN = 1 << 15;

    static void run(TensorData wide, int dim, boolean prod) {
        Lines lines = Lines.of(wide.sizes(), dim);
        if (wide.numel() == 0) return;
        long blocks = (lines.inner() + COLS - 1) / COLS;
        long perUnit = (long) lines.len() * Math.min(COLS, lines.inner());
        Parallel.forRange(lines.units(COLS), Math.max(1, GRAIN / perUnit), (s, e) -> {
            for (long u = s; u < e; u++) {
                int c0 = (int) (u % blocks) * COLS, w = Math.min(COLS, lines.inner() - c0);
                int base = (int) (u / blocks) * lines.len() * lines.inner() + c0;
                scan(wide.storage().array(), base, w, lines.inner(), lines.len(), prod);
            }
        });
    }

    private static void scan(Object a, int base, int w, int step, int len, boolean prod) {
        for (int k = 1; k < len; k++) {
            int cur = base + k * step, prev = cur - step;
            switch (a) {
                case double[] d when prod -> { for (int j = 0; j < w; j++) d[cur + j] *= d[prev + j]; }
                case double[] d -> { for (int j = 0; j < w; j++) d[cur + j] += d[prev + j]; }
                case long[] l when prod -> { for (int j = 0; j < w; j++) l[cur + j] *= l[prev + j]; }
                default -> { long[] l = (long[]) a; for (int j = 0; j < w; j++) l[cur + j] += l[prev + j]; }
            }
        }
    }
}
