package dev.kiln.runtime.pool;

import dev.kiln.ir.op.OpError;

/**
 * Max pooling of dense planes in float or double: each output is the first maximum of its window in row-major order
 * (a NaN wins, the last NaN of the window), with its flat index in the plane, as PyTorch's CPU kernel computes them;
 * the backward pass adds each output gradient at its saved index. Plane {@code p} of the input starts at
 * {@code off + p * inPlane}, of the outputs at {@code p * outPlane}.
 */
final class MaxPool {
    private MaxPool() {}

    /** Planes {@code [from, to)} of {@code x} into values {@code y} and indices {@code idx}. */
    static void forward(Object x, int off, Object y, long[] idx, Grid g, int from, int to) {
        switch (x) {
            case float[] f when g.cols().kernel() > 0 && MaxPoolF32.handles(g.cols().stride()) -> MaxPoolF32.forward(f, off, (float[]) y, idx, g, from, to);
            case float[] f -> {
                for (int p = from; p < to; p++) {
                    for (int i = 0; i < g.rows().size(); i++) row(f, off + p * g.inPlane(), (float[]) y, idx, outRow(g, p, i), g, i, 0, g.cols().size());
                }
            }
            case double[] d -> {
                for (int p = from; p < to; p++) {
                    for (int i = 0; i < g.rows().size(); i++) row(d, off + p * g.inPlane(), (double[]) y, idx, outRow(g, p, i), g, i, 0, g.cols().size());
                }
            }
            default -> throw new IllegalStateException("max pooling computes in float or double, not " + x.getClass().getSimpleName());
        }
    }

    /** Where output row {@code i} of plane {@code p} starts. */
    private static int outRow(Grid g, int p, int i) { return (p * g.rows().size() + i) * g.cols().size(); }

    /** Outputs {@code [j0, j1)} of row {@code i} (which starts at output {@code o}) of the plane at {@code x[in..]}. */
    static void row(float[] x, int in, float[] y, long[] idx, int o, Grid g, int i, int j0, int j1) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), dh = rows.step(), dw = cols.step(), r0 = rows.from()[i], r1 = rows.to()[i];
        for (int j = j0; j < j1; j++) {
            int c0 = cols.from()[j], c1 = cols.to()[j], best = r0 * w + c0;
            float max = Float.NEGATIVE_INFINITY;
            for (int r = r0; r < r1; r += dh) {
                for (int at = r * w + c0, end = r * w + c1; at < end; at += dw) {
                    float v = x[in + at];
                    if (v > max || v != v) {
                        max = v;
                        best = at;
                    }
                }
            }
            y[o + j] = max;
            idx[o + j] = best;
        }
    }

    private static void row(double[] x, int in, double[] y, long[] idx, int o, Grid g, int i, int j0, int j1) {
        Grid.Axis rows = g.rows(), cols = g.cols();
        int w = g.inW(), dh = rows.step(), dw = cols.step(), r0 = rows.from()[i], r1 = rows.to()[i];
        for (int j = j0; j < j1; j++) {
            int c0 = cols.from()[j], c1 = cols.to()[j], best = r0 * w + c0;
            double max = Double.NEGATIVE_INFINITY;
            for (int r = r0; r < r1; r += dh) {
                for (int at = r * w + c0, end = r * w + c1; at < end; at += dw) {
                    double v = x[in + at];
                    if (v > max || v != v) {
                        max = v;
                        best = at;
                    }
                }
            }
            y[o + j] = max;
            idx[o + j] = best;
        }
    }

    /**
     * Adds the gradients {@code gy} (from {@code gOff}) of planes {@code [from, to)} into {@code gx} (dense, zeroed) at
     * the indices {@code idx} (from {@code iOff}); an index outside its plane is an error of {@code op}.
     */
    static void backward(String op, Object gy, int gOff, long[] idx, int iOff, Object gx, int inPlane, int outPlane, int from, int to) {
        int first = from * outPlane, last = to * outPlane;
        switch (gx) {
            case float[] f -> {
                float[] g = (float[]) gy;
                for (int o = first; o < last; o++) f[target(op, idx, iOff, o, inPlane, outPlane)] += g[gOff + o];
            }
            case double[] d -> {
                double[] g = (double[]) gy;
                for (int o = first; o < last; o++) d[target(op, idx, iOff, o, inPlane, outPlane)] += g[gOff + o];
            }
            default -> throw new IllegalStateException("max pooling computes in float or double, not " + gx.getClass().getSimpleName());
        }
    }

    /** Where output {@code o}'s gradient goes: its saved index in its plane, checked. */
    private static int target(String op, long[] idx, int iOff, int o, int inPlane, int outPlane) {
        long at = idx[iOff + o];
        if (at < 0 || at >= inPlane) throw OpError.index(op, "index " + at + " is out of bounds for a plane of " + inPlane + " elements");
        return o / outPlane * inPlane + (int) at;
    }
}
