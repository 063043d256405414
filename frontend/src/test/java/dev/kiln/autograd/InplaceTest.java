package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import org.junit.jupiter.api.Test;

/**
 * In-place operations under autograd ("In-place correctness checks" in PyTorch's notes): saved tensors are
 * version-checked, leaves and their views refuse in-place writes while recording, and an in-place write into a
 * view rebases the base's history on {@code CopySlices}. Expected values from PyTorch 1.13 (snippets in comments).
 */
class InplaceTest {
    private static final String MODIFIED = "one of the variables needed for gradient computation has been modified by an inplace "
            + "operation: ";

    private static Tensor leaf(double... values) { return Torch.tensor(values).requiresGrad_(); }

    private static Tensor t(double... values) { return Torch.tensor(values); }

    private static String backwardError(Tensor loss) {
        return assertThrows(IllegalStateException.class, loss::backward).getMessage();
    }

    @Test
    void savedInputWrittenInPlaceIsReportedWithItsCurrentFunction() {
        // x = torch.tensor([1., 2., 3.], requires_grad=True); h = x.add(1); h.add_(1); y = x.mul(h); h.mul_(2)
        // y.sum().backward() -> ...: [torch.FloatTensor [3]], which is output 0 of MulBackward0, is at version 2;
        // expected version 1 instead. Hint: ...
        Tensor x = leaf(1, 2, 3);
        Tensor h = x.add(t(1, 1, 1));
        h.add_(t(1, 1, 1));
        Tensor y = x.mul(h);
        h.mul_(t(2, 2, 2));
        assertEquals("MulBackward0", h.gradFn().name());
        String message = backwardError(y.sum());
        assertTrue(message.startsWith(MODIFIED + "[torch.FloatTensor [3]], which is output 0 of MulBackward0, is at version 2; "
                + "expected version 1 instead. Hint: enable anomaly detection"), message);
    }

    @Test
    void savedOutputWrittenInPlaceIsReportedWithTheFunctionThatMadeIt() {
        // y = x.exp(); z = y.mul(torch.tensor([2., 2., 2.])); y.add_(torch.tensor([1., 1., 1.])); z.sum().backward() ->
        // ...: [torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead.
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.exp();
        Tensor z = y.mul(t(2, 2, 2));
        y.add_(t(1, 1, 1));
        String message = backwardError(z.sum());
        assertTrue(message.startsWith(MODIFIED + "[torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; "
                + "expected version 0 instead."), message);
        // y = x.sigmoid(); y.mul_(torch.tensor([1., 1., 1.])); y.sum().backward() -> ... output 0 of SigmoidBackward0, ...
        Tensor s = x.sigmoid();
        s.mul_(t(1, 1, 1));
        message = backwardError(s.sum());
        assertTrue(message.startsWith(MODIFIED + "[torch.FloatTensor [3]], which is output 0 of SigmoidBackward0, is at version 1; "
                + "expected version 0 instead."), message);
    }

    @Test
    void inPlaceOnATensorThatSavedItselfAsTheOtherOperand() {
        // a = x * 1; a.mul_(a); a.sum().backward() -> ...: [torch.FloatTensor [3]], which is output 0 of MulBackward0,
        // is at version 1; expected version 0 instead.
        Tensor x = leaf(1, 2, 3);
        Tensor a = x.mul(t(1, 1, 1));
        a.mul_(a);
        String message = backwardError(a.sum());
        assertTrue(message.startsWith(MODIFIED + "[torch.FloatTensor [3]], which is output 0 of MulBackward0, is at version 1; "
                + "expected version 0 instead."), message);
    }

    @Test
    void savedTensorWithoutHistoryIsReportedWithoutAFunction() {
        // x = torch.tensor([1., 2., 3.], requires_grad=True); w = torch.tensor([1., 2., 3.]); y = x.mul(w); w.add_(1)
        // y.sum().backward() -> ...: [torch.FloatTensor [3]] is at version 1; expected version 0 instead. Hint: ...
        Tensor x = leaf(1, 2, 3);
        Tensor w = t(1, 2, 3);
        Tensor y = x.mul(w);
        w.add_(t(1, 1, 1));
        String message = backwardError(y.sum());
        assertTrue(message.startsWith(MODIFIED + "[torch.FloatTensor [3]] is at version 1; expected version 0 instead."), message);
    }

