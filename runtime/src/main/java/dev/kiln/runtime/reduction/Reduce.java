package dev.kiln.runtime.reduction;

import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;

/**
 * The one reduction skeleton every reducing op runs on. It walks the {@link Layout} of the input and feeds an
 * op's {@link Accumulator}: whole contiguous runs when the reduced dims are innermost, whole rows when a kept
 * dim is innermost (in tiles of {@value #COLS} outputs so the row state stays in L1), gathered chunks of
 * {@value #CHUNK} elements otherwise or when the dtype needs widening. Large reductions are split over the
 * worker pool by outputs, or, when there are too few outputs, by ranges of the reduced index whose partial
 * results are merged in index order.
 */
final class Reduce {
    static final int CHUNK = 16384;
    static final int COLS = 512;
    private static final int BLOCK = 4096;
    private static final long GRAIN = 1 << 15;
    private static final int SHORT_RUN = 64;

    private final TensorData x;
    private final Layout layout;
    private final Accumulator.Factory factory;
    private final Num num;
    private final Object direct;
    private final long tilesPerRow;
    /** INNER runs so short that per-output bookkeeping would dominate, laid out back to back. */
    private final boolean backToBack;

    private Reduce(TensorData x, Layout layout, Accumulator.Factory factory) {
        this.x = x;
        this.layout = layout;
        this.factory = factory;
        this.num = factory.num();
        this.direct = num.reads(x.dtype()) ? x.storage().array() : null;
        this.tilesPerRow = layout.mode == Layout.Mode.OUTER ? (layout.rowWidth() + COLS - 1) / COLS : 0;
        int kept = layout.keptSizes.length;
        this.backToBack = layout.mode == Layout.Mode.INNER && layout.redSizes.length == 1 && layout.count <= SHORT_RUN
                && kept > 0 && layout.keptStrides[kept - 1] == layout.count;
    }

    /** Reduces the dims of {@code x} flagged in {@code mask} with accumulators from {@code factory}. */
    static void run(TensorData x, boolean[] mask, Accumulator.Factory factory) {
        Layout layout = new Layout(x, mask, factory.ordered());
        if (layout.numOut == 0) return;
        if (layout.count == 0) {
            for (long o = 0; o < layout.numOut; o += BLOCK) {
                int b = (int) Math.min(BLOCK, layout.numOut - o);
                factory.create(b).finish(b, o);
            }
            return;
        }
        new Reduce(x, layout, factory).run();
    }

    private void run() {
        long units = layout.mode == Layout.Mode.OUTER ? (layout.numOut / layout.rowWidth()) * tilesPerRow : layout.numOut;
        long work = layout.numOut * layout.count;
        int threads = Parallel.getNumThreads();
        if (work < 2 * GRAIN || threads == 1) {
            new Walker().outputs(0, units);
        } else if (units >= threads) {
            Parallel.forRange(units, Math.max(1, GRAIN * units / work), (s, e) -> new Walker().outputs(s, e));
        } else {
            int pieces = (int) Math.min(threads, layout.count / GRAIN + 1);
            int slots = (int) layout.numOut;
            long count = layout.count;
            Accumulator[] parts = new Accumulator[pieces];
            Parallel.forRange(pieces, 1, (s, e) -> {
                for (int p = (int) s; p < e; p++) {
                    parts[p] = factory.create(slots);
                    new Walker().reduced(parts[p], count * p / pieces, count * (p + 1) / pieces);
                }
            });
            for (int p = 1; p < pieces; p++) parts[0].merge(parts[p], slots);
            parts[0].finish(slots, 0);
        }
    }

    /** One thread's traversal state: its gather buffer. */
    private final class Walker {
        private Object buffer;

        private Object buffer() {
            if (buffer == null) buffer = num.buffer(CHUNK);
            return buffer;
        }

