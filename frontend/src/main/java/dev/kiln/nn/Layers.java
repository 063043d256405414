package dev.kiln.nn;

import dev.kiln.Tensor;

/** Initialisations and checks that several layers share. */
final class Layers {
    private Layers() {}

    /**
     * The default initialisation of Linear and the convolutions: kaiming_uniform with a = sqrt(5) for the weight, and
     * U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the bias (null: none).
     */
    static void kaimingInit(Tensor weight, Tensor bias) {
        Init.kaimingUniform_(weight, Math.sqrt(5), "fan_in", "leaky_relu", null);
        if (bias != null) {
            long fanIn = Init.fanInAndFanOut(weight)[0];
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    /** A spatial argument given as one value or one per dim, as {@code dims} values (PyTorch's {@code _pair}, {@code _single}). */
    static long[] expand(String layer, String what, long[] values, int dims) {
        if (values.length == dims) return values.clone();
        if (values.length == 1) {
            long[] out = new long[dims];
            java.util.Arrays.fill(out, values[0]);
            return out;
        }
        throw new IllegalArgumentException(layer + ": " + what + " must be one value or " + dims + " values, got " + values.length);
    }
}
