package dev.kiln.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.ThreadCounts;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.GradCheck;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.EmbeddingOps;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the golden fixtures of the embedding ops do not show: the {@code F.embedding} / {@code F.embedding_bag} Java API
 * (max_norm, 2-D bags, argument checks), where Kiln's gradients are the true ones where PyTorch 1.13's are not, and
 * independence of the thread count.
 */
class EmbeddingTest {
    private static Tensor random(long seed, long... sizes) { return Torch.randn(sizes, Torch.float64, new Generator().manualSeed(seed)); }

    private static Tensor indices(long... v) { return Torch.tensor(v); }

    @Test
    void embeddingLooksUpRowsAndWrapsANegativePaddingIndex() {
        Tensor w = random(1, 5, 3), idx = indices(4, 0, 4);
        Tensor out = Torch.embedding(idx, w);
        assertArrayEquals(new long[]{3, 3}, out.sizes());
        assertArrayEquals(w.index(4L).toDoubleArray(), out.index(0L).toDoubleArray());
        w.requiresGrad_();
        Torch.embedding(idx, w, -1L).sum().backward();
        assertArrayEquals(new double[3], w.grad().index(4L).toDoubleArray(), "row 4 is the padding row (-1 wraps to 4)");
        assertArrayEquals(new double[]{1, 1, 1}, w.grad().index(0L).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> Torch.embedding(idx, w, 5L));
        assertThrows(IllegalArgumentException.class, () -> Torch.embedding(idx, w, -6L));
    }

    @Test
    void maxNormRescalesTheLookedUpRowsInPlaceWithoutRecording() {
        Tensor w = random(2, 6, 4).mul(3).requiresGrad_();
        Tensor idx = indices(1, 3, 3);
        int version = w.version();
        Tensor out = Torch.embedding(idx, w, null, 1.0, 2.0, false, false);
        assertTrue(w.version() > version, "the weight is modified in place");
        for (long row : new long[]{1, 3}) assertTrue(w.detach().index(row).norm().itemDouble() <= 1.0 + 1e-6);
        assertTrue(w.detach().index(0L).norm().itemDouble() > 1.0, "rows not looked up keep their norm");
        out.sum().backward();
        assertArrayEquals(new double[]{2, 2, 2, 2}, w.grad().index(3L).toDoubleArray());
    }

    @Test
    void renormOfATensorThatRequiresGradIsRefusedOutsideNoGrad() {
        Tensor w = random(3, 4, 2).requiresGrad_();
        assertThrows(IllegalStateException.class, () -> Torch.embeddingRenorm_(w, indices(1), 0.5, 2.0));
        Tensor kept = Autograd.noGrad(() -> Torch.embeddingRenorm_(w, indices(1), 0.5, 2.0));
        assertTrue(kept.detach().index(1L).norm().itemDouble() <= 0.5 + 1e-6);
    }

    @Test
    void embeddingBagOf2dInputHasOneBagPerRow() {
        Tensor w = random(4, 7, 3), input = indices(1, 2, 6, 0, 0, 3).reshape(2, 3);
        Tensor offsets = indices(0, 3);
        for (String mode : new String[]{"sum", "mean", "max"}) {
            Tensor rows = Torch.embeddingBag(input, w, null, mode), flat = Torch.embeddingBag(input.reshape(-1), w, offsets, mode);
            assertArrayEquals(flat.toDoubleArray(), rows.toDoubleArray(), mode);
        }
        Tensor psw = random(5, 2, 3);
        assertArrayEquals(Torch.embeddingBag(input.reshape(-1), w, offsets, null, 2, false, "sum", false, psw.reshape(-1), false, null)
                .toDoubleArray(), Torch.embeddingBag(input, w, null, null, 2, false, "sum", false, psw, false, null).toDoubleArray());
    }

    @Test
    void embeddingBagChecksItsArgumentsAsPyTorchDoes() {
        Tensor w = random(6, 5, 2), flat = indices(1, 2, 3), rows = flat.reshape(1, 3), offsets = indices(0);
        assertThrows(IllegalArgumentException.class, () -> Torch.embeddingBag(rows, w, offsets));
        assertThrows(IllegalArgumentException.class, () -> Torch.embeddingBag(flat, w, null));
        assertThrows(IllegalArgumentException.class, () -> Torch.embeddingBag(flat.reshape(1, 1, 3), w, null));
        assertThrows(IllegalArgumentException.class, () -> Torch.embeddingBag(flat, w, offsets, "median"));
        assertThrows(IllegalArgumentException.class, () -> Torch.embeddingBag(flat, w, offsets, null, 2, true, "max", false, null, false, null));
        assertThrows(UnsupportedOperationException.class,
                () -> Torch.embeddingBag(flat, w, offsets, null, 2, false, "mean", false, random(7, 3), false, null));
        assertThrows(IllegalArgumentException.class,
                () -> Torch.embeddingBag(flat, w, offsets, null, 2, false, "sum", false, random(8, 2), false, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.embeddingBag(flat, w, indices(0, 2), null, 2, false, "mean", false, null, true, null));
        assertTrue(e.getMessage().contains("include_last_offset"), e.getMessage());
    }

    @Test
    void embeddingBagDividesEachSampleByItsOwnIndexCount() {
        Tensor w = random(9, 5, 2).requiresGrad_(), idx = indices(1, 1, 2, 3);
        Tensor out = Torch.embeddingBag(idx, w, indices(0), null, 2, true, "sum", false, null, false, null);
        out.sum().backward();
        Tensor reference = random(9, 5, 2).requiresGrad_();
        Torch.embedding(idx, reference, null, null, 2, true, false).sum().backward();
        assertArrayEquals(reference.grad().toDoubleArray(), w.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void secondDerivativesAreTheTrueOnes() {
        Tensor g = random(10, 5, 3).requiresGrad_();
        Tensor idx = indices(0, 2, 2, 4, 2);
        assertTrue(GradCheck.gradcheck(in -> List.of(Dispatcher.apply(EmbeddingOps.EMBEDDING_DENSE_BACKWARD, in.getFirst(), idx, 6L, 4L,
                true)), List.of(g)));
        Tensor w = random(11, 5, 3).requiresGrad_(), psw = random(12, 5).requiresGrad_();
        Tensor offsets = indices(0, 2);
        assertTrue(GradCheck.gradgradcheck(in -> List.of(Torch.embeddingBag(idx, in.get(0), offsets, null, 2, false, "sum", false,
                in.get(1), false, 4L)), List.of(w, psw)));
        assertTrue(GradCheck.gradgradcheck(in -> List.of(Torch.embeddingBag(idx, in.getFirst(), offsets, "max")), List.of(w)));
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Tensor w = random(13, 300, 64).float32(), idx = Torch.randint(0, 300, new long[]{4000}, null, new Generator().manualSeed(14));
        Tensor offsets = Torch.arange(0, 4000, 7), g = random(15, 4000, 64).float32();
        ThreadCounts.assertIndependent(() -> products(w, idx, offsets, g));
    }

    private static double[][] products(Tensor w, Tensor idx, Tensor offsets, Tensor g) {
        return new double[][]{Torch.embedding(idx, w).toDoubleArray(), Torch.embeddingBag(idx, w, offsets, "mean").toDoubleArray(),
                Torch.embeddingBag(idx, w, offsets, "max").toDoubleArray(),
                Dispatcher.apply(EmbeddingOps.EMBEDDING_DENSE_BACKWARD, g, idx, 300L, -1L, true).toDoubleArray()};
    }
}
