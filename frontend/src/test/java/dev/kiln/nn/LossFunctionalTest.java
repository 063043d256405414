package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.ThreadCounts;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import dev.kiln.nn.F.CrossEntropyOptions;
import org.junit.jupiter.api.Test;

/**
 * The losses of {@link F} as a PyTorch user calls them: defaults, options, the reductions given by name (and
 * "batchmean"), the checks {@code torch.nn.functional} makes before calling the op, and backward through a loss.
 * Expected numbers are PyTorch 1.13's {@code torch.nn.functional} results for the same inputs.
 */
class LossFunctionalTest {
    private static final double TOL = 1e-6;

    private static Tensor logits() { return Torch.tensor(new double[][]{{1, 2, 3}, {0.5, -1, 2}, {0, 0, 1}}); }

    private static final Tensor CLASSES = Torch.tensor(new long[]{2, 0, 1});
    private static final Tensor LOG_P = Torch.tensor(new double[][]{{-1, -2}, {-0.5, -0.25}});
    private static final Tensor P = Torch.tensor(new double[][]{{0.3, 0.7}, {0.6, 0.4}});
    private static final Tensor PROBS = Torch.tensor(new double[][]{{0.2, 0.9}, {0.6, 0.4}});

    private static void assertClose(double expected, Tensor actual) { assertEquals(expected, actual.itemDouble(), TOL); }

