package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.runtime.memory.TensorData;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {
    private static Tensor leaf(double... values) { return Torch.tensor(values).requiresGrad_(); }

    @Test
    void requiresGradPropagatesAsInTheAutogradNotes() {
        Tensor x = Torch.randn(5, 5), y = Torch.randn(5, 5), z = Torch.randn(5, 5).requiresGrad_();
        Tensor a = x.add(y);
        assertFalse(a.requiresGrad());
        Tensor b = a.add(z);
        assertTrue(b.requiresGrad());
        assertEquals("AddBackward0", b.gradFn().name());
        assertFalse(b.isLeaf());
        assertTrue(z.isLeaf());
    }

    @Test
    void backwardAccumulatesIntoLeaves() {
        Tensor x = leaf(1, 2, 3), w = leaf(4, 5, 6);
        Tensor loss = x.mul(w).add(x).sum();
        assertEquals("SumBackward0", loss.gradFn().name());
        loss.backward(null, true, false, null);
        assertArrayEquals(new double[]{5, 6, 7}, x.grad().toDoubleArray());
        assertArrayEquals(new double[]{1, 2, 3}, w.grad().toDoubleArray());
        loss.backward();
        assertArrayEquals(new double[]{10, 12, 14}, x.grad().toDoubleArray());
        IllegalStateException again = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(again.getMessage().startsWith("Trying to backward through the graph a second time"), again.getMessage());
    }

    @Test
    void sharedGradientsAreNotAliasedBetweenLeaves() {
        Tensor x = leaf(1, 2), y = leaf(3, 4);
        Tensor s = x.add(y);
        Tensor t = s.mul(s.detach());
        t.sum().backward();
        assertArrayEquals(new double[]{4, 6}, x.grad().toDoubleArray());
        x.grad().add_(Torch.tensor(new double[]{100, 100}));
        assertArrayEquals(new double[]{4, 6}, y.grad().toDoubleArray());
    }

    @Test
    void gradReturnsWithoutTouchingDotGrad() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x).sum();
        List<Tensor> g = Autograd.grad(y, x);
        assertArrayEquals(new double[]{2, 4, 6}, g.getFirst().toDoubleArray());
        assertNull(x.grad());
    }

    @Test
    void doubleBackwardThroughCreateGraph() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x).mul(x).sum();
        Tensor dx = Autograd.grad(List.of(y), List.of(x), null, null, true, false).getFirst();
        assertArrayEquals(new double[]{3, 12, 27}, dx.toDoubleArray());
        assertTrue(dx.requiresGrad());
        Tensor ddx = Autograd.grad(dx.sum(), x).getFirst();
        assertArrayEquals(new double[]{6, 12, 18}, ddx.toDoubleArray());
    }

    @Test
    void implicitGradientOnlyForOneElement() {
        Tensor x = leaf(1, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(x).backward());
        assertEquals("grad can be implicitly created only for scalar outputs", e.getMessage());
    }

    @Test
    void longChainBackpropagatesWithoutRecursion() {
        // y = x; for _ in range(100000): y = y.add(x)  ... y.sum().backward(); x.grad -> [100001.]
        Tensor x = leaf(1);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.add(x);
        long start = System.nanoTime();
        y.sum().backward();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(100_001.0, x.grad().itemDouble());
        assertTrue(millis < 20_000, "backward through 100,000 ops took " + millis + " ms");
    }

    @Test
    void savedTensorsAreFreedAfterBackward() {
        Tensor x = leaf(1, 2, 3);
        Tensor h = x.add(x);
        Tensor y = h.mul(h).sum();
        WeakReference<TensorData> saved = new WeakReference<>(h.data());
        h = null;
        y.backward();
        assertNotNull(y.gradFn());
        assertTrue(collected(saved));
    }

    @Test
    void retainedGraphKeepsItsSavedTensors() {
        Tensor x = leaf(1, 2, 3);
        Tensor h = x.add(x);
        Tensor y = h.mul(h).sum();
        h = null;
        y.backward(null, true, false, null);
        System.gc();
        y.backward();
        // d/dx (2x)^2 = 8x, twice
        assertArrayEquals(new double[]{16, 32, 48}, x.grad().toDoubleArray());
    }

    @Test
    void graphIsCollectableOnceItsOutputsAreUnreachable() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x).add(x).sum();
        WeakReference<Node> fn = new WeakReference<>(y.gradFn());
        WeakReference<Node> inner = new WeakReference<>(y.gradFn().nextFunctions().getFirst().function());
        y = null;
        assertTrue(collected(fn));
        assertTrue(collected(inner));
        assertNull(x.grad());
    }

    /** Whether the referent goes once nothing else holds it: several collections, as one may not be enough. */
    private static boolean collected(WeakReference<?> ref) {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ref.get() == null;
    }

    @Test
    void tiedWeightReceivesTheSumOfBothPaths() {
        // E = torch.tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9], [1.0, -1.1, 1.2]], requires_grad=True)
        // h = E.index_select(0, torch.tensor([2, 0, 2])); logits = h.matmul(E.t()); loss = logits.mul(logits).sum()
        // loss.backward(): loss 8.924400329589844, E.grad below
        Tensor e = Torch.tensor(new double[][]{{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}, {-0.7, 0.8, 0.9}, {1.0, -1.1, 1.2}}).requiresGrad_();
        Tensor h = e.indexSelect(0, Torch.tensor(new long[]{2, 0, 2}));
        Tensor logits = h.matmul(e.t());
        Tensor loss = logits.mul(logits).sum();
        loss.backward();
        assertEquals(8.924400329589844, loss.itemDouble(), 1e-5);
        double[] want = {1.0560001134872437, -1.6560001373291016, 2.30400013923645, 1.128000020980835, -1.2480000257492065,
            -1.656000018119812, -13.511999130249023, 13.72800064086914, 12.647998809814453, 1.5360000133514404, -1.871999979019165,
            -1.3919999599456787};
        assertArrayEquals(want, e.grad().toDoubleArray(), 1e-5);
    }

    @Test
    void printsGradFnOrRequiresGradLikePyTorch() {
        Tensor x = leaf(1, 2);
        // repr(torch.tensor([1., 2.], requires_grad=True)) / repr((x * x).sum())
        assertEquals("tensor([1., 2.], requires_grad=True)", x.toString());
        assertEquals("tensor(5., grad_fn=<SumBackward0>)", x.mul(x).sum().toString());
    }
}
