package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom autograd functions ({@link Function}), after the examples and rules of PyTorch's {@code torch.autograd.Function}. */
class FunctionTest {
    private static Tensor leaf(double... values) { return Torch.tensor(values, Torch.float64).requiresGrad_(); }

    private static Tensor twice(Tensor x) { return x.mul(Torch.tensor(2.0)); }

    /** x * x, with 2x * grad as backward, built from ops so that it is differentiable again. */
    static class Square extends Function<Tensor> {
        @Override
        protected Tensor forward(FunctionContext ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            ctx.saveForBackward(x);
            return x.mul(x);
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor... grads) {
            Tensor x = ctx.savedTensors().getFirst();
            return grads[0].mul(x.add(x));
        }
    }

    /** Square whose backward is not differentiable. */
    static final class OnceSquare extends Square {
        @OnceDifferentiable
        @Override
        protected Tensor backward(FunctionContext ctx, Tensor... grads) {
            assertFalse(Autograd.isGradEnabled());
            return super.backward(ctx, grads);
        }
    }

    @Test
    void squarePassesGradcheckAndGradgradcheck() {
        Tensor x = leaf(0.5, -1.5, 2.0, 3.0);
        Tensor y = new Square().apply(x);
        assertEquals("SquareBackward", y.gradFn().name());
        assertArrayEquals(new double[]{0.25, 2.25, 4, 9}, y.toDoubleArray());
        y.sum().backward();
        assertArrayEquals(new double[]{1, -3, 4, 6}, x.grad().toDoubleArray());
        Square square = new Square();
        assertTrue(GradCheck.gradcheck(in -> List.of(square.apply(in.getFirst())), List.of(x)));
        assertTrue(GradCheck.gradgradcheck(in -> List.of(square.apply(in.getFirst())), List.of(x)));
    }