        /** Computes and writes outputs for units {@code [u0, u1)}: tiles in OUTER mode, outputs otherwise. */
        void outputs(long u0, long u1) {
            if (layout.mode == Layout.Mode.OUTER) {
                long width = layout.rowWidth();
                for (long t = u0; t < u1; t++) {
                    long c0 = (t % tilesPerRow) * COLS;
                    int w = (int) Math.min(COLS, width - c0);
                    long o = (t / tilesPerRow) * width + c0;
                    Accumulator acc = factory.create(w);
                    rows(acc, 0, o, w, 0, layout.count);
                    acc.finish(w, o);
                }
                return;
            }
            long[] bases = new long[(int) Math.min(BLOCK, u1 - u0)];
            for (long o0 = u0; o0 < u1; o0 += BLOCK) {
                int b = (int) Math.min(BLOCK, u1 - o0);
                Accumulator acc = factory.create(b);
                if (backToBack) {
                    shortRuns(acc, o0, b);
                } else {
                    layout.outputBases(o0, b, bases);
                    for (int i = 0; i < b; i++) runs(acc, i, bases[i], 0, layout.count);
                }
                acc.finish(b, o0);
            }
        }

        /** Folds reduced indices {@code [r0, r1)} of every output into {@code acc}, whose slots are the outputs. */
        void reduced(Accumulator acc, long r0, long r1) {
            if (layout.mode == Layout.Mode.OUTER) {
                long width = layout.rowWidth();
                for (long o = 0; o < layout.numOut; o += Math.min(COLS, width - o % width)) {
                    int w = (int) Math.min(COLS, width - o % width);
                    rows(acc, (int) o, o, w, r0, r1);
                }
                return;
            }
            for (long o = 0; o < layout.numOut; o++) runs(acc, (int) o, layout.outputBase(o), r0, r1);
        }

        /** INNER with short runs that follow one another in memory: whole groups of outputs per call. */
        private void shortRuns(Accumulator acc, long o0, int b) {
            int len = (int) layout.count;
            long row = layout.keptSizes[layout.keptSizes.length - 1];
            for (int i = 0; i < b; ) {
                long o = o0 + i;
                int m = (int) Math.min(Math.min(b - i, row - o % row), CHUNK / len);
                long start = layout.outputBase(o);
                if (direct != null) {
                    acc.runs(direct, (int) start, len, m, 0, i);
                } else {
                    Elems.load(num, x, start, 1, m * len, buffer(), 0);
                    acc.runs(buffer, 0, len, m, 0, i);
                }
                i += m;
            }
        }

        /**
         * INNER and GENERAL: reduced indices {@code [r0, r1)} of the output whose elements start at {@code base}, run
         * by run along the innermost reduced dim.
         */
        private void runs(Accumulator acc, int slot, long base, long r0, long r1) {
            long len = layout.runLength(), stride = layout.runStride();
            boolean oneRun = layout.redSizes.length == 1;
            for (long r = r0; r < r1; ) {
                long j = oneRun ? r : r % len, n = Math.min(len - j, r1 - r);
                long start = base + (oneRun ? 0 : layout.runBase(r / len)) + j * stride;
                boolean inPlace = direct != null && stride == 1;
                for (long c = 0; c < n; c += CHUNK) {
                    int m = (int) Math.min(CHUNK, n - c);
                    if (inPlace) {
                        acc.inner(direct, (int) (start + c), m, r + c, slot);
                    } else {
                        Elems.load(num, x, start + c * stride, stride, m, buffer(), 0);
                        acc.inner(buffer, 0, m, r + c, slot);
                    }
                }
                r += n;
            }
        }

        /** OUTER: the {@code w} outputs from {@code o} (contiguous in the input) over reduced indices {@code [r0, r1)}. */
        private void rows(Accumulator acc, int slot, long o, int w, long r0, long r1) {
            long base = layout.outputBase(o), len = layout.runLength(), stride = layout.runStride();
            for (long r = r0; r < r1; ) {
                long j = r % len, n = Math.min(len - j, r1 - r);
                long start = base + layout.runBase(r / len) + j * stride;
                if (direct != null) {
                    acc.rows(direct, (int) start, w, (int) stride, (int) n, r, slot);
                } else {
                    Object buf = buffer();
                    int perChunk = CHUNK / w;
                    for (long c = 0; c < n; c += perChunk) {
                        int m = (int) Math.min(perChunk, n - c);
                        for (int k = 0; k < m; k++) Elems.load(num, x, start + (c + k) * stride, 1, w, buf, k * w);
                        acc.rows(buf, 0, w, w, m, r + c, slot);
                    }
                }
                r += n;
            }
        }
    }
}
