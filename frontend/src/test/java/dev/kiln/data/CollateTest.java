package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** default_collate and default_convert on the Java types that stand in for Python's (golden cases cover PyTorch's results). */
class CollateTest {
    record Pair(Tensor image, Tensor label) {}

    record Labelled(Tensor image, long label) {}

    private static Map<String, Object> sample(String t, List<Long> x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", t);
        m.put("x", x);
        return m;
    }

    @Test
    void theIssuesExamplesVerbatim() {
        assertEquals("[tensor([1, 3]), tensor([2, 4])]", Collate.defaultCollate(List.of(List.of(1L, 2L), List.of(3L, 4L))).toString());
        Object batch = Collate.defaultCollate(List.of(sample("a", List.of(1L, 2L)), sample("b", List.of(1L, 3L))));
        assertEquals("{t=[a, b], x=[tensor([1, 1]), tensor([2, 3])]}", batch.toString());
    }

    @Test
    void javaNumbersTakePythonsDtypes() {
        assertEquals(Torch.int64, ((Tensor) Collate.defaultCollate(List.of(1, 2))).dtype(), "Integer is a Python int");
        assertEquals(Torch.int64, ((Tensor) Collate.defaultCollate(List.of((short) 1, (byte) 2))).dtype());
        assertEquals(Torch.float64, ((Tensor) Collate.defaultCollate(List.of(1.5, 2.0))).dtype(), "Double is a Python float");
        assertEquals(Torch.float32, ((Tensor) Collate.defaultCollate(List.of(1.5f, 2f))).dtype(), "Float is a numpy float32");
        assertEquals(Torch.bool, ((Tensor) Collate.defaultCollate(List.of(true, false))).dtype());
        assertEquals(List.of("a", "b"), Collate.defaultCollate(List.of("a", "b")));
    }

    @Test
    void primitiveArraysAreNumpyArrays() {
        Tensor t = (Tensor) Collate.defaultCollate(List.of(new float[]{1, 2}, new float[]{3, 4}));
        assertEquals(Torch.float32, t.dtype());
        assertArrayEquals(new long[]{2, 2}, t.shape());
        Tensor m = (Tensor) Collate.defaultCollate(List.of(new int[][]{{1, 2}}, new int[][]{{3, 4}}));
        assertEquals(Torch.int32, m.dtype());
        assertArrayEquals(new long[]{2, 1, 2}, m.shape());
        assertEquals("tensor([1., 2.], dtype=torch.float64)", Collate.defaultConvert(new double[]{1, 2}).toString());
    }

    @Test
    void objectArraysAreTuples() {
        Object batch = Collate.defaultCollate(List.of(new Object[]{Torch.ones(2), 0L}, new Object[]{Torch.zeros(2), 1L}));
        List<?> fields = assertInstanceOf(List.class, batch);
        assertArrayEquals(new long[]{2, 2}, ((Tensor) fields.get(0)).shape());
        assertArrayEquals(new long[]{0, 1}, ((Tensor) fields.get(1)).toLongArray());
    }

    @Test
    void recordsAreNamedTuplesWhenTheirComponentsHoldTheBatch() {
        Pair pair = assertInstanceOf(Pair.class, Collate.defaultCollate(List.of(new Pair(Torch.ones(3), Torch.tensor(1L)), new Pair(Torch.zeros(3), Torch.tensor(0L)))));
        assertArrayEquals(new long[]{2, 3}, pair.image().shape());
        assertArrayEquals(new long[]{1, 0}, pair.label().toLongArray());
        List<?> fields = assertInstanceOf(List.class, Collate.defaultCollate(List.of(new Labelled(Torch.ones(3), 1), new Labelled(Torch.zeros(3), 0))),
                "a long component cannot hold a tensor of labels: the batch is a list");
        assertArrayEquals(new long[]{1, 0}, ((Tensor) fields.get(1)).toLongArray());
    }

    @Test
    void tensorsStackOnANewFirstDimensionWhateverTheirStrides() {
        Tensor a = Torch.arange(6).reshape(2, 3).t();
        Tensor b = (Tensor) Collate.defaultCollate(List.of(a, a.add(10)));
        assertArrayEquals(new long[]{2, 3, 2}, b.shape());
        assertArrayEquals(new long[]{0, 3, 1, 4, 2, 5, 10, 13, 11, 14, 12, 15}, b.toLongArray());
    }

    @Test
    void mismatchedBatchesFailAsPyTorchDoes() {
        var unequal = assertThrows(IllegalArgumentException.class, () -> Collate.defaultCollate(List.of(List.of(1L, 2L), List.of(3L))));
        assertTrue(unequal.getMessage().contains("each element in list of batch should be of equal size"), unequal.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Collate.defaultCollate(List.of(Torch.ones(2), Torch.ones(3))), "stack rejects unequal shapes");
        var notTensor = assertThrows(IllegalArgumentException.class, () -> Collate.defaultCollate(List.of(Torch.ones(2), 1L)));
        assertTrue(notTensor.getMessage().contains("expected Tensor as element 1"), notTensor.getMessage());
        Map<String, Object> other = new LinkedHashMap<>(Map.of("y", 1L));
        var missingKey = assertThrows(IllegalArgumentException.class, () -> Collate.defaultCollate(List.of(sample("a", List.of(1L)), other)));
        assertTrue(missingKey.getMessage().contains("no key 't'"), missingKey.getMessage());
        var unsupported = assertThrows(IllegalArgumentException.class, () -> Collate.defaultCollate(List.of(new Object())));
        assertTrue(unsupported.getMessage().contains("batch must contain tensors, numpy arrays, numbers, dicts or lists; found java.lang.Object"));
        assertThrows(IllegalArgumentException.class, () -> Collate.defaultCollate(List.of()));
    }

    @Test
    void convertLeavesNumbersAndTensorsAlone() {
        Tensor t = Torch.ones(2);
        assertSame(t, Collate.defaultConvert(t));
        assertEquals(3L, Collate.defaultConvert(3L));
        Object converted = Collate.defaultConvert(List.of(new long[]{1, 2}, "s", 2.5));
        List<?> items = assertInstanceOf(List.class, converted);
        assertEquals(Torch.int64, ((Tensor) items.get(0)).dtype());
        assertEquals("s", items.get(1));
        assertEquals(2.5, items.get(2));
    }
}
