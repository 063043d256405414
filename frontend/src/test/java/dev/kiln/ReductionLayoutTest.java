package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reductions large enough to take the threaded paths (split by outputs, and split along the reduced index with
 * partial results merged), checked against plain double-precision loops and against a single thread.
 */
class ReductionLayoutTest {
    private static final int THREADS = Parallel.getNumThreads();

    @AfterEach
    void restoreThreads() { Parallel.setNumThreads(THREADS); }

    private static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    private static Tensor tensor(float[] a, long... sizes) {
        return new Tensor(new TensorData(DType.FLOAT32, Storage.wrap(a), sizes, Geometry.contiguousStrides(sizes), 0));
    }

    private static float[] values(Tensor t) {
        float[] out = new float[(int) t.numel()];
        float[] s = t.data().storage().floats();
        for (int i = 0; i < out.length; i++) out[i] = s[(int) t.storageOffset() + i];
        return out;
    }

    /**
     * Runs {@code op} with one thread and with two; both must be within {@code tol} of {@code expected} (0 for
     * exact results such as indices; NaN must stay NaN).
     */
    private static void check(Tensor x, Function<Tensor, Tensor> op, double[] expected, double tol) {
        for (int threads : new int[]{1, 2}) {
            Parallel.setNumThreads(threads);
            Tensor r = op.apply(x);
            assertEquals(expected.length, r.numel());
            for (int i = 0; i < expected.length; i++) {
                double got = r.dtype() == DType.INT64 ? r.data().storage().longs()[i] : r.data().storage().floats()[i];
                String where = "element " + i + " with " + threads + " threads";
                if (Double.isNaN(expected[i])) assertTrue(Double.isNaN(got), where + ": expected NaN, got " + got);
                else assertEquals(expected[i], got, tol * Math.max(1, Math.abs(expected[i])), where);
            }
        }
    }

    @Test
    void wholeTensorSumIsAccurateAndSplitAcrossThreads() {
        int n = 3_000_017;
        float[] a = gaussian(n, 1);
        double sum = 0, abs = 0;
        for (float v : a) {
            sum += v;
            abs += Math.abs(v);
        }
        Tensor x = tensor(a, n);
        for (int threads : new int[]{1, 2}) {
            Parallel.setNumThreads(threads);
            double got = x.sum().itemDouble();
            assertTrue(Math.abs(got - sum) <= 1e-7 * abs + Math.ulp((float) sum), "sum " + got + " vs exact " + sum);
            assertEquals(sum / n, x.mean().itemDouble(), 1e-7 * abs / n + 1e-9);
        }
    }

    @Test
    void innerRowsAndOuterRowsMatchPlainLoops() {
        int rows = 700, cols = 900;
        float[] a = gaussian(rows * cols, 2);
        Tensor x = tensor(a, rows, cols);
        double[] rowSum = new double[rows], colSum = new double[cols], rowMax = new double[rows], colArg = new double[cols];
        java.util.Arrays.fill(rowMax, Double.NEGATIVE_INFINITY);
        float[] colBest = new float[cols];
        java.util.Arrays.fill(colBest, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = a[r * cols + c];
                rowSum[r] += v;
                colSum[c] += v;
                rowMax[r] = Math.max(rowMax[r], v);
                if (v > colBest[c]) {
                    colBest[c] = v;
                    colArg[c] = r;
                }
            }
        }
        check(x, t -> t.sum(1, false), rowSum, 1e-4);
        check(x, t -> t.sum(0, false), colSum, 1e-4);
        check(x, t -> t.amax(1), rowMax, 0);
        check(x, t -> t.argmax(0), colArg, 0);
    }

    @Test
    void fewOutputsOverLongReductionsMergePartialResults() {
        int n = 200_000;
        float[] a = gaussian(3 * n, 3);
        a[3 * 150_000 + 1] = 50;
        a[3 * 170_000 + 1] = 50;
        a[3 * 120_000 + 2] = Float.NaN;
        a[3 * 190_000 + 2] = Float.NaN;
        Tensor tall = tensor(a, n, 3);
        double[] sum = new double[3], m = new double[3], m2 = new double[3];
        for (int r = 0; r < n; r++) for (int c = 0; c < 3; c++) sum[c] += a[3 * r + c];
        for (int c = 0; c < 3; c++) m[c] = sum[c] / n;
        for (int r = 0; r < n; r++) for (int c = 0; c < 3; c++) m2[c] += (a[3 * r + c] - m[c]) * (a[3 * r + c] - m[c]);
        check(tall, t -> t.sum(0, false), sum, 1e-4);
        check(tall, t -> t.argmax(0), new double[]{argmax(a, 0, n), 150_000, 120_000}, 0);
        check(tall, t -> t.var(new int[]{0}, 0L, false), new double[]{m2[0] / n, m2[1] / n, Double.NaN}, 1e-5);
        Tensor wide = tensor(a, 3, n);
        double[] lse = new double[3];
        for (int c = 0; c < 3; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.exp(a[c * n + i]);
            lse[c] = Math.log(s);
        }
        check(wide, t -> t.logsumexp(new int[]{1}, false), lse, 1e-5);
    }

    private static double argmax(float[] a, int col, int rows) {
        int best = 0;
        for (int r = 1; r < rows; r++) if (a[3 * r + col] > a[3 * best + col]) best = r;
        return best;
    }

    @Test
    void stridedInputsReduceWithoutCopyingFirst() {
        int rows = 400, cols = 300;
        float[] a = gaussian(rows * cols, 4);
        TensorData base = tensor(a, rows, cols).data();
        Tensor transposed = new Tensor(new TensorData(DType.FLOAT32, base.storage(), new long[]{cols, rows}, new long[]{1, cols}, 0));
        Tensor everyOther = new Tensor(new TensorData(DType.FLOAT32, base.storage(), new long[]{rows / 2, cols / 3},
                new long[]{2L * cols, 3}, 1));
        double[] tSum = new double[cols], eMax = new double[rows / 2];
        java.util.Arrays.fill(eMax, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) tSum[c] += a[r * cols + c];
        for (int r = 0; r < rows / 2; r++) for (int c = 0; c < cols / 3; c++) eMax[r] = Math.max(eMax[r], a[2 * r * cols + 3 * c + 1]);
        check(transposed, t -> t.sum(1, false), tSum, 1e-4);
        check(everyOther, t -> t.amax(1), eMax, 0);
        Tensor full = transposed.sum();
        double total = 0;
        for (double v : tSum) total += v;
        assertEquals(total, full.itemDouble(), 1e-3);
    }

    @Test
    void repeatedCallsAreBitwiseIdentical() {
        float[] a = gaussian(1_000_003, 5);
        Tensor x = tensor(a, 1_000_003);
        Parallel.setNumThreads(2);
        float first = (float) x.sum().itemDouble();
        for (int i = 0; i < 5; i++) assertEquals(Float.floatToIntBits(first), Float.floatToIntBits((float) x.sum().itemDouble()));
        assertArrayEquals(values(x.softmax(0)), values(x.softmax(0)));
    }
}
