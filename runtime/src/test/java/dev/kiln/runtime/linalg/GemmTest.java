package dev.kiln.runtime.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.parallel.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GEMM kernels against a double-precision reference, over sizes that reach every path (direct loop, GEMV,
 * transposed problem, packed with partial tiles, several depth/row/column blocks, row and column thread splits)
 * and operand layouts (row-major, column-major, strided with gaps, a storage offset).
 */
class GemmTest {
    /** Element (i, j) of a layout lives at offset + i*rs + j*cs of an array of the given length. */
    record Layout(String name, int offset, int rs, int cs, int length) {
        static Layout of(String kind, int rows, int cols) {
            return switch (kind) {
                case "row" -> new Layout(kind, 0, cols, 1, rows * cols);
                case "col" -> new Layout(kind, 0, 1, rows, rows * cols);
                default -> new Layout(kind, 3, 2 * cols + 1, 2, 3 + rows * (2 * cols + 1));
            };
        }

        int at(int i, int j) { return offset + i * rs + j * cs; }

        @Override
        public String toString() { return name; }
    }

    static Stream<Object[]> cases() {
        int[][] sizes = {{1, 1, 1}, {2, 3, 4}, {17, 5, 33}, {6, 1, 64}, {1, 7, 64}, {200, 5, 3}, {7, 9, 0}, {64, 64, 64},
                {97, 70, 385}, {13, 3100, 9}, {200, 70, 50}, {31, 45, 777}};
        String[] kinds = {"row", "col", "gaps"};
        List<Object[]> out = new ArrayList<>();
        for (int[] s : sizes) {
            for (String ka : kinds) {
                for (String kb : kinds) out.add(new Object[]{s[0], s[1], s[2], ka, kb, kb.equals("gaps") ? "col" : "row"});
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{2} @ {2}x{1}, A {3}, B {4}, C {5}")
    @MethodSource("cases")
    void floatMatchesReference(int m, int n, int k, String ka, String kb, String kc) {
        Layout la = Layout.of(ka, m, k), lb = Layout.of(kb, k, n), lc = Layout.of(kc, m, n);
        Random r = new Random(m * 31L + n * 7L + k);
        float[] a = randomFloats(r, la.length), b = randomFloats(r, lb.length), c = randomFloats(r, lc.length);
        double[] want = reference(m, n, k, -0.5, toDoubles(a), la, toDoubles(b), lb, toDoubles(c), lc);
        Sgemm.gemm(m, n, k, -0.5f, a, la.offset, la.rs, la.cs, b, lb.offset, lb.rs, lb.cs, c, lc.offset, lc.rs, lc.cs, true);
        double tol = 1e-6 * (k + 1);
        for (int i = 0; i < c.length; i++) {
            double err = Math.abs(c[i] - want[i]);
            assertTrue(err <= tol * (1 + Math.abs(want[i])), "element " + i + ": " + c[i] + " vs " + want[i]);
        }
    }

    @ParameterizedTest(name = "{0}x{2} @ {2}x{1}, A {3}, B {4}, C {5}")
    @MethodSource("cases")
    void doubleMatchesReference(int m, int n, int k, String ka, String kb, String kc) {
        Layout la = Layout.of(ka, m, k), lb = Layout.of(kb, k, n), lc = Layout.of(kc, m, n);
        Random r = new Random(m * 37L + n * 11L + k);
        double[] a = r.doubles(la.length, -1, 1).toArray(), b = r.doubles(lb.length, -1, 1).toArray();
        double[] c = r.doubles(lc.length, -1, 1).toArray();
        double[] want = reference(m, n, k, 2.0, a, la, b, lb, c.clone(), lc);
        Dgemm.gemm(m, n, k, 2.0, a, la.offset, la.rs, la.cs, b, lb.offset, lb.rs, lb.cs, c, lc.offset, lc.rs, lc.cs, true);
        for (int i = 0; i < c.length; i++) assertEquals(want[i], c[i], 1e-12 * (k + 1), "element " + i);
    }

    @Test
    void integerProductIsExact() {
        int m = 9, n = 11, k = 13;
        Layout la = Layout.of("col", m, k), lb = Layout.of("gaps", k, n), lc = Layout.of("row", m, n);
        Random r = new Random(5);
        long[] a = r.longs(la.length, -1000, 1000).toArray(), b = r.longs(lb.length, -1000, 1000).toArray();
        long[] c = new long[lc.length], want = new long[lc.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) want[lc.at(i, j)] += 3 * a[la.at(i, p)] * b[lb.at(p, j)];
            }
        }
        Lgemm.gemm(m, n, k, 3, a, la.offset, la.rs, la.cs, b, lb.offset, lb.rs, lb.cs, c, lc.offset, lc.rs, lc.cs, true);
        assertArrayEquals(want, c);
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        int m = 150, n = 130, k = 400;
        Random r = new Random(9);
        float[] a = randomFloats(r, m * k), b = randomFloats(r, k * n);
        float[] one = new float[m * n], many = new float[m * n];
        int threads = Parallel.getNumThreads();
        try {
            Parallel.setNumThreads(1);
            Sgemm.gemm(m, n, k, 1f, a, 0, k, 1, b, 0, n, 1, one, 0, n, 1, true);
            Parallel.setNumThreads(3);
            Sgemm.gemm(m, n, k, 1f, a, 0, k, 1, b, 0, n, 1, many, 0, n, 1, true);
        } finally {
            Parallel.setNumThreads(threads);
        }
        assertArrayEquals(one, many);
    }

    static double[] reference(int m, int n, int k, double alpha, double[] a, Layout la, double[] b, Layout lb, double[] c,
                                      Layout lc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[la.at(i, p)] * b[lb.at(p, j)];
                c[lc.at(i, j)] += alpha * s;
            }
        }
        return c;
    }

    static float[] randomFloats(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    static double[] toDoubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }
}
