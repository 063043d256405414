package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import org.junit.jupiter.api.Test;

/** The autograd example of the README runs and its gradient is the closed-form one. */
class ReadmeExampleTest {
    @Test
    void readmeTrainingStep() {
        Tensor x = Torch.arange(12).reshape(3, 4).to(Torch.float32).div(10);
        Tensor w = Torch.randn(4, 2).requiresGrad_();
        Tensor before = w.detach().clone();
        Tensor loss = x.matmul(w).tanh().pow(2).mean();
        loss.backward();
        Tensor t = x.matmul(before).tanh();
        Tensor expected = x.t().matmul(t.mul(2).mul(t.mul(t).rsub(1)).div(6));
        assertArrayEquals(expected.toDoubleArray(), w.grad().toDoubleArray(), 1e-6);
        try (var noGrad = Autograd.noGrad()) {
            w.sub_(w.grad().mul(0.1));
        }
        assertArrayEquals(before.sub(expected.mul(0.1)).toDoubleArray(), w.detach().toDoubleArray(), 1e-6);
    }
}
