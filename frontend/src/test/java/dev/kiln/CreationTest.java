package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.CreationOps;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory functions of {@link Torch}: dtype inference from Java values, memory formats, devices, in-place sampling. */
class CreationTest {

    @Test
    void tensorInfersTheWidestKindOfMixedBoxedArrays() {
        assertEquals(DType.FLOAT32, Torch.tensor(new Object[]{1, 2.5}).dtype());
        assertEquals("tensor([1.0000, 2.5000])", Torch.tensor(new Object[]{1, 2.5}).toString());
        assertEquals(DType.INT64, Torch.tensor(new Object[]{true, 3L}).dtype());
        assertEquals(DType.BOOL, Torch.tensor(new Boolean[][]{{true}, {false}}).dtype());
        assertEquals(DType.FLOAT32, Torch.tensor(new Double[]{1.0, 2.0}).dtype());
        assertEquals(DType.INT32, Torch.tensor(new Integer[]{1, 2}, Torch.int32).dtype());
        assertEquals("tensor([1, 2], dtype=torch.int16)", Torch.tensor(new double[]{1.7, 2.2}, Torch.int16).toString());
    }

    @Test
    void fillDTypeFollowsTheJavaValue() {
        assertEquals(DType.BOOL, Torch.full(new long[]{2}, true).dtype());
        assertEquals(DType.INT64, Torch.full(new long[]{2}, 3).dtype());
        assertEquals(DType.FLOAT32, Torch.full(new long[]{2}, 3.0).dtype());
        assertEquals(DType.FLOAT32, Torch.scalarTensor(3).dtype());
        assertEquals(DType.INT64, Torch.arange(5).dtype());
        assertEquals(DType.FLOAT32, Torch.arange(0, 5, 0.5).dtype());
        assertEquals(DType.INT64, Dispatcher.apply(CreationOps.ARANGE, true, null, null, null, null).dtype());
        assertEquals("tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])", Torch.linspace(0, 1, 5).toString());
        assertEquals("tensor([  1.,  10., 100.])", Torch.logspace(0, 2, 3).toString());
    }

    @Test
    void likeFactoriesPreserveTheInputLayout() {
        Tensor base = Torch.zeros(3, 4);
        Tensor transposed = view(base, new long[]{4, 3}, new long[]{1, 4}, 0);
        assertArrayEquals(new long[]{1, 4}, Torch.zerosLike(transposed).stride());
        assertArrayEquals(new long[]{1, 4}, Torch.randLike(transposed).stride());
        Tensor everyOther = view(base, new long[]{3, 2}, new long[]{4, 2}, 0);
        assertArrayEquals(new long[]{2, 1}, Torch.onesLike(everyOther).stride(), "not dense: dense strides in the same order");
        Tensor expanded = view(Torch.zeros(3, 1), new long[]{3, 4}, new long[]{1, 0}, 0);
        assertArrayEquals(new long[]{4, 1}, Torch.emptyLike(expanded).stride());
        Tensor contiguous = (Tensor) Dispatcher.callByName("zeros_like", List.of(transposed), Map.of("memory_format", "contiguous_format"));
        assertArrayEquals(new long[]{3, 1}, contiguous.stride());
        Tensor filled = Torch.fullLike(transposed, 2.5, Torch.float64);
        assertEquals(DType.FLOAT64, filled.dtype());
        assertEquals("tensor([[2.5000, 2.5000, 2.5000],\n        [2.5000, 2.5000, 2.5000],\n        [2.5000, 2.5000, 2.5000],\n"
                + "        [2.5000, 2.5000, 2.5000]], dtype=torch.float64)", filled.toString());
    }

