package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Views may describe more elements than an int can index (an expanded tensor); views of them work, and every
 * kernel that would have to index them refuses with a clear error instead of truncating.
 */
class HugeViewTest {
    private final Tensor huge = Torch.ones(1).expand((1L << 32) + 5);

    @Test
    void viewsOfHugeViewsKeepLongGeometry() {
        Tensor tail = huge.narrow(0, 4_000_000_000L, 10);
        assertArrayEquals(new long[]{10}, tail.shape());
        assertEquals(10.0, tail.sum().itemDouble());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> huge.narrow(0, 5_000_000_000L, 1));
        assertTrue(e.getMessage().contains("got 5000000000"), e.getMessage());
    }

    @Test
    void kernelsRefuseInputsTheyCannotIndex() {
        IllegalArgumentException sort = assertThrows(IllegalArgumentException.class, () -> huge.sort());
        assertTrue(sort.getMessage().startsWith("aten::sort: tensor of size [4294967301]"), sort.getMessage());
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class, () -> huge.sum());
        assertTrue(sum.getMessage().contains("4294967301 elements"), sum.getMessage());
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class, () -> huge.add(1));
        assertTrue(add.getMessage().startsWith("aten::add.Scalar: "), add.getMessage());
        assertThrows(IllegalArgumentException.class, () -> huge.contiguous());
    }
}
