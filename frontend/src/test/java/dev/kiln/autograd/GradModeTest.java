package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The "Locally disabling gradient computation" part of PyTorch's autograd notes: how requires_grad spreads,
 * and the thread-local grad-mode scopes. Expected values come from PyTorch 1.13 (snippets in comments).
 */
class GradModeTest {
    private static Tensor leaf(double... values) { return Torch.tensor(values).requiresGrad_(); }

    @Test
    void requiresGradSpreadsFromAnyInput() {
        // x = torch.randn(5, 5); y = torch.randn(5, 5); z = torch.randn((5, 5), requires_grad=True)
        // (x + y).requires_grad -> False; (x + z).requires_grad -> True, grad_fn AddBackward0, is_leaf False
        Tensor x = Torch.randn(5, 5), y = Torch.randn(5, 5), z = Torch.randn(5, 5).requiresGrad_();
        Tensor a = x.add(y);
        assertFalse(a.requiresGrad());
        assertTrue(a.isLeaf());
        assertNull(a.gradFn());
        Tensor b = x.add(z);
        assertTrue(b.requiresGrad());
        assertFalse(b.isLeaf());
        assertEquals("AddBackward0", b.gradFn().name());
        // b.grad_fn.next_functions -> ((None, 0), (<AccumulateGrad>, 0))
        assertFalse(b.gradFn().nextFunctions().get(0).isValid());
        assertEquals("AccumulateGrad", b.gradFn().nextFunctions().get(1).function().name());
    }