    @Test
    void emptySupportsChannelsLast() {
        Tensor t = (Tensor) Dispatcher.callByName("empty", List.of(new long[]{2, 3, 4, 5}), Map.of("memory_format", "channels_last"));
        assertArrayEquals(new long[]{60, 1, 15, 3}, t.stride());
        Tensor t3 = (Tensor) Dispatcher.callByName("empty", List.of(new long[]{2, 3, 4, 5, 6}), Map.of("memory_format", "channels_last_3d"));
        assertArrayEquals(new long[]{360, 1, 90, 18, 3}, t3.stride());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dispatcher.callByName("empty", List.of(new long[]{2, 3, 4}), Map.of("memory_format", "channels_last")));
        assertTrue(e.getMessage().contains("rank 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Dispatcher.callByName("empty", List.of(new long[]{2}), Map.of("memory_format", "preserve_format")));
    }

    @Test
    void onlyStridedCpuTensorsCanBeAllocated() {
        RuntimeException cuda = assertThrows(RuntimeException.class,
                () -> Dispatcher.callByName("zeros", List.of(new long[]{2}), Map.of("device", "cuda:0")));
        assertTrue(cuda.getMessage().contains("zeros") && cuda.getMessage().contains("cuda:0")
                && cuda.getMessage().contains("CUDA"), cuda.getMessage());
        IllegalArgumentException sparse = assertThrows(IllegalArgumentException.class,
                () -> Dispatcher.callByName("ones", List.of(new long[]{2}), Map.of("layout", "sparse_coo")));
        assertTrue(sparse.getMessage().contains("layout"), sparse.getMessage());
    }

    @Test
    void factoriesAllocateFreshStorage() {
        Tensor a = Torch.zeros(3), b = Torch.zeros(3);
        assertNotSame(a.data().storage(), b.data().storage());
        assertNotSame(Torch.ones(2).data().storage(), Torch.onesLike(a).data().storage());
        assertTrue(Torch.eye(3, 2, Torch.int32).isContiguous());
    }

    @Test
    void inPlaceSamplingWritesSelfAndBumpsTheVersion() {
        Tensor base = Torch.zeros(4, 6);
        Tensor columns = view(base, new long[]{4, 3}, new long[]{6, 2}, 1);
        int version = base.version();
        assertSame(columns, columns.uniform_(5, 6));
        assertEquals(version + 1, base.version());
        String text = base.toString();
        assertTrue(text.startsWith("tensor([[0.0000, 5."), text);
        columns.normal_(0, 0);
        columns.bernoulli_(1.0);
        assertEquals(version + 3, base.version());
        assertEquals("tensor([[0., 1., 0., 1., 0., 1.],\n        [0., 1., 0., 1., 0., 1.],\n        [0., 1., 0., 1., 0., 1.],\n"
                + "        [0., 1., 0., 1., 0., 1.]])", base.toString());
    }

    @Test
    void randomFactoriesHaveTheRequestedShapesAndDtypes() {
        assertArrayEquals(new long[]{2, 3}, Torch.rand(2, 3).shape());
        assertEquals(DType.FLOAT64, Torch.randn(new long[]{4}, Torch.float64, null).dtype());
        assertEquals(DType.INT64, Torch.randint(10, new long[]{5}).dtype());
        assertEquals(DType.INT64, Torch.randperm(4).dtype());
        assertEquals(DType.INT8, Torch.randintLike(Torch.zeros(new long[]{3}, Torch.int8), 5).dtype());
        assertArrayEquals(new long[]{2, 4}, Torch.normal(Torch.zeros(2, 1), Torch.ones(4)).shape());
        assertArrayEquals(new long[]{3, 2}, Torch.multinomial(Torch.ones(3, 5), 2).shape());
        assertEquals(DType.BOOL, Torch.bernoulli(Torch.zeros(new long[]{3}, Torch.bool), 0.5).dtype());
        assertEquals(DType.FLOAT16, Torch.randnLike(Torch.zeros(new long[]{3}, Torch.float16)).dtype());
    }

    @Test
    void largeRangesAreExactAcrossChunksAndThreads() {
        List<Object> ints = TensorValues.of(Torch.arange(100_000));
        for (int i = 0; i < ints.size(); i++) assertEquals((long) i, ints.get(i));
        List<Object> halves = TensorValues.of(Torch.arange(0, 50_000, 0.5, Torch.float64));
        for (int i = 0; i < halves.size(); i++) assertEquals(i * 0.5, (Double) halves.get(i));
        List<Object> line = TensorValues.of(Torch.linspace(-1, 1, 100_001, Torch.float64));
        assertEquals(-1.0, line.getFirst());
        assertEquals(1.0, line.getLast());
        assertEquals(0.0, (Double) line.get(50_000), 1e-15);
        for (int i = 1; i < line.size(); i++) assertTrue((Double) line.get(i) > (Double) line.get(i - 1), "increasing at " + i);
    }

    private static Tensor view(Tensor base, long[] sizes, long[] strides, long offset) {
        TensorData d = base.data();
        return new Tensor(new TensorData(d.dtype(), d.storage(), sizes, strides, offset));
    }
}
