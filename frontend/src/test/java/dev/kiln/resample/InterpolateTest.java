package dev.kiln.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.ThreadCounts;
import dev.kiln.Torch;
import dev.kiln.autograd.GradCheck;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.ResampleOps;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the golden fixtures of the resampling ops do not show: {@code F.interpolate}'s Java API and its Python-level
 * semantics (recompute_scale_factor, argument checks), gradients through it, pixel_shuffle round trips, and
 * independence of the thread count.
 */
class InterpolateTest {
    private static Tensor random(long seed, long... sizes) { return Torch.randn(sizes, Torch.float64, new Generator().manualSeed(seed)); }

    @Test
    void interpolateCallsTheVecOverloadsWithSizeOrScales() {
        Tensor x = random(1, 2, 3, 4, 5), x1 = random(2, 2, 3, 5);
        assertArrayEquals(Dispatcher.apply(ResampleOps.UPSAMPLE_NEAREST2D_VEC, x, new long[]{7, 7}, null).toDoubleArray(),
                Torch.interpolate(x, 7, "nearest").toDoubleArray());
        assertArrayEquals(Dispatcher.apply(ResampleOps.UPSAMPLE_NEAREST2D_VEC, x, null, new double[]{1.5, 1.5}).toDoubleArray(),
                Torch.interpolate(x, 1.5, "nearest").toDoubleArray());
        assertArrayEquals(Dispatcher.apply(ResampleOps.UPSAMPLE_NEAREST1D_VEC, x1, new long[]{11}, null).toDoubleArray(),
                Torch.interpolate(x1, new long[]{11}, "nearest").toDoubleArray());
        Tensor aligned = Torch.interpolate(x, null, new double[]{2, 1.5}, "bilinear", true, null);
        assertArrayEquals(new long[]{2, 3, 8, 7}, aligned.sizes());
        assertArrayEquals(Dispatcher.apply(ResampleOps.UPSAMPLE_BILINEAR2D_VEC, x, null, true, new double[]{2, 1.5}).toDoubleArray(),
                aligned.toDoubleArray());
        assertArrayEquals(Dispatcher.apply(ResampleOps.UPSAMPLE_BILINEAR2D_VEC, x, new long[]{5, 9}, false, null).toDoubleArray(),
                Torch.interpolate(x, new long[]{5, 9}, "bilinear").toDoubleArray(), "align_corners defaults to False");
    }

    @Test
    void recomputeScaleFactorSamplesAtTheRatioOfSizes() {
        Tensor x = random(3, 1, 1, 4, 4);
        double[] scale = {1.7, 1.7};
        Tensor given = Torch.interpolate(x, null, scale, "nearest", null, false);
        Tensor recomputed = Torch.interpolate(x, null, scale, "nearest", null, true);
        assertArrayEquals(new long[]{1, 1, 6, 6}, recomputed.sizes());
        assertArrayEquals(Dispatcher.apply(ResampleOps.UPSAMPLE_NEAREST2D, x, new long[]{6, 6}, null, null).toDoubleArray(),
                recomputed.toDoubleArray());
        assertArrayEquals(Dispatcher.apply(ResampleOps.UPSAMPLE_NEAREST2D, x, new long[]{6, 6}, 1.7, 1.7).toDoubleArray(),
                given.toDoubleArray());
        assertNotEquals(Arrays.toString(given.toDoubleArray()), Arrays.toString(recomputed.toDoubleArray()),
                "1 / 1.7 and 4 / 6 pick different source rows");
        Tensor bilinear = Torch.interpolate(x, null, scale, "bilinear", false, true);
        assertArrayEquals(Dispatcher.apply(ResampleOps.UPSAMPLE_BILINEAR2D, x, new long[]{6, 6}, false, null, null).toDoubleArray(),
                bilinear.toDoubleArray());
    }

    @Test
    void interpolateChecksItsArgumentsAsPyTorchDoes() {
        Tensor x = random(4, 1, 2, 3, 3), x1 = random(5, 1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> Torch.interpolate(x, new long[]{4, 4}, new double[]{2, 2}, "nearest", null, null));
        assertThrows(IllegalArgumentException.class, () -> Torch.interpolate(x, null, null, "nearest", null, null));
        assertThrows(IllegalArgumentException.class, () -> Torch.interpolate(x, new long[]{4, 4}, null, "nearest", true, null));
        assertThrows(IllegalArgumentException.class, () -> Torch.interpolate(x, new long[]{4}, "nearest"));
        assertThrows(IllegalArgumentException.class, () -> Torch.interpolate(x, null, new double[]{2}, "bilinear", null, null));
        assertThrows(IllegalArgumentException.class, () -> Torch.interpolate(x, new long[]{4, 4}, null, "nearest", null, true));
        assertThrows(UnsupportedOperationException.class, () -> Torch.interpolate(x1, 5, "bilinear"));
        assertThrows(UnsupportedOperationException.class, () -> Torch.interpolate(x, 5, "bicubic"));
    }

    @Test
    void gradientsFlowThroughInterpolateToAnyOrder() {
        Tensor x = random(6, 1, 2, 3, 3).requiresGrad_();
        assertEquals("UpsampleBilinear2DBackward1", Torch.interpolate(x, 1.5, "bilinear").gradFn().name());
        assertEquals("UpsampleNearest2DBackward1", Torch.interpolate(x, 2, "nearest").gradFn().name());
        assertTrue(GradCheck.gradgradcheck(in -> List.of(Torch.interpolate(in.getFirst(), null, new double[]{1.5, 2.5}, "bilinear", true,
                null)), List.of(x)));
        Tensor x1 = random(7, 2, 1, 4).requiresGrad_();
        assertTrue(GradCheck.gradgradcheck(in -> List.of(Torch.interpolate(in.getFirst(), 0.6, "nearest")), List.of(x1)));
    }

    @Test
    void pixelUnshuffleUndoesPixelShuffleIntoNewTensors() {
        Tensor x = random(8, 2, 12, 3, 2);
        for (long r : new long[]{1, 2}) {
            Tensor shuffled = Torch.pixelShuffle(x, r);
            assertArrayEquals(new long[]{2, 12 / (r * r), 3 * r, 2 * r}, shuffled.sizes());
            Tensor back = Torch.pixelUnshuffle(shuffled, r);
            assertArrayEquals(x.toDoubleArray(), back.toDoubleArray());
            assertNotSame(x.data().storage(), shuffled.data().storage(), "factor " + r + " copies");
        }
        assertEquals(x.index(0L, 1L, 0L, 0L).itemDouble(), Torch.pixelShuffle(x, 2).index(0L, 0L, 0L, 1L).itemDouble());
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Tensor x = random(9, 4, 8, 30, 30).float32(), g = random(10, 4, 8, 70, 50).float32(), gn = random(11, 4, 8, 60, 60).float32();
        ThreadCounts.assertIndependent(() -> products(x, g, gn));
    }

    private static double[][] products(Tensor x, Tensor g, Tensor gn) {
        long[] in = {4, 8, 30, 30};
        return new double[][]{Torch.interpolate(x, new long[]{70, 50}, "bilinear").toDoubleArray(),
                Torch.interpolate(x, 2, "nearest").toDoubleArray(),
                Dispatcher.apply(ResampleOps.UPSAMPLE_BILINEAR2D_BACKWARD, g, new long[]{70, 50}, in, true, null, null).toDoubleArray(),
                Dispatcher.apply(ResampleOps.UPSAMPLE_NEAREST2D_BACKWARD, gn, new long[]{60, 60}, in, null, null).toDoubleArray()};
    }
}
