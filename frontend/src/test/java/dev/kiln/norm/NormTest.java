package dev.kiln.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.GradCheck;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.NormOps;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the golden fixtures of the normalizations do not show: the Java API, running statistics written through
 * views, large tensors (the parallel and vector paths with tails) against float64, thread-count independence, and
 * the errors Kiln raises where PyTorch reads past a missing argument.
 */
class NormTest {
    private static Tensor random(long seed, long... sizes) { return Torch.randn(sizes, Torch.float64, new Generator().manualSeed(seed)); }

    @Test
    void javaOverloadsMatchTheFullCall() {
        Tensor x = random(1, 4, 3, 5), w = random(2, 3), b = random(3, 3);
        Tensor rm = random(4, 3), rv = random(5, 3).abs().add(1.0);
        assertArrayEquals(Torch.batchNorm(x, rm, rv, null, null, false, 0.1, 1e-5).toDoubleArray(), Torch.batchNorm(x, rm, rv).toDoubleArray());
        assertArrayEquals(Torch.batchNorm(x, null, null, w, b, true, 0.1, 1e-5).toDoubleArray(),
                Torch.batchNorm(x, null, null, w, b, true).toDoubleArray());
        Tensor lw = random(6, 3, 5);
        assertArrayEquals(Torch.layerNorm(x, new long[]{5}, null, null, 1e-5).toDoubleArray(), Torch.layerNorm(x, 5).toDoubleArray());
        assertArrayEquals(Torch.layerNorm(x, new long[]{3, 5}, lw, null, 1e-5).toDoubleArray(),
                Torch.layerNorm(x, new long[]{3, 5}, lw, null).toDoubleArray());
        assertArrayEquals(Torch.groupNorm(x, 3, null, null, 1e-5).toDoubleArray(), Torch.groupNorm(x, 3).toDoubleArray());
        assertArrayEquals(Torch.groupNorm(x, 1, w, b, 1e-5).toDoubleArray(), Torch.groupNorm(x, 1, w, b).toDoubleArray());
        assertArrayEquals(Torch.groupNorm(x, 3).toDoubleArray(), Torch.instanceNorm(x).toDoubleArray(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.batchNorm(random(7, 1, 3), null, null, null,
                null, true));
        assertTrue(e.getMessage().contains("Expected more than 1 value per channel when training"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.groupNorm(random(8, 1, 3), 3));
        assertTrue(e.getMessage().contains("Expected more than 1 value per channel when training"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.instanceNorm(random(8, 2, 3, 1)));
        assertTrue(e.getMessage().contains("Expected more than 1 spatial element when training"), e.getMessage());
    }

    @Test
    void trainingUpdatesRunningStatisticsInPlaceEvaluationDoesNot() {
        Tensor x = random(9, 6, 4, 7), base = random(10, 8), rv = random(11, 4).abs();
        Tensor rm = base.slice(0, 0L, 8L, 2);
        double[] mean0 = rm.toDoubleArray(), var0 = rv.toDoubleArray();
        double[] mean = x.mean(0, 2).toDoubleArray(), var = x.var(new int[]{0, 2}, true, false).toDoubleArray();
        Torch.batchNorm(x, rm, rv, null, null, true, 0.25, 1e-5);
        double[] mean1 = rm.toDoubleArray(), var1 = rv.toDoubleArray(), through = base.toDoubleArray();
        for (int c = 0; c < 4; c++) {
            assertEquals(0.75 * mean0[c] + 0.25 * mean[c], mean1[c], 1e-12);
            assertEquals(0.75 * var0[c] + 0.25 * var[c], var1[c], 1e-12);
            assertEquals(mean1[c], through[2 * c], "the running mean is written through its view");
        }
        Torch.batchNorm(x, rm, rv, null, null, false, 0.25, 1e-5);
        assertArrayEquals(mean1, rm.toDoubleArray());
        assertArrayEquals(var1, rv.toDoubleArray());
    }

    @Test
    void instanceNormAveragesTheRunningStatisticsOverTheBatch() {
        Tensor x = random(12, 3, 2, 5), rm = Torch.zeros(2).float64(), rv = Torch.ones(2).float64();
        Torch.instanceNorm(x, rm, rv, null, null, true, 0.5, 1e-5);
        double[] mean = x.mean(new int[]{0, 2}).toDoubleArray(), var = x.var(new int[]{2}, true, false).mean(0).toDoubleArray();
        for (int c = 0; c < 2; c++) {
            assertEquals(0.5 * mean[c], rm.toDoubleArray()[c], 1e-12);
            assertEquals(0.5 + 0.5 * var[c], rv.toDoubleArray()[c], 1e-12);
        }
    }

    @Test
    void float32KernelsAgreeWithFloat64OnLargeTensors() {
        Tensor x = random(13, 4, 35, 17, 19), w = random(14, 35), b = random(15, 35), g = random(16, 4, 35, 17, 19);
        closeInFloat32(t -> Torch.batchNorm(t.get(0), null, null, t.get(1), t.get(2), true), x, w, b);
        closeInFloat32(t -> Torch.batchNorm(t.get(0), t.get(3), t.get(3).abs(), t.get(1), t.get(2), false), x, w, b, random(17, 35));
        closeInFloat32(t -> Torch.batchNorm(t.get(0), null, null, t.get(1), null, true), random(18, 700, 37), random(19, 37));
        closeInFloat32(t -> Torch.groupNorm(t.get(0), 5, t.get(1), t.get(2)), x, w, b);
        Tensor rows = random(20, 300, 1030), lw = random(21, 1030), lb = random(22, 1030);
        closeInFloat32(t -> Torch.layerNorm(t.get(0), new long[]{1030}, t.get(1), t.get(2)), rows, lw, lb);
        closeInFloat32(t -> backward(NormOps.NATIVE_BATCH_NORM, t, NormOps.NATIVE_BATCH_NORM_BACKWARD), x, w, g);
        closeInFloat32(t -> backward(NormOps.NATIVE_LAYER_NORM, t, NormOps.NATIVE_LAYER_NORM_BACKWARD), rows, lw, random(23, 300, 1030));
        closeInFloat32(t -> backward(NormOps.NATIVE_GROUP_NORM, t, NormOps.NATIVE_GROUP_NORM_BACKWARD), x, w, g);
    }

    /** The input, weight and bias gradients of a native normalization for output gradient t[2], concatenated. */
    private static Tensor backward(dev.kiln.ir.op.OpDef forward, List<Tensor> t, dev.kiln.ir.op.OpDef backward) {
        Tensor x = t.get(0), w = t.get(1), g = t.get(2);
        boolean[] all = {true, true, true};
        List<Tensor> r;
        if (forward == NormOps.NATIVE_BATCH_NORM) {
            List<Tensor> f = Dispatcher.applyMulti(forward, x, w, null, null, null, true, 0.1, 1e-5);
            r = Dispatcher.applyMulti(backward, g, x, w, null, null, f.get(1), f.get(2), true, 1e-5, all);
        } else if (forward == NormOps.NATIVE_LAYER_NORM) {
            long[] shape = {x.size(-1)};
            List<Tensor> f = Dispatcher.applyMulti(forward, x, shape, w, w, 1e-5);
            r = Dispatcher.applyMulti(backward, g, x, shape, f.get(1), f.get(2), w, w, all);
        } else {
            long n = x.size(0), c = x.size(1), hxw = x.numel() / n / c;
            List<Tensor> f = Dispatcher.applyMulti(forward, x, w, null, n, c, hxw, 5L, 1e-5);
            r = Dispatcher.applyMulti(backward, g, x, f.get(1), f.get(2), w, n, c, hxw, 5L, all);
        }
        return Torch.cat(List.of(r.get(0).flatten(), r.get(1), r.get(2)), 0);
    }

    private static void closeInFloat32(Function<List<Tensor>, Tensor> f, Tensor... float64) {
        double[] want = f.apply(List.of(float64)).toDoubleArray();
        Tensor[] float32 = new Tensor[float64.length];
        for (int i = 0; i < float64.length; i++) float32[i] = float64[i].float32();
        double[] got = f.apply(List.of(float32)).toDoubleArray();
        double worst = 0;
        for (int i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - got[i]) / (1 + Math.abs(want[i])));
        assertTrue(worst < 2e-4, "float32 differs from float64 by " + worst);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Tensor x = random(24, 8, 16, 24, 24).float32(), w = random(25, 16).float32(), g = random(26, 8, 16, 24, 24).float32();
        Tensor rows = random(27, 600, 257).float32(), lw = random(28, 257).float32(), lg = random(29, 600, 257).float32();
        Function<Void, double[][]> run = v -> new double[][]{
            Torch.batchNorm(x, null, null, w, w, true).toDoubleArray(), Torch.batchNorm(x, w, w.abs(), w, w, false).toDoubleArray(),
            Torch.groupNorm(x, 4, w, w).toDoubleArray(), Torch.layerNorm(rows, new long[]{257}, lw, lw).toDoubleArray(),
            backward(NormOps.NATIVE_BATCH_NORM, List.of(x, w, g), NormOps.NATIVE_BATCH_NORM_BACKWARD).toDoubleArray(),
            backward(NormOps.NATIVE_LAYER_NORM, List.of(rows, lw, lg), NormOps.NATIVE_LAYER_NORM_BACKWARD).toDoubleArray()};
        int threads = Torch.getNumThreads();
        double[][] one, many;
        try {
            Torch.setNumThreads(1);
            one = run.apply(null);
            Torch.setNumThreads(Math.max(2, threads));
            many = run.apply(null);
        } finally {
            Torch.setNumThreads(threads);
        }
        for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], many[i], "result " + i);
    }

