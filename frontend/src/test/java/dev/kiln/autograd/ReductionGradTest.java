package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import org.junit.jupiter.api.Test;

/**
 * Where Kiln's reduction gradients deliberately differ from PyTorch 1.13: var and std over an empty dim list
 * reduce every dim forward, and PyTorch's backward then divides by {@code 1 - correction} (giving inf); Kiln
 * differentiates the reduction it computed.
 */
class ReductionGradTest {
    private static final int[] NO_DIMS = {};

    @Test
    void varianceOverNoDimsHasTheWholeTensorGradient() {
        Tensor x = Torch.randn(3, 4).to(DType.FLOAT64).requiresGrad_();
        double[] got = Autograd.grad(x.var(NO_DIMS, 1L, false), x).getFirst().toDoubleArray();
        double[] whole = Autograd.grad(x.var(), x).getFirst().toDoubleArray();
        double[] formula = x.detach().sub(x.detach().mean()).mul(Torch.scalarTensor(2.0 / 11, DType.FLOAT64)).toDoubleArray();
        assertArrayEquals(whole, got, 1e-12);
        assertArrayEquals(formula, got, 1e-12);
    }

    @Test
    void standardDeviationOverNoDimsHasTheWholeTensorGradient() {
        Tensor x = Torch.randn(2, 5).to(DType.FLOAT64).requiresGrad_();
        double[] got = Autograd.grad(x.std(NO_DIMS, 0L, true), x).getFirst().toDoubleArray();
        double[] whole = Autograd.grad(x.std(false), x).getFirst().toDoubleArray();
        assertArrayEquals(whole, got, 1e-12);
    }
}