    @Test
    void doubleBackwardThroughTheUsersBackward() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = new Square().apply(x).sum();
        Tensor dx = Autograd.grad(List.of(y), List.of(x), null, null, true, false).getFirst();
        assertArrayEquals(new double[]{2, 4, 6}, dx.toDoubleArray());
        assertArrayEquals(new double[]{2, 2, 2}, Autograd.grad(dx.sum(), x).getFirst().toDoubleArray());
    }

    @Test
    void onceDifferentiableRefusesDoubleBackward() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = new OnceSquare().apply(x);
        Tensor dx = Autograd.grad(List.of(y.mul(y).sum()), List.of(x), null, null, true, false).getFirst();
        assertArrayEquals(new double[]{4, 32, 108}, dx.toDoubleArray());
        assertEquals("Error", dx.gradFn().name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> dx.sum().backward());
        assertEquals("trying to differentiate twice a function that was marked with @once_differentiable", e.getMessage());
        Tensor first = Autograd.grad(List.of(new OnceSquare().apply(x).sum()), List.of(x), null, null, true, false).getFirst();
        assertFalse(first.requiresGrad(), "an output gradient that needs no grad leaves nothing to differentiate");
    }

    /** Adds one to its input in place, as PyTorch's mark_dirty example does through numpy. */
    static final class AddOne extends Function<Tensor> {
        @Override
        protected Tensor forward(FunctionContext ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            x.add_(Torch.tensor(1.0));
            ctx.markDirty(x);
            return x;
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor... grads) { return grads[0]; }
    }

    @Test
    void markDirtyRebasesTheInputAndBumpsItsVersion() {
        Tensor x = leaf(1, 2);
        Tensor a = twice(x);
        Tensor b = a.mul(a);
        int before = a.data().storage().version();
        Tensor c = new AddOne().apply(a);
        assertSame(a, c);
        assertEquals("AddOneBackward", a.gradFn().name());
        assertEquals(before + 2, a.data().storage().version(), "the in-place add and mark_dirty each bump the version");
        assertArrayEquals(new double[]{3, 5}, a.toDoubleArray());
        IllegalStateException stale = assertThrows(IllegalStateException.class, () -> b.sum().backward());
        assertTrue(stale.getMessage().startsWith("one of the variables needed for gradient computation has been modified by an inplace"),
                stale.getMessage());
        c.sum().backward();
        assertArrayEquals(new double[]{2, 2}, x.grad().toDoubleArray());
    }

    @Test
    void markDirtyRefusesALeafThatRequiresGrad() {
        Tensor x = leaf(1, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new AddOne().apply(x));
        assertEquals("a leaf Variable that requires grad has been used in an in-place operation.", e.getMessage());
        try (var ignored = Autograd.noGrad()) {
            Tensor y = new AddOne().apply(x);
            assertNotSame(x, y, "under no_grad a dirty input that requires grad comes back as a detached alias");
            assertSame(x.data().storage(), y.data().storage());
            assertFalse(y.requiresGrad());
        }
        assertArrayEquals(new double[]{3, 4}, x.toDoubleArray(), "forward ran both times, as in PyTorch");
    }

    @Test
    void aDirtyInputMustBeReturned() {
        Function<Tensor> hidden = new Function<>() {
            @Override
            protected Tensor forward(FunctionContext ctx, Object... args) {
                Tensor y = (Tensor) args[1];
                y.add_(Torch.tensor(1.0));
                ctx.markDirty(y);
                return twice((Tensor) args[0]);
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... grads) { return new Tensor[]{grads[0], null}; }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hidden.apply(leaf(1, 2), Torch.zeros(2)));
        assertTrue(e.getMessage().startsWith("Some elements marked as dirty during the forward method were not returned as output."),
                e.getMessage());
    }

    /** Adds its first argument into its second, a view, in place. */
    static final class AddInto extends Function<Tensor> {
        @Override
        protected Tensor forward(FunctionContext ctx, Object... args) {
            Tensor source = (Tensor) args[0], target = (Tensor) args[1];
            target.add_(source);
            ctx.markDirty(target);
            return target;
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grads) { return new Tensor[]{grads[0], grads[0]}; }
    }

    @Test
    void markDirtyOnAViewGivesItsBaseCopySlices() {
        Tensor base = Torch.zeros(4).float64().requiresGrad_().requiresGrad_(false);
        Tensor view = base.narrow(0, 1, 2);
        Tensor w = leaf(5, 7);
        Tensor out = new AddInto().apply(w, view);
        assertSame(view, out);
        assertArrayEquals(new double[]{0, 5, 7, 0}, base.toDoubleArray());
        assertEquals("CopySlices", base.gradFn().name());
        base.mul(Torch.tensor(new double[]{1, 2, 3, 4})).sum().backward();
        assertArrayEquals(new double[]{2, 3}, w.grad().toDoubleArray());
    }

    /** Sorts its input; the indices (int64, and as float64 marked non-differentiable) get no gradient. */
    static final class Sort extends Function<List<Tensor>> {
        private final boolean materialize;
        final List<Tensor[]> received = new ArrayList<>();

        Sort(boolean materialize) { this.materialize = materialize; }

        @Override
        protected List<Tensor> forward(FunctionContext ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            var sorted = x.sort();
            Tensor ranks = sorted.indices().float64();
            ctx.markNonDifferentiable(ranks);
            ctx.setMaterializeGrads(materialize);
            ctx.saveForBackward(x, sorted.indices());
            return List.of(sorted.values(), sorted.indices(), ranks);
        }

        @OnceDifferentiable
        @Override
        protected Tensor backward(FunctionContext ctx, Tensor... grads) {
            received.add(grads.clone());
            List<Tensor> saved = ctx.savedTensors();
            return Torch.zerosLike(saved.get(0)).indexAdd_(0, saved.get(1), grads[0]);
        }
    }

    @Test
    void markNonDifferentiableOutputsGetZeroGradients() {
        Tensor x = leaf(3, 1, 2);
        Sort sort = new Sort(true);
        List<Tensor> out = sort.apply(x);
        assertTrue(out.get(0).requiresGrad());
        assertFalse(out.get(1).requiresGrad());
        assertFalse(out.get(2).requiresGrad());
        out.get(0).mul(Torch.tensor(new double[]{10, 20, 30})).sum().backward();
        assertArrayEquals(new double[]{30, 10, 20}, x.grad().toDoubleArray());
        Tensor[] grads = sort.received.getFirst();
        assertEquals(3, grads.length);
        assertArrayEquals(new double[]{0, 0, 0}, grads[2].toDoubleArray());
        assertTrue(GradCheck.gradcheck(in -> sort.apply(in.getFirst()), List.of(leaf(0.3, -1.2, 2.5))));

        Sort lazy = new Sort(false);
        lazy.apply(x).getFirst().sum().backward();
        assertNull(lazy.received.getFirst()[2], "without materialized grads backward sees null for outputs that got none");
    }

    /** x * y * scale with the scale a non-tensor argument kept as an attribute. */
    static final class ScaledProduct extends Function<Tensor> {
        final List<String> computed = new ArrayList<>();

        @Override
        protected Tensor forward(FunctionContext ctx, Object... args) {
            Tensor x = (Tensor) args[0], y = (Tensor) args[1];
            ctx.saveForBackward(x, y);
            ctx.put("scale", args[2]);
            return x.mul(y).mul(Torch.tensor((Double) args[2]));
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
            double scale = ctx.get("scale");
            Tensor s = Torch.tensor(scale);
            List<Tensor> saved = ctx.savedTensors();
            Tensor[] out = new Tensor[3];
            for (int i = 0; i < 2; i++) {
                if (!ctx.needsInputGrad(i)) continue;
                computed.add(i == 0 ? "x" : "y");
                out[i] = grads[0].mul(saved.get(1 - i)).mul(s);
            }
            assertFalse(ctx.needsInputGrad(2));
            return out;
        }
    }

    @Test
    void needsInputGradSkipsInputsThatNeedNoGradient() {
        Tensor x = leaf(1, 2), y = Torch.tensor(new double[]{3, 4});
        ScaledProduct f = new ScaledProduct();
        f.apply(x, y, 0.5).sum().backward();
        assertEquals(List.of("x"), f.computed);
        assertArrayEquals(new double[]{1.5, 2}, x.grad().toDoubleArray());
        assertNull(y.grad());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new FunctionContext(new boolean[0]).get("scale"));
        assertEquals("the context holds no attribute 'scale'", missing.getMessage());
    }

    @Test
    void savedTensorModifiedInPlaceIsAnError() {
        Tensor x = leaf(1, 2, 3);
        Tensor a = twice(x);
        Tensor y = new Square().apply(a);
        a.add_(Torch.tensor(1.0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        // PyTorch names the function the saved input has now (after add_): ... which is output 0 of AddBackward0, ...
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.DoubleTensor [3]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead. Hint: enable "
                + "anomaly detection to find the operation that failed to compute its gradient, with Autograd.detectAnomaly().", e.getMessage());
    }

    @Test
    void savedTensorsAreFreedAfterBackward() {
        Tensor x = leaf(1, 2);
        Tensor y = new Square().apply(x).sum();
        y.backward(null, true, false, null);
        y.backward();
        assertArrayEquals(new double[]{4, 8}, x.grad().toDoubleArray());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"), e.getMessage());
    }

    /** Returns its input as is. */
    static final class Identity extends Function<Tensor> {
        @Override
        protected Tensor forward(FunctionContext ctx, Object... args) { return (Tensor) args[0]; }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor... grads) { return grads[0].mul(Torch.tensor(3.0)); }
    }

    @Test
    void anInputReturnedAsIsBecomesAViewThatRefusesInPlaceWrites() {
        Tensor x = leaf(1, 2);
        Tensor a = twice(x);
        Tensor b = new Identity().apply(a);
        assertNotSame(a, b);
        assertSame(a.data().storage(), b.data().storage());
        assertEquals("MulBackward0", a.gradFn().name());
        assertEquals("IdentityBackward", b.gradFn().name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.add_(Torch.tensor(1.0)));
        assertTrue(e.getMessage().startsWith("Output 0 of IdentityBackward is a view and is being modified inplace. This view was created "
                + "inside a custom Function"), e.getMessage());
        b.sum().backward();
        assertArrayEquals(new double[]{6, 6}, x.grad().toDoubleArray());
    }

    @Test
    void withoutGradModeNothingIsRecorded() {
        Tensor x = leaf(1, 2);
        try (var ignored = Autograd.noGrad()) {
            Tensor y = new Square().apply(x);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
        }
        Tensor constant = new Square().apply(Torch.tensor(new double[]{3}));
        assertFalse(constant.requiresGrad());
        assertArrayEquals(new double[]{9}, constant.toDoubleArray());
    }

    @Test
    void backwardMustReturnOneGradientPerArgument() {
        Tensor x = leaf(1, 2);
        Function<Tensor> tooFew = new Function<>() {
            @Override
            protected Tensor forward(FunctionContext ctx, Object... args) { return ((Tensor) args[0]).mul(Torch.tensor(2.0)); }

            @Override
            protected Tensor backward(FunctionContext ctx, Tensor... grads) { return grads[0]; }
        };
        IllegalStateException few = assertThrows(IllegalStateException.class, () -> tooFew.apply(x, 2.0).sum().backward());
        assertEquals("function " + tooFew.backwardName() + " returned an incorrect number of gradients (expected 2, got 1)", few.getMessage());
        assertTrue(tooFew.backwardName().endsWith("Backward"), tooFew.backwardName());

        Function<Tensor> scalarGrad = new Function<>() {
            @Override
            protected Tensor forward(FunctionContext ctx, Object... args) { return ((Tensor) args[0]).mul(Torch.tensor(2.0)); }

            @Override
            protected Object backward(FunctionContext ctx, Tensor... grads) { return List.of(grads[0], grads[0]); }
        };
        IllegalStateException notTensor = assertThrows(IllegalStateException.class, () -> scalarGrad.apply(x, 2.0).sum().backward());
        assertTrue(notTensor.getMessage().endsWith("returned a gradient different than None at position 2, but the corresponding "
                + "forward input was not a Variable"), notTensor.getMessage());

        Function<Tensor> extraNulls = new Function<>() {
            @Override
            protected Tensor forward(FunctionContext ctx, Object... args) { return ((Tensor) args[0]).mul(Torch.tensor(2.0)); }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... grads) { return new Tensor[]{grads[0], null, null}; }
        };
        extraNulls.apply(x, 2.0).sum().backward();
        assertArrayEquals(new double[]{1, 1}, x.grad().toDoubleArray());
    }

    @Test
    void aGradientOfTheWrongShapeIsAnError() {
        Tensor x = leaf(1, 2, 3);
        Function<Tensor> shrink = new Function<>() {
            @Override
            protected Tensor forward(FunctionContext ctx, Object... args) { return ((Tensor) args[0]).mul(Torch.tensor(2.0)); }

            @Override
            protected Tensor backward(FunctionContext ctx, Tensor... grads) { return grads[0].narrow(0, 0, 2); }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> shrink.apply(x).sum().backward());
        assertEquals("Function " + shrink.backwardName() + " returned an invalid gradient at index 0 - got [2] but expected shape "
                + "compatible with [3]", e.getMessage());
    }
}
