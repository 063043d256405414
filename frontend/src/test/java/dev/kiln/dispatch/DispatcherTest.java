package dev.kiln.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.aten.PointwiseOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    @Test
    void observersSeeEveryOpOnTheirThreadUntilClosed() throws Exception {
        List<OpDef> seen = new ArrayList<>();
        List<Object> firstArgs = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        Tensor x = Torch.tensor(new float[]{1, 2});
        Tensor y;
        try (AutoCloseable scope = Dispatcher.observe((op, args, result) -> {
            seen.add(op);
            firstArgs.add(args[0]);
            results.add(result);
        })) {
            y = x.add(x).exp();
        }
        assertEquals(List.of(PointwiseOps.ADD, PointwiseOps.EXP), seen);
        assertSame(x, firstArgs.get(0));
        assertSame(results.get(0), firstArgs.get(1));
        assertSame(y, results.get(1));
        x.exp();
        assertEquals(2, seen.size(), "closed observer still notified");
    }

    @Test
    void callsByNameResolveOverloadsInDeclarationOrder() {
        Tensor x = Torch.tensor(new long[]{1, 2});
        Tensor viaTensor = (Tensor) Dispatcher.callByName("add", List.of(x, x), Map.of());
        assertEquals(List.of(2L, 4L), java.util.Arrays.stream(viaTensor.toLongArray()).boxed().toList());
        Tensor viaScalar = (Tensor) Dispatcher.callByName("aten::add", List.of(x, 2.5), Map.of("alpha", 2));
        assertEquals(Torch.float32, viaScalar.dtype());
        assertEquals(List.of(6.0, 7.0), java.util.Arrays.stream(viaScalar.toDoubleArray()).boxed().toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dispatcher.callByName("add", List.of(x, "two"), Map.of()));
        assertTrue(e.getMessage().contains("add() received an invalid combination of arguments"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dispatcher.callByName("no_such_op", List.of(), Map.of()));
    }

    @Test
    void inplaceOpsReturnSelfAndBumpTheVersion() {
        Tensor x = Torch.tensor(new float[]{1, 2});
        int before = x.version();
        Tensor r = Dispatcher.apply(OpCatalogue.lookup("add_.Tensor").orElseThrow(), x, Torch.tensor(new float[]{1, 1}), 1L);
        assertSame(x, r);
        assertEquals(before + 1, x.version());
        assertEquals(List.of(2.0, 3.0), java.util.Arrays.stream(x.toDoubleArray()).boxed().toList());
    }
}
