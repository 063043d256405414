package dev.kiln.runtime.random;

import dev.kiln.runtime.parallel.Parallel;

/**
 * Runs one sampling call over its elements in fixed tiles. A call that draws {@code w} 32-bit words per
 * element reserves {@code ceil(n * w / 4)} Philox blocks; element {@code i} reads words {@code [i*w, (i+1)*w)}
 * of that range (four words per block). Tiles are fixed in element space and may run on any thread, so the
 * values never depend on the thread count.
 */
final class RandomStream {
    private RandomStream() {}

    /** Elements per tile; a multiple of 4 so that tiles start on block boundaries for every {@code w}. */
    static final int TILE = 2048;
    private static final long GRAIN_TILES = 4;

    /** Processes elements {@code [start, start + count)}; their words are {@code words[0 .. count * w)}, then the rest of the last block. */
    @FunctionalInterface
    interface TileBody {
        void run(long start, int count, int[] words);
    }

    /** Reserves the blocks for {@code n} elements of {@code w} words each and runs {@code body} on every tile. */
    static void forEachTile(PhiloxGenerator g, long n, int w, boolean parallel, TileBody body) {
        if (n <= 0) return;
        PhiloxGenerator.Draw d = g.reserve(Math.ceilDiv(n * w, 4));
        long tiles = Math.ceilDiv(n, TILE);
        Parallel.RangeBody range = (t0, t1) -> {
            int[] words = new int[TILE * w];
            for (long t = t0; t < t1; t++) {
                long start = t * TILE;
                int count = (int) Math.min(TILE, n - start);
                Philox.blocks(d.key(), d.first() + start * w / 4, (int) Math.ceilDiv((long) count * w, 4), words);
                body.run(start, count, words);
            }
        };
        if (parallel) Parallel.forRange(tiles, GRAIN_TILES, range);
        else range.run(0, tiles);
    }
}
