package dev.kiln.runtime.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.op.aten.ConvRules.Conv2dShape;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.parallel.Parallel;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each forward algorithm of {@link ConvAlgorithm} against a direct convolution accumulated in double, on odd sizes,
 * channel counts that are not multiples of the vector width, the strides, paddings and dilations it accepts,
 * batches of 1 and 3, on 1 and 2 threads (which must agree bit for bit); and the choice of algorithm per shape.
 */
class ConvAlgorithmTest {
    /** A case: batch, in channels, height, width, out channels, kernel, stride, padding, dilation (each h, w), groups. */
    private record Case(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int groups) {
        Conv2dShape shape() {
            long oh = (h + 2L * ph - (long) dh * (kh - 1) - 1) / sh + 1, ow = (w + 2L * pw - (long) dw * (kw - 1) - 1) / sw + 1;
            return new Conv2dShape(true, n, new long[]{c, h, w}, new long[]{o, oh, ow}, new long[]{kh, kw}, new long[]{sh, sw},
                    new long[]{ph, pw}, new long[]{dh, dw}, groups);
        }

        int outH() { return (int) shape().small()[1]; }

        int outW() { return (int) shape().small()[2]; }

        int weightLength() { return o * (c / groups) * kh * kw; }

        int outLength() { return n * o * outH() * outW(); }
    }

    private static Case square(int n, int c, int hw, int o, int k, int stride, int pad, int dilation, int groups) {
        return new Case(n, c, hw, hw, o, k, k, stride, stride, pad, pad, dilation, dilation, groups);
    }

