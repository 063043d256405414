package dev.kiln.runtime.resample;

import dev.kiln.runtime.resample.SourceIndex.Linear;

/**
 * Bilinear upsampling on dense planes in float or double, with PyTorch's order of operations: forward
 * {@code (x00 w0 + x01 w1) h0 + (x10 w0 + x11 w1) h1}; backward adds {@code h w g} into the four input positions of
 * each output position in output order.
 */
final class Bilinear {
    private Bilinear() {}

    static void forward(Planes s, float[] x, int xo, float[] y, Linear h, Linear w) {
        float[] h0 = h.l0f(), h1 = h.l1f(), w0 = w.l0f(), w1 = w.l1f();
        int inW = s.inW(), outW = s.outW();
        s.forEach((from, to) -> {
            for (int p = from; p < to; p++) {
                int in = xo + p * s.inPlane(), out = p * s.outPlane();
                for (int oh = 0; oh < s.outH(); oh++) {
                    int r0 = in + h.i0()[oh] * inW, r1 = in + h.i1()[oh] * inW, o = out + oh * outW;
                    float a0 = h0[oh], a1 = h1[oh];
                    for (int ow = 0; ow < outW; ow++) {
                        int c0 = w.i0()[ow], c1 = w.i1()[ow];
                        y[o + ow] = (x[r0 + c0] * w0[ow] + x[r0 + c1] * w1[ow]) * a0 + (x[r1 + c0] * w0[ow] + x[r1 + c1] * w1[ow]) * a1;
                    }
                }
            }
        });
    }

    static void forward(Planes s, double[] x, int xo, double[] y, Linear h, Linear w) {
        double[] h0 = h.l0(), h1 = h.l1(), w0 = w.l0(), w1 = w.l1();
        int inW = s.inW(), outW = s.outW();
        s.forEach((from, to) -> {
            for (int p = from; p < to; p++) {
                int in = xo + p * s.inPlane(), out = p * s.outPlane();
                for (int oh = 0; oh < s.outH(); oh++) {
                    int r0 = in + h.i0()[oh] * inW, r1 = in + h.i1()[oh] * inW, o = out + oh * outW;
                    double a0 = h0[oh], a1 = h1[oh];
                    for (int ow = 0; ow < outW; ow++) {
                        int c0 = w.i0()[ow], c1 = w.i1()[ow];
                        y[o + ow] = (x[r0 + c0] * w0[ow] + x[r0 + c1] * w1[ow]) * a0 + (x[r1 + c0] * w0[ow] + x[r1 + c1] * w1[ow]) * a1;
                    }
                }
            }
        });
    }

    static void backward(Planes s, float[] g, int go, float[] gi, Linear h, Linear w) {
        float[] h0 = h.l0f(), h1 = h.l1f(), w0 = w.l0f(), w1 = w.l1f();
        int inW = s.inW(), outW = s.outW();
        s.forEach((from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * s.inPlane(), out = go + p * s.outPlane();
                for (int oh = 0; oh < s.outH(); oh++) {
                    int r0 = in + h.i0()[oh] * inW, r1 = in + h.i1()[oh] * inW, o = out + oh * outW;
                    float a0 = h0[oh], a1 = h1[oh];
                    for (int ow = 0; ow < outW; ow++) {
                        int c0 = w.i0()[ow], c1 = w.i1()[ow];
                        float v = g[o + ow];
                        gi[r0 + c0] += a0 * w0[ow] * v;
                        gi[r0 + c1] += a0 * w1[ow] * v;
                        gi[r1 + c0] += a1 * w0[ow] * v;
                        gi[r1 + c1] += a1 * w1[ow] * v;
                    }
                }
            }
        });
    }

    static void backward(Planes s, double[] g, int go, double[] gi, Linear h, Linear w) {
        double[] h0 = h.l0(), h1 = h.l1(), w0 = w.l0(), w1 = w.l1();
        int inW = s.inW(), outW = s.outW();
        s.forEach((from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * s.inPlane(), out = go + p * s.outPlane();
                for (int oh = 0; oh < s.outH(); oh++) {
                    int r0 = in + h.i0()[oh] * inW, r1 = in + h.i1()[oh] * inW, o = out + oh * outW;
                    double a0 = h0[oh], a1 = h1[oh];
                    for (int ow = 0; ow < outW; ow++) {
                        int c0 = w.i0()[ow], c1 = w.i1()[ow];
                        double v = g[o + ow];
                        gi[r0 + c0] += a0 * w0[ow] * v;
                        gi[r0 + c1] += a0 * w1[ow] * v;
                        gi[r1 + c0] += a1 * w0[ow] * v;
                        gi[r1 + c1] += a1 * w1[ow] * v;
                    }
                }
            }
        });
    }
}
