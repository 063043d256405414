package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.runtime.parallel.Parallel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Independent branches of the backward graph computed on two threads: the gradients must be bitwise the same as
 * on one thread, every run, because results are committed in the sequential order.
 */
class ParallelBackwardTest {
    private static final int N = 1 << 16;

    /**
     * Four branches h_b = w * c * w * c ... (each ending in a large elementwise add, so two large functions are ready
     * together at every step) all feeding the leaf w, so the summation order shows in its gradient.
     */
    private static Tensor loss(Tensor w, List<Tensor> constants) {
        List<Tensor> branches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            Tensor h = w;
            for (int k = 0; k < 3; k++) h = h.mul(constants.get(3 * b + k)).mul(w);
            branches.add(h);
        }
        return branches.get(0).add(branches.get(1)).add(branches.get(2).add(branches.get(3))).sum();
    }

    private static int[] bits(Tensor t) {
        double[] v = t.toDoubleArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits((float) v[i]);
        return out;
    }

    private static int[] gradientBits(Tensor w, Tensor loss, int threads) {
        int before = Parallel.getNumThreads();
        Parallel.setNumThreads(threads);
        try {
            w.setGrad(null);
            loss.backward(null, true, false, null);
            return bits(w.grad());
        } finally {
            Parallel.setNumThreads(before);
        }
    }

    @Test
    void branchesComputedTogetherGiveTheSameBitsAsOneThread() {
        Torch.manualSeed(11);
        Tensor w = Torch.rand(N).mul(Torch.tensor(new double[]{0.5})).add(Torch.tensor(new double[]{0.75})).requiresGrad_();
        List<Tensor> constants = new ArrayList<>();
        for (int i = 0; i < 12; i++) constants.add(Torch.randn(N));
        Tensor loss = loss(w, constants);
        int[] sequential = gradientBits(w, loss, 1);
        long before = Engine.PARALLEL_PAIRS.sum();
        for (int run = 0; run < 5; run++) assertArrayEquals(sequential, gradientBits(w, loss, 2), "run " + run);
        long pairs = Engine.PARALLEL_PAIRS.sum();
        assertTrue(pairs - before >= 5 * 8, "functions computed together: " + (pairs - before));
        assertEquals(pairs, pairsDuring(() -> gradientBits(w, loss, 1)), "one thread computes nothing together");
    }

    @Test
    void smallFunctionsStayOnTheCallingThread() {
        Tensor w = Torch.ones(64).requiresGrad_();
        List<Tensor> constants = new ArrayList<>();
        for (int i = 0; i < 12; i++) constants.add(Torch.ones(64));
        Tensor loss = loss(w, constants);
        long pairs = Engine.PARALLEL_PAIRS.sum();
        assertEquals(pairs, pairsDuring(() -> gradientBits(w, loss, 2)));
    }

    @Test
    void errorOfAFunctionComputedOnTheWorkerReachesTheCaller() {
        // two large branches, one multiplying by inf then 0: under anomaly detection its MulBackward0 returns NaN
        Tensor w = Torch.ones(N).requiresGrad_();
        Tensor inf = Torch.ones(N).mul(Torch.tensor(new double[]{Double.POSITIVE_INFINITY}));
        long before = Engine.PARALLEL_PAIRS.sum();
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor poisoned = w.mul(inf).mul(Torch.zeros(N));
            Tensor clean = w.mul(Torch.ones(N)).mul(Torch.ones(N));
            Tensor loss = poisoned.add(clean).sum();
            IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
            assertEquals("Function 'MulBackward0' returned nan values in its 0th output.", e.getMessage());
        }
        if (Parallel.getNumThreads() > 1) assertTrue(Engine.PARALLEL_PAIRS.sum() > before);
    }

    private static long pairsDuring(Runnable body) {
        body.run();
        return Engine.PARALLEL_PAIRS.sum();
    }
}