    private static double[] random(int length, long seed) {
        Random r = new Random(seed);
        double[] a = new double[length];
        for (int i = 0; i < length; i++) a[i] = r.nextGaussian();
        return a;
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    private static double[] doubles(float[] f) {
        double[] a = new double[f.length];
        for (int i = 0; i < f.length; i++) a[i] = f[i];
        return a;
    }

    /** The direct convolution in double: [0] the result, [1] the sum of |w·x| over the taps of each output (its scale). */
    private static double[][] reference(Case k, double[] x, double[] w) {
        int oh = k.outH(), ow = k.outW(), cg = k.c / k.groups, og = k.o / k.groups;
        double[] y = new double[k.outLength()], scale = new double[y.length];
        for (int q = 0; q < k.n; q++) {
            for (int oc = 0; oc < k.o; oc++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = 0, abs = 0;
                        for (int ic = 0; ic < cg; ic++) {
                            int channel = oc / og * cg + ic;
                            for (int i = 0; i < k.kh; i++) {
                                int r = oy * k.sh - k.ph + i * k.dh;
                                if (r < 0 || r >= k.h) continue;
                                for (int j = 0; j < k.kw; j++) {
                                    int col = ox * k.sw - k.pw + j * k.dw;
                                    if (col < 0 || col >= k.w) continue;
                                    double term = w[((oc * cg + ic) * k.kh + i) * k.kw + j] * x[((q * k.c + channel) * k.h + r) * k.w + col];
                                    sum += term;
                                    abs += Math.abs(term);
                                }
                            }
                        }
                        int at = ((q * k.o + oc) * oh + oy) * ow + ox;
                        y[at] = sum;
                        scale[at] = abs;
                    }
                }
            }
        }
        return new double[][]{y, scale};
    }

    /** Makes and fills a result on 1 and on 2 threads, requires equal bits, and returns the first. */
    private static <A> A onOneAndTwoThreads(Supplier<A> make, Consumer<A> run, Function<A, double[]> read) {
        int threads = Parallel.getNumThreads();
        try {
            Parallel.setNumThreads(1);
            A one = make.get();
            run.accept(one);
            Parallel.setNumThreads(2);
            A two = make.get();
            run.accept(two);
            assertArrayEquals(read.apply(one), read.apply(two), "1 and 2 threads differ");
            return one;
        } finally {
            Parallel.setNumThreads(threads);
        }
    }

    /** Checks a float32 algorithm (output starts at the bias 0.25) against the reference within {@code tolerance} of each output's scale. */
    private static void checkFloat(Case k, double tolerance, Conv32 algorithm) {
        double[] x = random(k.n * k.c * k.h * k.w, 1), w = random(k.weightLength(), 2);
        float[] xf = floats(x), wf = floats(w);
        double[][] ref = reference(k, doubles(xf), doubles(wf));
        float[] y = onOneAndTwoThreads(() -> filled(k.outLength(), 0.25f), out -> algorithm.run(k.shape(), xf, wf, out), ConvAlgorithmTest::doubles);
        for (int i = 0; i < y.length; i++) {
            double expected = ref[0][i] + 0.25, error = Math.abs(y[i] - expected);
            assertTrue(error <= tolerance * (ref[1][i] + 1), k + " at " + i + ": expected " + expected + ", got " + y[i]);
        }
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    @FunctionalInterface
    private interface Conv32 {
        void run(Conv2dShape s, float[] x, float[] w, float[] out);
    }

    private static final Conv32 DEPTHWISE = (s, x, w, out) -> new Depthwise(s).forward(x, 0, w, 0, out);
    private static final Conv32 WINOGRAD = (s, x, w, out) -> new Winograd(s).forward(x, 0, w, 0, out);
    private static final Conv32 GEMM = (s, x, w, out) -> new ConvPlan(s, DType.FLOAT32).gather(x, 0, w, 0, out);

    @Test
    void depthwiseMatchesTheDirectConvolution() {
        for (int n : new int[]{1, 3}) {
            checkFloat(square(n, 17, 9, 17, 3, 1, 1, 1, 17), 1e-6, DEPTHWISE);
            checkFloat(square(n, 19, 13, 19, 3, 2, 1, 1, 19), 1e-6, DEPTHWISE);
            checkFloat(square(n, 5, 11, 10, 3, 1, 0, 1, 5), 1e-6, DEPTHWISE);
            checkFloat(square(n, 3, 12, 9, 5, 3, 2, 2, 3), 1e-6, DEPTHWISE);
            checkFloat(new Case(n, 7, 8, 23, 14, 3, 2, 2, 1, 1, 0, 1, 2, 7), 1e-6, DEPTHWISE);
            checkFloat(new Case(n, 1, 30, 41, 4, 1, 5, 1, 3, 0, 2, 1, 1, 1), 1e-6, DEPTHWISE);
            checkFloat(new Case(n, 6, 9, 45, 6, 3, 3, 2, 2, 1, 1, 1, 1, 6), 1e-6, DEPTHWISE);
            checkFloat(new Case(n, 3, 7, 40, 3, 3, 3, 1, 2, 0, 2, 1, 1, 3), 1e-6, DEPTHWISE);
        }
    }

    @Test
    void winogradMatchesTheDirectConvolution() {
        for (int n : new int[]{1, 3}) {
            checkFloat(square(n, 17, 9, 19, 3, 1, 1, 1, 1), 1e-5, WINOGRAD);
            checkFloat(square(n, 8, 14, 16, 3, 1, 1, 1, 1), 1e-5, WINOGRAD);
            checkFloat(new Case(n, 9, 13, 38, 11, 3, 3, 1, 1, 0, 2, 1, 1, 1), 1e-5, WINOGRAD);
            checkFloat(new Case(n, 33, 5, 6, 20, 3, 3, 1, 1, 2, 1, 1, 1, 1), 1e-5, WINOGRAD);
        }
        checkFloat(square(2, 64, 56, 64, 3, 1, 1, 1, 1), 1e-5, WINOGRAD);
    }

    @Test
    void gemmPathsMatchTheDirectConvolution() {
        for (int n : new int[]{1, 3}) {
            checkFloat(square(n, 17, 9, 19, 1, 1, 0, 1, 1), 1e-6, GEMM);
            checkFloat(square(n, 17, 11, 19, 1, 2, 0, 1, 1), 1e-6, GEMM);
            checkFloat(new Case(n, 6, 9, 10, 4, 3, 2, 2, 1, 1, 0, 2, 1, 2), 1e-6, GEMM);
        }
        checkFloat(square(1, 32, 21, 41, 3, 1, 1, 1, 1), 1e-6, GEMM);
        checkFloat(square(1, 96, 7, 64, 1, 1, 0, 1, 1), 1e-6, GEMM);
    }

    @Test
    void float64GoesThroughTheGemmPath() {
        for (Case k : new Case[]{square(3, 17, 9, 19, 3, 1, 1, 1, 1), square(1, 17, 11, 17, 3, 2, 1, 1, 17), square(3, 9, 11, 5, 1, 2, 0, 1, 1)}) {
            assertEquals(ConvAlgorithm.GEMM, ConvAlgorithm.choose(k.shape(), DType.FLOAT64));
            double[] x = random(k.n * k.c * k.h * k.w, 3), w = random(k.weightLength(), 4);
            double[][] ref = reference(k, x, w);
            double[] y = onOneAndTwoThreads(() -> new double[k.outLength()], out -> new ConvPlan(k.shape(), DType.FLOAT64).gather(x, 0, w, 0, out),
                    out -> out);
            assertArrayEquals(ref[0], y, 1e-12);
        }
    }

    /** dW[oc, ic, i, j] = Σ over samples and output positions of g[q, oc, y, x] · image[q, group's ic, y·s - p + i·d, x·s - p + j·d]. */
    private static double[] weightGradReference(Case k, double[] x, double[] g) {
        int oh = k.outH(), ow = k.outW(), cg = k.c / k.groups, og = k.o / k.groups;
        double[] dw = new double[k.weightLength()];
        for (int oc = 0; oc < k.o; oc++) {
            for (int ic = 0; ic < cg; ic++) {
                for (int i = 0; i < k.kh; i++) {
                    for (int j = 0; j < k.kw; j++) {
                        double sum = 0;
                        for (int q = 0; q < k.n; q++) {
                            for (int oy = 0; oy < oh; oy++) {
                                int r = oy * k.sh - k.ph + i * k.dh;
                                if (r < 0 || r >= k.h) continue;
                                for (int ox = 0; ox < ow; ox++) {
                                    int col = ox * k.sw - k.pw + j * k.dw;
                                    if (col < 0 || col >= k.w) continue;
                                    sum += g[((q * k.o + oc) * oh + oy) * ow + ox] * x[((q * k.c + oc / og * cg + ic) * k.h + r) * k.w + col];
                                }
                            }
                        }
                        dw[((oc * cg + ic) * k.kh + i) * k.kw + j] = sum;
                    }
                }
            }
        }
        return dw;
    }

    @Test
    void weightGradientSumsItsRunsOfSamplesInAFixedOrder() {
        for (Case k : new Case[]{square(5, 17, 9, 19, 3, 1, 1, 1, 1), square(3, 6, 11, 4, 3, 2, 1, 2, 2), square(1, 9, 8, 5, 1, 1, 0, 1, 1),
                square(2, 5, 10, 5, 3, 1, 1, 1, 5)}) {
            for (DType type : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
                double[] x = random(k.n * k.c * k.h * k.w, 5), g = random(k.outLength(), 6);
                boolean single = type == DType.FLOAT32;
                double[] expected = single ? weightGradReference(k, doubles(floats(x)), doubles(floats(g))) : weightGradReference(k, x, g);
                Object xs = single ? floats(x) : x, gs = single ? floats(g) : g;
                Object dw = onOneAndTwoThreads(() -> single ? new float[k.weightLength()] : new double[k.weightLength()],
                        out -> new ConvPlan(k.shape(), type).weightGrad(gs, 0, xs, 0, out), out -> single ? doubles((float[]) out) : (double[]) out);
                assertArrayEquals(expected, single ? doubles((float[]) dw) : (double[]) dw, single ? 1e-3 : 1e-10, k + " " + type);
            }
        }
    }

    @Test
    void scatterAtStrideOneIsWinogradsForwardConvolutionOfTheFlippedKernel() {
        for (Case k : new Case[]{square(1, 9, 17, 11, 3, 1, 1, 1, 1), square(3, 16, 9, 8, 3, 1, 0, 1, 1),
                new Case(2, 10, 12, 15, 12, 3, 3, 1, 1, 2, 1, 1, 1, 1), square(1, 4, 9, 5, 3, 1, 1, 1, 1)}) {
            double[] g = random(k.outLength(), 7), w = random(k.weightLength(), 8);
            int imageLength = k.n * k.c * k.h * k.w;
            double[] expected = new double[imageLength];
            new ConvPlan(k.shape(), DType.FLOAT64).scatter(doubles(floats(g)), 0, doubles(floats(w)), 0, expected);
            float[] gf = floats(g), wf = floats(w);
            float[] image = onOneAndTwoThreads(() -> new float[imageLength], out -> ConvKernels.scatter(k.shape(), DType.FLOAT32, gf, 0, wf, 0, out),
                    ConvAlgorithmTest::doubles);
            assertArrayEquals(expected, doubles(image), 1e-4, k.toString());
        }
    }

    @Test
    void theAlgorithmFollowsTheShape() {
        assertEquals(ConvAlgorithm.DEPTHWISE, ConvAlgorithm.choose(square(1, 32, 112, 32, 3, 1, 1, 1, 32).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.DEPTHWISE, ConvAlgorithm.choose(square(8, 96, 112, 96, 3, 2, 1, 1, 96).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.DEPTHWISE, ConvAlgorithm.choose(square(1, 4, 9, 8, 3, 1, 1, 1, 4).shape(), DType.FLOAT32),
                "a channel multiplier of 2");
        assertEquals(ConvAlgorithm.WINOGRAD, ConvAlgorithm.choose(square(1, 64, 56, 64, 3, 1, 1, 1, 1).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.WINOGRAD, ConvAlgorithm.choose(square(8, 256, 14, 256, 3, 1, 1, 1, 1).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.GEMM, ConvAlgorithm.choose(square(1, 512, 7, 512, 3, 1, 1, 1, 1).shape(), DType.FLOAT32),
                "too few tiles for the weight transform");
        assertEquals(ConvAlgorithm.GEMM, ConvAlgorithm.choose(square(1, 256, 14, 256, 3, 1, 1, 1, 1).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.WINOGRAD, ConvAlgorithm.choose(square(8, 512, 7, 512, 3, 1, 1, 1, 1).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.GEMM, ConvAlgorithm.choose(square(1, 64, 56, 64, 3, 2, 1, 1, 1).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.GEMM, ConvAlgorithm.choose(square(1, 64, 56, 64, 3, 1, 2, 2, 1).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.GEMM, ConvAlgorithm.choose(square(1, 64, 56, 64, 3, 1, 1, 1, 2).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.GEMM, ConvAlgorithm.choose(square(1, 64, 56, 128, 1, 2, 0, 1, 1).shape(), DType.FLOAT32));
        assertEquals(ConvAlgorithm.GEMM, ConvAlgorithm.choose(square(1, 64, 56, 64, 3, 1, 1, 1, 64).shape(), DType.FLOAT64));
    }
}
