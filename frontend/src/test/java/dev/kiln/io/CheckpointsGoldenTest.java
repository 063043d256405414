package dev.kiln.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.golden.GoldenCases;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checkpoints written by PyTorch 1.13's torch.save ({@code tools/golden/gen_checkpoints.py}) load with the values,
 * types, geometry and storage sharing PyTorch's own load gives; Kiln re-saves each of them, and a checkpoint built
 * here, into {@link #OUT} for the generator's {@code --check}, which loads them with torch.load.
 */
class CheckpointsGoldenTest {
    /** Where Kiln's files go for PyTorch to check: -Dkiln.checkpoints.out, else target/kiln-checkpoints. */
    static final Path OUT = Path.of(System.getProperty("kiln.checkpoints.out", "target/kiln-checkpoints"));

    static Path resource(String name) throws Exception {
        return Path.of(CheckpointsGoldenTest.class.getResource("/golden/" + name).toURI());
    }

    @TestFactory
    Stream<DynamicTest> torchSaveFilesLoadAsPyTorchLoadsThem() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : GoldenCases.readFixture("checkpoints/expected").get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> {
                Path file = resource(c.get("file").asText());
                if (c.has("error")) {
                    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.load(file));
                    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("legacy"), e.getMessage());
                    return;
                }
                Object loaded = Torch.load(file);
                expect(c.get("value"), loaded, c.get("id").asText(), new Sharing());
                Files.createDirectories(OUT);
                Path copy = OUT.resolve(file.getFileName());
                Torch.save(loaded, copy);
                expect(c.get("value"), Torch.load(copy), c.get("id").asText() + " after Kiln's round trip", new Sharing());
                Path zip64 = OUT.resolve(c.get("id").asText() + "_zip64.pt");
                Checkpoints.save(loaded, zip64, 0);
                expect(c.get("value"), Torch.load(zip64), c.get("id").asText() + " with zip64 fields", new Sharing());
            }));
        }
        return tests.stream();
    }

    /** The value gen_checkpoints.py's kiln_built() builds; --check compares PyTorch's load of this file with it. */
    @Test
    void kilnBuiltCheckpoint() throws Exception {
        Tensor w = Torch.arange(6).reshape(2, 3).to(Torch.float32);
        OrderedDict model = new OrderedDict();
        model.put("fc.weight", w);
        model.put("fc.bias", Torch.tensor(new double[] {0.5, -0.5}).to(Torch.float32));
        model.put("bn.num_batches_tracked", Torch.scalarTensor(4L, Torch.int64));
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put(0L, Map.of("momentum_buffer", Torch.full(new long[] {2, 3}, 0.25, Torch.float32)));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", 0.001);
        group.put("momentum", 0.9);
        group.put("params", List.of(0L, 1L));
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("state", state);
        optimizer.put("param_groups", List.of(group));
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("epoch", 3);
        checkpoint.put("lr", 0.001);
        checkpoint.put("best_metric", 0.875);
        checkpoint.put("model", model);
        checkpoint.put("weight_t", w.t());
        checkpoint.put("weight_row", w.select(0, 1));
        checkpoint.put("optimizer", optimizer);
        checkpoint.put("shape", Tuple.of(2L, 3L));
        checkpoint.put("tags", List.of("a", "b"));
        checkpoint.put("flag", false);
        checkpoint.put("none", null);
        checkpoint.put("half", Torch.tensor(new double[] {1.5, -2.0}).to(Torch.float16));
        checkpoint.put("bf16", Torch.tensor(new double[] {1.5, -2.0}).to(Torch.bfloat16));
        checkpoint.put("mask", Torch.tensor(new boolean[] {true, false}));
        checkpoint.put("bytes", Torch.tensor(new long[] {0, 255}).to(Torch.uint8));
        checkpoint.put("param", Torch.tensor(new double[] {1.0, 2.0}).to(Torch.float32).requiresGrad_());
        checkpoint.put("set", new java.util.LinkedHashSet<>(List.of("a", 2L)));
        checkpoint.put("dtype", DType.BFLOAT16);
        Files.createDirectories(OUT);
        Path file = OUT.resolve("kiln_built.pt");
        Torch.save(checkpoint, file);

        @SuppressWarnings("unchecked") Map<Object, Object> back = (Map<Object, Object>) Torch.load(file);
        assertEquals(new ArrayList<>(checkpoint.keySet()), new ArrayList<>(back.keySet()));
        assertEquals(3L, back.get("epoch"));
        assertEquals(0.875, back.get("best_metric"));
        Map<?, ?> backModel = assertInstanceOf(OrderedDict.class, back.get("model"));
        Tensor weight = (Tensor) backModel.get("fc.weight"), weightT = (Tensor) back.get("weight_t"), row = (Tensor) back.get("weight_row");
        assertSame(weight.data().storage(), weightT.data().storage());
        assertSame(weight.data().storage(), row.data().storage());
        assertArrayEquals(new long[] {1, 3}, weightT.stride());
        assertEquals(3, row.storageOffset());
        assertArrayEquals(new double[] {3, 4, 5}, row.toDoubleArray());
        Map<?, ?> optimizerState = (Map<?, ?>) ((Map<?, ?>) back.get("optimizer")).get("state");
        assertTrue(((Map<?, ?>) optimizerState.get(0L)).get("momentum_buffer") instanceof Tensor);
        assertEquals(Tuple.of(2L, 3L), back.get("shape"));
        assertTrue(((Tensor) back.get("param")).requiresGrad());
        assertEquals(DType.BFLOAT16, ((Tensor) back.get("bf16")).dtype());
        assertArrayEquals(new long[] {0, 255}, ((Tensor) back.get("bytes")).toLongArray());
    }

    /** Which Kiln storage each of the fixture's storage numbers became: the same number must mean the same storage. */
    static final class Sharing {
        final Map<Integer, Storage> byRef = new HashMap<>();
        final Map<Storage, Integer> byStorage = new IdentityHashMap<>();
    }

    static void expect(JsonNode e, Object actual, String where, Sharing sharing) {
        if (e.isNull()) {
            assertNull(actual, where);
        } else if (e.isBoolean()) {
            assertEquals(e.booleanValue(), actual, where);
        } else if (e.isTextual()) {
            assertEquals(e.textValue(), actual, where);
        } else if (e.has("int")) {
            BigInteger v = new BigInteger(e.get("int").asText());
            assertEquals(v.bitLength() < 64 ? (Object) v.longValue() : v, actual, where);
        } else if (e.has("float")) {
            assertEquals(Double.valueOf(e.get("float").doubleValue()), actual, where);
        } else if (e.has("bytes")) {
            assertArrayEquals(HexFormat.of().parseHex(e.get("bytes").asText()), assertInstanceOf(byte[].class, actual, where), where);
        } else if (e.has("dtype")) {
            assertEquals(DType.parse(e.get("dtype").asText()), actual, where);
        } else if (e.has("tensor")) {
            expectTensor(e, assertInstanceOf(Tensor.class, actual, where), where, sharing);
        } else if (e.has("tuple")) {
            expectItems(e.get("tuple"), assertInstanceOf(Tuple.class, actual, where).items(), where, sharing);
        } else if (e.has("list")) {
            expectItems(e.get("list"), assertInstanceOf(ArrayList.class, actual, where), where, sharing);
        } else if (e.has("odict")) {
            OrderedDict d = assertInstanceOf(OrderedDict.class, actual, where);
            expectEntries(e.get("odict"), d, where, sharing);
            assertEquals(e.get("attrs").size(), d.attributes().size(), where + " attributes");
            e.get("attrs").properties().forEach(a -> expect(a.getValue(), d.attributes().get(a.getKey()), where + "." + a.getKey(), sharing));
        } else if (e.has("dict")) {
            Map<?, ?> d = assertInstanceOf(LinkedHashMap.class, actual, where);
            assertTrue(!(d instanceof OrderedDict), where + ": a dict, not an OrderedDict");
            expectEntries(e.get("dict"), d, where, sharing);
        } else {
            throw new IllegalArgumentException("unknown tag " + e);
        }
    }

    private static void expectItems(JsonNode e, List<?> actual, String where, Sharing sharing) {
        assertEquals(e.size(), actual.size(), where + " length");
        for (int i = 0; i < e.size(); i++) expect(e.get(i), actual.get(i), where + "[" + i + "]", sharing);
    }

    private static void expectEntries(JsonNode e, Map<?, ?> actual, String where, Sharing sharing) {
        assertEquals(e.size(), actual.size(), where + " size");
        Iterator<? extends Map.Entry<?, ?>> it = actual.entrySet().iterator();
        for (JsonNode pair : e) {
            Map.Entry<?, ?> entry = it.next();
            expect(pair.get(0), entry.getKey(), where + " key", sharing);
            expect(pair.get(1), entry.getValue(), where + "[" + entry.getKey() + "]", sharing);
        }
    }

    private static void expectTensor(JsonNode e, Tensor t, String where, Sharing sharing) {
        TensorData want = GoldenCases.decodeTensor(e.get("tensor"));
        assertEquals(want.dtype(), t.dtype(), where + " dtype");
        assertArrayEquals(want.sizes(), t.sizes(), where + " sizes");
        assertArrayEquals(want.strides(), t.stride(), where + " strides");
        assertEquals(want.offset(), t.storageOffset(), where + " storage offset");
        assertEquals(e.get("requires_grad").booleanValue(), t.requiresGrad(), where + " requires_grad");
        Storage s = t.data().storage();
        assertEquals(want.storage().length(), s.length(), where + " storage length");
        for (int i = 0; i < s.length(); i++) {
            double a = Elements.getDouble(t.dtype(), want.storage(), i), b = Elements.getDouble(t.dtype(), s, i);
            long la = Elements.getLong(t.dtype(), want.storage(), i), lb = Elements.getLong(t.dtype(), s, i);
            assertTrue(t.isFloatingPoint() ? Double.compare(a, b) == 0 : la == lb, where + " element " + i + ": " + a + " vs " + b);
        }
        if (s.length() == 0) return;
        int ref = e.get("storage_ref").intValue();
        assertSame(sharing.byRef.computeIfAbsent(ref, r -> s), s, where + ": shares storage " + ref + " in PyTorch's file");
        assertEquals(ref, sharing.byStorage.computeIfAbsent(s, x -> ref), where + ": PyTorch's file has its own storage for it");
    }
}
