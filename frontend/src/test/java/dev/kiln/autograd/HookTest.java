package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradient hooks on tensors and on backward functions, and anomaly detection, against PyTorch 1.13 (snippets in
 * comments; post-accumulate-grad hooks are PyTorch 2.1's API).
 */
class HookTest {
    private static Tensor leaf(double... values) { return Torch.tensor(values).requiresGrad_(); }

    private static Tensor t(double... values) { return Torch.tensor(values); }

    @Test
    void tensorHooksReplaceGradientsOfLeavesAndNonLeaves() {
        // x = torch.tensor([1., 2., 3.], requires_grad=True); x.register_hook(lambda g: g * 2); y = x.mul(x)
        // y.register_hook(lambda g: g + 1); y.register_hook(lambda g: seen.append(g.clone()))
        // y.sum().backward(); x.grad -> [8., 16., 24.], seen -> [[2., 2., 2.]]
        Tensor x = leaf(1, 2, 3);
        RemovableHandle hx = x.registerHook(g -> g.mul(t(2, 2, 2)));
        Tensor y = x.mul(x);
        RemovableHandle hy = y.registerHook(g -> g.add(t(1, 1, 1)));
        List<double[]> seen = new ArrayList<>();
        y.registerHook(g -> {
            seen.add(g.toDoubleArray());
            return null;
        });
        y.sum().backward();
        assertArrayEquals(new double[]{8, 16, 24}, x.grad().toDoubleArray());
        assertEquals(1, seen.size());
        assertArrayEquals(new double[]{2, 2, 2}, seen.getFirst());
        // hx.remove(); hy.remove(); x.grad = None; x.mul(x).sum().backward(); x.grad -> [2., 4., 6.]
        hx.remove();
        hy.remove();
        x.setGrad(null);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[]{2, 4, 6}, x.grad().toDoubleArray());
    }

    @Test
    void leafHookSeesTheSummedGradientOnce() {
        // x.register_hook(lambda g: log.append(g.tolist())); (x.mul(2).add(x.mul(3))).sum().backward(); log -> [[5., 5., 5.]]
        Tensor x = leaf(1, 2, 3);
        List<double[]> log = new ArrayList<>();
        RemovableHandle handle = x.registerHook(g -> {
            log.add(g.toDoubleArray());
            return null;
        });
        x.mul(t(2, 2, 2)).add(x.mul(t(3, 3, 3))).sum().backward();
        assertEquals(1, log.size());
        assertArrayEquals(new double[]{5, 5, 5}, log.getFirst());
        handle.remove();
        x.mul(x).sum().backward();
        assertEquals(1, log.size());
        assertArrayEquals(new double[]{7, 9, 11}, x.grad().toDoubleArray());
    }

    @Test
    void removingOneHookKeepsTheOthers() {
        // a = y.register_hook(lambda g: g * 2); b = y.register_hook(lambda g: g * 3); a.remove()
        // y.sum().backward(); x.grad -> [3., 3.]
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(t(1, 1));
        RemovableHandle a = y.registerHook(g -> g.mul(t(2, 2)));
        y.registerHook(g -> g.mul(t(3, 3)));
        a.remove();
        y.sum().backward();
        assertArrayEquals(new double[]{3, 3}, x.grad().toDoubleArray());
    }

    @Test
    void hooksRunInRegistrationOrderWithTheTensorsHooksInOneSlot() {
        // y = x.mul(x); y.register_hook(A); y.grad_fn.register_prehook(B); y.register_hook(C) -> order A, C, B
        Tensor x = leaf(1, 0, 3);
        Tensor y = x.mul(x);
        List<String> log = new ArrayList<>();
        y.registerHook(g -> {
            log.add("A");
            return null;
        });
        y.gradFn().registerPrehook(go -> {
            log.add("B");
            return null;
        });
        y.registerHook(g -> {
            log.add("C");
            return null;
        });
        y.sum().backward();
        assertEquals(List.of("A", "C", "B"), log);
    }

    @Test
    void retainGradTakesItsPlaceAmongTheHooks() {
        // y.grad_fn.register_prehook(lambda go: (go[0] * 10,)); y.retain_grad(); y.register_hook(lambda g: g * 100)
        // y.sum().backward(); y.grad -> [10., 10., 10.], x.grad -> [2000., 0., 6000.]
        Tensor x = leaf(1, 0, 3);
        Tensor y = x.mul(x);
        y.gradFn().registerPrehook(go -> List.of(go.getFirst().mul(t(10, 10, 10))));
        y.retainGrad();
        y.registerHook(g -> g.mul(t(100, 100, 100)));
        y.sum().backward();
        assertArrayEquals(new double[]{10, 10, 10}, y.grad().toDoubleArray());
        assertArrayEquals(new double[]{2000, 0, 6000}, x.grad().toDoubleArray());
        // retain then hook: h.retain_grad(); h.register_hook(lambda g: g * 100) -> h.grad [1., 1., 1.], x.grad [200., ...]
        Tensor x2 = leaf(1, 2, 3);
        Tensor h = x2.mul(t(2, 2, 2));
        h.retainGrad();
        h.registerHook(g -> g.mul(t(100, 100, 100)));
        h.sum().backward();
        assertArrayEquals(new double[]{1, 1, 1}, h.grad().toDoubleArray());
        assertArrayEquals(new double[]{200, 200, 200}, x2.grad().toDoubleArray());
    }

    @Test
    void leafHooksRunAfterTheAccumulatorsPrehooks() {
        // x.register_hook(lambda g: g * 10); acc = y.grad_fn.next_functions[0][0]; acc.register_prehook(log 'pre')
        // y.sum().backward() -> 'pre' first, then the tensor hook; x.grad -> [20., 20.]
        Tensor x = leaf(1, 2);
        List<String> log = new ArrayList<>();
        x.registerHook(g -> {
            log.add("tensor");
            return g.mul(t(10, 10));
        });
        Tensor y = x.mul(t(2, 2));
        Node acc = y.gradFn().nextFunctions().getFirst().function();
        acc.registerPrehook(go -> {
            log.add("pre");
            return null;
        });
        List<List<Tensor>> post = new ArrayList<>();
        acc.registerHook((gradInputs, gradOutputs) -> {
            post.add(gradInputs);
            post.add(gradOutputs);
            return null;
        });
        y.sum().backward();
        assertEquals(List.of("pre", "tensor"), log);
        assertArrayEquals(new double[]{20, 20}, x.grad().toDoubleArray());
        // acc.register_hook(lambda gi, go: ...) sees gi == () and go == (tensor([2., 2.]),)
        assertEquals(0, post.get(0).size());
        assertArrayEquals(new double[]{2, 2}, post.get(1).getFirst().toDoubleArray());
    }

    @Test
    void functionHooksSeeAndReplaceGradients() {
        // y = x.mul(x); y.grad_fn.register_prehook(pre: logs go, returns (go[0] * 10,));
        // y.grad_fn.register_hook(post: logs gi, go); y.sum().backward()
        // pre saw [[1., 1., 1.]]; post saw gi [[10., 20., 30.], [10., 20., 30.]], go [[10., 10., 10.]]; x.grad [20., 40., 60.]
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x);
        List<List<Tensor>> pre = new ArrayList<>(), post = new ArrayList<>();
        y.gradFn().registerPrehook(go -> {
            pre.add(go);
            return List.of(go.getFirst().mul(t(10, 10, 10)));
        });
        y.gradFn().registerHook((gi, go) -> {
            post.add(gi);
            post.add(go);
            return null;
        });
        y.sum().backward();
        assertArrayEquals(new double[]{1, 1, 1}, pre.getFirst().getFirst().toDoubleArray());
        assertArrayEquals(new double[]{10, 20, 30}, post.get(0).get(0).toDoubleArray());
        assertArrayEquals(new double[]{10, 20, 30}, post.get(0).get(1).toDoubleArray());
        assertArrayEquals(new double[]{10, 10, 10}, post.get(1).getFirst().toDoubleArray());
        assertArrayEquals(new double[]{20, 40, 60}, x.grad().toDoubleArray());
    }

    @Test
    void functionPostHookMayDropAGradient() {
        // y = x.mul(w); h = y.grad_fn.register_hook(lambda gi, go: (gi[0] * 0, None))
        // y.sum().backward(retain_graph=True) -> x.grad [0., 0., 0.], w.grad None
        // h.remove(); grads cleared; y.sum().backward() -> x.grad [4., 5., 6.], w.grad [1., 2., 3.]
        Tensor x = leaf(1, 2, 3), w = leaf(4, 5, 6);
        Tensor y = x.mul(w);
        RemovableHandle h = y.gradFn().registerHook((gi, go) -> Arrays.asList(gi.get(0).mul(t(0, 0, 0)), null));
        y.sum().backward(null, true, false, null);
        assertArrayEquals(new double[]{0, 0, 0}, x.grad().toDoubleArray());
        assertNull(w.grad());
        h.remove();
        x.setGrad(null);
        y.sum().backward();
        assertArrayEquals(new double[]{4, 5, 6}, x.grad().toDoubleArray());
        assertArrayEquals(new double[]{1, 2, 3}, w.grad().toDoubleArray());
    }

    @Test
    void capturedGradientsAreTakenBeforeHooks() {
        // h = x.mul(2); h.register_hook(lambda g: g * 100); y = h.sum()
        // torch.autograd.grad(y, h) -> [1., 1.]; torch.autograd.grad(y, x) -> [200., 200.]
        // x.register_hook(lambda g: g * 10); torch.autograd.grad(y, x) -> [200., 200.] (a leaf's hooks do not apply)
        // y.backward(inputs=[h]) -> h.grad [100., 100.] (retain_grad registered after the hook)
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(t(2, 2));
        h.registerHook(g -> g.mul(t(100, 100)));
        Tensor y = h.sum();
        assertArrayEquals(new double[]{1, 1}, Autograd.grad(List.of(y), List.of(h), null, true, false, false).getFirst().toDoubleArray());
        assertArrayEquals(new double[]{200, 200}, Autograd.grad(List.of(y), List.of(x), null, true, false, false).getFirst().toDoubleArray());
        x.registerHook(g -> g.mul(t(10, 10)));
        assertArrayEquals(new double[]{200, 200}, Autograd.grad(List.of(y), List.of(x), null, true, false, false).getFirst().toDoubleArray());
        y.backward(null, false, false, List.of(h));
        assertArrayEquals(new double[]{100, 100}, h.grad().toDoubleArray());
    }

    @Test
    void hooksOfTensorsOffThePathDoNotRun() {
        // y = x.mul(3); z = y.mul(2); y.register_hook(log); torch.autograd.grad(z.sum(), y) -> log []
        // torch.autograd.grad(z.sum(), x) -> log ['y']
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(t(3, 3));
        Tensor z = y.mul(t(2, 2));
        List<String> log = new ArrayList<>();
        y.registerHook(g -> {
            log.add("y");
            return null;
        });
        Autograd.grad(List.of(z.sum()), List.of(y), null, true, false, false);
        assertEquals(List.of(), log);
        Autograd.grad(z.sum(), x);
        assertEquals(List.of("y"), log);
    }

    @Test
    void leafAccumulatorsRunAsSoonAsTheirGradientIsComplete() {
        // x.mul(one) (makes x's accumulator first); h = y.mul(one); z = x.add(h)
        // x.register_hook(log 'x'); h.grad_fn.register_prehook(log 'h'); z.sum().backward() -> ['x', 'h']
        Tensor one = t(1, 1);
        Tensor x = leaf(0, 0), y = leaf(0, 0);
        x.mul(one);
        Tensor h = y.mul(one);
        Tensor z = x.add(h);
        List<String> log = new ArrayList<>();
        x.registerHook(g -> {
            log.add("x");
            return null;
        });
        h.gradFn().registerPrehook(go -> {
            log.add("h");
            return null;
        });
        z.sum().backward();
        assertEquals(List.of("x", "h"), log);
    }

    @Test
    void backwardInsideAHookDoesNotDisturbTheOuterGradients() {
        // h = y.mul(one); z = x.add(h).mul(one); h.grad_fn.register_prehook(with enable_grad: x.mul(one).sum().backward())
        // z.backward(torch.tensor([5., 7.])) -> x.grad [6., 8.], y.grad [5., 7.]
        // (x's accumulator stores AddBackward0's gradient without a copy while h's function still has to read it)
        Tensor one = t(1, 1);
        Tensor x = leaf(0, 0), y = leaf(0, 0);
        Tensor h = y.mul(one);
        Tensor z = x.add(h).mul(one);
        h.gradFn().registerPrehook(go -> {
            try (var on = Autograd.enableGrad()) {
                x.mul(one).sum().backward();
            }
            return null;
        });
        z.backward(t(5, 7));
        assertArrayEquals(new double[]{6, 8}, x.grad().toDoubleArray());
        assertArrayEquals(new double[]{5, 7}, y.grad().toDoubleArray());
    }

    @Test
    void hookMustKeepTheGradientsTypeAndSize() {
        // x.register_hook(lambda g: g.double()); x.mul(2).sum().backward()
        // -> hook 'myhook' has changed the type of value (was torch.FloatTensor got torch.DoubleTensor)
        Tensor x = Torch.ones(3).requiresGrad_();
        x.registerHook(g -> g.to(Torch.float64));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(t(2, 2, 2)).sum().backward());
        assertEquals("hook has changed the type of value (was torch.FloatTensor got torch.DoubleTensor)", e.getMessage());
        // h = z * 2; h.register_hook(lambda g: g[:2]); h.sum().backward() -> hook 'sz' has changed the size of value
        Tensor z = Torch.ones(3).requiresGrad_();
        Tensor h = z.mul(t(2, 2, 2));
        h.registerHook(g -> g.narrow(0, 0, 2));
        e = assertThrows(IllegalStateException.class, () -> h.sum().backward());
        assertEquals("hook has changed the size of value", e.getMessage());
    }

    @Test
    void hookRegistrationNeedsRequiresGrad() {
        // torch.ones(2).register_hook(lambda g: g) -> cannot register a hook on a tensor that doesn't require gradient
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Torch.ones(2).registerHook(g -> g));
        assertEquals("cannot register a hook on a tensor that doesn't require gradient", e.getMessage());
    }

    @Test
    void postAccumulateGradHooksSeeTheAccumulatedLeaf() {
        // PyTorch 2.1: x.register_post_accumulate_grad_hook(lambda p: seen.append(p.grad.clone()))
        // x.mul(x).sum().backward() twice -> seen [[2., 4.], [4., 8.]]
        Tensor x = leaf(1, 2);
        List<double[]> seen = new ArrayList<>();
        RemovableHandle handle = x.registerPostAccumulateGradHook(p -> seen.add(p.grad().toDoubleArray()));
        x.mul(x).sum().backward();
        x.mul(x).sum().backward();
        assertEquals(2, seen.size());
        assertArrayEquals(new double[]{2, 4}, seen.get(0));
        assertArrayEquals(new double[]{4, 8}, seen.get(1));
        handle.remove();
        x.mul(x).sum().backward();
        assertEquals(2, seen.size());
        // on a non-leaf: post accumulate grad hooks cannot be registered on non-leaf tensors
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(x).registerPostAccumulateGradHook(p -> { }));
        assertEquals("post accumulate grad hooks cannot be registered on non-leaf tensors", e.getMessage());
    }

    @Test
    void anomalyDetectionNamesTheFunctionThatReturnedNaN() {
        // with torch.autograd.detect_anomaly():
        //     y = x.mul(torch.tensor([inf, 1., 1.])); z = y.mul(torch.tensor([0., 1., 1.])); z.sum().backward()
        // -> RuntimeError: Function 'MulBackward0' returned nan values in its 0th output.
        // (with a warning holding the traceback of the forward call y = x.mul(...))
        Tensor x = leaf(1, 2, 3);
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor y = x.mul(t(Double.POSITIVE_INFINITY, 1, 1));
            Tensor z = y.mul(t(0, 1, 1));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> z.sum().backward());
            assertEquals("Function 'MulBackward0' returned nan values in its 0th output.", e.getMessage());
            Throwable forward = e.getCause();
            assertNotNull(forward);
            assertTrue(Arrays.stream(forward.getStackTrace()).anyMatch(f -> f.getMethodName().equals("anomalyDetectionNamesTheFunctionThatReturnedNaN")));
        }
        assertTrue(!GradMode.isAnomalyEnabled());
    }

    @Test
    void withoutAnomalyDetectionNaNGradientsPass() {
        // without detect_anomaly: x.grad -> [nan, 1., 1.]
        Tensor x = leaf(1, 2, 3);
        x.mul(t(Double.POSITIVE_INFINITY, 1, 1)).mul(t(0, 1, 1)).sum().backward();
        double[] g = x.grad().toDoubleArray();
        assertTrue(Double.isNaN(g[0]));
        assertArrayEquals(new double[]{1, 1}, new double[]{g[1], g[2]});
    }
}
