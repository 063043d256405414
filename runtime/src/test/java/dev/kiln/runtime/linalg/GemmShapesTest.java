package dev.kiln.runtime.linalg;

import static dev.kiln.runtime.linalg.GemmTest.randomFloats;
import static dev.kiln.runtime.linalg.GemmTest.reference;
import static dev.kiln.runtime.linalg.GemmTest.toDoubles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.linalg.GemmTest.Layout;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packed GEMMs against a plain triple loop over odd sizes (1 to 70, and around the block sizes: 97, 255, 257,
 * 513), so that every edge of the blocking is reached: partial MR-row slivers, partial NR-column panels, unequal
 * depth blocks, tiles split over rows and over columns. Operands are row-major, column-major (transposed) or
 * strided with gaps ({@link GemmTest.Layout}); each case runs on 1 and on 2 threads.
 */
class GemmShapesTest {
    /** m, n, k: small and odd; around MR, NR and the depth block; one of each large enough for both threads. */
    private static final int[][] SIZES = {{1, 2, 3}, {5, 7, 1}, {6, 16, 13}, {7, 17, 31}, {13, 33, 2}, {31, 63, 64},
            {64, 65, 70}, {70, 64, 63}, {2, 70, 70}, {70, 3, 70}, {97, 257, 255}, {255, 97, 257}, {513, 70, 65},
            {65, 513, 97}, {257, 255, 33}, {97, 31, 513}, {6, 513, 385}};

    static Stream<Object[]> cases() {
        String[] kinds = {"row", "col", "gaps"};
        List<Object[]> out = new ArrayList<>();
        for (int[] s : SIZES) {
            for (String ka : kinds) {
                for (String kb : kinds) {
                    for (int threads = 1; threads <= 2; threads++) out.add(new Object[]{s[0], s[1], s[2], ka, kb, threads});
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{2} @ {2}x{1}, A {3}, B {4}, {5} thread(s)")
    @MethodSource("cases")
    void floatMatchesReference(int m, int n, int k, String ka, String kb, int threads) {
        Layout la = Layout.of(ka, m, k), lb = Layout.of(kb, k, n), lc = Layout.of(kb.equals("col") ? "gaps" : "row", m, n);
        Random r = new Random(m * 131L + n * 17L + k);
        float[] a = randomFloats(r, la.length()), b = randomFloats(r, lb.length()), c = randomFloats(r, lc.length());
        double[] want = reference(m, n, k, 0.75, toDoubles(a), la, toDoubles(b), lb, toDoubles(c), lc);
        withThreads(threads, () -> Sgemm.gemm(m, n, k, 0.75f, a, la.offset(), la.rs(), la.cs(), b, lb.offset(), lb.rs(), lb.cs(), c,
                lc.offset(), lc.rs(), lc.cs(), true));
        for (int i = 0; i < c.length; i++) {
            double err = Math.abs(c[i] - want[i]);
            assertTrue(err <= 2e-6 * (k + 1) * (1 + Math.abs(want[i])), "element " + i + ": " + c[i] + " vs " + want[i]);
        }
    }

    @ParameterizedTest(name = "{0}x{2} @ {2}x{1}, A {3}, B {4}, {5} thread(s)")
    @MethodSource("cases")
    void doubleMatchesReference(int m, int n, int k, String ka, String kb, int threads) {
        Layout la = Layout.of(ka, m, k), lb = Layout.of(kb, k, n), lc = Layout.of(ka.equals("col") ? "gaps" : "row", m, n);
        Random r = new Random(m * 137L + n * 19L + k);
        double[] a = r.doubles(la.length(), -1, 1).toArray(), b = r.doubles(lb.length(), -1, 1).toArray();
        double[] c = r.doubles(lc.length(), -1, 1).toArray();
        double[] want = reference(m, n, k, -1.5, a, la, b, lb, c.clone(), lc);
        withThreads(threads, () -> Dgemm.gemm(m, n, k, -1.5, a, la.offset(), la.rs(), la.cs(), b, lb.offset(), lb.rs(), lb.cs(), c,
                lc.offset(), lc.rs(), lc.cs(), true));
        for (int i = 0; i < c.length; i++) assertEquals(want[i], c[i], 1e-12 * (k + 1), "element " + i);
    }

    /** {@code beta * self + alpha * a @ b} through the tensor entry point, with a transposed b as linear layers use it. */
    @Test
    void alphaAndBetaThroughAccumulate() {
        int m = 33, n = 70, k = 257;
        Random r = new Random(3);
        float[] a = randomFloats(r, m * k), bt = randomFloats(r, n * k), self = randomFloats(r, n);
        TensorData ta = new TensorData(DType.FLOAT32, Storage.wrap(a), new long[]{m, k}, new long[]{k, 1}, 0);
        TensorData tb = new TensorData(DType.FLOAT32, Storage.wrap(bt), new long[]{k, n}, new long[]{1, k}, 0);
        TensorData tself = new TensorData(DType.FLOAT32, Storage.wrap(self), new long[]{m, n}, new long[]{0, 1}, 0);
        for (int threads = 1; threads <= 2; threads++) {
            TensorData out = TensorData.zeros(DType.FLOAT32, new long[]{m, n});
            withThreads(threads, () -> Gemm.accumulate(out, new long[]{m, n}, tself, 0.5, ta, tb, -2.0));
            float[] got = out.storage().floats();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += (double) a[i * k + p] * bt[j * k + p];
                    double want = 0.5 * self[j] - 2.0 * s;
                    assertEquals(want, got[i * n + j], 1e-5 * (k + 1) * (1 + Math.abs(want)), "(" + i + ", " + j + ")");
                }
            }
        }
    }

    private static void withThreads(int threads, Runnable body) {
        int before = Parallel.getNumThreads();
        try {
            Parallel.setNumThreads(threads);
            body.run();
        } finally {
            Parallel.setNumThreads(before);
        }
    }
}
