package dev.kiln;

import static dev.kiln.PointwiseApiTest.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the small golden cases cannot show: tensors large enough to be split over the worker pool and to span
 * many chunks, strided and broadcast operands at that size, results independent of the thread count, and
 * outputs that alias their inputs.
 */
class PointwiseEngineTest {

    private static Tensor random(DType dtype, long seed, int... sizes) {
        int n = 1;
        for (int s : sizes) n *= s;
        double[] v = new double[n];
        Random r = new Random(seed);
        for (int k = 0; k < n; k++) v[k] = dtype.isFloatingPoint() ? r.nextGaussian() * 3 : r.nextInt(201) - 100;
        Tensor flat = Torch.tensor(v, dtype);
        return sizes.length == 1 ? flat : reshape(flat, java.util.Arrays.stream(sizes).asLongStream().toArray());
    }

    /** A view of {@code t}'s storage with other geometry. */
    private static Tensor view(Tensor t, long[] sizes, long[] strides, long offset) {
        TensorData d = t.data();
        return new Tensor(new TensorData(d.dtype(), d.storage(), sizes, strides, offset));
    }

    private static Tensor reshape(Tensor contiguous, long... sizes) {
        return view(contiguous, sizes, dev.kiln.ir.op.Geometry.contiguousStrides(sizes), contiguous.storageOffset());
    }

    @Test
    void largeBroadcastAndStridedOperandsMatchElementwiseResults() {
        int rows = 300, cols = 257;
        Tensor a = random(DType.FLOAT32, 1, rows, cols);
        Tensor b = random(DType.FLOAT32, 2, cols);
        Tensor bt = view(random(DType.FLOAT32, 3, cols, rows), new long[]{rows, cols}, new long[]{1, rows}, 0);
        double[] va = values(a), vb = values(b), vt = values(bt);
        double[] sum = values(a.add(b, 0.5)), prod = values(a.mul(bt)), gt = values(a.gt(bt)), exp = values(a.exp());
        for (int k = 0; k < rows * cols; k++) {
            float x = (float) va[k], y = (float) vb[k % cols], z = (float) vt[k];
            assertEquals(x + y * 0.5f, (float) sum[k], 0f, "add at " + k);
            assertEquals(x * z, (float) prod[k], 0f, "mul at " + k);
            assertEquals(x > z ? 1 : 0, gt[k], 0, "gt at " + k);
            assertEquals(Math.exp(x), exp[k], Math.abs(Math.exp(x)) * 1e-6, "exp at " + k);
        }
    }

    @Test
    void narrowAndReducedDtypesConvertAtLargeSizes() {
        int n = 70_000;
        Tensor h = random(DType.FLOAT16, 4, n), i8 = random(DType.INT8, 5, n), d = random(DType.FLOAT64, 6, n);
        double[] vh = values(h), vi = values(i8), vd = values(d);
        double[] sum = values(h.add(i8)), prod = values(i8.mul(i8)), mixed = values(h.mul(d));
        assertEquals(DType.FLOAT16, h.add(i8).dtype());
        assertEquals(DType.FLOAT64, h.mul(d).dtype());
        for (int k = 0; k < n; k++) {
            assertEquals(Float.float16ToFloat(Float.floatToFloat16((float) (vh[k] + vi[k]))), (float) sum[k], 0f, "f16 + i8 at " + k);
            assertEquals((byte) (vi[k] * vi[k]), prod[k], 0, "i8 * i8 wraps at " + k);
            assertEquals(vh[k] * vd[k], mixed[k], 0, "f16 * f64 at " + k);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Tensor a = random(DType.FLOAT32, 7, 513, 129), b = random(DType.FLOAT32, 8, 129);
        int threads = Parallel.getNumThreads();
        try {
            Parallel.setNumThreads(1);
            double[] one = values(a.mul(b).gelu().add(a.sigmoid()));
            Parallel.setNumThreads(3);
            double[] three = values(a.mul(b).gelu().add(a.sigmoid()));
            assertArrayEquals(one, three, 0.0);
        } finally {
            Parallel.setNumThreads(threads);
        }
    }

    @Test
    void integerDivisionByZeroIsReportedFromAnyWorker() {
        Tensor a = random(DType.INT64, 9, 100_000);
        long[] divisor = new long[100_000];
        java.util.Arrays.fill(divisor, 3);
        divisor[99_999] = 0;
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.remainder(Torch.tensor(divisor)));
        assertTrue(e.getMessage().contains("ZeroDivisionError") && e.getMessage().contains("remainder"), e.getMessage());
    }

