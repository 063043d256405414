package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.autograd.Autograd;
import java.util.Arrays;

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
    /** An embedding table's default: N(0, 1) rows, the padding row (when there is one) zero. */
    static void embeddingInit(Tensor weight, Long paddingIdx) {
        Init.normal_(weight, 0, 1);
        if (paddingIdx != null) {
            try (var ignored = Autograd.noGrad()) {
                weight.select(0, paddingIdx).fill_(0);
            }
        }
    }

    static long[] expand(String layer, String what, long[] values, int dims) {
        if (values.length == dims) return values.clone();
        if (values.length == 1) {
            long[] out = new long[dims];
            Arrays.fill(out, values[0]);
            return out;
        }
        throw new IllegalArgumentException(layer + ": " + what + " must be one value or " + dims + " values, got " + values.length);
    }
}
