package dev.kiln.runtime.resample;

import dev.kiln.runtime.resample.SourceIndex.Linear;

/**
 * Bilinear upsampling on dense planes in float or double, with PyTorch's order of operations: forward
 * {@code (x00 w0 + x01 w1) h0 + (x10 w0 + x11 w1) h1}; backward adds {@code h w g} into the four input positions of
 * each output position in output order. {@link #rows} walks the output rows; the typed loops do one row each.
 */
final class Bilinear {
    private Bilinear() {}

    /** One output row: input rows {@code r0}, {@code r1} (offsets of their first element), output row {@code o}, row index oh. */
    @FunctionalInterface
    private interface Row {
        void run(int r0, int r1, int o, int oh);
    }

    /** Every output row of planes [from, to); input planes from {@code inAt}, output planes from {@code outAt}. */
    private static void rows(Planes s, Linear h, int inAt, int outAt, Row row) {
        s.forEach((from, to) -> {
            for (int p = from; p < to; p++) {
                int in = inAt + p * s.inPlane(), out = outAt + p * s.outPlane();
                for (int oh = 0; oh < s.outH(); oh++) row.run(in + h.i0()[oh] * s.inW(), in + h.i1()[oh] * s.inW(), out + oh * s.outW(), oh);
            }
        });
    }

    static void forward(Planes s, float[] x, int xo, float[] y, Linear h, Linear w) {
        float[] h0 = h.l0f(), h1 = h.l1f(), w0 = w.l0f(), w1 = w.l1f();
        int[] c0 = w.i0(), c1 = w.i1();
        rows(s, h, xo, 0, (r0, r1, o, oh) -> {
            for (int ow = 0; ow < s.outW(); ow++) {
                y[o + ow] = (x[r0 + c0[ow]] * w0[ow] + x[r0 + c1[ow]] * w1[ow]) * h0[oh]
                        + (x[r1 + c0[ow]] * w0[ow] + x[r1 + c1[ow]] * w1[ow]) * h1[oh];
            }
        });
    }

    static void forward(Planes s, double[] x, int xo, double[] y, Linear h, Linear w) {
        double[] h0 = h.l0(), h1 = h.l1(), w0 = w.l0(), w1 = w.l1();
        int[] c0 = w.i0(), c1 = w.i1();
        rows(s, h, xo, 0, (r0, r1, o, oh) -> {
            for (int ow = 0; ow < s.outW(); ow++) {
                y[o + ow] = (x[r0 + c0[ow]] * w0[ow] + x[r0 + c1[ow]] * w1[ow]) * h0[oh]
                        + (x[r1 + c0[ow]] * w0[ow] + x[r1 + c1[ow]] * w1[ow]) * h1[oh];
            }
        });
    }

    static void backward(Planes s, float[] g, int go, float[] gi, Linear h, Linear w) {
        float[] h0 = h.l0f(), h1 = h.l1f(), w0 = w.l0f(), w1 = w.l1f();
        int[] c0 = w.i0(), c1 = w.i1();
        rows(s, h, 0, go, (r0, r1, o, oh) -> {
            for (int ow = 0; ow < s.outW(); ow++) {
                float v = g[o + ow];
                gi[r0 + c0[ow]] += h0[oh] * w0[ow] * v;
                gi[r0 + c1[ow]] += h0[oh] * w1[ow] * v;
                gi[r1 + c0[ow]] += h1[oh] * w0[ow] * v;
                gi[r1 + c1[ow]] += h1[oh] * w1[ow] * v;
            }
        });
    }

    static void backward(Planes s, double[] g, int go, double[] gi, Linear h, Linear w) {
        double[] h0 = h.l0(), h1 = h.l1(), w0 = w.l0(), w1 = w.l1();
        int[] c0 = w.i0(), c1 = w.i1();
        rows(s, h, 0, go, (r0, r1, o, oh) -> {
            for (int ow = 0; ow < s.outW(); ow++) {
                double v = g[o + ow];
                gi[r0 + c0[ow]] += h0[oh] * w0[ow] * v;
                gi[r0 + c1[ow]] += h0[oh] * w1[ow] * v;
                gi[r1 + c0[ow]] += h1[oh] * w0[ow] * v;
                gi[r1 + c1[ow]] += h1[oh] * w1[ow] * v;
            }
        });
    }
}
