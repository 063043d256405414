package dev.kiln;

import static dev.kiln.ViewSemanticsTest.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dispatch.Dispatcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java API of the shape family, and the bulk (parallel, arraycopy) paths on tensors too big for golden fixtures. */
class ShapeApiTest {

    /** A {@code rows x cols} float tensor holding {@code 0, 1, 2, ...} in row-major order. */
    private static Tensor counting(int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = i;
        return Torch.tensor(v).view(rows, cols);
    }

    @Test
    void joiningFunctions() {
        Tensor a = counting(2, 3), b = counting(1, 3);
        assertArrayEquals(new long[]{3, 3}, Torch.cat(List.of(a, b)).shape());
        assertArrayEquals(new long[]{2, 6}, Torch.cat(1, a, a).shape());
        assertArrayEquals(new long[]{2, 3, 2}, Torch.stack(List.of(a, a), -1).shape());
        assertArrayEquals(new long[]{2, 2, 3}, Torch.stack(List.of(a, a)).shape());
        assertArrayEquals(new long[]{2, 6}, Torch.hstack(List.of(a, a)).shape());
        assertArrayEquals(new long[]{3, 3}, Torch.vstack(List.of(a, b.view(3))).shape());
        assertArrayEquals(new long[]{2, 3, 2}, Torch.dstack(List.of(a, a)).shape());
        Tensor mixed = Torch.cat(0, Torch.tensor(new long[]{1, 2}), Torch.tensor(new float[]{0.5f}));
        assertEquals(Torch.float32, mixed.dtype());
        assertEquals(0.5, at(mixed, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.cat(List.of(a, counting(2, 2)), 0));
        assertTrue(e.getMessage().contains("cat") && e.getMessage().contains("Expected size 3 but got size 2"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Torch.stack(List.of(a, a), 3));
    }

    @Test
    void padFunctions() {
        Tensor x = counting(1, 4).view(1, 1, 4);
        assertEquals(0, at(Torch.pad(x, 1, 1), 0, 0, 0));
        assertEquals(7.5, at(Torch.pad(x, new long[]{1, 0}, 7.5), 0, 0, 0));
        assertEquals(1, at(Torch.pad(x, new long[]{1, 0}, "reflect"), 0, 0, 0));
        assertEquals(0, at(Torch.pad(x, new long[]{2, 0}, "replicate"), 0, 0, 1));
        assertEquals(3, at(Torch.pad(x, new long[]{1, 0}, "circular"), 0, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.pad(x, new long[]{1, 1}, "wrap"));
        assertTrue(e.getMessage().contains("pad") && e.getMessage().contains("wrap"), e.getMessage());
    }

    @Test
    void tensorMethods() {
        Tensor x = counting(3, 4);
        assertEquals(11, at(Torch.flatten(x), 11));
        assertArrayEquals(new long[]{12}, Torch.flatten(x, 0, 1).shape());
        assertEquals(8, at(x.roll(1, 0), 0, 0));
        assertEquals(11, at(x.roll(1), 0, 0));
        assertEquals(8, at(x.roll(new long[]{1, 1}, new int[]{0, 1}), 0, 1));
        assertEquals(1, at(x.slice(1, 1L, null), 0, 0));
        assertEquals(2, at(x.slice(1, null, null, 2), 0, 1));
        assertArrayEquals(new long[]{3}, x.diagonal().shape());
        assertEquals(5, at(x.diagonal(), 1));
        assertArrayEquals(new long[]{3, 8}, x.repeatInterleave(2, 1).shape());
        assertArrayEquals(new long[]{24}, x.repeatInterleave(2).shape());
        Tensor counts = Torch.tensor(new long[]{0, 2, 1});
        assertArrayEquals(new long[]{3, 4}, x.repeatInterleave(counts, 0).shape());
        assertEquals(8, at(x.repeatInterleave(counts, 0), 2, 0));
        Tensor indices = Torch.repeatInterleave(counts);
        assertEquals(Torch.int64, indices.dtype());
        assertEquals(2, at(indices, 2));
        assertArrayEquals(new long[]{3, 3, 4}, x.tile(3, 1, 1).shape());
        assertEquals(3, x.split(1).size());
        assertEquals(2, x.tensorSplit(2, 1).size());
        assertEquals(4, x.unbind(1).size());
        assertArrayEquals(new long[]{3, 2, 3}, x.unfold(1, 3, 1).shape());
        assertEquals(0, at(x.triu(), 1, 0));
        assertEquals(4, at(x.tril(), 1, 0));
        Tensor y = counting(3, 3);
        assertSame(y, y.triu_());
        assertEquals(0, at(y, 2, 1));
    }

    @Test
    void byNameOverloadResolution() {
        Tensor x = counting(4, 6);
        assertEquals(3, ((List<?>) Dispatcher.callByName("split", List.of(x, 2L), Map.of("dim", 1L))).size());
        assertEquals(2, ((List<?>) Dispatcher.callByName("split", List.of(x, new long[]{1, 3}), Map.of())).size());
        assertEquals(3, ((List<?>) Dispatcher.callByName("tensor_split", List.of(x, new long[]{1, 2}), Map.of("dim", 1L))).size());
        Tensor squeezed = (Tensor) Dispatcher.callByName("squeeze", List.of(x.view(4, 1, 6), 1L), Map.of());
        assertArrayEquals(new long[]{4, 6}, squeezed.shape());
        Tensor moved = (Tensor) Dispatcher.callByName("movedim", List.of(x, 0L, 1L), Map.of());
        assertArrayEquals(new long[]{6, 4}, moved.shape());
        Tensor rolled = (Tensor) Dispatcher.callByName("roll", List.of(x, 1L), Map.of());
        assertEquals(23, at(rolled, 0, 0));
    }

    @Test
    void channelsLastContiguous() {
        Tensor x = counting(2, 60).view(2, 3, 4, 5);
        Tensor nhwc = (Tensor) Dispatcher.callByName("contiguous", List.of(x), Map.of("memory_format", "channels_last"));
        assertArrayEquals(new long[]{60, 1, 15, 3}, nhwc.stride());
        assertEquals(at(x, 1, 2, 3, 4), at(nhwc, 1, 2, 3, 4));
        Tensor again = (Tensor) Dispatcher.callByName("contiguous", List.of(nhwc), Map.of("memory_format", "channels_last"));
        assertSame(nhwc.data().storage(), again.data().storage());
    }

    @Test
    void bulkCopiesMatchIndexArithmetic() {
        int rows = 300, cols = 257;
        Tensor x = counting(rows, cols);
        Tensor flipped = x.flip(0, 1);
        Tensor catted = Torch.cat(List.of(x, x.narrow(1, 5, 100)), 1);
        Tensor rolled = x.roll(new long[]{7, -3}, new int[]{0, 1});
        Tensor repeated = x.repeat(2, 1);
        Tensor lower = x.tril(4);
        Tensor padded = Torch.pad(x.view(1, rows, cols), new long[]{2, 3, 1, 2}, "reflect");
        Tensor transposed = x.t().contiguous();
        for (int i = 0; i < rows; i += 7) {
            for (int j = 0; j < cols; j += 3) {
                double v = (double) i * cols + j;
                assertEquals(v, at(flipped, rows - 1 - i, cols - 1 - j));
                assertEquals(v, at(catted, i, j));
                if (j >= 5 && j < 105) assertEquals(v, at(catted, i, cols + j - 5));
                assertEquals(v, at(rolled, (i + 7) % rows, (j - 3 + cols) % cols));
                assertEquals(v, at(repeated, i + rows, j));
                assertEquals(j <= i + 4 ? v : 0, at(lower, i, j));
                assertEquals(v, at(padded, 0, i + 1, j + 2));
                assertEquals(v, at(transposed, j, i));
            }
        }
        assertEquals(cols + 1.0, at(padded, 0, 0, 1), "reflected corner");
    }
}