    @Test
    void savedDoubleTensorIsNamedWithItsLegacyType() {
        // torch.float64 saved tensor of shape [2, 2] -> [torch.DoubleTensor [2, 2]]
        Tensor x = Torch.ones(new long[]{2, 2}, Torch.float64).requiresGrad_();
        Tensor w = Torch.ones(new long[]{2, 2}, Torch.float64);
        Tensor y = x.mul(w);
        w.add_(w);
        String message = backwardError(y.sum());
        assertTrue(message.startsWith(MODIFIED + "[torch.DoubleTensor [2, 2]] is at version 1; expected version 0 instead."), message);
    }

    @Test
    void leafRequiringGradRefusesInPlaceWritesUnlessGradIsOff() {
        // x.add_(1) -> a leaf Variable that requires grad is being used in an in-place operation.
        Tensor x = leaf(1, 2, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.add_(t(1, 1, 1)));
        assertTrue(e.getMessage().endsWith("a leaf Variable that requires grad is being used in an in-place operation."), e.getMessage());
        assertEquals(0, x.version());
        // with torch.no_grad(): x.mul_(2) -> tensor([2., 4., 6.], requires_grad=True), x._version 1, still a leaf
        Autograd.noGrad(() -> x.mul_(t(2, 2, 2)));
        assertArrayEquals(new double[]{2, 4, 6}, x.toDoubleArray());
        assertEquals(1, x.version());
        assertTrue(x.isLeaf());
        assertTrue(x.requiresGrad());
    }

    @Test
    void viewOfLeafRefusesInPlaceWrites() {
        // x[0:2].mul_(2) and x.view(3).mul_(2) ->
        // a view of a leaf Variable that requires grad is being used in an in-place operation.
        Tensor x = leaf(1, 2, 3);
        for (Tensor v : new Tensor[]{x.narrow(0, 0, 2), x.view(3), x.asStrided(new long[]{2}, new long[]{1}, 1)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.mul_(Torch.onesLike(v)));
            assertTrue(e.getMessage().endsWith("a view of a leaf Variable that requires grad is being used in an in-place operation."),
                    e.getMessage());
        }
        assertArrayEquals(new double[]{1, 2, 3}, x.toDoubleArray());
    }

    @Test
    void inPlaceOnANonLeafThatSavedNothingWorks() {
        // x = torch.tensor([1., 2., 3.], requires_grad=True); y = x.mul(2); y.add_(1)
        // y.grad_fn -> AddBackward0, next_functions ((MulBackward0, 0), (None, 0)); y._version 1
        // z = y.mul(y); z.sum().backward(); x.grad -> [12., 20., 28.]
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(t(2, 2, 2));
        y.add_(t(1, 1, 1));
        assertEquals("AddBackward0", y.gradFn().name());
        assertEquals("MulBackward0", y.gradFn().nextFunctions().get(0).function().name());
        assertFalse(y.gradFn().nextFunctions().get(1).isValid());
        assertEquals(1, y.version());
        y.mul(y).sum().backward();
        assertArrayEquals(new double[]{12, 20, 28}, x.grad().toDoubleArray());
    }

    @Test
    void inPlaceWithAnOperandThatRequiresGrad() {
        // x = torch.tensor([1., 2., 3.], requires_grad=True); w = torch.tensor([4., 5., 6.], requires_grad=True)
        // y = x.mul(1); y.mul_(w); y.grad_fn -> MulBackward0; y.sum().backward(); x.grad -> [4, 5, 6], w.grad -> [1, 2, 3]
        Tensor x = leaf(1, 2, 3), w = leaf(4, 5, 6);
        Tensor y = x.mul(t(1, 1, 1));
        y.mul_(w);
        assertEquals("MulBackward0", y.gradFn().name());
        y.sum().backward();
        assertArrayEquals(new double[]{4, 5, 6}, x.grad().toDoubleArray());
        assertArrayEquals(new double[]{1, 2, 3}, w.grad().toDoubleArray());
    }

    @Test
    void inPlaceWriteIntoAViewRebasesTheBaseOnCopySlices() {
        // base = torch.zeros(4); v = base[1:3]; w = torch.tensor([2., 3.], requires_grad=True); v.add_(w)
        // base.grad_fn -> CopySlices, base.requires_grad True; v.grad_fn -> AsStridedBackward0 whose next is (CopySlices, 0)
        // (base * torch.tensor([1., 2., 3., 4.])).sum().backward(); w.grad -> [2., 3.]
        Tensor base = Torch.zeros(4);
        Tensor v = base.narrow(0, 1, 2);
        Tensor w = leaf(2, 3);
        v.add_(w);
        assertEquals("CopySlices", base.gradFn().name());
        assertTrue(base.requiresGrad());
        assertEquals("AsStridedBackward0", v.gradFn().name());
        assertSame(base.gradFn(), v.gradFn().nextFunctions().getFirst().function());
        assertArrayEquals(new double[]{0, 2, 3, 0}, base.toDoubleArray());
        base.mul(t(1, 2, 3, 4)).sum().backward();
        assertArrayEquals(new double[]{2, 3}, w.grad().toDoubleArray());
    }

