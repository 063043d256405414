package dev.kiln.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kiln's own save and load: value mapping, object identity, the archive's layout, atomic replacement, bad values. */
class CheckpointsRoundTripTest {
    @TempDir
    Path dir;

    private Object roundTrip(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Checkpoints.save(value, out);
        return Checkpoints.load(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void plainValuesKeepTheirPythonTypes() throws IOException {
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put("int", 7);
        value.put("long", -1L << 40);
        value.put("big", BigInteger.TWO.pow(100).negate());
        value.put("float", 1.5f);
        value.put("double", Double.NaN);
        value.put("bool", true);
        value.put("none", null);
        value.put("str", "ünïcødé ✓");
        value.put("bytes", new byte[] {0, -1, 127});
        value.put("tuple", Tuple.of(1L, Tuple.of(), List.of()));
        value.put("set", new LinkedHashSet<>(List.of("a", 2L)));
        value.put("dtype", DType.BFLOAT16);
        value.put(3L, "int key");
        value.put(Tuple.of("a", 1L), "tuple key");
        @SuppressWarnings("unchecked") Map<Object, Object> back = (Map<Object, Object>) roundTrip(value);
        assertEquals(new ArrayList<>(value.keySet()), new ArrayList<>(back.keySet()));
        assertEquals(7L, back.get("int"));
        assertEquals(-1L << 40, back.get("long"));
        assertEquals(BigInteger.TWO.pow(100).negate(), back.get("big"));
        assertEquals(1.5, back.get("float"));
        assertTrue(Double.isNaN((Double) back.get("double")));
        assertEquals(true, back.get("bool"));
        assertTrue(back.containsKey("none") && back.get("none") == null);
        assertEquals("ünïcødé ✓", back.get("str"));
        assertArrayEquals(new byte[] {0, -1, 127}, (byte[]) back.get("bytes"));
        assertEquals(Tuple.of(1L, Tuple.of(), List.of()), back.get("tuple"));
        assertInstanceOf(ArrayList.class, ((Tuple) back.get("tuple")).get(2));
        assertEquals(Set.of("a", 2L), back.get("set"));
        assertEquals(DType.BFLOAT16, back.get("dtype"));
        assertEquals("tuple key", back.get(Tuple.of("a", 1L)));
    }

    @Test
    void integersAtEveryEncodingBoundary() throws IOException {
        List<Object> ints = new ArrayList<>();
        for (long v : new long[] {0, 255, 256, 65535, 65536, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 31, Long.MIN_VALUE, Long.MAX_VALUE}) {
            ints.add(v);
        }
        ints.add(BigInteger.TWO.pow(64));
        ints.add(BigInteger.TWO.pow(4000).negate());
        assertEquals(ints, roundTrip(ints));
    }

    @Test
    void sharedObjectsStayShared() throws IOException {
        Tensor base = Torch.arange(12).reshape(3, 4).to(Torch.float32);
        List<Object> list = new ArrayList<>(List.of("x"));
        List<Object> value = List.of(base, base.t(), base.select(1, 2), base, list, list, Torch.ones(2));
        List<?> back = (List<?>) roundTrip(value);
        Tensor b0 = (Tensor) back.get(0), b1 = (Tensor) back.get(1), b2 = (Tensor) back.get(2);
        assertSame(b0, back.get(3), "the same tensor object twice stays one object");
        assertSame(back.get(4), back.get(5), "the same list twice stays one list");
        assertSame(b0.data().storage(), b1.data().storage());
        assertSame(b0.data().storage(), b2.data().storage());
        assertNotSame(b0.data().storage(), ((Tensor) back.get(6)).data().storage());
        assertArrayEquals(new long[] {1, 4}, b1.stride());
        assertEquals(2, b2.storageOffset());
        assertArrayEquals(new long[] {4}, b2.stride());
        b0.add_(1);
        assertArrayEquals(new double[] {3, 7, 11}, b2.toDoubleArray(), "views write through after loading");
    }

    @Test
    void orderedDictKeepsItsMetadata() throws IOException {
        OrderedDict sd = new OrderedDict();
        sd.put("w", Torch.zeros(2));
        OrderedDict meta = new OrderedDict();
        meta.put("", Map.of("version", 1L));
        sd.attributes().put("_metadata", meta);
        OrderedDict back = assertInstanceOf(OrderedDict.class, roundTrip(sd));
        assertEquals(meta, back.attributes().get("_metadata"));
        assertInstanceOf(OrderedDict.class, back.attributes().get("_metadata"));
    }

    @Test
    void everyDtypeAcrossChunkBoundaries() throws IOException {
        for (DType dtype : DType.values()) {
            long n = (3L << 20) / dtype.itemSize() / 2 + 7;
            Tensor t = Torch.arange(n).remainder(100).to(dtype);
            Tensor back = (Tensor) roundTrip(t);
            assertEquals(dtype, back.dtype());
            assertArrayEquals(t.toDoubleArray(), back.toDoubleArray(), dtype.toString());
        }
    }

    @Test
    void requiresGradIsSaved() throws IOException {
        Tensor w = Torch.ones(3).requiresGrad_();
        List<?> back = (List<?>) roundTrip(List.of(w, Torch.ones(1)));
        assertTrue(((Tensor) back.get(0)).requiresGrad());
        assertTrue(((Tensor) back.get(0)).isLeaf());
        assertFalse(((Tensor) back.get(1)).requiresGrad());
    }

    @Test
    void archiveLooksLikePyTorchs() throws IOException {
        Path file = dir.resolve("model.v2.pt");
        Torch.save(Map.of("w", Torch.ones(5), "b", Torch.zeros(3)), file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = Collections.list(zip.entries()).stream().map(e -> e.getName()).toList();
            assertEquals(List.of("model.v2/data.pkl", "model.v2/byteorder", "model.v2/data/0", "model.v2/data/1", "model.v2/version"),
                    names);
            assertTrue(Collections.list(zip.entries()).stream().allMatch(e -> e.getMethod() == java.util.zip.ZipEntry.STORED));
        }
        try (FileChannel channel = FileChannel.open(file)) {
            ZipArchiveReader zip = ZipArchiveReader.open(ZipArchiveReader.Source.of(channel), file.toString());
            for (String name : List.of("data.pkl", "data/0", "data/1", "version")) {
                assertEquals(0, zip.entry("model.v2/" + name).dataOffset() % ZipArchiveWriter.ALIGNMENT, name + " is 64-byte aligned");
            }
        }
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNothingBehind() throws IOException {
        Path file = dir.resolve("ckpt.pt");
        Torch.save(Map.of("epoch", 1L), file);
        byte[] before = Files.readAllBytes(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.save(Map.of("epoch", 2L, "bad", List.of(new Object())), file));
        assertTrue(e.getMessage().contains("java.lang.Object") && e.getMessage().contains("value[bad][0]"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "a failed save leaves the previous checkpoint as it was");
        Torch.save(Map.of("epoch", 3L), file);
        assertEquals(Map.of("epoch", 3L), Torch.load(file));
        Path blocked = dir.resolve("blocked.pt");
        Files.createDirectories(blocked.resolve("occupied"));
        assertThrows(IOException.class, () -> Torch.save(Map.of("epoch", 4L), blocked), "the move fails after the archive was written");
        try (var files = Files.list(dir)) {
            assertEquals(Set.of("ckpt.pt", "blocked.pt"), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "no temporary files are left");
        }
    }

    @Test
    void valuesTorchSaveCannotHoldAreRefused() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> roundTrip(cycle)).getMessage().contains("contains itself"));
        Storage bytes = Storage.allocate(DType.UINT8, 4);
        Tensor asUint8 = new Tensor(new TensorData(DType.UINT8, bytes, new long[] {4}, new long[] {1}, 0));
        Tensor asInt8 = new Tensor(new TensorData(DType.INT8, bytes, new long[] {4}, new long[] {1}, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> roundTrip(List.of(asUint8, asInt8))).getMessage()
                .contains("different dtypes"));
        List<Object> deep = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) deep = new ArrayList<>(List.of(deep));
        List<Object> tooDeep = deep;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> roundTrip(tooDeep)).getMessage().contains("deeper"));
    }
}
