package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One call per overload shape of the Java API (int dims, long sizes and counts, {@link ValuesIndices} results,
 * Number scalars, Torch statics mirroring the methods), so a rename or a changed signature breaks a test.
 */
class ApiShapeTest {
    /** [[1, 5, 2], [7, -3, 7]] as float32. */
    private static Tensor x() { return Torch.tensor(new float[][]{{1, 5, 2}, {7, -3, 7}}); }

    private static void assertValues(double[] expected, Tensor t) { assertArrayEquals(expected, t.toDoubleArray(), 1e-5); }

    @Test
    void multiDimReductionsShareOneOverloadSet() {
        Tensor x = x();
        assertEquals(19.0, x.sum().itemDouble());
        assertEquals(DType.FLOAT64, x.sum(Torch.float64).dtype());
        assertValues(new double[]{8, 2, 9}, x.sum(0));
        assertArrayEquals(new long[]{2, 1}, x.sum(1, true).shape());
        assertValues(new double[]{8, 11}, x.sum(1, true));
        assertValues(new double[]{19}, x.sum(new int[]{0, 1}, false));
        assertEquals(DType.FLOAT64, x.sum(new int[]{0}, false, Torch.float64).dtype());
        assertValues(new double[]{8 / 3.0, 11 / 3.0}, x.mean(1));
        assertValues(new double[]{4, 1, 4.5}, x.mean(0, false));
        assertValues(new double[]{5, 7}, x.amax(1));
        assertValues(new double[]{7, 5, 7}, x.amax(0, true));
        assertArrayEquals(new long[]{1, 3}, x.amax(0, true).shape());
        assertEquals(-3.0, x.amin().itemDouble());
        assertValues(new double[]{-3}, x.amin(new int[]{0, 1}, false));
        double lse = Math.log(Math.exp(1) + Math.exp(7));
        assertEquals(lse, x.logsumexp(0).toDoubleArray()[0], 1e-5);
        assertEquals(lse, x.logsumexp(0, true).toDoubleArray()[0], 1e-5);
        assertEquals(lse, Torch.logsumexp(x, new int[]{0}, false).toDoubleArray()[0], 1e-5);
        assertValues(new double[]{Math.sqrt(30), Math.sqrt(107)}, x.norm(2, 1));
        assertValues(new double[]{8, 8, 9}, x.norm(1, 0, true));
        assertValues(new double[]{1, 1, 2}, x.gt(1).countNonzero(0));
    }

    @Test
    void varianceAndStdFollowPyTorchsPositionalOrder() {
        Tensor x = x();
        assertValues(new double[]{39 / 9.0, 300 / 9.0}, x.var(1));
        Tensor biased = x.var(1, false, true);
        assertArrayEquals(new long[]{2, 1}, biased.shape());
        assertValues(new double[]{78 / 27.0, 200 / 9.0}, biased);
        assertValues(biased.toDoubleArray(), x.var(new int[]{1}, 0L, true));
        assertValues(new double[]{Math.sqrt(18), Math.sqrt(32), Math.sqrt(12.5)}, x.std(0));
        VarMean vm = Torch.varMean(x, 1);
        assertValues(new double[]{39 / 9.0, 300 / 9.0}, vm.var());
        assertValues(new double[]{8 / 3.0, 11 / 3.0}, vm.mean());
        StdMean sm = Torch.stdMean(x, 0, false, false);
        assertValues(new double[]{3, 4, 2.5}, sm.std());
        assertValues(new double[]{4, 1, 4.5}, sm.mean());
    }

    @Test
    void singleDimReductionsAndValuesIndices() {
        Tensor x = x();
        assertValues(new double[]{10, -147}, x.prod(1));
        assertValues(new double[]{7, -15, 14}, x.prod(0, true));
        assertEquals(DType.FLOAT64, x.prod(1, false, Torch.float64).dtype());
        assertValues(new double[]{1, 0}, x.gt(0).all(1));
        assertValues(new double[]{1, 1, 1}, x.gt(0).any(0, true));
        assertValues(new double[]{1, 0}, x.argmax(1));
        assertValues(new double[]{0, 1, 0}, x.argmin(0, true));
        ValuesIndices max = x.max(1);
        assertValues(new double[]{5, 7}, max.values());
        assertValues(new double[]{1, 0}, max.indices());
        assertValues(new double[]{1, -3, 2}, x.min(0, true).values());
        assertValues(new double[]{7, 5, 7, 7, 5, 7}, x.max(x.flip(0)));
        assertValues(new double[]{2, 7}, x.median(1).values());
        ValuesIndices second = x.kthvalue(2, 1);
        assertValues(new double[]{2, 7}, second.values());
        assertEquals(2L, second.indices().toLongArray()[0]);
        assertValues(new double[]{1, 6, 8, 7, 4, 11}, x.cumsum(1));
        assertEquals(DType.FLOAT64, x.cumsum(1, Torch.float64).dtype());
        assertValues(new double[]{1 - Math.log(Math.exp(1) + Math.exp(5) + Math.exp(2))}, x.logSoftmax(1).index(0, 0));
    }

