package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.ShapeBackwardOps;
import dev.kiln.ir.type.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Views under autograd once the view ops have derivatives: in-place writes into a view rebase the base's history
 * (CopySlices) and regenerate the view's (AsStridedBackward0), split pieces without a gradient count as zeros, and
 * gradients through views are differentiable again. Expected values come from PyTorch 1.13 (snippets in comments;
 * {@code x = torch.arange(12., dtype=torch.float64).reshape(4, 3).requires_grad_()},
 * {@code w = torch.tensor([[2., -1., 0.5], [3., 4., -2.]], dtype=torch.float64, requires_grad=True)}).
 */
class ViewGradTest {
    private static Tensor x() { return Torch.arange(0, 12, 1, DType.FLOAT64).reshape(4, 3).requiresGrad_(); }

    private static Tensor w() { return Torch.tensor(new double[][]{{2, -1, 0.5}, {3, 4, -2}}).requiresGrad_(); }

    /** {@code x + zeros}: a non-leaf copy of x (what x.clone() gives, through an op with a derivative on every branch). */
    private static Tensor copy(Tensor x) { return x.add(Torch.zeros(x.sizes(), DType.FLOAT64)); }

    private static void assertValues(double[][] expected, Tensor actual) {
        assertArrayEquals(Torch.tensor(expected).toDoubleArray(), actual.toDoubleArray(), 1e-12);
    }

    @Test
    void inPlaceIntoANarrowedViewGoesThroughCopySlices() {
        // a = x + torch.zeros(4, 3, dtype=torch.float64); v = a.narrow(0, 1, 2); v.mul_(w); (a * a).sum().backward()
        Tensor x = x(), w = w();
        Tensor a = copy(x);
        Tensor v = a.narrow(0, 1, 2);
        v.mul_(w);
        assertEquals("CopySlices", a.gradFn().name());
        assertEquals("AsStridedBackward0", v.gradFn().name());
        assertEquals("CopySlices", v.gradFn().nextFunctions().getFirst().function().name());
        a.mul(a).sum().backward();
        assertValues(new double[][]{{0, 2, 4}, {24, 8, 2.5}, {108, 224, 64}, {18, 20, 22}}, x.grad());
        assertValues(new double[][]{{36, -32, 25}, {216, 392, -256}}, w.grad());
    }

    @Test
    void inPlaceIntoATransposedView() {
        // b = x + zeros; tv = b.t(); tv.mul_(c); (tv * tv).sum().backward()
        Tensor x = x();
        Tensor c = Torch.tensor(new double[][]{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}});
        Tensor b = copy(x);
        Tensor tv = b.t();
        tv.mul_(c);
        assertEquals("CopySlices", b.gradFn().name());
        assertEquals("AsStridedBackward0", tv.gradFn().name());
        tv.mul(tv).sum().backward();
        assertValues(new double[][]{{0, 50, 324}, {24, 288, 1000}, {108, 686, 1936}, {288, 1280, 3168}}, x.grad());
    }

    @Test
    void aViewSeesItsBaseWrittenInPlaceAfterwards() {
        // b = x + zeros; row = b.select(0, 1); b.mul_(torch.tensor([1., 2., 3.])); (row * row).sum().backward()
        Tensor x = x();
        Tensor b = copy(x);
        Tensor row = b.select(0, 1);
        assertEquals("SelectBackward0", row.gradFn().name());
        b.mul_(Torch.tensor(new double[]{1, 2, 3}));
        assertEquals("AsStridedBackward0", row.gradFn().name());
        row.mul(row).sum().backward();
        assertValues(new double[][]{{0, 0, 0}, {6, 32, 90}, {0, 0, 0}, {0, 0, 0}}, x.grad());
    }

    @Test
    void inPlaceIntoAViewOfAView() {
        // b = x + zeros; v = b.transpose(0, 1).narrow(0, 1, 1); v.mul_(w[:, :1].t().repeat(1, 2)); b.sum().backward()
        Tensor x = x(), w = w();
        Tensor b = copy(x);
        Tensor v = b.transpose(0, 1).narrow(0, 1, 1);
        v.mul_(w.slice(1, null, 1L).t().repeat(1, 2));
        b.sum().backward();
        assertValues(new double[][]{{1, 2, 1}, {1, 3, 1}, {1, 2, 1}, {1, 3, 1}}, x.grad());
        assertValues(new double[][]{{8, 0, 0}, {14, 0, 0}}, w.grad());
    }

    @Test
    void piecesWithoutAGradientCountAsZeros() {
        // x.split(3)[1].sum().backward()
        Tensor x = x();
        List<Tensor> pieces = x.split(3);
        assertEquals("SplitBackward0", pieces.get(1).gradFn().name());
        pieces.get(1).sum().backward();
        assertValues(new double[][]{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {1, 1, 1}}, x.grad());
        // (x.unbind(1)[2] * 2).sum().backward()
        Tensor y = x();
        y.unbind(1).get(2).mul(Torch.tensor(2.0)).sum().backward();
        assertValues(new double[][]{{0, 0, 2}, {0, 0, 2}, {0, 0, 2}, {0, 0, 2}}, y.grad());
    }

    @Test
    void piecesOfAMultiOutputViewCannotBeWrittenInPlace() {
        List<Tensor> pieces = copy(x()).split(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pieces.getFirst().mul_(Torch.tensor(2.0)));
        assertTrue(e.getMessage().contains("SplitBackward0") && e.getMessage().contains("returns multiple views"), e.getMessage());
    }

    @Test
    void gradientsThroughViewsAreDifferentiable() {
        // y = x.narrow(0, 1, 2).t(); g, = grad((y * y * y).sum(), x, create_graph=True); gg, = grad((g * g).sum(), x)
        Tensor x = x();
        Tensor y = x.narrow(0, 1, 2).t();
        Tensor z = y.mul(y).mul(y).sum();
        Tensor g = Autograd.grad(List.of(z), List.of(x), null, null, true, false).getFirst();
        assertValues(new double[][]{{0, 0, 0}, {27, 48, 75}, {108, 147, 192}, {0, 0, 0}}, g);
        Tensor gg = Autograd.grad(g.mul(g).sum(), x).getFirst();
        assertValues(new double[][]{{0, 0, 0}, {972, 2304, 4500}, {7776, 12348, 18432}, {0, 0, 0}}, gg);
    }

    @Test
    void asStridedScatterZeroesTheScatteredRegionOfSelfsGradient() {
        // PyTorch 1.13 returns the gradient inside the region instead (fixed in later releases), so this is checked
        // against finite differences rather than against PyTorch's values.
        Tensor self = Torch.randn(4, 5).to(DType.FLOAT64).requiresGrad_();
        Tensor src = Torch.randn(2, 2).to(DType.FLOAT64).requiresGrad_();
        var fn = (java.util.function.Function<List<Tensor>, List<Tensor>>) in -> List.of(Dispatcher.apply(
                ShapeBackwardOps.AS_STRIDED_SCATTER, in.get(0), in.get(1), new long[]{2, 2}, new long[]{1, 2}, 3L));
        assertTrue(GradCheck.gradcheck(fn, List.of(self, src)));
        assertTrue(GradCheck.gradgradcheck(fn, List.of(self, src)));
    }
}
