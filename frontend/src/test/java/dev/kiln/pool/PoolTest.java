package dev.kiln.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ValuesIndices;
import dev.kiln.autograd.Autograd;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the golden fixtures of the poolings do not show: the vectorised float32 max pooling against a plain loop over
 * many widths, strides and paddings (vector tails, clipped edges, blocks at the end of the storage), the Java API,
 * and results that do not depend on the number of threads.
 */
class PoolTest {
    private static Tensor random(long seed, DType dtype, long... sizes) { return Torch.randn(sizes, dtype, new Generator().manualSeed(seed)); }

    /** Normal values rounded to quarters (ties between maxima), with NaN and infinities sprinkled in. */
    private static Tensor awkward(long seed, DType dtype, long... sizes) {
        double[] v = random(seed, DType.FLOAT64, sizes).toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(v[i] * 4) / 4.0;
            if (i % 97 == 13) v[i] = Double.NaN;
            if (i % 89 == 7) v[i] = i % 2 == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return Torch.tensor(v, dtype).reshape(sizes);
    }

    @Test
    void maxPoolingMatchesAPlainLoop() {
        int seed = 0;
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (int width : new int[]{5, 16, 17, 33, 47, 70}) {
                for (int stride : new int[]{1, 2, 3}) {
                    for (int kernel : new int[]{2, 3, 5}) {
                        for (int dilation : new int[]{1, 2}) {
                            if ((kernel - 1) * dilation + 1 > width) continue;
                            Tensor x = awkward(seed++, dtype, 2, 3, 6, width);
                            long[] k = {3, kernel}, s = {2, stride}, p = {1, kernel / 2}, d = {1, dilation};
                            for (boolean ceil : new boolean[]{false, true}) check(x, k, s, p, d, ceil);
                        }
                    }
                }
            }
        }
    }

    private static void check(Tensor x, long[] k, long[] s, long[] p, long[] d, boolean ceil) {
        ValuesIndices pooled = Torch.maxPool2dWithIndices(x, k, s, p, d, ceil);
        long[] out = pooled.values().sizes();
        int planes = (int) (out[0] * out[1]), h = (int) x.sizes()[2], w = (int) x.sizes()[3], oh = (int) out[2], ow = (int) out[3];
        double[] in = x.toDoubleArray(), values = new double[planes * oh * ow];
        long[] indices = new long[values.length];
        for (int q = 0, o = 0; q < planes; q++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    int r0 = (int) (i * s[0] - p[0]), c0 = (int) (j * s[1] - p[1]);
                    int r1 = (int) Math.min(r0 + (k[0] - 1) * d[0] + 1, h), c1 = (int) Math.min(c0 + (k[1] - 1) * d[1] + 1, w);
                    while (r0 < 0) r0 += (int) d[0];
                    while (c0 < 0) c0 += (int) d[1];
                    double max = Double.NEGATIVE_INFINITY;
                    long best = (long) r0 * w + c0;
                    for (int r = r0; r < r1; r += (int) d[0]) {
                        for (int c = c0; c < c1; c += (int) d[1]) {
                            double v = in[q * h * w + r * w + c];
                            if (v > max || Double.isNaN(v)) {
                                max = v;
                                best = (long) r * w + c;
                            }
                        }
                    }
                    values[o] = max;
                    indices[o] = best;
                }
            }
        }
        String what = x.dtype() + " " + Arrays.toString(x.sizes()) + " k" + k[1] + " s" + s[1] + " d" + d[1] + " ceil " + ceil;
        assertArrayEquals(values, pooled.values().toDoubleArray(), what);
        assertArrayEquals(indices, pooled.indices().toLongArray(), what);
        assertArrayEquals(values, Torch.maxPool2d(x, k, s, p, d, ceil).toDoubleArray(), what);
    }

    /** Windows of 40 x 40 over 41 x 41 outputs: more taps than one plan of the average pooling holds. */
    @Test
    void largeAverageWindowsMatchAPlainLoop() {
        int h = 80, k = 40, o = h - k + 1;
        Tensor x = random(4, DType.FLOAT64, 2, 1, h, h).requiresGrad_();
        Tensor y = Torch.avgPool2d(x, new long[]{k}, new long[]{1}, new long[]{0}, false, true, null);
        Tensor g = random(5, DType.FLOAT64, 2, 1, o, o);
        double[] in = x.toDoubleArray(), gy = g.toDoubleArray(), want = new double[2 * o * o], wantGrad = new double[in.length];
        for (int q = 0, at = 0; q < 2; q++) {
            for (int i = 0; i < o; i++) {
                for (int j = 0; j < o; j++, at++) {
                    double sum = 0, delta = gy[at] / (k * k);
                    for (int r = i; r < i + k; r++) {
                        for (int c = j; c < j + k; c++) {
                            sum += in[q * h * h + r * h + c];
                            wantGrad[q * h * h + r * h + c] += delta;
                        }
                    }
                    want[at] = sum / (k * k);
                }
            }
        }
        assertArrayEquals(want, y.toDoubleArray());
        assertArrayEquals(wantGrad, Autograd.grad(List.of(y), List.of(x), List.of(g), false, false, false).getFirst().toDoubleArray());
    }

    @Test
    void javaOverloadsMatchTheFullCalls() {
        Tensor x = random(1, DType.FLOAT32, 2, 3, 9, 8), line = random(2, DType.FLOAT32, 2, 3, 11);
        long[] one = {1}, zero = {0};
        assertArrayEquals(Torch.maxPool2d(x, new long[]{3, 3}, new long[]{2, 2}, new long[]{1, 1}, new long[]{1, 1}, false).toDoubleArray(),
                Torch.maxPool2d(x, 3, 2, 1).toDoubleArray());
        assertArrayEquals(Torch.maxPool2d(x, new long[]{2}, new long[0], zero, one, false).toDoubleArray(), Torch.maxPool2d(x, 2).toDoubleArray());
        assertArrayEquals(Torch.avgPool2d(x, new long[]{3}, new long[]{2}, new long[]{1}, false, true, null).toDoubleArray(),
                Torch.avgPool2d(x, 3, 2, 1).toDoubleArray());
        assertArrayEquals(Torch.avgPool2d(x, 2, 2, 0).toDoubleArray(), Torch.avgPool2d(x, 2).toDoubleArray());
        assertArrayEquals(Torch.adaptiveAvgPool2d(x, 3, 3).toDoubleArray(), Torch.adaptiveAvgPool2d(x, 3).toDoubleArray());
        assertArrayEquals(x.mean(new int[]{-1, -2}, true).toDoubleArray(), Torch.adaptiveAvgPool2d(x, 1).toDoubleArray());
        assertArrayEquals(Torch.adaptiveMaxPool2dWithIndices(x, 2, 3).values().toDoubleArray(), Torch.adaptiveMaxPool2d(x, 2, 3).toDoubleArray());
        Tensor rows = line.unsqueeze(-2);
        assertArrayEquals(Torch.maxPool2d(rows, new long[]{1, 3}, new long[]{1, 2}, new long[]{0, 1}, new long[]{1, 2}, true).toDoubleArray(),
                Torch.maxPool1d(line, 3, 2, 1, 2, true).toDoubleArray());
        assertArrayEquals(Torch.maxPool1d(line, 3, 3, 0, 1, false).toDoubleArray(), Torch.maxPool1d(line, 3).toDoubleArray());
        assertArrayEquals(Torch.maxPool1d(line, 4, 2, 1, 1, false).toDoubleArray(),
                Torch.maxPool1dWithIndices(line, 4, 2, 1, 1, false).values().toDoubleArray());
        assertArrayEquals(Torch.avgPool2d(rows, new long[]{1, 3}, new long[]{1, 2}, new long[]{0, 1}, true, false, null).toDoubleArray(),
                Torch.avgPool1d(line, 3, 2, 1, true, false).toDoubleArray());
        assertArrayEquals(Torch.avgPool1d(line, 2, 2, 0, false, true).toDoubleArray(), Torch.avgPool1d(line, 2).toDoubleArray());
        assertArrayEquals(Torch.adaptiveAvgPool2d(rows, 1, 4).toDoubleArray(), Torch.adaptiveAvgPool1d(line, 4).toDoubleArray());
        ValuesIndices m = Torch.adaptiveMaxPool2dWithIndices(rows, 1, 5), m1 = Torch.adaptiveMaxPool1dWithIndices(line, 5);
        assertArrayEquals(m.values().toDoubleArray(), m1.values().toDoubleArray());
        assertArrayEquals(m.indices().toLongArray(), m1.indices().toLongArray());
        assertArrayEquals(m1.values().toDoubleArray(), Torch.adaptiveMaxPool1d(line, 5).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> Torch.adaptiveAvgPool2d(x, 1, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.maxPool2d(x, new long[]{2, 2, 2}, new long[0], zero, one, false));
        assertEquals("aten::max_pool2d: max_pool2d: kernel_size must either be a single int, or a tuple of two ints", e.getMessage());
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Tensor x = random(3, DType.FLOAT32, 4, 16, 30, 33);
        int threads = Torch.getNumThreads();
        List<double[]> one, many;
        try {
            Torch.setNumThreads(1);
            one = results(x);
            Torch.setNumThreads(Math.max(2, threads));
            many = results(x);
        } finally {
            Torch.setNumThreads(threads);
        }
        for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), many.get(i), "result " + i);
    }

    /** Forward results and input gradients of each 2-D pooling. */
    private static List<double[]> results(Tensor input) {
        List<double[]> out = new ArrayList<>();
        List<Function<Tensor, Tensor>> poolings = List.of(t -> Torch.maxPool2d(t, 3, 2, 1),
                t -> Torch.avgPool2d(t, new long[]{3, 2}, new long[]{1, 2}, new long[]{1, 1}, true, false, null),
                t -> Torch.adaptiveAvgPool2d(t, 7, 5), t -> Torch.adaptiveMaxPool2d(t, 6, 9));
        for (var pooling : poolings) {
            Tensor x = input.detach().requiresGrad_(), y = pooling.apply(x);
            out.add(y.toDoubleArray());
            Tensor g = Torch.onesLike(y).mul(Torch.arange(y.numel()).reshape(y.sizes()));
            out.add(Autograd.grad(List.of(y), List.of(x), List.of(g), false, false, false).getFirst().toDoubleArray());
        }
        return out;
    }
}