    @Test
    void requiresGradFlagRules() {
        // torch.tensor([1, 2]).requires_grad_() -> only Tensors of floating point dtype can require gradients
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Torch.tensor(new long[]{1, 2}).requiresGrad_());
        assertTrue(e.getMessage().startsWith("only Tensors of floating point dtype can require gradients"), e.getMessage());
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(x);
        // y.requires_grad_(False) -> you can only change requires_grad flags of leaf variables. If you want to use a
        // computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().
        e = assertThrows(IllegalStateException.class, () -> y.requiresGrad_(false));
        assertEquals("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a "
                + "subgraph that doesn't require differentiation use var_no_grad = var.detach().", e.getMessage());
        // y.requires_grad_(True) is allowed on a non-leaf (it already requires grad)
        assertSame(y, y.requiresGrad_(true));
        assertFalse(x.requiresGrad_(false).requiresGrad());
    }

    @Test
    void noGradStopsRecordingAndEnableGradResumesIt() {
        // with torch.no_grad(): y = x * 2 -> y.requires_grad False, grad_fn None;
        //     with torch.enable_grad(): (x * 2).requires_grad -> True
        Tensor x = leaf(1, 2);
        try (var off = Autograd.noGrad()) {
            Tensor y = x.mul(x);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            assertFalse(Autograd.isGradEnabled());
            try (var on = Autograd.enableGrad()) {
                assertTrue(x.mul(x).requiresGrad());
                try (var offAgain = Autograd.setGradEnabled(false)) {
                    assertFalse(x.mul(x).requiresGrad());
                }
                assertTrue(Autograd.isGradEnabled());
            }
            assertFalse(Autograd.isGradEnabled());
        }
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void scopesRestoreTheModeWhenLeftByAnException() {
        Tensor x = leaf(1);
        assertThrows(ArithmeticException.class, () -> {
            try (var off = Autograd.noGrad()) {
                throw new ArithmeticException("inside");
            }
        });
        assertTrue(Autograd.isGradEnabled());
        assertThrows(IllegalStateException.class, () -> Autograd.noGrad(() -> x.mul(x).backward()));
        assertTrue(Autograd.isGradEnabled());
        assertTrue(x.mul(x).requiresGrad());
    }

    @Test
    void noGradFunctionRunsItsBodyWithoutRecording() {
        // @torch.no_grad() def f(t): return t * 2;  f(x).requires_grad -> False
        Tensor x = leaf(1, 2);
        Tensor y = Autograd.noGrad(() -> x.mul(x));
        assertFalse(y.requiresGrad());
        assertArrayEquals(new double[]{1, 4}, y.toDoubleArray());
        AtomicBoolean inside = new AtomicBoolean(true);
        Autograd.noGrad(() -> inside.set(Autograd.isGradEnabled()));
        assertFalse(inside.get());
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void gradModeIsThreadLocal() throws InterruptedException {
        // with torch.no_grad(): a thread started here records: (x * 2).requires_grad -> True
        Tensor x = leaf(1, 2);
        AtomicBoolean other = new AtomicBoolean();
        try (var off = Autograd.noGrad()) {
            Thread t = Thread.ofPlatform().start(() -> other.set(x.mul(x).requiresGrad()));
            t.join();
            assertFalse(x.mul(x).requiresGrad());
        }
        assertTrue(other.get());
    }

    @Test
    void inferenceModeRecordsNothingEvenUnderEnableGrad() {
        // with torch.inference_mode(): torch.is_grad_enabled() -> False, torch.is_inference_mode_enabled() -> True
        //     with torch.enable_grad(): torch.is_grad_enabled() -> True, (x * 2).requires_grad -> False
        //     with torch.inference_mode(False): torch.is_grad_enabled() -> True, (x * 2).requires_grad -> True
        Tensor x = leaf(1, 2);
        try (var inference = Autograd.inferenceMode()) {
            assertFalse(Autograd.isGradEnabled());
            assertTrue(Autograd.isInferenceModeEnabled());
            assertFalse(x.mul(x).requiresGrad());
            try (var on = Autograd.enableGrad()) {
                assertTrue(Autograd.isGradEnabled());
                assertFalse(x.mul(x).requiresGrad());
            }
            try (var normal = Autograd.inferenceMode(false)) {
                assertTrue(Autograd.isGradEnabled());
                assertFalse(Autograd.isInferenceModeEnabled());
                assertTrue(x.mul(x).requiresGrad());
            }
        }
        // with torch.no_grad(): with torch.inference_mode(False): torch.is_grad_enabled() -> True
        try (var off = Autograd.noGrad(); var normal = Autograd.inferenceMode(false)) {
            assertTrue(Autograd.isGradEnabled());
        }
        assertFalse(Autograd.isInferenceModeEnabled());
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void inferenceTensorsCannotEnterAutogradLater() {
        // with torch.inference_mode(): c = torch.zeros(2); y = x * 1
        // c.is_inference() -> True, y.is_inference() -> True, x.detach().is_inference() -> False
        Tensor x = leaf(1, 2);
        Tensor c, y, d;
        try (var inference = Autograd.inferenceMode()) {
            c = Torch.zeros(2);
            y = x.mul(x);
            d = x.detach();
            assertTrue(c.isInference());
            c.add_(Torch.ones(2));
        }
        assertTrue(c.isInference());
        assertTrue(y.isInference());
        assertFalse(y.requiresGrad());
        assertFalse(d.isInference());
        assertFalse(x.isInference());
        // c.add_(1) -> Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get
        // a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.add_(Torch.ones(2)));
        assertTrue(e.getMessage().contains("Inplace update to inference tensor outside InferenceMode is not allowed."), e.getMessage());
        // the same under no_grad
        assertThrows(IllegalStateException.class, () -> Autograd.noGrad(() -> c.add_(Torch.ones(2))));
        // x.mul(c) -> Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal
        // tensor and use it in autograd.
        e = assertThrows(IllegalStateException.class, () -> x.mul(c));
        assertEquals("Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal tensor "
                + "and use it in autograd.", e.getMessage());
        // c.requires_grad_() -> Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.
        e = assertThrows(IllegalStateException.class, c::requiresGrad_);
        assertEquals("Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.", e.getMessage());
        // x.add(c) saves nothing, so it works: (x + c).sum().backward(); x.grad -> [1., 1.]
        x.add(c).sum().backward();
        assertArrayEquals(new double[]{1, 1}, x.grad().toDoubleArray());
        // ops on it outside inference mode make ordinary tensors: c.clone().is_inference(), (c * 2).is_inference() -> False
        assertFalse(c.clone().isInference());
        Tensor doubled = c.mul(Torch.tensor(new double[]{2, 2}));
        assertFalse(doubled.isInference());
        assertArrayEquals(new double[]{2, 2}, doubled.toDoubleArray());
    }

    @Test
    void viewMadeInInferenceModeCannotBeWrittenInPlaceWhileRecording() {
        // base = torch.zeros(4); with torch.inference_mode(): v = base[1:3]; v.is_inference() -> False
        // v.mul_(w) with w requiring grad -> A view was created in inference mode and is being modified inplace in normal
        // mode. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving
        // both the view and the inplace either both inside the inference_mode block (if you don't want the inplace to be
        // tracked) or both outside (if you want the inplace to be tracked).
        Tensor base = Torch.zeros(4);
        Tensor v;
        try (var inference = Autograd.inferenceMode()) {
            v = base.narrow(0, 1, 2);
        }
        assertFalse(v.isInference());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.mul_(leaf(1, 1)));
        assertEquals("A view was created in inference mode and is being modified inplace in normal mode. Given that this use case is "
                + "ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace "
                + "either both inside the inference_mode block (if you don't want the inplace to be tracked) or both outside (if "
                + "you want the inplace to be tracked).", e.getMessage());
        // recording nothing, the write is allowed: v.mul_(2)
        v.mul_(Torch.tensor(new double[]{2, 2}));
    }

    @Test
    void detachSharesStorageAndTheVersionCounter() {
        // d = x.detach(): d.requires_grad False, d.is_leaf True, same data_ptr; d.zero_() bumps x._version to 1
        Tensor x = leaf(1, 2);
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertSame(x.data().storage(), d.data().storage());
        int before = x.version();
        d.zero_();
        assertEquals(before + 1, x.version());
        assertArrayEquals(new double[]{0, 0}, x.toDoubleArray());
    }

    @Test
    void writingADetachedTensorInvalidatesWhatBackwardSaved() {
        // x = torch.tensor([1., 2., 3.], requires_grad=True); h = x.add(1); y = x.mul(h)
        // h.detach().mul_(2); y.sum().backward() ->
        // one of the variables needed for gradient computation has been modified by an inplace operation:
        // [torch.FloatTensor [3]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead. ...
        Tensor x = leaf(1, 2, 3);
        Tensor h = x.add(Torch.ones(3));
        Tensor y = x.mul(h);
        int saved = h.version();
        h.detach().mul_(Torch.tensor(new double[]{2, 2, 2}));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().startsWith("one of the variables needed for gradient computation has been modified by an inplace "
                + "operation: [torch.FloatTensor [3]], which is output 0 of AddBackward0, is at version " + (saved + 1)
                + "; expected version " + saved + " instead."), e.getMessage());
    }
}