    @Test
    void statisticsOutputsAreDifferentiableOnlyWhereTheyAreInPyTorch() {
        Tensor x = random(30, 3, 4, 5).requiresGrad_(), w = random(31, 4).requiresGrad_();
        List<Tensor> bn = Dispatcher.applyMulti(NormOps.NATIVE_BATCH_NORM, x, w, null, null, null, true, 0.1, 1e-5);
        assertEquals("NativeBatchNormBackward0", bn.get(0).gradFn().name());
        assertFalse(bn.get(1).requiresGrad());
        assertFalse(bn.get(2).requiresGrad());
        List<Tensor> ln = Dispatcher.applyMulti(NormOps.NATIVE_LAYER_NORM, x, new long[]{5}, null, null, 1e-5);
        assertFalse(ln.get(1).requiresGrad());
        List<Tensor> gn = Dispatcher.applyMulti(NormOps.NATIVE_GROUP_NORM, x, w, null, 3L, 4L, 5L, 2L, 1e-5);
        assertTrue(gn.get(1).requiresGrad() && gn.get(2).requiresGrad());
        assertEquals("NativeBatchNormBackward0", Torch.batchNorm(x, null, null, w, null, true).gradFn().name());
        assertEquals("NativeLayerNormBackward0", Torch.layerNorm(x, 5).gradFn().name());
        assertEquals("NativeGroupNormBackward0", Torch.groupNorm(x, 2, w, null).gradFn().name());
        assertEquals("ViewBackward0", Torch.instanceNorm(x).gradFn().name());
    }

