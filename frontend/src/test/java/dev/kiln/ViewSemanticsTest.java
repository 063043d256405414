package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dispatch.Dispatcher;
import dev.kiln.runtime.memory.Elements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Views share storage (and so the version counter) with their base; writes through a view show in the base. */
class ViewSemanticsTest {

    /** A 2x3x4 tensor holding 0..23. */
    private static Tensor base() {
        float[][][] v = new float[2][3][4];
        for (int i = 0; i < 24; i++) v[i / 12][i / 4 % 3][i % 4] = i;
        return Torch.tensor(v);
    }

    static double at(Tensor t, long... index) {
        long at = t.storageOffset();
        for (int d = 0; d < index.length; d++) at += index[d] * t.stride(d);
        return Elements.getDouble(t.dtype(), t.data().storage(), (int) at);
    }

    private static double sum(Tensor t) {
        double s = 0;
        long[] idx = new long[t.dim()];
        for (long k = 0; k < t.numel(); k++) {
            s += at(t, idx);
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < t.size(d)) break;
                idx[d] = 0;
            }
        }
        return s;
    }

    /** Adds 1000 to every element of {@code t} with the in-place add op. */
    private static void addInPlace(Tensor t) {
        Dispatcher.callByName("add_.Scalar", List.of(t, 1000L), Map.of());
    }

    @TestFactory
    List<DynamicTest> viewsShareStorageAndVersion() {
        Map<String, Function<Tensor, Tensor>> views = new LinkedHashMap<>();
        views.put("view", t -> t.view(6, 4));
        views.put("viewAs", t -> t.viewAs(Torch.tensor(new float[24])));
        views.put("reshape (viewable)", t -> t.reshape(-1, 2));
        views.put("permute", t -> t.permute(2, 0, 1));
        views.put("transpose", t -> t.transpose(0, 2));
        views.put("swapaxes", t -> t.swapaxes(1, 2));
        views.put("t", t -> t.select(0, 0).t());
        views.put("movedim", t -> t.movedim(0, -1));
        views.put("movedim lists", t -> t.movedim(new int[]{0, 1}, new int[]{2, 0}));
        views.put("squeeze", t -> t.narrow(1, 1, 1).squeeze());
        views.put("squeeze dim", t -> t.narrow(1, 1, 1).squeeze(1));
        views.put("unsqueeze", t -> t.unsqueeze(1));
        views.put("flatten (viewable)", t -> t.flatten(1, 2));
        views.put("unflatten", t -> t.unflatten(2, 2, -1));
        views.put("asStrided", t -> t.asStrided(new long[]{3, 3}, new long[]{4, 1}, 2));
        views.put("narrow", t -> t.narrow(2, 1, 2));
        views.put("select", t -> t.select(1, -1));
        views.put("slice", t -> t.slice(2, 1L, null, 2));
        views.put("unfold", t -> t.unfold(2, 2, 2));
        views.put("diagonal", t -> t.diagonal(1, 1, 2));
        views.put("split", t -> t.split(2, 2).get(1));
        views.put("split sizes", t -> t.split(new long[]{1, 3}, 2).get(1));
        views.put("chunk", t -> t.chunk(2, 1).getFirst());
        views.put("tensorSplit", t -> t.tensorSplit(new long[]{1}, 1).get(1));
        views.put("unbind", t -> t.unbind(1).get(2));
        views.put("contiguous (already)", Tensor::contiguous);
        views.put("alias", t -> (Tensor) Dispatcher.callByName("alias", List.of(t), Map.of()));
        views.put("moveaxis", t -> (Tensor) Dispatcher.callByName("moveaxis", List.of(t, 2L, 0L), Map.of()));
        views.put("split.sizes", t -> ((List<?>) Dispatcher.callByName("split.sizes", List.of(t, new long[]{2, 1}, 1L), Map.of())).stream()
                .map(Tensor.class::cast).toList().getFirst());
        views.put("flatten of a contiguous tensor", Tensor::flatten);
        return views.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor base = base();
            Tensor view = e.getValue().apply(base);
            assertSame(base.data().storage(), view.data().storage(), "a view shares its base's storage");
            int before = base.version();
            double baseSum = sum(base), viewSum = sum(view);
            addInPlace(view);
            assertEquals(before + 1, base.version(), "the version counter lives in the shared storage");
            assertEquals(base.version(), view.version());
            assertEquals(viewSum + 1000 * view.numel(), sum(view), 1e-3);
            assertEquals(baseSum + 1000 * view.numel(), sum(base), 1e-3, "the write through the view is visible in the base");
        })).toList();
    }

    @Test
    void expandedViewsSeeWritesToTheBase() {
        Tensor base = Torch.tensor(new float[]{1, 2, 3});
        Tensor wide = base.expand(4, 3);
        Tensor same = base.unsqueeze(0).expandAs(wide);
        assertArrayEquals(new long[]{0, 1}, wide.stride());
        assertSame(base.data().storage(), same.data().storage());
        addInPlace(base);
        assertEquals(1001, at(wide, 3, 0));
        assertEquals(1003, at(same, 2, 2));
        assertEquals(1, wide.version());
    }

    @Test
    void splitPiecesCoverTheBaseWithoutCopying() {
        Tensor base = base();
        List<Tensor> pieces = base.chunk(3, 1);
        assertEquals(3, pieces.size());
        addInPlace(pieces.get(1));
        assertEquals(1004, at(base, 0, 1, 0));
        assertEquals(0, at(base, 0, 0, 0));
        assertEquals(8, at(base, 0, 2, 0));
    }

    @Test
    void copiesDoNotAlias() {
        Tensor base = base();
        List<Tensor> copies = List.of(base.flip(0), base.roll(1, 2), base.repeat(1, 1, 1), base.tile(1), base.repeatInterleave(1, 0),
                base.tril(), base.triu(-5), Torch.cat(List.of(base), 0), Torch.stack(List.of(base), 0), base.transpose(0, 1).reshape(-1),
                base.transpose(0, 1).contiguous(), Torch.pad(base, 0, 0));
        for (Tensor c : copies) {
            assertNotSame(base.data().storage(), c.data().storage());
            assertTrue(c.isContiguous());
        }
    }

    @Test
    void reshapeIsAViewOnlyWhereTheStridesAllowOne() {
        Tensor base = base();
        assertSame(base.data().storage(), base.reshape(4, 6).data().storage());
        Tensor transposed = base.transpose(1, 2);
        assertNotSame(base.data().storage(), transposed.reshape(24).data().storage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> transposed.view(24));
        assertTrue(e.getMessage().contains("view") && e.getMessage().contains("reshape"), e.getMessage());
    }

    @Test
    void inPlaceTriangleWritesThroughAView() {
        Tensor base = base();
        Tensor plane = base.select(0, 1).transpose(0, 1);
        Tensor result = plane.tril_(-1);
        assertSame(plane, result);
        assertEquals(1, base.version());
        assertEquals(0, at(base, 1, 0, 0));
        assertEquals(0, at(base, 1, 1, 0));
        assertEquals(13, at(base, 1, 0, 1));
        assertEquals(18, at(base, 1, 1, 2));
        assertEquals(0, at(base, 1, 1, 1));
        assertEquals(5, at(base, 0, 1, 1), "the other plane is untouched");
    }
}
