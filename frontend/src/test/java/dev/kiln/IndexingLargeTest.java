package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.parallel.Parallel;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What small golden cases can't show: rows long enough for the partial-selection and parallel paths, stable
 * order among many ties for every key width, and identical results for any number of threads.
 */
class IndexingLargeTest {

    /** Small integer values (many ties) of {@code dtype}, shape [rows, cols]; a wide spread adds two huge values per row. */
    private static Tensor ties(DType dtype, int rows, int cols, long seed, boolean spread) {
        Random r = new Random(seed);
        long[][] v = new long[rows][cols];
        for (long[] row : v) {
            for (int j = 0; j < cols; j++) row[j] = r.nextInt(10) - 5;
            if (spread) {
                row[r.nextInt(cols)] = Long.MAX_VALUE / 2;
                row[r.nextInt(cols)] = -Long.MAX_VALUE / 2;
            }
        }
        return Torch.tensor(v, dtype);
    }

    private static double at(Tensor t, long i) { return Elements.getDouble(t.dtype(), t.data().storage(), (int) (t.data().offset() + i)); }

    @Test
    void stableSortKeepsTheOrderOfEqualKeys() {
        for (DType dtype : List.of(DType.INT64, DType.INT32, DType.FLOAT64, DType.FLOAT32, DType.INT8, DType.BFLOAT16)) {
            for (boolean spread : new boolean[]{false, true}) {
                checkStableSort(ties(dtype, 3, 5000, 1, spread));
            }
        }
    }

    private static void checkStableSort(Tensor x) {
        DType dtype = x.dtype();
        for (boolean descending : new boolean[]{false, true}) {
            ValuesIndices s = x.sort(true, 1, descending);
            Tensor values = s.values(), indices = s.indices();
            for (int r = 0; r < 3; r++) {
                boolean[] seen = new boolean[5000];
                for (int j = 0; j < 5000; j++) {
                    long k = r * 5000L + j;
                    int index = (int) at(indices, k);
                    seen[index] = true;
                    assertEquals(at(x, r * 5000L + index), at(values, k), "values follow indices");
                    if (j == 0) continue;
                    double prev = at(values, k - 1), cur = at(values, k);
                    assertTrue(descending ? prev >= cur : prev <= cur, dtype + " ordered at " + j);
                    if (prev == cur) assertTrue(at(indices, k - 1) < index, dtype + " stable at " + j);
                }
                for (boolean b : seen) assertTrue(b, "indices are a permutation");
            }
        }
    }

    @Test
    void topkEqualsTheStableSortPrefix() {
        for (DType dtype : List.of(DType.INT64, DType.FLOAT32, DType.FLOAT64, DType.UINT8)) {
            for (boolean spread : new boolean[]{false, true}) checkTopk(ties(dtype, 4, 6000, 2, spread));
        }
    }

    private static void checkTopk(Tensor x) {
        for (long k : new long[]{1, 7, 100, 1000, 6000}) {
            for (boolean largest : new boolean[]{true, false}) {
                ValuesIndices top = x.topk(k, 1, largest, true);
                Tensor order = x.argsort(true, 1, largest).index(TensorIndex.ALL, TensorIndex.slice(0, k));
                assertArrayEquals(longs(order), longs(top.indices()), x.dtype() + " k=" + k + " largest=" + largest);
                assertArrayEquals(longs(x.gather(1, order)), longs(top.values()));
            }
        }
    }

    /** The values of a 2-D tensor (any strides) in row-major order. */
    private static long[] longs(Tensor t) {
        long[] v = new long[(int) t.numel()];
        int k = 0;
        for (long i = 0; i < t.size(0); i++) {
            for (long j = 0; j < t.size(1); j++) {
                v[k++] = (long) at(t, i * t.stride(0) + j * t.stride(1));
            }
        }
        return v;
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Tensor x = IndexingApiTest.random(3, 300, 300);
        Random r = new Random(4);
        long[][] idx = new long[300][300];
        for (long[] row : idx) for (int j = 0; j < row.length; j++) row[j] = r.nextInt(300) - (j % 2 == 0 ? 0 : 300);
        Tensor index = Torch.tensor(idx);
        Tensor positive = index.index(TensorIndex.ALL, TensorIndex.slice(null, null, 2));
        List<Supplier<Tensor>> ops = List.of(
                () -> x.sort(1, true).values(),
                () -> x.argsort(0),
                () -> x.topk(5, 0).indices(),
                () -> x.gather(1, positive),
                () -> x.index(TensorIndex.ALL, index.index(0)),
                () -> x.indexSelect(1, positive.index(1)),
                () -> x.scatterAdd(1, positive, x),
                () -> x.indexPut(List.of(index.index(TensorIndex.ALL, 0).index(TensorIndex.slice(0, 128))), x.index(TensorIndex.slice(0, 128)), true));
        int threads = Parallel.getNumThreads();
        try {
            for (Supplier<Tensor> op : ops) {
                Parallel.setNumThreads(1);
                Tensor one = op.get();
                Parallel.setNumThreads(4);
                Tensor four = op.get();
                assertEquals(one.numel(), four.numel());
                for (long i = 0; i < one.numel(); i++) assertEquals(at(one, i), at(four, i));
            }
        } finally {
            Parallel.setNumThreads(threads);
        }
    }

    @Test
    void accumulatingIndexPutSumsEveryDuplicate() {
        int n = 50_000;
        Random r = new Random(5);
        long[] where = new long[n];
        double[] values = new double[n], expected = new double[17];
        for (int i = 0; i < n; i++) {
            where[i] = r.nextInt(17);
            values[i] = r.nextInt(1000);
            expected[(int) where[i]] += values[i];
        }
        Tensor out = Torch.tensor(new double[17], DType.FLOAT64).indexPut(List.of(Torch.tensor(where)), Torch.tensor(values, DType.FLOAT64), true);
        for (int i = 0; i < 17; i++) assertEquals(expected[i], at(out, i));
    }
}
