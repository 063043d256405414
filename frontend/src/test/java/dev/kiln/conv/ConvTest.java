package dev.kiln.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.GradCheck;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.ConvOps;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the golden fixtures of the convolutions do not show: the Java API, unbatched gradients, threading, the None outputs. */
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
        int threads = Torch.getNumThreads();
        double[][] one, many;
        try {
            Torch.setNumThreads(1);
            one = products(x, w, g);
            Torch.setNumThreads(Math.max(2, threads));
            many = products(x, w, g);
        } finally {
            Torch.setNumThreads(threads);
        }
        for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], many[i], "product " + i);
    }

    private static double[][] products(Tensor x, Tensor w, Tensor g) {
        List<Tensor> grads = Dispatcher.applyMulti(ConvOps.CONVOLUTION_BACKWARD, g, x, w, null, new long[]{1}, new long[]{1}, new long[]{1},
                false, new long[]{0}, 1L, new boolean[]{true, true, true});
        return new double[][]{Torch.conv2d(x, w, null, 1, 1, 1, 1).toDoubleArray(), grads.get(0).toDoubleArray(),
                grads.get(1).toDoubleArray(), grads.get(2).toDoubleArray()};
    }
}
