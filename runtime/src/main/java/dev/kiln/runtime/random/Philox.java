package dev.kiln.runtime.random;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Philox4x32-10 counter-based generator (Salmon et al., "Parallel Random Numbers: As Easy as 1, 2, 3",
 * SC'11): a keyed bijection of a 128-bit counter to four 32-bit words. Block {@code b} of a stream keyed by a
 * 64-bit seed is the function applied to the counter {@code (b mod 2^32, b >> 32, 0, 0)}, so any block can be
 * computed independently; that is what makes parallel sampling deterministic for every thread count.
 */
public final class Philox {
    private Philox() {}

    static final long M0 = 0xD2511F53L, M1 = 0xCD9E8D57L, W0 = 0x9E3779B9L, W1 = 0xBB67AE85L, MASK = 0xFFFFFFFFL;
    private static final int ROUNDS = 10;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;

    /** One block for an arbitrary 128-bit counter {@code (c0, c1, c2, c3)} and key {@code (k0, k1)}. */
    public static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
        long x0 = c0 & MASK, x1 = c1 & MASK, x2 = c2 & MASK, x3 = c3 & MASK, a = k0 & MASK, b = k1 & MASK;
        for (int r = 0; r < ROUNDS; r++) {
            long p0 = x0 * M0, p1 = x2 * M1;
            long y0 = (p1 >>> 32) ^ x1 ^ a, y2 = (p0 >>> 32) ^ x3 ^ b;
            x0 = y0;
            x1 = p1 & MASK;
            x2 = y2;
            x3 = p0 & MASK;
            a = (a + W0) & MASK;
            b = (b + W1) & MASK;
        }
        return new int[]{(int) x0, (int) x1, (int) x2, (int) x3};
    }

    /** Writes the four words of blocks {@code first .. first + count - 1} under {@code key} to {@code out[0 .. 4 * count)}. */
    public static void blocks(long key, long first, int count, int[] out) {
        int lanes = L.length();
        int i = 0;
        if (count >= lanes) {
            long[] w0 = new long[lanes], w1 = new long[lanes], w2 = new long[lanes], w3 = new long[lanes];
            LongVector iota = LongVector.zero(L).addIndex(1);
            for (; i <= count - lanes; i += lanes) {
                LongVector counter = iota.add(first + i);
                LongVector x0 = counter.and(MASK), x1 = counter.lanewise(VectorOperators.LSHR, 32);
                LongVector x2 = LongVector.zero(L), x3 = LongVector.zero(L);
                long a = key & MASK, b = key >>> 32;
                for (int r = 0; r < ROUNDS; r++) {
                    LongVector p0 = x0.mul(M0), p1 = x2.mul(M1);
                    LongVector y0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.XOR, a);
                    LongVector y2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.XOR, b);
                    x0 = y0;
                    x1 = p1.and(MASK);
                    x2 = y2;
                    x3 = p0.and(MASK);
                    a = (a + W0) & MASK;
                    b = (b + W1) & MASK;
                }
                x0.intoArray(w0, 0);
                x1.intoArray(w1, 0);
                x2.intoArray(w2, 0);
                x3.intoArray(w3, 0);
                for (int l = 0; l < lanes; l++) {
                    int o = 4 * (i + l);
                    out[o] = (int) w0[l];
                    out[o + 1] = (int) w1[l];
                    out[o + 2] = (int) w2[l];
                    out[o + 3] = (int) w3[l];
                }
            }
        }
        int k0 = (int) key, k1 = (int) (key >>> 32);
        for (; i < count; i++) {
            long counter = first + i;
            int[] words = block((int) counter, (int) (counter >>> 32), 0, 0, k0, k1);
            System.arraycopy(words, 0, out, 4 * i, 4);
        }
    }
}