    @Test
    void gradientOfAViewWrittenInPlaceFlowsThroughItsBase() {
        // base = torch.zeros(4); v = base[1:3]; v.mul_(w); v.add_(w); (v * torch.tensor([5., 7.])).sum().backward()
        // w.grad -> [5., 7.]
        Tensor base = Torch.zeros(4);
        Tensor v = base.narrow(0, 1, 2);
        Tensor w = leaf(2, 3);
        v.mul_(w);
        v.add_(w);
        v.mul(t(5, 7)).sum().backward();
        assertArrayEquals(new double[]{5, 7}, w.grad().toDoubleArray());
    }

    @Test
    void otherViewsOfAWrittenBaseTakeTheirGradientFromIt() {
        // base = torch.zeros(4); u = base[0:2]; base[2:4].add_(w); u.grad_fn -> AsStridedBackward0, u.requires_grad True
        Tensor base = Torch.zeros(4);
        Tensor u = base.narrow(0, 0, 2);
        Tensor w = leaf(2, 3);
        assertFalse(u.requiresGrad());
        base.narrow(0, 2, 2).add_(w);
        assertTrue(u.requiresGrad());
        assertEquals("AsStridedBackward0", u.gradFn().name());
    }

    @Test
    void successiveWritesIntoOverlappingViewsChainCopySlices() {
        // base = torch.zeros(4); base[1:3].add_(w); base[2:4].mul_(w); base -> [0., 2., 6., 0.], base.grad_fn CopySlices
        // (base * torch.tensor([1., 2., 3., 4.])).sum().backward(); w.grad -> [11., 6.]
        Tensor base = Torch.zeros(4);
        Tensor w = leaf(2, 3);
        base.narrow(0, 1, 2).add_(w);
        base.narrow(0, 2, 2).mul_(w);
        assertArrayEquals(new double[]{0, 2, 6, 0}, base.toDoubleArray());
        assertEquals("CopySlices", base.gradFn().name());
        base.mul(t(1, 2, 3, 4)).sum().backward();
        assertArrayEquals(new double[]{11, 6}, w.grad().toDoubleArray());
    }

    @Test
    void asStridedViewWrittenInPlaceGetsItsGradientBack() {
        // base = torch.zeros(6); v = base.as_strided([2, 2], [3, 1], 1); v.add_(w) with w 2x2 requiring grad
        // base -> [0., 1., 2., 0., 3., 4.]; (base * torch.arange(6.)).sum().backward(); w.grad -> [[1., 2.], [4., 5.]]
        Tensor base = Torch.zeros(6);
        Tensor v = base.asStrided(new long[]{2, 2}, new long[]{3, 1}, 1);
        Tensor w = Torch.tensor(new double[][]{{1, 2}, {3, 4}}).requiresGrad_();
        v.add_(w);
        assertArrayEquals(new double[]{0, 1, 2, 0, 3, 4}, base.toDoubleArray());
        base.mul(t(0, 1, 2, 3, 4, 5)).sum().backward();
        assertArrayEquals(new double[]{1, 2, 4, 5}, w.grad().toDoubleArray());
    }

    @Test
    void inPlaceWriteIntoAViewOfANonLeaf() {
        // x = torch.tensor([1., 2., 3., 4.], requires_grad=True); b = x.mul(torch.ones(4)); v = b[1:3]
        // v.mul_(torch.tensor([10., 100.])): b.grad_fn CopySlices, v.grad_fn AsStridedBackward0
        // b.mul(torch.tensor([1., 2., 3., 4.])).sum().backward(); x.grad -> [1., 20., 300., 4.]
        Tensor x = leaf(1, 2, 3, 4);
        Tensor b = x.mul(Torch.ones(4));
        Tensor v = b.narrow(0, 1, 2);
        v.mul_(t(10, 100));
        assertEquals("CopySlices", b.gradFn().name());
        assertEquals("AsStridedBackward0", v.gradFn().name());
        b.mul(t(1, 2, 3, 4)).sum().backward();
        assertArrayEquals(new double[]{1, 20, 300, 4}, x.grad().toDoubleArray());
    }