    private static void assertClose(double[] expected, Tensor actual) {
        assertArrayEquals(new long[]{expected.length}, actual.sizes());
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual.select(0, i).itemDouble(), TOL, "element " + i);
    }

    @Test
    void crossEntropyBackwardMatchesPyTorch() {
        Tensor x = logits().requiresGrad_();
        Tensor loss = F.crossEntropy(x, CLASSES);
        assertClose(1.2334539890289307, loss);
        assertEquals("NllLossBackward0", loss.gradFn().name());
        loss.backward();
        double[][] expected = {{0.030010193586349487, 0.08157616853713989, -0.11158633232116699},
            {-0.27490320801734924, 0.013037524186074734, 0.26186567544937134}, {0.07064718008041382, -0.262686163187027, 0.19203898310661316}};
        for (int i = 0; i < 3; i++) assertClose(expected[i], x.grad().select(0, i));
    }

    @Test
    void crossEntropyOptions() {
        CrossEntropyOptions options = CrossEntropyOptions.DEFAULTS.weight(Torch.tensor(new double[]{1, 2, 0.5})).ignoreIndex(1)
                .labelSmoothing(0.1).reduction("sum");
        assertClose(2.2096431255340576, F.crossEntropy(logits(), CLASSES, options));
        assertEquals(new CrossEntropyOptions(null, -100, "mean", 0.0), CrossEntropyOptions.DEFAULTS);
    }

    @Test
    void nllLossUnreduced() {
        Tensor loss = F.nllLoss(logits().logSoftmax(1), CLASSES, CrossEntropyOptions.DEFAULTS.reduction("none"));
        assertClose(new double[]{0.40760594606399536, 1.7413113117218018, 1.5514447689056396}, loss);
        assertThrows(IllegalArgumentException.class, () -> F.nllLoss(logits(), CLASSES, CrossEntropyOptions.DEFAULTS.labelSmoothing(0.1)));
    }

    @Test
    void nllLossTakesSpatialInputs() {
        Tensor x = Torch.randn(2, 3, 4, 5).logSoftmax(1);
        Tensor t = Torch.zeros(new long[]{2, 4, 5}, DType.INT64);
        assertArrayEquals(new long[]{2, 4, 5}, F.nllLoss(x, t, CrossEntropyOptions.DEFAULTS.reduction("none")).sizes());
        assertArrayEquals(new long[]{2, 4, 5}, F.crossEntropy(x.view(2, 3, 4, 5), t, "none").sizes());
    }

    @Test
    void regressionLosses() {
        assertClose(0.9528124928474426, F.smoothL1Loss(LOG_P, P));
        assertClose(0.59375, F.huberLoss(LOG_P, P, "mean", 0.5));
        assertClose(2.653125047683716, F.mseLoss(LOG_P, P));
        assertClose(5.75, F.l1Loss(LOG_P, P, "sum"));
    }

    @Test
    void klDivBatchMeanIsTheSumOverTheBatchSize() {
        assertClose(0.4080619812011719, F.klDiv(LOG_P, P, "batchmean", false));
        assertClose(F.klDiv(LOG_P, P, "sum", false).itemDouble() / 2, F.klDiv(LOG_P, P, "batchmean", false));
    }

    @Test
    void binaryCrossEntropies() {
        assertClose(1.734176516532898, F.binaryCrossEntropy(PROBS, P, Torch.tensor(new double[]{2, 3}), "mean"));
        assertClose(2.0517704486846924, F.binaryCrossEntropyWithLogits(LOG_P, P, null, Torch.tensor(new double[]{2, 3}), "mean"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> F.binaryCrossEntropy(PROBS, P.select(0, 0)));
        assertTrue(e.getMessage().contains("different to the input size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> F.binaryCrossEntropyWithLogits(LOG_P, P.select(0, 0)));
    }

    @Test
    void embeddingAndRankingLosses() {
        assertClose(0.9290968775749207, F.tripletMarginLoss(LOG_P, P, PROBS));
        assertClose(0.75, F.marginRankingLoss(Torch.tensor(new double[]{1, 2}), Torch.tensor(new double[]{2, 1}),
                Torch.tensor(new double[]{1, 1}), 0.5, "mean"));
        assertClose(0.9991372227668762, F.cosineEmbeddingLoss(LOG_P, P, Torch.tensor(new double[]{1, -1})));
        assertClose(new double[]{-0.9982743263244629, -0.9922778606414795}, F.cosineSimilarity(LOG_P, P));
        assertClose(new double[]{2.9966635704040527, 1.2776919603347778}, F.pairwiseDistance(LOG_P, P));
        assertThrows(IllegalArgumentException.class, () -> F.marginRankingLoss(P, P, Torch.tensor(new double[]{1, 1})));
    }

    @Test
    void reductionMustBeNoneMeanOrSum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> F.mseLoss(P, P, "average"));
        assertEquals("mse_loss: average is not a valid value for reduction", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(logits(), CLASSES, "batchmean"));
    }

    @Test
    void targetOutOfRangeNamesTheValue() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> F.crossEntropy(logits(), Torch.tensor(new long[]{2, 7, 1})));
        assertTrue(e.getMessage().contains("nll_loss") && e.getMessage().contains("7"), e.getMessage());
    }

    /**
     * A batch larger than one thread's share, with an odd class count and ignored rows: the weighted mean matches a
     * plain loop in double precision, and the loss and its gradient are the same on one thread and on several.
     */
    @Test
    void largeBatchMatchesAReferenceLoopOnAnyThreadCount() {
        Torch.manualSeed(7);
        int n = 1031, c = 37;
        Tensor x = Torch.randn(n, c);
        Tensor target = Torch.randint(-1, c, new long[]{n});
        Tensor weight = Torch.rand(c).add(0.5);
        CrossEntropyOptions options = CrossEntropyOptions.DEFAULTS.weight(weight).ignoreIndex(-1);
        double[] logits = x.toDoubleArray(), w = weight.toDoubleArray();
        long[] t = new long[n];
        for (int i = 0; i < n; i++) t[i] = (long) target.select(0, i).itemDouble();
        double total = 0, weights = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] < 0) continue;
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int k = 0; k < c; k++) max = Math.max(max, logits[i * c + k]);
            for (int k = 0; k < c; k++) sum += Math.exp(logits[i * c + k] - max);
            total += w[(int) t[i]] * (max + Math.log(sum) - logits[i * c + (int) t[i]]);
            weights += w[(int) t[i]];
        }
        assertEquals(total / weights, F.crossEntropy(x, target, options).itemDouble(), 1e-5);
        ThreadCounts.assertIndependent(() -> {
            Tensor leaf = x.detach().requiresGrad_();
            Tensor loss = F.crossEntropy(leaf, target, options.labelSmoothing(0.1));
            loss.backward();
            return new double[][]{loss.toDoubleArray(), leaf.grad().toDoubleArray()};
        });
    }
}
