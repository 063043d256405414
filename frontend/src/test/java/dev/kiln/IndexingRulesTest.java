package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.op.aten.IndexingOps;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape rules on metadata alone (as tracing and the IR verifier run them): they agree with the eager
 * results, and sizes that depend on values (mask counts, nonzero, unique) come out as -1.
 */
class IndexingRulesTest {

    private static TensorSpec meta(Tensor t) { return new TensorSpec(t.dtype(), t.shape(), Device.CPU); }

    /** The eager result's shape with the dimensions at {@code unknown} replaced by -1. */
    private static long[] expected(Tensor eager, int... unknown) {
        long[] s = eager.shape();
        for (int d : unknown) s[d] = -1;
        return s;
    }

    private static long[] rule(OpDef op, Object... args) {
        Object[] metas = Arrays.stream(args).map(a -> a instanceof Tensor t ? meta(t) : a).toArray();
        for (int i = 0; i < metas.length; i++) {
            if (metas[i] instanceof List<?> l) metas[i] = l.stream().map(x -> x == null ? null : meta((Tensor) x)).toList();
        }
        return op.infer(metas)[0].sizes();
    }

    @Test
    void advancedIndexingShapesMatchEagerWithMaskCountsUnknown() {
        Tensor x = IndexingApiTest.random(7, 2, 3, 4);
        Tensor mask = Torch.tensor(new boolean[][]{{true, false, true}, {false, true, true}});
        Tensor rows = Torch.tensor(new long[][]{{0}, {1}}), cols = Torch.tensor(new long[]{3, 0, 1});
        List<List<Tensor>> cases = List.of(
                Arrays.asList(rows, null, cols),
                Arrays.asList(null, rows, cols),
                Arrays.asList(null, Torch.tensor(new long[]{2, 0})));
        for (List<Tensor> indices : cases) {
            assertArrayEquals(x.index(indices).shape(), rule(IndexingOps.INDEX, x, indices), indices.toString());
        }
        List<Tensor> masked = Arrays.asList(mask, null);
        assertArrayEquals(expected(x.index(masked), 0), rule(IndexingOps.INDEX, x, masked));
        List<Tensor> maskAfterNone = Arrays.asList(null, Torch.tensor(new boolean[]{true, false, true}));
        assertArrayEquals(expected(x.index(maskAfterNone), 1), rule(IndexingOps.INDEX, x, maskAfterNone));
    }

    @Test
    void valueDependentSizesAreUnknown() {
        Tensor x = Torch.tensor(new long[][]{{0, 2, 2}, {1, 0, 3}});
        assertArrayEquals(expected(x.nonzero(), 0), rule(IndexingOps.NONZERO, x));
        assertArrayEquals(expected(x.unique(), 0), rule(IndexingOps.UNIQUE2, x, true, false, false));
        assertArrayEquals(expected(x.maskedSelect(x.eq(x)), 0), rule(IndexingOps.MASKED_SELECT, x, x.eq(x)));
        assertArrayEquals(expected(Torch.oneHot(x), 2), rule(IndexingOps.ONE_HOT, x, -1L));
        assertArrayEquals(Torch.oneHot(x, 5).shape(), rule(IndexingOps.ONE_HOT, x, 5L));
        assertArrayEquals(x.topk(2, 1).values().shape(), rule(IndexingOps.TOPK, x, 2L, 1L, true, true));
    }

    @Test
    void rulesRejectBadCallsWithoutData() {
        TensorMeta self = new TensorSpec(DType.FLOAT32, new long[]{2, 3}, Device.CPU);
        TensorMeta longs = new TensorSpec(DType.INT64, new long[]{2}, Device.CPU);
        TensorMeta ints = new TensorSpec(DType.INT32, new long[]{2}, Device.CPU);
        assertThrows(IndexOutOfBoundsException.class, () -> IndexingOps.INDEX.infer(new Object[]{self, List.of(longs, longs, longs)}));
        assertThrows(IndexOutOfBoundsException.class, () -> IndexingOps.INDEX.infer(new Object[]{self, List.of(ints)}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndexingOps.GATHER.infer(new Object[]{self, 0L, new TensorSpec(DType.INT32, new long[]{1, 3}, Device.CPU), false}));
        assertEquals("gather: Expected dtype int64 for index, but got Int", e.getMessage());
    }
}
