package dev.kiln.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.ThreadCounts;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.GradCheck;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.ConvOps;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the golden fixtures of the convolutions do not show: the Java API (conv1d and the padding strings included),
 * unbatched gradients, threading, the None outputs.
 */
class ConvTest {
    private static Tensor random(long seed, long... sizes) { return Torch.randn(sizes, Torch.float64, new Generator().manualSeed(seed)); }

    @Test
    void javaOverloadsMatchTheFullCall() {
        Tensor x = random(1, 2, 3, 7, 6), w = random(2, 4, 3, 3, 3), b = random(3, 4);
        Tensor full = Torch.conv2d(x, w, b, new long[]{2, 2}, new long[]{1, 1}, new long[]{1, 1}, 1);
        assertArrayEquals(full.toDoubleArray(), Torch.conv2d(x, w, b, 2, 1, 1, 1).toDoubleArray());
        assertArrayEquals(full.toDoubleArray(), Torch.conv2d(x, w, b, new long[]{2}, new long[]{1}, new long[]{1}, 1).toDoubleArray());
        assertArrayEquals(Torch.conv2d(x, w, null, 1, 0, 1, 1).toDoubleArray(), Torch.conv2d(x, w).toDoubleArray());
        Tensor wt = random(4, 3, 2, 3, 3);
        Tensor t = Torch.convTranspose2d(x, wt, null, new long[]{2, 2}, new long[]{1, 1}, new long[]{1, 1}, 1, new long[]{1, 1});
        assertArrayEquals(new long[]{2, 2, 14, 12}, t.sizes());
        assertArrayEquals(t.toDoubleArray(), Torch.convTranspose2d(x, wt, null, 2, 1, 1, 1, 1).toDoubleArray());
        assertArrayEquals(Torch.convTranspose2d(x, wt, null, 1, 0, 0, 1, 1).toDoubleArray(), Torch.convTranspose2d(x, wt).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.conv2d(x, w, b, new long[]{1, 1, 1}, new long[]{0}, new long[]{1}, 1));
        assertTrue(e.getMessage().contains("got 3 values"), e.getMessage());
    }

