package dev.kiln.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ValuesIndices;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden gradients of gathering, scattering, selection, advanced indexing and sorting, and the zero gradients of
 * sampling from tensor parameters ({@code tools/golden/gen_grad_indexing.py}); plus what the fixture cannot show:
 * saved index lists are version-checked, in-place variants share the derivative, and which results carry no
 * gradient.
 */
class GradIndexingGoldenTest {
    @TestFactory
    Stream<DynamicTest> indexing() { return GradGoldenCases.load("grad_indexing").tests(); }

    private static Tensor leaf(double... values) { return Torch.tensor(values).requiresGrad_(); }

    @Test
    void indicesSavedForBackwardMayNotBeModifiedInPlace() {
        Tensor x = leaf(1, 2, 3), index = Torch.tensor(new long[]{0, 2, 0});
        Tensor y = x.index(Arrays.asList(index));
        index.add_(Torch.tensor(new long[]{0, 0, 1}));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("modified by an inplace operation"), e.getMessage());
    }

    @Test
    void noneIndicesSurviveBeingSaved() {
        Tensor x = Torch.tensor(new double[][]{{0, 1, 2}, {3, 4, 5}}).requiresGrad_();
        Tensor y = x.index(Arrays.asList(null, Torch.tensor(new long[]{2, 2, 0})));
        y.sum().backward();
        assertArrayEquals(new double[]{1, 0, 2, 1, 0, 2}, x.grad().toDoubleArray());
    }

    @Test
    void inPlaceVariantsShareTheFunctionalDerivative() {
        Tensor x = leaf(1, 2, 3, 4), values = leaf(10, 20);
        Tensor y = x.mul(Torch.onesLike(x));
        y.indexPut_(List.of(Torch.tensor(new long[]{3, 3})), values, true);
        assertEquals("IndexPutBackward0", y.gradFn().name());
        y.backward(Torch.tensor(new double[]{1, 2, 3, 4}));
        assertArrayEquals(new double[]{1, 2, 3, 4}, x.grad().toDoubleArray());
        assertArrayEquals(new double[]{4, 4}, values.grad().toDoubleArray());

        Tensor z = x.mul(Torch.onesLike(x)).scatter_(0, Torch.tensor(new long[]{1}), values);
        assertEquals("ScatterBackward0", z.gradFn().name());
    }

    @Test
    void inPlaceScatterReduceReadsTheSelfItOverwrote() {
        Tensor index = Torch.tensor(new long[]{0, 0, 2}), g = Torch.tensor(new double[]{1, 2, 3});
        for (String reduce : List.of("prod", "amax", "amin", "mean")) {
            Tensor src = leaf(0.5, 4, -2), src2 = leaf(0.5, 4, -2);
            Torch.tensor(new double[]{2, -1, 3}).scatterReduce(0, index, src, reduce).backward(g);
            Tensor y = Torch.tensor(new double[]{2, -1, 3}).scatterReduce_(0, index, src2, reduce);
            assertEquals("ScatterReduceBackward0", y.gradFn().name());
            y.backward(g);
            assertArrayEquals(src.grad().toDoubleArray(), src2.grad().toDoubleArray(), 1e-12, reduce);
        }
    }

    @Test
    void theLegacyReducingScattersCarryNoGradient() {
        Tensor x = leaf(1, 2, 3), index = Torch.tensor(new long[]{0, 0});
        assertFalse(x.scatter(0, index, leaf(5, 6), "add").requiresGrad());
        assertFalse(x.scatter(0, index, 2.0, "multiply").requiresGrad());
        Tensor y = x.mul(Torch.onesLike(x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.scatter_(0, index, 2.0, "add"));
        assertTrue(e.getMessage().contains("not differentiable"), e.getMessage());
    }

    @Test
    void indicesUniqueAndNonzeroCarryNoGradient() {
        Tensor x = leaf(3, 1, 2, 1);
        ValuesIndices sorted = x.sort(0, false);
        assertTrue(sorted.values().requiresGrad());
        assertFalse(sorted.indices().requiresGrad());
        assertFalse(x.argsort().requiresGrad());
        assertFalse(x.unique().requiresGrad());
        assertFalse(x.nonzero().requiresGrad());
        assertFalse(x.topk(2).indices().requiresGrad());
    }
}