    @Test
    void groupNormStatisticsCarryGradients() {
        Tensor x = random(32, 2, 4, 3).requiresGrad_(), w = random(33, 4).requiresGrad_();
        Function<List<Tensor>, List<Tensor>> statistics = t -> {
            List<Tensor> r = Dispatcher.applyMulti(NormOps.NATIVE_GROUP_NORM, t.get(0), t.get(1), null, 2L, 4L, 3L, 2L, 1e-5);
            return List.of(r.get(1), r.get(2));
        };
        assertTrue(GradCheck.gradcheck(statistics, List.of(x, w)));
        assertTrue(GradCheck.gradgradcheck(statistics, List.of(x, w)));
    }

    @Test
    void trainingDoubleBackwardThroughTheTorchApi() {
        Tensor x = random(34, 3, 2, 4).requiresGrad_(), w = random(35, 2).requiresGrad_(), b = random(36, 2).requiresGrad_();
        assertTrue(GradCheck.gradgradcheck(t -> List.of(Torch.batchNorm(t.get(0), null, null, t.get(1), t.get(2), true).square()),
                List.of(x, w, b)));
        Tensor lw = random(37, 2, 4).requiresGrad_();
        assertTrue(GradCheck.gradgradcheck(t -> List.of(Torch.layerNorm(t.get(0), new long[]{2, 4}, t.get(1), null).exp()), List.of(x, lw)));
        assertTrue(GradCheck.gradgradcheck(t -> List.of(Torch.groupNorm(t.get(0), 1, t.get(1), t.get(2)).square()), List.of(x, w, b)));
    }

    @Test
    void kilnRefusesWhatPyTorchReadsPastTheEndOf() {
        Tensor x = random(38, 2, 3, 4), w = random(39, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dispatcher.applyMulti(NormOps.NATIVE_BATCH_NORM, x, null, null, null, null, false, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("running_mean must be defined in evaluation mode"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dispatcher.applyMulti(NormOps.NATIVE_BATCH_NORM, x, random(40, 4), null, null, null, true, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("weight should contain 3 elements not 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dispatcher.applyMulti(NormOps.NATIVE_BATCH_NORM_BACKWARD, x, x, w, null,
                null, null, null, true, 1e-5, new boolean[]{true, true, true}));
        assertTrue(e.getMessage().contains("save_mean must be defined in training mode"), e.getMessage());
    }

    @Test
    void backwardOpsLeaveOutUnaskedGradients() {
        Tensor x = random(41, 2, 3, 4), g = random(42, 2, 3, 4);
        List<Tensor> f = Dispatcher.applyMulti(NormOps.NATIVE_BATCH_NORM, x, null, null, null, null, true, 0.1, 1e-5);
        List<Tensor> r = Dispatcher.applyMulti(NormOps.NATIVE_BATCH_NORM_BACKWARD, g, x, null, null, null, f.get(1), f.get(2), true, 1e-5,
                new boolean[]{false, true, false});
        assertNull(r.get(0));
        assertNull(r.get(2));
        assertArrayEquals(new long[]{3}, r.get(1).sizes());
        Tensor empty = Torch.zeros(0, 3, 4).float64();
        assertSame(Torch.float64, Torch.batchNorm(empty, null, null, null, null, true).dtype());
    }
}
