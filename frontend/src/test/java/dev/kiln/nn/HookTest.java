package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.RemovableHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward pre-hooks, forward hooks and full backward hooks, per module and global, as PyTorch runs them. */
class HookTest {

    @Test
    void forwardHooksRunInOrderAndMayReplaceArgumentsAndOutput() {
        Linear l = new Linear(3, 2);
        List<String> calls = new ArrayList<>();
        RemovableHandle global = Module.registerModuleForwardPreHook((m, args) -> {
            calls.add("global pre " + m.getName());
            return null;
        });
        try {
            l.registerForwardPreHook((m, args) -> {
                calls.add("pre");
                return List.of(((Tensor) args.getFirst()).mul(0));
            });
            RemovableHandle post = l.registerForwardHook((m, args, out) -> {
                calls.add("post");
                assertArrayEquals(new double[6], ((Tensor) args.getFirst()).toDoubleArray(), 0.0);
                return ((Tensor) out).add(1);
            });
            Tensor y = l.call(Torch.randn(2, 3));
            assertEquals(List.of("global pre Linear", "pre", "post"), calls);
            Tensor expected = l.bias().detach().add(1).expand(2, 2);
            assertArrayEquals(expected.toDoubleArray(), y.toDoubleArray(), 1e-6);
            post.remove();
            post.remove();
            assertArrayEquals(l.bias().detach().expand(2, 2).toDoubleArray(), l.call(Torch.randn(2, 3)).toDoubleArray(), 1e-6);
        } finally {
            global.remove();
        }
    }

    @Test
    void fullBackwardHookSeesInputAndOutputGradients() {
        Linear l = new Linear(3, 2);
        Tensor x = Torch.randn(4, 3).requiresGrad_();
        List<List<Tensor>> seen = new ArrayList<>();
        l.registerFullBackwardHook((m, gradInput, gradOutput) -> {
            assertSame(l, m);
            seen.add(gradInput);
            seen.add(gradOutput);
            return null;
        });
        Tensor y = l.call(x);
        Tensor g = Torch.randn(4, 2);
        y.backward(g);
        assertEquals(2, seen.size());
        assertArrayEquals(g.toDoubleArray(), seen.get(1).getFirst().toDoubleArray());
        assertArrayEquals(g.matmul(l.weight().detach()).toDoubleArray(), seen.get(0).getFirst().toDoubleArray(), 1e-6);
        assertArrayEquals(x.grad().toDoubleArray(), seen.get(0).getFirst().toDoubleArray(), 1e-6);
    }

    @Test
    void fullBackwardHookMayReplaceGradInput() {
        Tanh t = new Tanh();
        Tensor x = Torch.randn(5).requiresGrad_();
        t.registerFullBackwardHook((m, gradInput, gradOutput) -> List.of(gradInput.getFirst().mul(0).add(7)));
        t.call(x).sum().backward();
        assertArrayEquals(new double[]{7, 7, 7, 7, 7}, x.grad().toDoubleArray());
    }

    @Test
    void backwardHookOfAMultiInputModuleAndOfInputsWithoutGrad() {
        Bilinear b = new Bilinear(2, 3, 4);
        Tensor x1 = Torch.randn(5, 2).requiresGrad_(), x2 = Torch.randn(5, 3);
        List<List<Tensor>> inputs = new ArrayList<>();
        RemovableHandle global = Module.registerModuleFullBackwardHook((m, gradInput, gradOutput) -> {
            inputs.add(gradInput);
            return null;
        });
        try {
            b.call(x1, x2).sum().backward();
            assertEquals(1, inputs.size());
            assertEquals(2, inputs.getFirst().size());
            assertArrayEquals(x1.grad().toDoubleArray(), inputs.getFirst().get(0).toDoubleArray(), 1e-6);
            assertArrayEquals(new double[15], inputs.getFirst().get(1).toDoubleArray(), "PyTorch gives zeros for an input without grad");
            inputs.clear();
            b.call(Torch.randn(5, 2), x2).sum().backward();
            assertEquals(1, inputs.size());
            assertEquals(List.of(), inputs.getFirst().stream().filter(g -> g != null).toList());
        } finally {
            global.remove();
        }
    }
}
