package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The indexing methods themselves: defaults and argument order, views, in-place writes and version counters. */
class IndexingApiTest {

    /** A float32 tensor of standard normal values. */
    static Tensor random(long seed, int... shape) {
        Object data = java.lang.reflect.Array.newInstance(float.class, shape);
        fill(data, new Random(seed));
        return Torch.tensor(data);
    }

    private static void fill(Object array, Random r) {
        if (array instanceof float[] v) {
            for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
            return;
        }
        for (Object row : (Object[]) array) fill(row, r);
    }

    /** The values of a tensor in row-major order, through the indexing API itself. */
    private static double[] values(Tensor t) {
        Tensor flat = t.dim() == 0 ? t.index(TensorIndex.NONE) : t;
        List<Double> out = new ArrayList<>();
        collect(flat, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(Tensor t, List<Double> out) {
        if (t.dim() == 0) {
            out.add(t.itemDouble());
            return;
        }
        for (long i = 0; i < t.size(0); i++) collect(t.index(i), out);
    }

    private static Object call(String op, Object... args) { return Dispatcher.callByName(op, List.of(args), Map.of()); }

    @Test
    void methodsMatchTheirOpsWithPyTorchDefaults() {
        Tensor x = random(1, 4, 6);
        Tensor idx = Torch.tensor(new long[][]{{0, 5}, {2, 2}, {1, 0}, {4, 3}});
        assertArrayEquals(values((Tensor) call("aten::gather", x, 1L, idx)), values(x.gather(1, idx)));
        assertArrayEquals(values((Tensor) call("aten::index_select", x, 0L, Torch.tensor(new long[]{3, 0}))),
                values(x.indexSelect(0, Torch.tensor(new long[]{3, 0}))));
        List<?> sorted = (List<?>) call("aten::sort", x);
        assertArrayEquals(values((Tensor) sorted.get(1)), values(x.sort().indices()));
        assertArrayEquals(values((Tensor) sorted.get(1)), values(x.argsort()));
        assertArrayEquals(values((Tensor) sorted.get(0)), values(Torch.sort(x, -1, false).values()));
        List<?> top = (List<?>) call("aten::topk", x, 2L);
        assertArrayEquals(values((Tensor) top.get(0)), values(x.topk(2).values()));
        assertArrayEquals(values((Tensor) top.get(1)), values(Torch.topk(x, 2, -1).indices()));
        Tensor ints = Torch.tensor(new long[]{3, 1, 3, 0});
        assertArrayEquals(values(((List<?>) call("aten::_unique2", ints)).stream().map(Tensor.class::cast).toList().getFirst()),
                values(ints.unique()));
        assertArrayEquals(values((Tensor) call("aten::one_hot", ints)), values(Torch.oneHot(ints)));
    }

    @Test
    void basicIndexingMakesViewsThatShareStorage() {
        Tensor x = random(2, 3, 4);
        Tensor row = x.index(1);
        Tensor column = x.index(TensorIndex.ELLIPSIS, 2);
        Tensor strided = x.index(TensorIndex.slice(null, null, 2), TensorIndex.NONE, TensorIndex.slice(1, -1));
        for (Tensor v : List.of(row, column, strided)) assertSame(x.data().storage(), v.data().storage());
        assertArrayEquals(new long[]{2, 1, 2}, strided.shape());
        int version = x.version();
        row.set(new Object[]{2}, 42.0);
        assertEquals(version + 1, x.version());
        assertEquals(42.0, x.index(1, 2).itemDouble());
        assertEquals(42.0, column.index(1).itemDouble());
    }

    @Test
    void advancedIndexingCopies() {
        Tensor x = random(3, 3, 4);
        Tensor picked = x.index(new long[]{2, 0});
        assertNotSame(x.data().storage(), picked.data().storage());
        double before = picked.index(0, 0).itemDouble();
        x.set(new Object[]{2, 0}, before + 1);
        assertEquals(before, picked.index(0, 0).itemDouble());
    }

    @Test
    void inPlaceOpsReturnSelfAndBumpTheVersionOnce() {
        Tensor base = Torch.tensor(new float[4][5]);
        Tensor view = base.index(TensorIndex.ALL, TensorIndex.slice(1, null, 2));
        Tensor idx = Torch.tensor(new long[][]{{1}, {0}, {1}, {0}});
        Tensor src = random(4, 4, 2);
        int version = base.version();
        assertSame(view, view.scatter_(1, idx, src));
        assertEquals(version + 1, base.version());
        for (int i = 0; i < 4; i++) {
            long j = i % 2 == 0 ? 1 : 0;
            assertEquals(src.index(i, 0).itemDouble(), base.index(i, 1 + 2 * j).itemDouble(), "written through the view");
        }
        assertSame(view, view.indexPut_(List.of(Torch.tensor(new long[]{0, 0})), Torch.tensor(new float[]{1, 2}), true));
        assertSame(base, base.indexAdd_(0, Torch.tensor(new long[]{3}), Torch.tensor(new float[1][5]), 2));
        assertSame(base, base.maskedScatter_(Torch.tensor(new boolean[]{true, false, false, false, false}), Torch.tensor(new float[]{9, 9, 9, 9})));
        assertSame(base, base.scatterAdd_(0, Torch.tensor(new long[][]{{0}}), Torch.tensor(new float[][]{{1}})));
        assertSame(base, base.scatterReduce_(0, Torch.tensor(new long[][]{{0}}), Torch.tensor(new float[][]{{1}}), "amax"));
        assertEquals(version + 6, base.version());
    }

    @Test
    void functionalVariantsLeaveSelfAlone() {
        Tensor x = random(5, 2, 3);
        double[] before = values(x);
        int version = x.version();
        x.scatter(1, Torch.tensor(new long[][]{{0}}), 7.5);
        x.indexPut(List.of(Torch.tensor(new long[]{1})), Torch.tensor(1.5f));
        x.indexAdd(1, Torch.tensor(new long[]{2}), Torch.tensor(new float[2][1]), 3);
        x.maskedScatter(Torch.tensor(new boolean[]{true, true, true}), Torch.tensor(new float[6]));
        assertArrayEquals(before, values(x));
        assertEquals(version, x.version());
    }

    @Test
    void setConvertsNumbersToTheTensorsDtype() {
        Tensor x = Torch.tensor(new long[]{1, 2, 3});
        x.set(new Object[]{TensorIndex.slice(1, null)}, 7.9);
        assertEquals(DType.INT64, x.dtype());
        assertArrayEquals(new double[]{1, 7, 7}, values(x));
        x.set(new Object[]{x.index(TensorIndex.ALL).eq(Torch.tensor(new long[]{7, 7, 7}))}, -1);
        assertArrayEquals(new double[]{1, -1, -1}, values(x));
    }

    @Test
    void nonzeroAsTupleIndexesTheNonzeroElements() {
        Tensor x = Torch.tensor(new long[][]{{0, 3, 0}, {5, 0, 6}});
        List<Tensor> where = x.nonzeroAsTuple();
        assertEquals(2, where.size());
        assertArrayEquals(new double[]{3, 5, 6}, values(x.index(where.get(0), where.get(1))));
        assertArrayEquals(values(x.nonzero().index(TensorIndex.ALL, 1)), values(where.get(1)));
    }

    @Test
    void uniqueResultsReconstructTheInput() {
        Tensor x = Torch.tensor(new long[][]{{4, 1, 4}, {0, 1, 9}});
        List<Tensor> u = x.unique(true, true, true);
        assertArrayEquals(values(x), values(u.get(0).index(u.get(1))));
        assertEquals(x.numel(), (long) Arrays.stream(values(u.get(2))).sum());
        Tensor rows = Torch.tensor(new long[][]{{2, 1}, {0, 0}, {2, 1}});
        List<Tensor> ud = rows.unique(0, true, true, true);
        assertArrayEquals(values(rows), values(ud.get(0).index(ud.get(1))));
        assertArrayEquals(values(ud.get(0)), values(rows.unique(0)));
    }

    @Test
    void badIndexItemsAreRejected() {
        Tensor x = random(6, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> x.index("0"));
        assertThrows(IllegalArgumentException.class, () -> x.index(1.5));
        assertThrows(IllegalArgumentException.class, () -> TensorIndex.slice(0, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> x.index(TensorIndex.slice(null, null, -1)));
        assertThrows(IndexOutOfBoundsException.class, () -> Torch.tensor(1.0).index(0));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> x.index(5));
        assertTrue(e.getMessage().contains("index 5 out of range for tensor of size [2, 3] at dimension 0"), e.getMessage());
    }

    @Test
    void inPlaceVariantsAreDeclaredNextToTheirOps() {
        for (OpDef op : List.of(dev.kiln.ir.op.aten.IndexingOps.SCATTER_SRC, dev.kiln.ir.op.aten.IndexingOps.INDEX_PUT,
                dev.kiln.ir.op.aten.IndexingOps.MASKED_SCATTER, dev.kiln.ir.op.aten.IndexingOps.SCATTER_REDUCE_TWO)) {
            OpDef inplace = dev.kiln.ir.op.aten.IndexingOps.inplace(op);
            assertSame(op, inplace.functional());
            assertTrue(inplace.schema().isMutating());
        }
        assertThrows(IllegalArgumentException.class, () -> dev.kiln.ir.op.aten.IndexingOps.inplace(dev.kiln.ir.op.aten.IndexingOps.GATHER));
    }
}