    @Test
    void inPlaceUnderNoGradOnAViewIsNotRecorded() {
        // b = x.mul(1); v = b[1:3]; with torch.no_grad(): v.mul_(2)
        // b.grad_fn MulBackward0, v.grad_fn AsStridedBackward0, b._version 1; (b * 1).sum().backward(); x.grad -> ones
        Tensor x = leaf(1, 2, 3, 4);
        Tensor b = x.mul(Torch.ones(4));
        Tensor v = b.narrow(0, 1, 2);
        Autograd.noGrad(() -> v.mul_(t(2, 2)));
        assertEquals("MulBackward0", b.gradFn().name());
        assertEquals("AsStridedBackward0", v.gradFn().name());
        assertEquals(1, b.version());
        b.mul(Torch.ones(4)).sum().backward();
        assertArrayEquals(new double[]{1, 1, 1, 1}, x.grad().toDoubleArray());
    }

    @Test
    void oneOfSeveralViewsCannotBeWrittenInPlace() {
        // b = x.mul(torch.ones(2, 2)); a0, a1 = b.unbind(0); a1.mul_(2) ->
        // Output 1 of UnbindBackward0 is a view and is being modified inplace. This view is the output of a function that
        // returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace
        // the inplace operation by an out-of-place one.
        Tensor x = Torch.ones(2, 2).requiresGrad_();
        Tensor b = x.mul(Torch.ones(2, 2));
        Tensor a1 = b.unbind(0).get(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a1.mul_(t(2, 2)));
        assertEquals("Output 1 of UnbindBackward0 is a view and is being modified inplace. This view is the output of a function "
                + "that returns multiple views. Such functions do not allow the output views to be modified inplace. You should "
                + "replace the inplace operation by an out-of-place one.", e.getMessage());
        // base = torch.zeros(2, 2); c0, c1 = base.unbind(0); c1.mul_(w) with w requiring grad -> A view was created in
        // no_grad mode and is being modified inplace with grad mode enabled. This view is the output of a function that ...
        Tensor c1 = Torch.zeros(2, 2).unbind(0).get(1);
        e = assertThrows(IllegalStateException.class, () -> c1.mul_(leaf(1, 1)));
        assertTrue(e.getMessage().startsWith("A view was created in no_grad mode and is being modified inplace with grad mode "
                + "enabled. This view is the output of a function that returns multiple views."), e.getMessage());
        // c1.mul_(2) records nothing, so it is allowed
        c1.mul_(t(2, 2));
    }

    @Test
    void viewMadeWithoutGradModeCannotBeWrittenInPlaceWithIt() {
        // b = x.mul(1); with torch.no_grad(): v = b[1:3]
        // v.requires_grad True, v.grad_fn None, v.is_leaf True; v.mul_(2) -> A view was created in no_grad mode and is
        // being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is
        // forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad
        // block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).
        Tensor x = leaf(1, 2, 3, 4);
        Tensor b = x.mul(Torch.ones(4));
        Tensor v = Autograd.noGrad(() -> b.narrow(0, 1, 2));
        assertTrue(v.requiresGrad());
        assertTrue(v.isLeaf());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.mul_(t(2, 2)));
        assertEquals("A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use "
                + "case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the "
                + "inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if "
                + "you want the inplace to be tracked).", e.getMessage());
        // y = v.mul(2): y.requires_grad True, next_functions ((None, 0), (None, 0)); y.sum().backward(); x.grad -> None
        Tensor y = v.mul(t(2, 2));
        assertTrue(y.requiresGrad());
        assertFalse(y.gradFn().nextFunctions().get(0).isValid());
        y.sum().backward();
        assertEquals(null, x.grad());
        // base = torch.zeros(4); with torch.no_grad(): u = base[1:3]; u.mul_(2) works; u.mul_(w) -> the same error
        Tensor u = Autograd.noGrad(() -> Torch.zeros(4).narrow(0, 1, 2));
        u.mul_(t(2, 2));
        assertThrows(IllegalStateException.class, () -> u.mul_(leaf(2, 3)));
    }

    @Test
    void viewOfABaseThatLaterRequiresGrad() {
        // base = torch.zeros(4); v = base[1:3]; base.requires_grad_(): v.requires_grad True, v.grad_fn None
        // v.mul_(2) -> a view of a leaf Variable that requires grad is being used in an in-place operation.
        Tensor base = Torch.zeros(4);
        Tensor v = base.narrow(0, 1, 2);
        base.requiresGrad_();
        assertTrue(v.requiresGrad());
        assertTrue(v.isLeaf());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.mul_(t(2, 2)));
        assertTrue(e.getMessage().endsWith("a view of a leaf Variable that requires grad is being used in an in-place operation."),
                e.getMessage());
    }
}
