package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ValuesIndices;
import org.junit.jupiter.api.Test;

/** Max-pooling modules with PyTorch's {@code return_indices=True}: the module's output and the functional form's indices. */
class PoolIndicesTest {
    private final Tensor image = Torch.randn(new long[]{2, 3, 7, 6}, new Generator().manualSeed(3));
    private final Tensor line = image.reshape(2, 3, 42);

    private static void same(ValuesIndices expected, Tensor output, ValuesIndices actual) {
        assertArrayEquals(output.toDoubleArray(), actual.values().toDoubleArray());
        assertArrayEquals(expected.values().toDoubleArray(), actual.values().toDoubleArray());
        assertArrayEquals(expected.indices().toDoubleArray(), actual.indices().toDoubleArray());
    }

    @Test
    void maxPoolingModulesReturnTheirIndices() {
        MaxPool2d p2 = new MaxPool2d(new long[]{3, 2}, new long[]{2, 2}, new long[]{1, 0}, new long[]{1, 1}, true);
        same(Torch.maxPool2dWithIndices(image, new long[]{3, 2}, new long[]{2, 2}, new long[]{1, 0}, new long[]{1, 1}, true),
                p2.call(image), p2.forwardWithIndices(image));
        MaxPool1d p1 = new MaxPool1d(3);
        same(Torch.maxPool1dWithIndices(line, 3, 3, 0, 1, false), p1.call(line), p1.forwardWithIndices(line));
        AdaptiveMaxPool2d a2 = new AdaptiveMaxPool2d(3, 2);
        same(Torch.adaptiveMaxPool2dWithIndices(image, 3, 2), a2.call(image), a2.forwardWithIndices(image));
        AdaptiveMaxPool1d a1 = new AdaptiveMaxPool1d(5);
        same(Torch.adaptiveMaxPool1dWithIndices(line, 5), a1.call(line), a1.forwardWithIndices(line));
    }
}
