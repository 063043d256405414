package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.ThreadCounts;
import dev.kiln.Torch;
import org.junit.jupiter.api.Test;

/** The functional forms whose results are random or composed in F (dropout, normalize, softmax's implicit dim). */
class FunctionalTest {

    @Test
    void dropoutKeepsAboutOneMinusPScaledAndIsTheIdentityInEvaluation() {
        Torch.manualSeed(3);
        Tensor x = Torch.ones(100_003).requiresGrad_();
        Tensor y = F.dropout(x, 0.3, true);
        double[] v = y.toDoubleArray();
        long kept = 0;
        for (double e : v) {
            assertTrue(e == 0 || Math.abs(e - 1 / 0.7) < 1e-6, "element " + e);
            if (e != 0) kept++;
        }
        assertEquals(0.7, kept / (double) v.length, 0.01);
        y.sum().backward();
        assertArrayEquals(v, x.grad().toDoubleArray(), 1e-6);
        ThreadCounts.assertIndependent(() -> {
            Torch.manualSeed(5);
            return new double[][]{F.dropout(Torch.ones(50_001), 0.4, true).toDoubleArray()};
        });
        Tensor z = Torch.randn(4, 5);
        assertSame(z, F.dropout(z, 0.5, false));
        Dropout d = new Dropout(0.5);
        d.eval();
        assertArrayEquals(z.toDoubleArray(), d.call(z).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
    }

    @Test
    void inplaceDropoutWritesIntoItsInput() {
        Tensor x = Torch.ones(1000);
        Tensor y = new Dropout(0.5, true).call(x);
        assertSame(x, y);
        assertTrue(x.eq(0).any().item().equals(true));
    }

    @Test
    void normalizeDividesByTheClampedNorm() {
        Tensor x = Torch.tensor(new double[][]{{3, 4}, {0, 0}});
        assertArrayEquals(new double[]{0.6, 0.8, 0, 0}, F.normalize(x).toDoubleArray(), 1e-6);
        assertArrayEquals(new double[]{3 / 7.0, 4 / 7.0, 0, 0}, F.normalize(x, 1, 1, 1e-12).toDoubleArray(), 1e-6);
    }

    @Test
    void softmaxWithoutDimUsesPyTorchsImplicitDim() {
        Tensor x = Torch.randn(2, 3);
        assertArrayEquals(x.softmax(1).toDoubleArray(), new Softmax(null).call(x).toDoubleArray());
        Tensor v = Torch.randn(3, 2, 2);
        assertArrayEquals(v.logSoftmax(0).toDoubleArray(), F.logSoftmax(v, null).toDoubleArray());
    }
}
