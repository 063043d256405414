package dev.kiln.runtime.resample;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;

/**
 * Where each output position along one dim reads the input, computed as PyTorch 1.13's CPU kernels compute it
 * ({@code area_pixel_compute_scale}, {@code area_pixel_compute_source_index}, {@code compute_source_index_and_lambda},
 * {@code nearest_idx}): in the precision PyTorch uses for the dtype at hand, every intermediate result rounded to it,
 * so that indices at the rounding boundaries agree.
 */
final class SourceIndex {
    private SourceIndex() {}

    /** The arithmetic PyTorch does index computations in: float, double, or bfloat16 (computed in float, then rounded). */
    enum Precision {
        FLOAT, DOUBLE, BFLOAT16;

        static Precision of(DType dtype) {
            return switch (dtype) {
                case FLOAT64 -> DOUBLE;
                case BFLOAT16 -> BFLOAT16;
                default -> FLOAT;
            };
        }

        double round(double x) {
            return switch (this) {
                case FLOAT -> (float) x;
                case DOUBLE -> x;
                case BFLOAT16 -> Elements.bfloat16ToFloat(Elements.floatToBfloat16((float) x));
            };
        }

        /** The accumulate type ({@code acc_type}) source positions of linear interpolation are computed in. */
        Precision acc() { return this == BFLOAT16 ? FLOAT : DOUBLE; }
    }

    /** The two input positions each output position interpolates between, and their weights (l0 + l1 = 1). */
    record Linear(int[] i0, int[] i1, double[] l0, double[] l1) {
        float[] l0f() { return floats(l0); }

        float[] l1f() { return floats(l1); }

        private static float[] floats(double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
            return f;
        }
    }

    /** {@code compute_scales_value}: 1 / the caller's scale when one (positive) was given, else in / out. */
    private static double scalesValue(Precision p, Double scale, long in, long out) {
        return scale != null && scale > 0 ? p.round(1.0 / scale) : p.round(p.round(in) / p.round(out));
    }

    /** The forward nearest index of each output position ({@code compute_indices_weights_nearest}). */
    static int[] nearest(long in, long out, Double scale, Precision p) {
        double s = scalesValue(p, scale, in, out);
        int[] idx = new int[(int) out];
        for (int i = 0; i < out; i++) {
            long src = (long) Math.floor((float) p.round(s * p.round(i)));
            idx[i] = (int) Math.min(src, in - 1);
        }
        return idx;
    }

    /** The nearest index the backward kernel adds each output position's gradient to ({@code nearest_idx}, in float). */
    static int[] nearestBackward(long in, long out, Double scale) {
        int[] idx = new int[(int) out];
        float s = (float) scalesValue(Precision.FLOAT, scale, in, out);
        for (int i = 0; i < out; i++) {
            if (out == in) idx[i] = i;
            else if (out == 2 * in) idx[i] = i >> 1;
            else idx[i] = (int) Math.min((long) Math.floor(i * s), in - 1);
        }
        return idx;
    }

    /**
     * The linear interpolation positions and weights of each output position: the scale in the dtype's precision,
     * the source position in its accumulate type, the weights rounded to the dtype.
     */
    static Linear linear(long in, long out, boolean alignCorners, Double scale, Precision p) {
        double s = alignCorners ? (out > 1 ? p.round(p.round(in - 1) / p.round(out - 1)) : 0) : scalesValue(p, scale, in, out);
        int n = (int) out;
        Linear r = new Linear(new int[n], new int[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            if (out == in) {
                r.i0[i] = i;
                r.i1[i] = i;
                r.l0[i] = 1;
                continue;
            }
            Precision acc = p.acc();
            double real;
            if (alignCorners) {
                real = acc.round(s * i);
            } else {
                real = acc.round(acc.round(s * acc.round(i + 0.5)) - 0.5);
                if (real < 0) real = 0;
            }
            int i0 = (int) real;
            r.i0[i] = i0;
            r.i1[i] = i0 + (i0 < in - 1 ? 1 : 0);
            r.l1[i] = p.round(real - i0);
            r.l0[i] = p.round(1 - r.l1[i]);
        }
        return r;
    }
}
