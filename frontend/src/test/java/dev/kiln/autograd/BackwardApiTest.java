package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code backward(gradient, retain_graph, create_graph, inputs)}, {@code torch.autograd.grad}, {@code retain_grad}
 * and {@code .grad} bookkeeping, against PyTorch 1.13 (snippets in comments).
 */
class BackwardApiTest {
    private static Tensor leaf(double... values) { return Torch.tensor(values).requiresGrad_(); }

    private static Tensor t(double... values) { return Torch.tensor(values); }

    @Test
    void implicitGradientOnlyForOneElementOutputs() {
        // y = x.mul(x); y.backward() -> grad can be implicitly created only for scalar outputs
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("grad can be implicitly created only for scalar outputs", e.getMessage());
        // y.backward(torch.tensor([1., 10., 100.])); x.grad -> [2., 40., 600.]
        y.backward(t(1, 10, 100));
        assertArrayEquals(new double[]{2, 40, 600}, x.grad().toDoubleArray());
        // a one-element tensor of any shape takes the implicit gradient: x[0:1].mul(x[0:1]) has shape [1]
        Tensor one = leaf(3);
        one.mul(one).backward();
        assertArrayEquals(new double[]{6}, one.grad().toDoubleArray());
    }

    @Test
    void gradientMustHaveTheOutputsShape() {
        // y.backward(torch.tensor([1., 10.])) -> Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and
        // output[0] has a shape of torch.Size([3]).
        Tensor x = leaf(1, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.mul(x).backward(t(1, 10)));
        assertEquals("Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of "
                + "torch.Size([3]).", e.getMessage());
    }

