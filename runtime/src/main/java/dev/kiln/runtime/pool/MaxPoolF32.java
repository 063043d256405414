package dev.kiln.runtime.pool;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 max pooling of sliding windows with stride 1 or 2, vectorised across output columns: a block of one
 * vector of consecutive outputs of a row, whose windows lie inside the input horizontally, reads each tap as one
 * vector (for stride 2 the even lanes of two loads, picked with one two-table permute: a gather is several times
 * slower) and keeps per lane the maximum and its index with blends. Taps are visited in the scalar loop's row-major
 * order with its rule (greater, or NaN), so results are the same. The last block of a row ends with the last interior
 * output (overlapping the one before: recomputing an output is harmless); the outputs whose windows the padding
 * clips, and blocks whose loads would pass the end of the array, take the scalar loop.
 */
final class MaxPoolF32 {
    private MaxPoolF32() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Int lanes matching the float lanes one to one. */
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    /** Whether windows moving by {@code stride} columns are vectorised. */
    static boolean handles(int stride) { return stride == 1 || stride == 2; }

    /** Planes {@code [from, to)} of {@code x} into {@code y} and {@code idx}, as {@link MaxPool#forward}. */
    static void forward(float[] x, int off, float[] y, long[] idx, Grid g, int from, int to) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), oh = rows.size(), ow = cols.size(), s = cols.stride();
        int[] interior = cols.interior();
        int lo = interior[0], hi = interior[1], vl = F.length();
        if (hi - lo < vl) hi = lo;
        int[] lane = new int[2 * vl];
        float[] pick = new float[vl];
        for (int l = 0; l < vl; l++) {
            lane[l] = l * s;
            pick[l] = l * s;
        }
        for (int p = from; p < to; p++) {
            int in = off + p * g.inPlane();
            for (int i = 0, o = p * oh * ow; i < oh; i++, o += ow) {
                MaxPool.row(x, in, y, idx, o, g, i, 0, lo);
                for (int j = lo; j < hi; j += vl) {
                    int at = Math.min(j, hi - vl);
                    if (fits(x, in, g, i, cols.from()[at])) block(x, in, y, idx, o + at, g, i, cols.from()[at], lane, pick);
                    else MaxPool.row(x, in, y, idx, o, g, i, at, at + vl);
                }
                MaxPool.row(x, in, y, idx, o, g, i, hi, ow);
            }
        }
    }

    /**
     * One vector of outputs from {@code o}, whose first window starts at column {@code c}; {@code lane} holds each lane's
     * column offset, {@code pick} the same as floats (the permute's indices). Vectors are made here, from the species
     * constants, so that the compiler knows their classes (a vector passed in is called virtually). The indices go out
     * through the second half of {@code lane} (a widening vector conversion to int64 was not compiled to a store).
     */
    private static void block(float[] x, int in, float[] y, long[] idx, int o, Grid g, int i, int c, int[] lane, float[] pick) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), dh = rows.step(), dw = cols.step(), k = cols.kernel(), r0 = rows.from()[i], r1 = rows.to()[i];
        boolean contiguous = cols.stride() == 1;
        IntVector lanes = IntVector.fromArray(I, lane, 0);
        FloatVector evens = FloatVector.fromArray(F, pick, 0), max = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        IntVector best = lanes.add(r0 * w + c);
        for (int r = r0; r < r1; r += dh) {
            for (int t = 0, at = r * w + c; t < k; t++, at += dw) {
                FloatVector v = FloatVector.fromArray(F, x, in + at);
                if (!contiguous) v = evens.selectFrom(v, FloatVector.fromArray(F, x, in + at + F.length()));
                VectorMask<Float> m = v.compare(VectorOperators.GT, max).or(v.test(VectorOperators.IS_NAN));
                max = max.blend(v, m);
                best = best.blend(lanes.add(at), m.cast(I));
            }
        }
        max.intoArray(y, o);
        best.intoArray(lane, lane.length / 2);
        for (int l = 0; l < F.length(); l++) idx[o + l] = lane[lane.length / 2 + l];
    }

    /** Whether the loads of the block of row {@code i} starting at column {@code c} stay inside {@code x}. */
    private static boolean fits(float[] x, int in, Grid g, int i, int c) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        long last = in + (long) (rows.to()[i] - 1) * g.inW() + c + (long) (cols.kernel() - 1) * cols.step();
        return last + (long) cols.stride() * F.length() <= x.length;
    }
}