    @Test
    void conv1dOverloadsAndPaddingStrings() {
        Tensor x = random(20, 2, 3, 9), w = random(21, 4, 3, 4), b = random(22, 4);
        Tensor full = Torch.conv1d(x, w, b, 2, 1, 1, 1);
        assertArrayEquals(new long[]{2, 4, 4}, full.sizes());
        Tensor lifted = Torch.conv2d(x.unsqueeze(2), w.unsqueeze(2), b, new long[]{1, 2}, new long[]{0, 1}, new long[]{1, 1}, 1);
        assertArrayEquals(lifted.toDoubleArray(), full.toDoubleArray(), 1e-12);
        assertArrayEquals(Torch.conv1d(x, w, null, 1, 0, 1, 1).toDoubleArray(), Torch.conv1d(x, w).toDoubleArray());
        assertArrayEquals(Torch.conv1d(x, w, b, 1, 0, 1, 1).toDoubleArray(), Torch.conv1d(x, w, b, 1, "valid", 1, 1).toDoubleArray());
        Tensor same = Torch.conv1d(x, w, b, 1, "same", 1, 1);
        assertArrayEquals(new long[]{2, 4, 9}, same.sizes(), "'same' keeps the length");
        assertArrayEquals(Torch.conv1d(Torch.pad(x, 1, 2), w, b).toDoubleArray(), same.toDoubleArray(), 1e-12,
                "an even kernel gets its odd zero on the right");
        Tensor x2 = random(23, 1, 2, 5, 6), w2 = random(24, 3, 2, 2, 3);
        Tensor same2 = Torch.conv2d(x2, w2, null, 1, "same", 1, 1);
        assertArrayEquals(new long[]{1, 3, 5, 6}, same2.sizes());
        assertArrayEquals(Torch.conv2d(Torch.pad(x2, 1, 1, 0, 1), w2).toDoubleArray(), same2.toDoubleArray(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Torch.conv1d(x, w, b, 2, "same", 1, 1));
    }

    @Test
    void unbatchedConv1dIsDifferentiableToTheSecondOrder() {
        Tensor x = random(25, 3, 7).requiresGrad_(), w = random(26, 2, 3, 3).requiresGrad_(), b = random(27, 2).requiresGrad_();
        assertEquals("ConvolutionBackward0", Torch.conv1d(x.unsqueeze(0), w, b).gradFn().name());
        assertTrue(GradCheck.gradgradcheck(in -> List.of(Torch.conv1d(in.get(0), in.get(1), in.get(2), 2, 1, 2, 1)), List.of(x, w, b)));
        assertTrue(GradCheck.gradgradcheck(in -> List.of(Torch.conv1d(in.get(0), in.get(1), in.get(2), 1, "same", 1, 1)),
                List.of(x, w, b)));
    }

    @Test
    void unbatchedCallsAreABatchOfOneAndDifferentiable() {
        Tensor x = random(5, 3, 5, 5), w = random(6, 2, 3, 3, 3), b = random(7, 2);
        Tensor batched = Torch.conv2d(x.unsqueeze(0), w, b, 1, 1, 1, 1);
        Tensor unbatched = Torch.conv2d(x, w, b, 1, 1, 1, 1);
        assertArrayEquals(new long[]{2, 5, 5}, unbatched.sizes());
        assertArrayEquals(batched.toDoubleArray(), unbatched.toDoubleArray());
        x.requiresGrad_();
        w.requiresGrad_();
        b.requiresGrad_();
        assertEquals("ConvolutionBackward0", Torch.conv2d(x, w, b).gradFn().name());
        assertTrue(GradCheck.gradcheck(in -> List.of(Torch.conv2d(in.get(0), in.get(1), in.get(2), 2, 1, 1, 1)), List.of(x, w, b)));
        Tensor wt = random(8, 3, 2, 2, 2).requiresGrad_();
        assertTrue(GradCheck.gradcheck(in -> List.of(Torch.convTranspose2d(in.get(0), in.get(1), in.get(2), 2, 0, 1, 1, 1)),
                List.of(x, wt, b)));
    }

    @Test
    void outputPaddingBeyondTheStrideStillGivesTheInputGradient() {
        Tensor x = random(9, 1, 2, 3, 3).requiresGrad_(), w = random(10, 2, 2, 2, 2).requiresGrad_();
        assertTrue(GradCheck.gradcheck(in -> List.of(Torch.convTranspose2d(in.get(0), in.get(1), null, 1, 0, 1, 1, 2)), List.of(x, w)));
        assertTrue(GradCheck.gradgradcheck(in -> List.of(Torch.convTranspose2d(in.get(0), in.get(1), null, 1, 0, 1, 1, 2)), List.of(x, w)));
    }

    @Test
    void convolutionBackwardLeavesOutUnaskedGradients() {
        Tensor g = random(11, 2, 4, 3, 3), x = random(12, 2, 3, 5, 5), w = random(13, 4, 3, 3, 3);
        List<Tensor> all = Dispatcher.applyMulti(ConvOps.CONVOLUTION_BACKWARD, g, x, w, null, new long[]{1}, new long[]{0}, new long[]{1},
                false, new long[]{0}, 1L, new boolean[]{true, true, true});
        List<Tensor> weightOnly = Dispatcher.applyMulti(ConvOps.CONVOLUTION_BACKWARD, g, x, w, null, new long[]{1}, new long[]{0},
                new long[]{1}, false, new long[]{0}, 1L, new boolean[]{false, true, false});
        assertNull(weightOnly.get(0));
        assertNull(weightOnly.get(2));
        assertArrayEquals(all.get(1).toDoubleArray(), weightOnly.get(1).toDoubleArray());
        x.requiresGrad_();
        Tensor y = Torch.conv2d(x, w);
        Tensor gx = Autograd.grad(List.of(y), List.of(x), List.of(g), null, false, false).getFirst();
        assertArrayEquals(all.get(0).toDoubleArray(), gx.toDoubleArray(), 1e-12);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Tensor x = random(14, 8, 8, 12, 12).float32(), w = random(15, 16, 8, 3, 3).float32();
        Tensor g = random(16, 8, 16, 12, 12).float32();
        ThreadCounts.assertIndependent(() -> products(x, w, g));
    }

    private static double[][] products(Tensor x, Tensor w, Tensor g) {
        List<Tensor> grads = Dispatcher.applyMulti(ConvOps.CONVOLUTION_BACKWARD, g, x, w, null, new long[]{1}, new long[]{1}, new long[]{1},
                false, new long[]{0}, 1L, new boolean[]{true, true, true});
        return new double[][]{Torch.conv2d(x, w, null, 1, 1, 1, 1).toDoubleArray(), grads.get(0).toDoubleArray(),
                grads.get(1).toDoubleArray(), grads.get(2).toDoubleArray()};
    }
}