    @Test
    void inplaceOnItselfReadsEachElementBeforeWritingIt() {
        Tensor a = random(DType.FLOAT32, 10, 50_000), original = a.clone();
        a.addcmul_(a, a, 2);
        assertArrayEquals(values(original.addcmul(original, original, 2)), values(a), 0.0);
        a.mul_(a);
        Tensor expected = original.addcmul(original, original, 2);
        assertArrayEquals(values(expected.mul(expected)), values(a), 0.0);
    }

    @Test
    void partialOverlapOfDenseOperandsIsRejectedLikePyTorch() {
        Tensor a = reshape(random(DType.FLOAT32, 11, 12), 3, 4);
        Tensor row = view(a, new long[]{4}, new long[]{1}, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add_(row));
        assertTrue(e.getMessage().contains("add_") && e.getMessage().contains("single memory location"), e.getMessage());
        Tensor square = reshape(random(DType.FLOAT32, 12, 9), 3, 3);
        Tensor transposed = view(square, new long[]{3, 3}, new long[]{1, 3}, 0);
        assertThrows(IllegalArgumentException.class, () -> square.add_(transposed));
    }

    @Test
    void overlapPyTorchCannotDetectReadsInputsBeforeWriting() {
        Tensor a = reshape(Torch.tensor(new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}), 3, 4);
        Tensor right = view(a, new long[]{3, 3}, new long[]{4, 1}, 1), left = view(a, new long[]{3, 3}, new long[]{4, 1}, 0);
        right.add_(left);
        assertArrayEquals(new double[]{1, 3, 5, 7, 5, 11, 13, 15, 9, 19, 21, 23}, values(a), 0.0);
    }

    @Test
    void writingIntoAnExpandedTensorIsRejected() {
        Tensor base = Torch.tensor(new float[]{1, 2, 3});
        Tensor expanded = view(base, new long[]{2, 3}, new long[]{0, 1}, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> expanded.add_(1));
        assertTrue(e.getMessage().contains("more than one element of the written-to tensor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> expanded.copy_(Torch.tensor(new float[][]{{1, 2, 3}, {4, 5, 6}})));
    }

    @Test
    void inplaceOpsWriteThroughViews() {
        Tensor base = reshape(Torch.tensor(new float[]{1, 2, 3, 4, 5, 6}), 2, 3);
        Tensor column = view(base, new long[]{2}, new long[]{3}, 1);
        int version = base.version();
        column.mul_(10).neg_();
        assertArrayEquals(new double[]{1, -20, 3, 4, -50, 6}, values(base), 0.0);
        assertEquals(version + 2, base.version(), "views share the storage's version counter");
    }

    @Test
    void float32ErfAgreesWithTheFloat64PathToAnUlp() {
        float[] v = new float[40_000];
        Random r = new Random(13);
        for (int k = 0; k < v.length; k++) v[k] = (float) ((r.nextDouble() * 14 - 7) * (k % 5 == 0 ? 1e-3 : 1));
        v[0] = Float.NaN;
        v[1] = Float.NEGATIVE_INFINITY;
        v[2] = -0.0f;
        v[3] = 0.84375f;
        v[4] = 1.25f;
        v[5] = 6f;
        Tensor x = Torch.tensor(v);
        double[] single = values(x.erf()), dbl = values(x.to(Torch.float64).erf());
        for (int k = 0; k < v.length; k++) {
            float want = (float) dbl[k], got = (float) single[k];
            if (Float.isNaN(want)) {
                assertTrue(Float.isNaN(got));
                continue;
            }
            assertTrue(Math.abs(Float.floatToIntBits(want) - Float.floatToIntBits(got)) <= 1, "erf(" + v[k] + "): " + want + " vs " + got);
        }
    }
}