    @Test
    void sortingAndIndexingTakeIntDims() {
        Tensor x = x();
        Tensor idx = Torch.tensor(new long[][]{{2}, {1}});
        ValuesIndices sorted = x.sort(1, true);
        assertValues(new double[]{5, 2, 1, 7, 7, -3}, sorted.values());
        assertValues(new double[]{1, 2, 0}, sorted.indices().index(0));
        assertValues(sorted.values().toDoubleArray(), Torch.sort(x, 1, true).values());
        ValuesIndices top = x.topk(2, 1);
        assertValues(new double[]{5, 2, 7, 7}, top.values());
        assertValues(new double[]{1, 2}, Torch.topk(x, 2, 1, true, true).indices().index(0));
        assertValues(new double[]{0, 2, 1}, x.argsort(1).index(0));
        assertValues(new double[]{2, -3}, x.gather(1, idx));
        assertValues(new double[]{2, -3}, x.takeAlongDim(idx, 1));
        assertValues(new double[]{7, -3, 7}, x.indexSelect(0, Torch.tensor(new long[]{1})));
        assertValues(new double[]{1, 5, 0, 7, 0, 7}, x.scatter(1, idx, 0));
        assertValues(new double[]{1, 5, 2, 8, -3, 7}, x.indexAdd(0, Torch.tensor(new long[]{1}), Torch.tensor(new float[][]{{1, 0, 0}})));
        assertValues(new double[]{1, 2, 3}, Torch.tensor(new long[]{3, 1, 3, 2}).unique());
        assertValues(new double[]{1, 2, 3, 4}, Torch.unique(Torch.tensor(new long[][]{{3, 4}, {1, 2}, {3, 4}}), 0));
    }

    @Test
    void shapeMethodsTakeIntDimsAndLongCounts() {
        Tensor x = x();
        List<Tensor> chunks = x.chunk(2L, 1);
        assertArrayEquals(new long[]{2, 2}, chunks.getFirst().shape());
        assertEquals(2, x.split(new long[]{1, 2}, 1).size());
        assertEquals(2, x.split(new long[]{1, 1}).size());
        assertEquals(2, x.tensorSplit(2).size());
        assertArrayEquals(new long[]{3, 2}, x.moveaxis(0, 1).shape());
        assertValues(x.transpose(0, 1).toDoubleArray(), x.moveaxis(new int[]{0}, new int[]{1}));
        assertArrayEquals(new long[]{2, 1, 3}, x.unsqueeze(1).size());
        assertEquals(3L, x.size(-1));
    }

    @Test
    void dtypeConversionsAreNamedAfterTheDtypes() {
        Tensor x = x();
        assertSame(x, x.float32());
        assertEquals(DType.FLOAT64, x.float64().dtype());
        assertEquals(DType.FLOAT16, x.half().dtype());
        assertEquals(DType.FLOAT16, x.float16().dtype());
        assertEquals(DType.BFLOAT16, x.bfloat16().dtype());
        assertValues(new double[]{1, 5, 2, 7, -3, 7}, x.int64());
        assertEquals(DType.INT32, x.int32().dtype());
        assertEquals(DType.INT16, x.int16().dtype());
        assertEquals(DType.INT8, x.int8().dtype());
        assertValues(new double[]{1, 5, 2, 7, 253, 7}, x.int64().uint8());
        assertValues(new double[]{1, 1, 1, 1, 1, 1}, x.bool());
    }

    @Test
    void pointwiseOverloadsMirrorEachOther() {
        Tensor x = x();
        assertValues(new double[]{9, 5, 8, 3, 13, 3}, x.rsub(10));
        assertValues(new double[]{8, 0, 6, -4, 16, -4}, x.rsub(10, 2));
        assertValues(new double[]{0, 0, 0, 0, 0, 0}, x.rsub(x));
        assertValues(new double[]{2, 30, 6, 56, 6, 56}, x.clone().addcmul_(x, x.add(0)));
        assertValues(new double[]{2, 6, 3, 8, -2, 8}, x.clone().addcdiv_(x, x));
        assertValues(new double[]{1, 5, 2, 7, -0.03, 7}, x.clone().leakyRelu_());
        assertValues(new double[]{1, 5, 2, 7, 0, 7}, x.clampMin(0));
        assertValues(new double[]{1, 25, 4, 49, 9, 49}, Torch.pow(x, 2));
        assertValues(new double[]{2, 32, 4, 128, 0.125, 128}, Torch.pow(2, x));
        assertValues(new double[]{1, 1, 0, 1, 1, 1}, Torch.bitwiseAnd(x.int64(), 1));
        assertValues(new double[]{5, 5, 5, 5, 5, 5}, Torch.addcmul(Torch.onesLike(x), Torch.fullLike(x, 2), Torch.fullLike(x, 2)));
    }

    @Test
    void factoriesTakeNumbersOrBooleans() {
        assertEquals(DType.BOOL, Torch.full(new long[]{2}, true).dtype());
        assertEquals(DType.INT64, Torch.full(new long[]{2}, 3).dtype());
        assertEquals(2.5, Torch.full(new long[]{1}, 2.5, Torch.float64).itemDouble());
        assertEquals(3.0, Torch.scalarTensor(3).itemDouble());
        assertEquals(Boolean.TRUE, Torch.scalarTensor(true, Torch.bool).item());
        assertValues(new double[]{1, 1}, Torch.fullLike(Torch.zeros(2), true));
    }

    @Test
    void tensorPropertiesHavePyTorchsNames() {
        Tensor x = x();
        assertArrayEquals(new long[]{2, 3}, x.size());
        assertArrayEquals(x.shape(), x.size());
        assertEquals(DType.FLOAT32, x.dtype());
        assertEquals(Device.CPU, x.device());
        assertTrue(x.isContiguous());
        assertFalse(x.t().isContiguous());
        assertEquals(7.0, x.index(1, 2).item());
    }
}
