package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** torch.nn.init and the layers' default initialisation: bounds and moments of PyTorch's distributions, not bit equality. */
class InitTest {
    private static final Generator GEN = new Generator().manualSeed(7);

    private static double mean(double[] v) { return Arrays.stream(v).average().orElseThrow(); }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    /**
     * Values inside [-bound, bound] whose mean and standard deviation are those of U(-bound, bound) within five
     * standard errors for this many samples (a uniform's kurtosis is 1.8, so its sample std has a relative standard
     * error of sqrt(0.8 / 4n)).
     */
    private static void assertUniform(double[] v, double bound) {
        for (double x : v) assertTrue(x >= -bound && x <= bound, x + " outside +-" + bound);
        double sigma = bound / Math.sqrt(3), n = v.length;
        assertEquals(0, mean(v), 5 * sigma / Math.sqrt(n));
        assertEquals(sigma, std(v), 5 * sigma * Math.sqrt(0.8 / (4 * n)));
    }

    @Test
    void gainsAndFansAsPyTorch() {
        assertEquals(Math.sqrt(2), Init.calculateGain("relu"), 1e-12);
        assertEquals(5.0 / 3, Init.calculateGain("tanh"), 1e-12);
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.calculateGain("leaky_relu"), 1e-12);
        assertEquals(Math.sqrt(2 / 1.25), Init.calculateGain("leaky_relu", 0.5), 1e-12);
        assertEquals(0.75, Init.calculateGain("selu"), 1e-12);
        assertEquals(1, Init.calculateGain("conv2d"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Init.calculateGain("swish"));
        assertArrayEquals(new long[]{3 * 25, 8 * 25}, Init.fanInAndFanOut(Torch.empty(8, 3, 5, 5)));
        assertThrows(IllegalArgumentException.class, () -> Init.fanInAndFanOut(Torch.empty(4)));
    }

    @Test
    void uniformNormalConstantAndEye() {
        assertUniform(Init.uniform_(Torch.empty(20000), -2, 2, GEN).toDoubleArray(), 2);
        double[] n = Init.normal_(Torch.empty(20000), 1, 3, GEN).toDoubleArray();
        assertEquals(1, mean(n), 0.1);
        assertEquals(3, std(n), 0.1);
        assertArrayEquals(new double[]{2.5, 2.5}, Init.constant_(Torch.empty(2), 2.5).toDoubleArray());
        assertArrayEquals(new double[]{1, 0, 0, 0, 1, 0}, Init.eye_(Torch.empty(2, 3)).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> Init.eye_(Torch.empty(2, 2, 2)));
    }

    @Test
    void xavierAndKaimingBoundsAndStds() {
        Tensor w = Torch.empty(200, 100);
        assertUniform(Init.xavierUniform_(w, 1, GEN).toDoubleArray(), Math.sqrt(6.0 / 300));
        assertEquals(Math.sqrt(2.0 / 300), std(Init.xavierNormal_(w, 1, GEN).toDoubleArray()), 0.003);
        assertUniform(Init.kaimingUniform_(w, 0, "fan_in", "relu", GEN).toDoubleArray(), Math.sqrt(6.0 / 100));
        assertEquals(Math.sqrt(2.0 / 200), std(Init.kaimingNormal_(w, 0, "fan_out", "relu", GEN).toDoubleArray()), 0.003);
        assertThrows(IllegalArgumentException.class, () -> Init.kaimingNormal_(w, 0, "fan_avg", "relu", GEN));
    }

    @Test
    void truncNormalStaysInsideItsBounds() {
        double[] v = Init.truncNormal_(Torch.empty(20000), 0.5, 1, -1, 1.5, GEN).toDoubleArray();
        for (double x : v) assertTrue(x >= -1 && x <= 1.5);
        // N(0.5, 1) on [-1, 1.5]: mean 0.5 + (phi(-1.5) - phi(1)) / (Phi(1) - Phi(-1.5)) = 0.3548
        assertEquals(0.3548, mean(v), 0.02);
        double[] standard = Init.truncNormal_(Torch.empty(new long[]{20000}, Torch.float64), 0, 1, -2, 2, GEN).toDoubleArray();
        assertEquals(0, mean(standard), 0.02);
        assertEquals(0.8796, std(standard), 0.02); // sqrt(1 - 4 phi(2) / (2 Phi(2) - 1))
    }

    @Test
    void orthogonalGivesOrthonormalRowsOrColumns() {
        for (long[] shape : new long[][]{{6, 4}, {3, 7}, {4, 2, 3}}) {
            Tensor w = Init.orthogonal_(Torch.empty(shape), 2, GEN);
            Tensor m = w.reshape(shape[0], -1);
            Tensor gram = shape[0] >= m.size(1) ? m.t().matmul(m) : m.matmul(m.t());
            long k = gram.size(0);
            assertArrayEquals(Torch.eye(k).mul(4).toDoubleArray(), gram.toDoubleArray(), 1e-4, Arrays.toString(shape));
        }
    }

    @Test
    void layersInitialiseFromPyTorchsDistributions() {
        Linear l = new Linear(400, 300);
        double bound = 1 / Math.sqrt(400);
        assertUniform(l.weight().toDoubleArray(), bound);
        assertUniform(l.bias().toDoubleArray(), bound);
        Conv2d c = new Conv2d(16, 32, 3);
        assertUniform(c.weight().toDoubleArray(), 1 / Math.sqrt(16 * 9));
        double[] e = new Embedding(100, 50, 3L).weight().toDoubleArray();
        assertEquals(1, std(e), 0.05);
        assertArrayEquals(new double[50], Arrays.copyOfRange(e, 150, 200));
        assertArrayEquals(new double[]{1, 1, 1}, new BatchNorm1d(3).weight().toDoubleArray());
    }
}
