package dev.kiln.runtime.resample;

/**
 * Nearest-neighbour upsampling on dense planes: the forward kernel moves values (any dtype, no arithmetic), the
 * backward kernel adds each output position's gradient into the input position it was read from, in output order
 * as PyTorch does. Both walk a per-plane map from output position to input position.
 */
final class Nearest {
    private Nearest() {}

    /** For each output position (oh, ow) of a plane, the input position (rows[oh], cols[ow]) it reads. */
    static int[] map(int[] rows, int[] cols, int inW) {
        int[] map = new int[rows.length * cols.length];
        for (int oh = 0, k = 0; oh < rows.length; oh++) {
            for (int col : cols) map[k++] = rows[oh] * inW + col;
        }
        return map;
    }

    /** {@code out[p][k] = in[p][map[k]]} for every plane p; {@code out} is dense from 0, {@code in} from {@code inOffset}. */
    static void forward(Planes s, Object in, int inOffset, Object out, int[] map) {
        int inPlane = s.inPlane(), outPlane = s.outPlane();
        s.forEach((from, to) -> {
            for (int p = from; p < to; p++) gather(in, inOffset + p * inPlane, out, p * outPlane, map);
        });
    }

    /** {@code gradIn[p][map[k]] += gradOut[p][k]} in order of k, for every plane p; float or double arrays. */
    static void backward(Planes s, Object gradOut, int goOffset, Object gradIn, int[] map) {
        int inPlane = s.inPlane(), outPlane = s.outPlane();
        s.forEach((from, to) -> {
            for (int p = from; p < to; p++) {
                int src = goOffset + p * outPlane, dst = p * inPlane;
                switch (gradIn) {
                    case float[] gi -> {
                        float[] go = (float[]) gradOut;
                        for (int k = 0; k < map.length; k++) gi[dst + map[k]] += go[src + k];
                    }
                    case double[] gi -> {
                        double[] go = (double[]) gradOut;
                        for (int k = 0; k < map.length; k++) gi[dst + map[k]] += go[src + k];
                    }
                    default -> throw new IllegalStateException("nearest backward computes in float or double");
                }
            }
        });
    }

    private static void gather(Object src, int from, Object dst, int to, int[] map) {
        switch (dst) {
            case float[] d -> {
                float[] s = (float[]) src;
                for (int k = 0; k < map.length; k++) d[to + k] = s[from + map[k]];
            }
            case double[] d -> {
                double[] s = (double[]) src;
                for (int k = 0; k < map.length; k++) d[to + k] = s[from + map[k]];
            }
            case short[] d -> {
                short[] s = (short[]) src;
                for (int k = 0; k < map.length; k++) d[to + k] = s[from + map[k]];
            }
            case byte[] d -> {
                byte[] s = (byte[]) src;
                for (int k = 0; k < map.length; k++) d[to + k] = s[from + map[k]];
            }
            default -> throw new IllegalStateException("nearest upsampling of " + dst.getClass().getSimpleName());
        }
    }
}
