package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.nn.F.CrossEntropyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The loss modules compute exactly their functional form (which the loss goldens check against PyTorch) with the
 * module's options, keep class weights as buffers in the state dict as PyTorch does, print like PyTorch and run hooks.
 */
class LossModuleTest {
    private final Generator g = new Generator().manualSeed(7);
    private final Tensor x = Torch.randn(new long[]{6, 5}, g), y = Torch.randn(new long[]{6, 5}, g);
    private final Tensor classes = Torch.tensor(new long[]{0, 4, 2, 2, 1, 3});
    private final Tensor prob = x.sigmoid(), target01 = y.gt(0).to(Torch.float32);

    private static void same(Tensor expected, Tensor actual) {
        assertTrue(expected.eq(actual).all().itemLong() == 1, () -> "expected " + expected + " got " + actual);
    }

    @Test
    void pairLossesMatchTheirFunctions() {
        Tensor w = Torch.tensor(new float[]{1, 2, 0.5f, 1, 3});
        same(F.mseLoss(x, y, "sum"), new MSELoss("sum").call(x, y));
        same(F.l1Loss(x, y), new L1Loss().call(x, y));
        same(F.smoothL1Loss(x, y, "none", 0.5), new SmoothL1Loss("none", 0.5).call(x, y));
        same(F.huberLoss(x, y, "mean", 2.0), new HuberLoss("mean", 2.0).call(x, y));
        CrossEntropyOptions ce = CrossEntropyOptions.DEFAULTS.weight(w).ignoreIndex(2).labelSmoothing(0.1);
        same(F.crossEntropy(x, classes, ce), new CrossEntropyLoss(ce).call(x, classes));
        same(F.crossEntropy(x, classes), new CrossEntropyLoss().call(x, classes));
        same(F.nllLoss(x.logSoftmax(1), classes, CrossEntropyOptions.DEFAULTS.weight(w)),
                new NLLLoss(CrossEntropyOptions.DEFAULTS.weight(w)).call(x.logSoftmax(1), classes));
        same(F.binaryCrossEntropy(prob, target01, w, "mean"), new BCELoss(w, "mean").call(prob, target01));
        same(F.binaryCrossEntropyWithLogits(x, target01, null, w, "sum"), new BCEWithLogitsLoss(null, "sum", w).call(x, target01));
        same(F.klDiv(x.logSoftmax(1), y.softmax(1), "batchmean", false), new KLDivLoss("batchmean", false).call(x.logSoftmax(1), y.softmax(1)));
    }

    @Test
    void tripleLossesMatchTheirFunctions() {
        Tensor signs = Torch.tensor(new float[]{1, -1, 1, 1, -1, -1});
        Tensor z = Torch.randn(new long[]{6, 5}, g);
        same(F.cosineEmbeddingLoss(x, y, signs, 0.2, "mean"), new CosineEmbeddingLoss(0.2, "mean").call(x, y, signs));
        same(F.marginRankingLoss(x.select(1, 0), y.select(1, 0), signs, 0.1, "sum"),
                new MarginRankingLoss(0.1, "sum").call(x.select(1, 0), y.select(1, 0), signs));
        same(F.tripletMarginLoss(x, y, z, 1.0, 2.0, 1e-6, true, "none"), new TripletMarginLoss(1.0, 2.0, 1e-6, true, "none").call(x, y, z));
    }

    @Test
    void classWeightsAreBuffersInTheStateDict() {
        Tensor w = Torch.tensor(new float[]{1, 2, 3, 4, 5});
        assertEquals(List.of("weight"), List.copyOf(new CrossEntropyLoss(CrossEntropyOptions.DEFAULTS.weight(w)).stateDict().keySet()));
        assertEquals(Map.of(), new CrossEntropyLoss().stateDict());
        assertNull(new BCEWithLogitsLoss().getBuffer("pos_weight"));
        assertEquals(List.of("weight", "pos_weight"), List.copyOf(new BCEWithLogitsLoss(w, "mean", w).stateDict().keySet()));
        assertThrows(IllegalArgumentException.class, () -> new NLLLoss(CrossEntropyOptions.DEFAULTS.labelSmoothing(0.1)));
    }

    @Test
    void printsAndRunsHooksLikeAModule() {
        assertEquals("CrossEntropyLoss()", new CrossEntropyLoss().toString());
        List<Integer> seen = new ArrayList<>();
        MSELoss loss = new MSELoss();
        loss.registerForwardHook((module, inputs, output) -> {
            seen.add(inputs.size());
            return null;
        });
        Tensor value = loss.call(x, y);
        assertEquals(List.of(2), seen);
        same(F.mseLoss(x, y), value);
        Supplier<Object> wrongArity = () -> loss.invoke(x);
        assertThrows(IllegalArgumentException.class, wrongArity::get);
    }

    @Test
    void gradientsFlowThroughTheModule() {
        Tensor leaf = x.detach().requiresGrad_(true);
        new CrossEntropyLoss().call(leaf, classes).backward();
        Tensor expected = leaf.detach().softmax(1).sub(F.oneHot(classes, 5).to(Torch.float32)).div(6);
        assertTrue(leaf.grad().sub(expected).abs().max().itemDouble() < 1e-6);
    }
}