    @Test
    void backwardFromATensorOutsideTheGraph() {
        // torch.tensor([1.]).backward() -> element 0 of tensors does not require grad and does not have a grad_fn
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t(1).backward());
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", e.getMessage());
        // torch.tensor([1., 2.]).backward() -> the same (no implicit-gradient error for a tensor outside the graph)
        e = assertThrows(IllegalStateException.class, () -> t(1, 2).backward());
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", e.getMessage());
    }

    @Test
    void secondBackwardNeedsRetainGraph() {
        // y.backward(g); y.backward(g) -> Trying to backward through the graph a second time (or directly access saved
        // tensors after they have already been freed). ... Specify retain_graph=True if you need to ...
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x);
        y.backward(t(1, 1, 1), true, false, null);
        y.backward(t(1, 1, 1), true, false, null);
        // x.grad -> [4., 8., 12.] after two retained calls
        assertArrayEquals(new double[]{4, 8, 12}, x.grad().toDoubleArray());
        y.backward(t(1, 1, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.backward(t(1, 1, 1)));
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time (or directly access saved tensors "
                + "after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() "
                + "or autograd.grad()."), e.getMessage());
        assertArrayEquals(new double[]{6, 12, 18}, x.grad().toDoubleArray());
    }

    @Test
    void graphWithoutSavedTensorsCanRunTwice() {
        // y = x.add(x); y.sum().backward(); y.sum().backward(): nothing saved, so no error; x.grad -> [4., 4.]
        Tensor x = leaf(1, 2);
        Tensor s = x.add(x).sum();
        s.backward();
        s.backward();
        assertArrayEquals(new double[]{4, 4}, x.grad().toDoubleArray());
    }

    @Test
    void inputsRestrictWhereGradientsAccumulate() {
        // x = [1, 2, 3], w = [4, 5, 6] requiring grad; h = x.mul(w); loss = h.mul(h).sum()
        // loss.backward(inputs=[w], retain_graph=True): x.grad None, w.grad [8, 40, 108], h.grad None
        // loss.backward(inputs=[h], retain_graph=True): h.grad [8, 20, 36] (w.grad unchanged)
        // loss.backward(inputs=[h, x], retain_graph=True): x.grad [32, 100, 216], h.grad [16, 40, 72]
        Tensor x = leaf(1, 2, 3), w = leaf(4, 5, 6);
        Tensor h = x.mul(w);
        Tensor loss = h.mul(h).sum();
        loss.backward(null, true, false, List.of(w));
        assertNull(x.grad());
        assertArrayEquals(new double[]{8, 40, 108}, w.grad().toDoubleArray());
        assertNull(h.grad());
        loss.backward(null, true, false, List.of(h));
        assertArrayEquals(new double[]{8, 20, 36}, h.grad().toDoubleArray());
        assertArrayEquals(new double[]{8, 40, 108}, w.grad().toDoubleArray());
        assertNull(x.grad());
        loss.backward(null, true, false, List.of(h, x));
        assertArrayEquals(new double[]{32, 100, 216}, x.grad().toDoubleArray());
        assertArrayEquals(new double[]{16, 40, 72}, h.grad().toDoubleArray());
        assertArrayEquals(new double[]{8, 40, 108}, w.grad().toDoubleArray());
        // loss.backward(inputs=[]) -> 'inputs' argument to backward() cannot be empty.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.backward(null, true, false, List.of()));
        assertEquals("'inputs' argument to backward() cannot be empty.", e.getMessage());
    }

    @Test
    void inputsOfBackwardRetainTheirGradient() {
        // h = x.mul(2); loss = h.mul(h).sum(); loss.backward(inputs=[h], retain_graph=True) -> h.retains_grad True
        // loss.backward(retain_graph=True) -> h.grad [8., 16., 24.], x.grad [8., 16., 24.]
        Tensor x = leaf(1, 2, 3);
        Tensor h = x.mul(t(2, 2, 2));
        Tensor loss = h.mul(h).sum();
        loss.backward(null, true, false, List.of(h));
        assertTrue(h.retainsGrad());
        assertNull(x.grad());
        loss.backward(null, true, false, null);
        assertArrayEquals(new double[]{8, 16, 24}, h.grad().toDoubleArray());
        assertArrayEquals(new double[]{8, 16, 24}, x.grad().toDoubleArray());
        // an unused leaf among the inputs keeps grad None: loss.backward(inputs=[u]) with u unrelated
        Tensor u = leaf(1);
        loss.backward(null, true, false, List.of(u));
        assertNull(u.grad());
        // loss.backward(inputs=[torch.ones(2)]) -> can't retain_grad on Tensor that has requires_grad=False
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loss.backward(null, true, false, List.of(t(1, 1))));
        assertEquals("can't retain_grad on Tensor that has requires_grad=False", e.getMessage());
    }

    @Test
    void gradReturnsGradientsOfLeavesAndNonLeaves() {
        // h = x.mul(2); y = h.mul(h).sum(); torch.autograd.grad(y, h, retain_graph=True) -> [4., 8., 12.], x.grad None
        // torch.autograd.grad(y, [h, x]) -> ([4., 8., 12.], [8., 16., 24.])
        Tensor x = leaf(1, 2, 3);
        Tensor h = x.mul(t(2, 2, 2));
        Tensor y = h.mul(h).sum();
        List<Tensor> gh = Autograd.grad(List.of(y), List.of(h), null, true, false, false);
        assertArrayEquals(new double[]{4, 8, 12}, gh.getFirst().toDoubleArray());
        assertNull(x.grad());
        List<Tensor> both = Autograd.grad(y, h, x);
        assertArrayEquals(new double[]{4, 8, 12}, both.get(0).toDoubleArray());
        assertArrayEquals(new double[]{8, 16, 24}, both.get(1).toDoubleArray());
        assertNull(x.grad());
        assertNull(h.grad());
    }

    @Test
    void gradOfAnUnusedInputIsAnErrorUnlessAllowed() {
        // torch.autograd.grad(y, [x, u]) -> One of the differentiated Tensors appears to not have been used in the graph.
        // Set allow_unused=True if this is the desired behavior.
        // torch.autograd.grad(y, [x, u], allow_unused=True) -> ([2., 4., 6.], None)
        Tensor x = leaf(1, 2, 3), u = leaf(1, 2);
        Tensor y = x.mul(x).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autograd.grad(List.of(y), List.of(x, u), null, true, false, false));
        assertEquals("One of the differentiated Tensors appears to not have been used in the graph. Set allowUnused=true if this "
                + "is the desired behavior.", e.getMessage());
        List<Tensor> g = Autograd.grad(List.of(y), List.of(x, u), null, true, false, true);
        assertArrayEquals(new double[]{2, 4, 6}, g.get(0).toDoubleArray());
        assertNull(g.get(1));
        // torch.autograd.grad(y, [torch.tensor([1.])]) -> One of the differentiated Tensors does not require grad
        e = assertThrows(IllegalStateException.class, () -> Autograd.grad(y, t(1)));
        assertEquals("One of the differentiated Tensors does not require grad", e.getMessage());
        // torch.autograd.grad([y], []) -> grad requires non-empty inputs.
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(y));
        assertEquals("grad requires non-empty inputs.", empty.getMessage());
    }

    @Test
    void createGraphGradientsAreDifferentiable() {
        // y = (x * x * x).sum(); (dx,) = torch.autograd.grad(y, x, create_graph=True) -> [3., 12., 27.], requires_grad True
        // torch.autograd.grad(dx.sum(), x) -> [6., 12., 18.]
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x).mul(x).sum();
        Tensor dx = Autograd.grad(List.of(y), List.of(x), null, null, true, false).getFirst();
        assertArrayEquals(new double[]{3, 12, 27}, dx.toDoubleArray());
        assertTrue(dx.requiresGrad());
        assertFalse(dx.isLeaf());
        assertArrayEquals(new double[]{6, 12, 18}, Autograd.grad(dx.sum(), x).getFirst().toDoubleArray());
        // without create_graph the gradient is a plain tensor
        Tensor plain = Autograd.grad(x.mul(x).sum(), x).getFirst();
        assertFalse(plain.requiresGrad());
    }

    @Test
    void gradientPenaltyBackpropagatesThroughTheGradient() {
        // x = torch.tensor([0.5, -1.5, 2.0], dtype=torch.float64)
        // w = torch.tensor([1.0, 2.0, -3.0], dtype=torch.float64, requires_grad=True)
        // loss = (w.mul(x).mul(w.mul(x)).add(w)).sum()
        // g, = torch.autograd.grad(loss, w, create_graph=True)  -> [1.5, 10., -23.], grad_fn AddBackward0
        // total = loss.add(g.mul(g).sum()); total.backward()
        // total.item() -> 676.5; w.grad -> [3.0, 100.0, -391.0]
        Tensor x = Torch.tensor(new double[]{0.5, -1.5, 2.0}, Torch.float64);
        Tensor w = Torch.tensor(new double[]{1.0, 2.0, -3.0}, Torch.float64).requiresGrad_();
        Tensor loss = w.mul(x).mul(w.mul(x)).add(w).sum();
        Tensor g = Autograd.grad(List.of(loss), List.of(w), null, null, true, false).getFirst();
        assertArrayEquals(new double[]{1.5, 10, -23}, g.toDoubleArray());
        assertEquals("AddBackward0", g.gradFn().name());
        Tensor total = loss.add(g.mul(g).sum());
        total.backward();
        assertEquals(676.5, total.itemDouble());
        assertArrayEquals(new double[]{3, 100, -391}, w.grad().toDoubleArray());
    }

    @Test
    void gradientPenaltyOfATanhLayer() {
        // x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype=torch.float64)
        // w = torch.tensor([[0.3, -0.2], [0.1, 0.4], [-0.5, 0.6]], dtype=torch.float64, requires_grad=True)
        // loss = torch.tanh(x.matmul(w)).sum(); g, = torch.autograd.grad(loss, w, create_graph=True)  # g.grad_fn MmBackward0
        // total = loss + g.pow(2).sum(); total.backward() -> total 3.935152698416296, w.grad below
        Tensor x = Torch.tensor(new double[][]{{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}}, Torch.float64);
        Tensor w = Torch.tensor(new double[][]{{0.3, -0.2}, {0.1, 0.4}, {-0.5, 0.6}}, Torch.float64).requiresGrad_();
        Tensor loss = x.matmul(w).tanh().sum();
        Tensor g = Autograd.grad(List.of(loss), List.of(w), null, null, true, false).getFirst();
        assertEquals("MmBackward0", g.gradFn().name());
        Tensor total = loss.add(g.pow(2).sum());
        total.backward();
        assertEquals(3.935152698416296, total.itemDouble(), 1e-12);
        assertArrayEquals(new double[]{-0.02075337981206965, 2.2903277641009305, -3.185142643242006, 4.114554791156156,
            6.618489086704484, -8.89797191457062}, w.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void backwardWithCreateGraphAccumulatesDifferentiableGrads() {
        // x = torch.tensor([1., 2.], requires_grad=True); (x * x * x).sum().backward(create_graph=True)
        // x.grad -> [3., 12.], x.grad.requires_grad True; torch.autograd.grad(x.grad.sum(), x) -> [6., 12.]
        Tensor x = leaf(1, 2);
        x.mul(x).mul(x).sum().backward(null, true, true, null);
        assertArrayEquals(new double[]{3, 12}, x.grad().toDoubleArray());
        assertTrue(x.grad().requiresGrad());
        assertArrayEquals(new double[]{6, 12}, Autograd.grad(x.grad().sum(), x).getFirst().toDoubleArray());
    }

    @Test
    void retainGradKeepsANonLeafsGradientAcrossCalls() {
        // h = x.mul(2); h.retain_grad(); y = h.mul(h).sum()
        // y.backward(retain_graph=True) -> h.grad [4., 8., 12.], h.retains_grad True, x.retains_grad False
        // y.backward() -> h.grad [8., 16., 24.]; x.mul(3).grad -> None
        Tensor x = leaf(1, 2, 3);
        Tensor h = x.mul(t(2, 2, 2));
        h.retainGrad();
        Tensor y = h.mul(h).sum();
        y.backward(null, true, false, null);
        assertArrayEquals(new double[]{4, 8, 12}, h.grad().toDoubleArray());
        assertTrue(h.retainsGrad());
        assertFalse(x.retainsGrad());
        y.backward();
        assertArrayEquals(new double[]{8, 16, 24}, h.grad().toDoubleArray());
        assertNull(x.mul(t(3, 3, 3)).grad());
        // torch.tensor([1.]).retain_grad() -> can't retain_grad on Tensor that has requires_grad=False
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t(1).retainGrad());
        assertEquals("can't retain_grad on Tensor that has requires_grad=False", e.getMessage());
    }

    @Test
    void retainedGradOfANonLeafIsNotAliasedByLaterAccumulation() {
        // h = x.mul(2); h.retain_grad(); z = h.mul(1); z.backward(g, retain_graph=True); g0 = h.grad.clone()
        // z.backward(g): h.grad == 2 * g0 and g is untouched
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(t(2, 2));
        h.retainGrad();
        Tensor z = h.mul(t(1, 1));
        Tensor g = t(5, 7);
        z.backward(g, true, false, null);
        z.backward(g);
        assertArrayEquals(new double[]{10, 14}, h.grad().toDoubleArray());
        assertArrayEquals(new double[]{5, 7}, g.toDoubleArray());
    }

    @Test
    void gradAccumulatesUntilClearedOrZeroed() {
        // x.mul(x).sum().backward() twice -> x.grad [4., 8., 12.]; x.grad = None; again -> [2., 4., 6.]
        // x.grad.zero_(); again -> [2., 4., 6.]
        Tensor x = leaf(1, 2, 3);
        x.mul(x).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new double[]{4, 8, 12}, x.grad().toDoubleArray());
        x.setGrad(null);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[]{2, 4, 6}, x.grad().toDoubleArray());
        x.grad().zero_();
        x.mul(x).sum().backward();
        assertArrayEquals(new double[]{2, 4, 6}, x.grad().toDoubleArray());
    }

    @Test
    void setGradChecksSizeAndType() {
        // x.grad = torch.zeros(2) -> assigned grad has data of a different size
        // x.grad = torch.zeros(3, dtype=torch.float64) -> assigned grad has data of a different type
        Tensor x = leaf(1, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.setGrad(Torch.zeros(2)));
        assertEquals("assigned grad has data of a different size", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.setGrad(Torch.zeros(new long[]{3}, Torch.float64)));
        assertEquals("assigned grad has data of a different type", e.getMessage());
        // x.grad = torch.ones(3); x.mul(x).sum().backward(); x.grad -> [3., 5., 7.]
        Tensor given = Torch.ones(3);
        x.setGrad(given);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[]{3, 5, 7}, x.grad().toDoubleArray());
    }

    @Test
    void gradientOfTheFirstBackwardIsNotTheCallersTensor() {
        // g = torch.ones(3); x.mul(1).backward(g) stores a copy: x.grad is not g, and g stays ones after a second backward
        Tensor x = leaf(1, 2, 3);
        Tensor g = Torch.ones(3);
        x.mul(t(1, 1, 1)).backward(g);
        x.mul(t(1, 1, 1)).backward(g);
        assertArrayEquals(new double[]{2, 2, 2}, x.grad().toDoubleArray());
        assertArrayEquals(new double[]{1, 1, 1}, g.toDoubleArray());
    }

    @Test
    void backwardFromSeveralOutputs() {
        // torch.autograd.backward([x.mul(x).sum(), x.mul(w)], [None, torch.tensor([1., 1.])]); x.grad -> [2+3, 4+4]
        Tensor x = leaf(1, 2), w = t(3, 4);
        Autograd.backward(List.of(x.mul(x).sum(), x.mul(w)), Arrays.asList(null, t(1, 1)), null, false, null);
        assertArrayEquals(new double[]{5, 8}, x.grad().toDoubleArray());
        // torch.autograd.backward([x.sum(), x.sum()], [torch.tensor(1.)]) -> got 2 tensors and 1 gradients
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.backward(List.of(x.sum(), x.sum()), List.of(Torch.tensor(1.0)), null, false, null));
        assertEquals("got 2 tensors and 1 gradients", e.getMessage());
        // extra gradients are ignored (zip): torch.autograd.backward([x.sum()], [torch.tensor(1.), torch.tensor(2.)])
        Autograd.backward(List.of(x.sum()), List.of(Torch.tensor(1.0), Torch.tensor(2.0)), null, false, null);
        assertArrayEquals(new double[]{6, 9}, x.grad().toDoubleArray());
    }

    @Test
    void rootGradientIsConvertedToTheRootsDtype() {
        // x = torch.tensor([1., 2.], requires_grad=True); x.backward(torch.ones(2, dtype=torch.float64))
        // x.grad -> tensor([1., 1.]) (float32)
        Tensor x = leaf(1, 2);
        x.backward(Torch.ones(new long[]{2}, Torch.float64));
        assertEquals(Torch.float32, x.grad().dtype());
        assertArrayEquals(new double[]{1, 1}, x.grad().toDoubleArray());
    }
}
