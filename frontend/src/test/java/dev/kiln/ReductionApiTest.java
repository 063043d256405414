package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.aten.ReductionOps;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java API of the reductions (TensorReductions and the Torch statics) and what golden values cannot show. */
class ReductionApiTest {
    private static final Tensor X = Torch.tensor(new float[][]{{1, 5, 2}, {7, -3, 7}});

    private static double at(Tensor t, int i) { return Elements.getDouble(t.dtype(), t.data().storage(), (int) t.storageOffset() + i); }

    @Test
    void sumsOverDimsWithKeepdimAndDtype() {
        Tensor rows = X.sum(new int[]{-1}, true);
        assertArrayEquals(new long[]{2, 1}, rows.shape());
        assertEquals(8.0, at(rows, 0));
        assertEquals(11.0, at(rows, 1));
        assertEquals(19.0, X.sum().itemDouble());
        assertEquals(DType.FLOAT64, X.sum(new int[]{0, 1}, false, Torch.float64).dtype());
        assertEquals(DType.INT64, Torch.tensor(new int[]{1, 2}, Torch.int32).sum().dtype());
        Tensor means = X.mean(0, false);
        assertArrayEquals(new long[]{3}, means.shape());
        assertEquals(1.0, at(means, 1), 1e-6);
    }

    @Test
    void maxAlongDimIsAValuesIndicesPair() {
        ValuesIndices m = X.max(1);
        assertEquals(DType.FLOAT32, m.values().dtype());
        assertEquals(DType.INT64, m.indices().dtype());
        assertEquals(5.0, at(m.values(), 0));
        assertEquals(7.0, at(m.values(), 1));
        assertEquals(0.0, at(m.indices(), 1), "ties resolve to the first index");
        ValuesIndices kept = X.min(0, true);
        assertArrayEquals(new long[]{1, 3}, kept.values().shape());
        assertEquals(1.0, at(kept.indices(), 1));
        assertEquals(3L, X.argmax().itemLong());
        assertEquals(4L, X.argmin().itemLong());
        assertEquals(7.0, X.amax().itemDouble());
    }

    @Test
    void statisticsAgreeWithEachOther() {
        Tensor var = X.var();
        VarMean vm = Torch.varMean(X);
        assertEquals(var.itemDouble(), vm.var().itemDouble(), 1e-6);
        assertEquals(X.mean().itemDouble(), vm.mean().itemDouble(), 1e-6);
        assertEquals(Math.sqrt(var.itemDouble()), X.std().itemDouble(), 1e-6);
        StdMean biased = Torch.stdMean(X, new int[]{1}, 0, true);
        assertArrayEquals(new long[]{2, 1}, biased.std().shape());
        assertEquals(X.std(new int[]{1}, false, true).data().storage().floats()[0], biased.std().data().storage().floats()[0], 1e-6);
        assertEquals(X.norm("fro").itemDouble(), X.norm().itemDouble(), 1e-6);
        assertEquals(7.0, X.norm(Double.POSITIVE_INFINITY).itemDouble());
        assertEquals(X.norm(1).itemDouble(), Torch.linalgVectorNorm(X, 1, new int[0], false).itemDouble(), 1e-6);
    }

    @Test
    void logicAndCounting() {
        Tensor b = Torch.tensor(new boolean[]{true, false, true});
        assertEquals(Boolean.FALSE, b.all().item());
        assertEquals(Boolean.TRUE, b.any().item());
        assertEquals(2L, b.countNonzero().itemLong());
        assertEquals(DType.UINT8, Torch.tensor(new int[]{1, 0}, Torch.uint8).any().dtype());
        assertArrayEquals(new long[]{2}, X.countNonzero(1).shape());
    }

    @Test
    void orderStatistics() {
        assertEquals(2.0, X.median().itemDouble(), "the lower median of 1, 5, 2, 7, -3, 7");
        ValuesIndices med = X.median(1);
        assertEquals(2.0, at(med.values(), 0));
        assertEquals(2.0, at(med.indices(), 0));
        ValuesIndices third = X.kthvalue(3, 1, true);
        assertArrayEquals(new long[]{2, 1}, third.values().shape());
        assertEquals(5.0, at(third.values(), 0));
        assertEquals(7.0, at(third.values(), 1));
    }

    @Test
    void softmaxRowsSumToOneAndLogSoftmaxIsItsLog() {
        Tensor p = X.softmax(1), lp = X.logSoftmax(-1);
        for (int r = 0; r < 2; r++) {
            assertEquals(1.0, at(p, 3 * r) + at(p, 3 * r + 1) + at(p, 3 * r + 2), 1e-6);
            for (int c = 0; c < 3; c++) assertEquals(Math.log(at(p, 3 * r + c)), at(lp, 3 * r + c), 1e-5);
        }
        assertEquals(DType.FLOAT64, X.softmax(0, Torch.float64).dtype());
    }

    @Test
    void inPlaceScansWriteThroughStridedViewsAndBumpTheVersion() {
        Tensor base = Torch.tensor(new float[][]{{1, 2}, {3, 4}, {5, 6}});
        TensorData d = base.data();
        Tensor column = new Tensor(new TensorData(d.dtype(), d.storage(), new long[]{3}, new long[]{2}, 1));
        int version = base.version();
        Tensor r = column.cumsum_(0);
        assertSame(column, r);
        assertTrue(base.version() > version);
        assertArrayEquals(new float[]{1, 2, 3, 6, 5, 12}, d.storage().floats());
        Tensor ints = Torch.tensor(new int[]{2, 3, 4}, Torch.int32);
        ints.cumprod_(0);
        assertEquals(DType.INT32, ints.dtype());
        assertArrayEquals(new int[]{2, 6, 24}, ints.data().storage().ints());
        assertEquals(DType.INT64, ints.cumsum(0).dtype());
    }

    @Test
    void badCallsNameTheOp() {
        Tensor ints = Torch.tensor(new long[]{1, 2});
        IllegalArgumentException mean = assertThrows(IllegalArgumentException.class, ints::mean);
        assertTrue(mean.getMessage().contains("mean"), mean.getMessage());
        Tensor empty = Torch.tensor(new float[0]);
        IllegalArgumentException max = assertThrows(IllegalArgumentException.class, empty::max);
        assertTrue(max.getMessage().contains("max") && max.getMessage().contains("numel() == 0"), max.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> empty.max(0));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> X.sum(new int[]{0, -2}, false));
        assertTrue(dup.getMessage().contains("appears multiple times"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> X.norm("nuc"));
    }

    @Test
    void compositesDecomposeThroughTheDispatcher() throws Exception {
        List<OpDef> seen = new ArrayList<>();
        try (AutoCloseable scope = Dispatcher.observe((op, args, result) -> seen.add(op))) {
            X.var(false);
            X.sum();
        }
        assertEquals(List.of(ReductionOps.VAR_CORRECTION, ReductionOps.VAR, ReductionOps.SUM_DIM, ReductionOps.SUM), seen);
    }
}
