package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A custom {@link Function} built on the convolution ops: conv2d forward, a hand-written backward. */
class ConvFunctionTest {
    /**
     * conv2d(x, w, stride, padding): the input gradient is conv_transpose2d of the output gradient, the weight gradient
     * a conv2d of the batch-transposed input with the batch-transposed output gradient (stride and dilation swap),
     * cut to the kernel's size.
     */
    static final class Conv2d extends Function<Tensor> {
        @Override
        protected Tensor forward(FunctionContext ctx, Object... args) {
            Tensor x = (Tensor) args[0], w = (Tensor) args[1];
            long stride = (Long) args[2], padding = (Long) args[3];
            ctx.saveForBackward(x, w);
            ctx.put("stride", stride);
            ctx.put("padding", padding);
            return Torch.conv2d(x, w, null, stride, padding, 1, 1);
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
            List<Tensor> saved = ctx.savedTensors();
            Tensor x = saved.get(0), w = saved.get(1), g = grads[0];
            long s = ctx.get("stride"), p = ctx.get("padding");
            Tensor gx = null, gw = null;
            if (ctx.needsInputGrad(0)) {
                long[] outputPadding = new long[2];
                for (int d = 0; d < 2; d++) outputPadding[d] = x.size(d + 2) - ((g.size(d + 2) - 1) * s - 2 * p + w.size(d + 2));
                gx = Torch.convTranspose2d(g, w, null, new long[]{s}, new long[]{p}, outputPadding, 1, new long[]{1});
            }
            if (ctx.needsInputGrad(1)) {
                Tensor full = Torch.conv2d(x.transpose(0, 1), g.transpose(0, 1), null, 1, p, s, 1);
                gw = full.narrow(2, 0, w.size(2)).narrow(3, 0, w.size(3)).transpose(0, 1);
            }
            return new Tensor[]{gx, gw, null, null};
        }
    }

    private static Tensor random(long seed, long... sizes) {
        return Torch.randn(sizes, Torch.float64, new Generator().manualSeed(seed)).requiresGrad_();
    }

    @Test
    void matchesTheBuiltInGradientsAndPassesGradcheck() {
        Tensor x = random(1, 2, 3, 6, 7), w = random(2, 4, 3, 3, 2);
        Conv2d conv = new Conv2d();
        Tensor y = conv.apply(x, w, 2L, 1L);
        assertEquals("Conv2dBackward", y.gradFn().name());
        Tensor expected = Torch.conv2d(x, w, null, 2, 1, 1, 1);
        assertArrayEquals(expected.toDoubleArray(), y.toDoubleArray(), 1e-12);
        Tensor g = Torch.randn(y.sizes(), Torch.float64, new Generator().manualSeed(3));
        List<Tensor> mine = Autograd.grad(List.of(y), List.of(x, w), List.of(g), null, false, false);
        List<Tensor> builtIn = Autograd.grad(List.of(expected), List.of(x, w), List.of(g), null, false, false);
        for (int i = 0; i < 2; i++) assertArrayEquals(builtIn.get(i).toDoubleArray(), mine.get(i).toDoubleArray(), 1e-10);
        assertTrue(GradCheck.gradcheck(in -> List.of(conv.apply(in.get(0), in.get(1), 2L, 1L)), List.of(x, w)));
    }
}
