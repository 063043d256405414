package dev.kiln.runtime.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Splits a row into its even and odd elements, the move that turns stride-2 reads into contiguous ones (the phase
 * split of {@link Depthwise} at stride 2, the even/odd columns of {@link Winograd}'s tiles). Whole vectors go through
 * a two-vector permutation; a scalar loop, with an index division, took longer than the convolution itself.
 */
final class EvenOdd {
    private EvenOdd() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane i selects lane 2i (+1) of the concatenation of two vectors. */
    private static final FloatVector EVENS = indices(0), ODDS = indices(1);

    private static FloatVector indices(int first) {
        float[] lanes = new float[L];
        for (int i = 0; i < L; i++) lanes[i] = first + 2 * i;
        return FloatVector.fromArray(S, lanes, 0);
    }

    /**
     * Places image column c of {@code src[from .. from + width)}, padded by {@code pad} columns on the left (padded
     * column c + pad), at {@code dst[rowAt + ((c + pad) mod 2) * phase + (c + pad) / 2]}.
     */
    static void split(float[] src, int from, int width, int pad, float[] dst, int rowAt, int phase) {
        int evensAt = rowAt + (pad & 1) * phase + pad / 2, oddsAt = rowAt + ((pad + 1) & 1) * phase + (pad + 1) / 2;
        int pairs = width / 2, i = 0;
        for (; i + L <= pairs; i += L) {
            FloatVector a = FloatVector.fromArray(S, src, from + 2 * i), b = FloatVector.fromArray(S, src, from + 2 * i + L);
            EVENS.selectFrom(a, b).intoArray(dst, evensAt + i);
            ODDS.selectFrom(a, b).intoArray(dst, oddsAt + i);
        }
        for (; i < pairs; i++) {
            dst[evensAt + i] = src[from + 2 * i];
            dst[oddsAt + i] = src[from + 2 * i + 1];
        }
        if ((width & 1) != 0) dst[evensAt + pairs] = src[from + width - 1];
    }
}
