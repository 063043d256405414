package dev.kiln.runtime.random;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Turns Philox words into samples of one tile: uniform floats and doubles, Box-Muller normals, bounded
 * integers and Bernoulli draws. Float samples are vectorised; every method is a pure function of its words.
 */
final class Samplers {
    private Samplers() {}

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final long MASK = 0xFFFFFFFFL;
    private static final double TWO_PI = 2 * Math.PI;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    /**
     * {@code out[off + i] = from + u * range} with {@code u = (words[i] >>> (32 - bits)) / 2^bits} in [0, 1):
     * 24 bits for float32, and 11 or 8 for float16 and bfloat16 so that u is exact there too.
     */
    static void uniformFloat(int[] words, int count, float[] out, int off, int bits, float from, float range) {
        int shift = 32 - bits;
        float unit = 1f / (1 << bits);
        int i = 0;
        for (int bound = I.loopBound(count); i < bound; i += I.length()) {
            FloatVector u = (FloatVector) IntVector.fromArray(I, words, i).lanewise(VectorOperators.LSHR, shift)
                    .convert(VectorOperators.I2F, 0);
            u.mul(unit).mul(range).add(from).intoArray(out, off + i);
        }
        for (; i < count; i++) out[off + i] = (words[i] >>> shift) * unit * range + from;
    }

    /** A uniform double in [0, 1) from two words (53 bits). */
    static double unitDouble(int hi, int lo) { return (((long) (hi >>> 5) << 26) | (lo >>> 6)) * DOUBLE_UNIT; }

    /** {@code out[off + i] = from + u * range}, u a 53-bit uniform from words {@code 2i, 2i+1}. */
    static void uniformDouble(int[] words, int count, double[] out, int off, double from, double range) {
        for (int i = 0; i < count; i++) out[off + i] = unitDouble(words[2 * i], words[2 * i + 1]) * range + from;
    }

    /**
     * Normal samples by the Box-Muller transform: the pair of elements {@code 2p, 2p+1} comes from words
     * {@code 2p} (radius, from a uniform in (0, 1]) and {@code 2p+1} (angle). The transcendental functions
     * are StrictMath's: the Vector API's and Math's may differ in the last bit between interpreted and
     * compiled code, and the same seed must give the same numbers on every run.
     */
    static void normalFloat(int[] words, int count, float[] out, int off, float mean, float std) {
        int pairs = (count + 1) / 2;
        float[] radius = new float[pairs], angle = new float[pairs];
        for (int p = 0; p < pairs; p++) {
            radius[p] = ((words[2 * p] >>> 8) + 1) * 0x1.0p-24f;
            angle[p] = (words[2 * p + 1] >>> 8) * 0x1.0p-24f;
        }
        for (int p = 0; p < pairs; p++) {
            double r = StrictMath.sqrt(-2 * StrictMath.log(radius[p])), t = TWO_PI * angle[p];
            radius[p] = (float) (r * StrictMath.cos(t));
            angle[p] = (float) (r * StrictMath.sin(t));
        }
        for (int q = 0; q < pairs; q++) {
            out[off + 2 * q] = radius[q] * std + mean;
            if (2 * q + 1 < count) out[off + 2 * q + 1] = angle[q] * std + mean;
        }
    }

    /** Box-Muller in double precision: the pair {@code 2p, 2p+1} uses words {@code 4p .. 4p+3}. */
    static void normalDouble(int[] words, int count, double[] out, int off, double mean, double std) {
        int pairs = (count + 1) / 2;
        double[] radius = new double[pairs], angle = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            radius[p] = 1 - unitDouble(words[4 * p], words[4 * p + 1]);
            angle[p] = unitDouble(words[4 * p + 2], words[4 * p + 3]);
        }
        for (int p = 0; p < pairs; p++) {
            double r = StrictMath.sqrt(-2 * StrictMath.log(radius[p])), t = TWO_PI * angle[p];
            radius[p] = r * StrictMath.cos(t);
            angle[p] = r * StrictMath.sin(t);
        }
        for (int q = 0; q < pairs; q++) {
            out[off + 2 * q] = radius[q] * std + mean;
            if (2 * q + 1 < count) out[off + 2 * q + 1] = angle[q] * std + mean;
        }
    }

    /** Float Bernoulli draws: {@code out[off + i] = 1} when the 24-bit uniform of word i is below p, that is when its integer is below {@code threshold = ceil(p * 2^24)}. */
    static void bernoulliFloat(int[] words, int count, float[] out, int off, int threshold) {
        int i = 0;
        for (int bound = I.loopBound(count); i < bound; i += I.length()) {
            VectorMask<Float> one = IntVector.fromArray(I, words, i).lanewise(VectorOperators.LSHR, 8)
                    .compare(VectorOperators.LT, threshold).cast(F);
            FloatVector.zero(F).blend(1f, one).intoArray(out, off + i);
        }
        for (; i < count; i++) out[off + i] = (words[i] >>> 8) < threshold ? 1f : 0f;
    }

    /** The integer threshold of {@link #bernoulliFloat} for probability p. */
    static int bernoulliThreshold(double p) { return (int) Math.ceil(p * 0x1.0p24); }

    /**
     * Integers uniform in {@code [low, low + range)}, {@code range} read as unsigned (0 meaning 2^64): one word
     * per element when the range fits 32 bits, else two.
     */
    static void randint(int[] words, int count, long[] out, int off, long low, long range, boolean wide) {
        if (!wide) {
            for (int i = 0; i < count; i++) out[off + i] = low + (words[i] & MASK) % range;
            return;
        }
        for (int i = 0; i < count; i++) {
            long w = ((long) words[2 * i] << 32) | (words[2 * i + 1] & MASK);
            out[off + i] = low + (range == 0 ? w : Long.remainderUnsigned(w, range));
        }
    }

    /** Whether a draw needs two words: ranges above 2^32. */
    static boolean wide(long range) { return range == 0 || Long.compareUnsigned(range, 1L << 32) > 0; }

    /** A uniform in [0, 1) with 24 bits, the comparison value of Bernoulli draws. */
    static double unitBernoulli(int word) { return (word >>> 8) * 0x1.0p-24; }
}
