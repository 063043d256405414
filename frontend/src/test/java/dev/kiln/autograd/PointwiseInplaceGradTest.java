package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * In-place pointwise ops share their functional op's derivative: what golden gradients cannot show, since PyTorch
 * forbids writing in place into the leaves the generator differentiates.
 */
class PointwiseInplaceGradTest {
    private static final double[] X = {-1.5, -0.25, 0.5, 2.0};

    /** The gradient of {@code sum(op(x) * w)} with respect to a leaf {@code x}, {@code op} applied to a copy of it. */
    private static double[] gradOf(UnaryOperator<Tensor> op) {
        Tensor x = Torch.tensor(X).requiresGrad_();
        Tensor w = Torch.tensor(new double[]{0.3, -1.1, 0.7, 1.9});
        Tensor y = op.apply(x.mul(1.0));
        return Autograd.grad(y.mul(w).sum(), x).getFirst().toDoubleArray();
    }

    private static void sameAsFunctional(UnaryOperator<Tensor> functional, UnaryOperator<Tensor> inplace, String gradFn) {
        assertArrayEquals(gradOf(functional), gradOf(inplace), 1e-12);
        Tensor y = inplace.apply(Torch.tensor(X).requiresGrad_().mul(1.0));
        assertEquals(gradFn, y.gradFn().name());
    }

    @Test
    void formulasReadingTheResultSeeTheOverwrittenSelf() {
        sameAsFunctional(Tensor::exp, Tensor::exp_, "ExpBackward0");
        sameAsFunctional(Tensor::tanh, Tensor::tanh_, "TanhBackward0");
        sameAsFunctional(Tensor::sigmoid, Tensor::sigmoid_, "SigmoidBackward0");
        sameAsFunctional(Tensor::relu, Tensor::relu_, "ReluBackward0");
    }

    @Test
    void formulasReadingSelfSeeItsValueBeforeTheWrite() {
        Tensor e = Torch.tensor(new double[]{2, 0.5, 3, 1});
        sameAsFunctional(t -> t.abs().add(0.5).pow(e), t -> t.abs().add(0.5).pow_(e), "PowBackward1");
        sameAsFunctional(t -> t.pow(3), t -> t.pow_(3), "PowBackward0");
        Tensor lo = Torch.tensor(new double[]{-1, -1, 0, 0}), hi = Torch.tensor(new double[]{1, 1, 1, 1});
        sameAsFunctional(t -> t.clamp(lo, hi), t -> t.clamp_(lo, hi), "ClampBackward0");
    }

    @Test
    void maskedFillInPlaceGivesTheValueTheMaskedGradient() {
        Tensor x = Torch.tensor(X).requiresGrad_(), v = Torch.tensor(4.0).requiresGrad_();
        Tensor mask = Torch.tensor(new boolean[]{true, false, false, true});
        Tensor y = x.mul(2.0).maskedFill_(mask, v);
        assertEquals("MaskedFillBackward1", y.gradFn().name());
        List<Tensor> g = Autograd.grad(y.sum(), x, v);
        assertArrayEquals(new double[]{0, 2, 2, 0}, g.get(0).toDoubleArray());
        assertEquals(2.0, g.get(1).itemDouble());
    }

    @Test
    void copyIntoANonLeafSendsTheGradientToTheSourceOnly() {
        Tensor x = Torch.tensor(X).requiresGrad_(), src = Torch.tensor(new double[]{7.0}).requiresGrad_();
        Tensor y = x.mul(3.0).copy_(src);
        assertEquals("CopyBackwards", y.gradFn().name());
        List<Tensor> g = Autograd.grad(y.mul(Torch.tensor(new double[]{1, 2, 3, 4})).sum(), x, src);
        assertArrayEquals(new double[]{0, 0, 0, 0}, g.get(0).toDoubleArray());
        assertArrayEquals(new double[]{10}, g.get(1).toDoubleArray());
    }

    @Test
    void doubleBackwardThroughAnInPlaceOp() {
        Tensor x = Torch.tensor(X).requiresGrad_();
        Tensor dx = Autograd.grad(List.of(x.mul(1.0).sin_().sum()), List.of(x), null, null, true, false).getFirst();
        assertTrue(dx.requiresGrad());
        double[] ddx = Autograd.grad(dx.sum(), x).getFirst().toDoubleArray();
        for (int i = 0; i < X.length; i++) assertEquals(-Math.sin(X[i]), ddx[i], 1e-6);
    }

    @Test
    void nonDifferentiableOpsGiveResultsOutsideTheGraph() {
        Tensor x = Torch.tensor(X).requiresGrad_();
        assertFalse(x.floorDivide(2.0).requiresGrad());
        assertFalse(x.gt(0.0).requiresGrad());
        assertFalse(x.isnan().requiresGrad());
        assertThrows(IllegalArgumentException.class, () -> x.mul(1.0).floorDivide_(2.0));
    }
}
