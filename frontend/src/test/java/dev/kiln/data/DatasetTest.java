package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TensorDataset, Subset, ConcatDataset and IterableDataset's defaults. */
class DatasetTest {
    @Test
    void tensorDatasetIndexesRowsAsViews() {
        Tensor x = Torch.arange(12).reshape(4, 3);
        TensorDataset ds = new TensorDataset(x, Torch.arange(4).mul(10));
        assertEquals(4, ds.len());
        List<Tensor> row = ds.getItem(2);
        assertArrayEquals(new long[]{6, 7, 8}, row.get(0).toLongArray());
        assertEquals(20, row.get(1).itemLong());
        assertArrayEquals(new long[]{9, 10, 11}, ds.getItem(-1).get(0).toLongArray(), "negative indices count from the end, as tensor[-1]");
        row.get(0).fill_(0);
        assertEquals(0, x.index(2L, 0L).itemLong(), "tensor[i] is a view: writes reach the dataset's tensor");
    }

    @Test
    void tensorDatasetRejectsMismatchedFirstDimensions() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Torch.ones(3, 2), Torch.ones(4)));
        assertTrue(e.getMessage().contains("Size mismatch between tensors"), e.getMessage());
        assertThrows(IllegalArgumentException.class, TensorDataset::new);
    }

    @Test
    void subsetReadsTheChosenIndices() {
        var base = new DataFixtures.ListDataset<>(List.of("a", "b", "c", "d"));
        Subset<String> subset = new Subset<>(base, new long[]{3, 1});
        assertEquals(2, subset.len());
        assertEquals("d", subset.getItem(0));
        assertEquals("b", subset.getItem(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> subset.getItem(2));
    }

    @Test
    void concatDatasetChainsAndRejectsEmptyLists() {
        var concat = new ConcatDataset<String>(List.of(new DataFixtures.ListDataset<>(List.of("a")), new DataFixtures.ListDataset<>(List.of("b", "c"))));
        assertArrayEquals(new long[]{1, 3}, concat.cumulativeSizes());
        assertEquals("c", concat.getItem(2));
        assertEquals("a", concat.getItem(-3));
        assertThrows(IndexOutOfBoundsException.class, () -> concat.getItem(3));
        var e = assertThrows(IllegalArgumentException.class, () -> new ConcatDataset<>(List.of()));
        assertTrue(e.getMessage().contains("datasets should not be an empty iterable"));
    }

    @Test
    void anIterableDatasetHasNoLengthUnlessItSaysSo() {
        IterableDataset<Long> stream = () -> List.of(1L).iterator();
        var e = assertThrows(UnsupportedOperationException.class, stream::len);
        assertTrue(e.getMessage().contains("has no len()"));
        var loader = DataLoader.builder(stream).build();
        assertThrows(UnsupportedOperationException.class, loader::len);
        Iterator<?> it = loader.iterator();
        assertEquals("tensor([1])", it.next().toString());
    }
}
