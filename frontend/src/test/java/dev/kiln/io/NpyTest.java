package dev.kiln.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.Tensor;
import dev.kiln.TensorValues;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    /** The files numpy wrote (tools/golden/gen_creation.py), read and compared with the values listed in expected.json. */
    @TestFactory
    Stream<DynamicTest> readsNumpyFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(NpyTest.class.getResource("/npy/expected.json").toURI()).getParent();
        JsonNode expected;
        try (InputStream in = Files.newInputStream(folder.resolve("expected.json"))) {
            expected = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        expected.properties().forEach(e -> tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
            JsonNode want = e.getValue();
            Tensor t = Npy.load(folder.resolve(e.getKey()));
            assertEquals(DType.parse(want.get("dtype").asText()), t.dtype());
            long[] shape = new long[want.get("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = want.get("shape").get(i).asLong();
            assertArrayEquals(shape, t.shape());
            assertEquals(want.get("fortran").asBoolean(), t.dim() > 1 && !t.isContiguous());
            List<Object> values = flatten(t);
            assertEquals(want.get("values").size(), values.size());
            for (int i = 0; i < values.size(); i++) {
                JsonNode w = want.get("values").get(i);
                Object got = values.get(i);
                if (w.isBoolean()) assertEquals(w.booleanValue(), (Long) got != 0, "element " + i);
                else if (w.isIntegralNumber()) assertEquals(w.longValue(), (long) (Long) got, "element " + i);
                else assertEquals(w.doubleValue(), (Double) got, 0.0, "element " + i);
            }
        })));
        return tests.stream();
    }

    @Test
    void roundTripsEveryNumpyDtype() throws IOException {
        for (DType dtype : DType.values()) {
            if (dtype == DType.BFLOAT16) continue;
            Tensor t = Torch.tensor(new double[][]{{0, 1, 2}, {3, 4, 5}}, dtype);
            Path file = dir.resolve(dtype.pyName() + ".npy");
            Npy.save(t, file);
            Tensor back = Npy.load(file);
            assertEquals(dtype, back.dtype());
            assertArrayEquals(t.shape(), back.shape());
            assertEquals(flatten(t), flatten(back));
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(0, (10 + ((bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8)) % 64, "data starts 64-byte aligned, as numpy writes it");
        }
    }

    @Test
    void savesNonContiguousTensorsInLogicalOrder() throws IOException {
        Tensor t = new Tensor(new TensorData(DType.INT32, Storage.wrap(new int[]{1, 2, 3, 4, 5, 6}),
                new long[]{3, 2}, new long[]{1, 3}, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.save(t, out);
        Tensor back = Npy.load(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(List.of(1L, 4L, 2L, 5L, 3L, 6L), flatten(back));
        assertTrue(back.isContiguous());
    }

    @Test
    void streamsHoldConsecutiveArrays() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.save(Torch.arange(3), out);
        Npy.save(Torch.scalarTensor(2.5, Torch.float64), out);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals(List.of(0L, 1L, 2L), flatten(Npy.load(in)));
        Tensor scalar = Npy.load(in);
        assertEquals(0, scalar.dim());
        assertEquals(2.5, scalar.itemDouble());
        assertEquals(0, in.available());
    }

    @Test
    void writesTheHeaderNumpyWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.save(Torch.zeros(new long[]{2, 3}, Torch.float32), out);
        byte[] bytes = out.toByteArray();
        assertEquals(128 + 2 * 3 * 4, bytes.length);
        String header = new String(bytes, 10, 118, StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        assertEquals('\n', header.charAt(header.length() - 1));
        assertEquals(1, bytes[6]);
    }

    @Test
    void rejectsBfloat16() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.save(Torch.ones(new long[]{2}, Torch.bfloat16), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("bfloat16"), e.getMessage());
    }

    @Test
    void malformedFilesGiveClearErrors() throws IOException {
        byte[] good = npyBytes(Torch.arange(10));
        assertMalformed("not-npy", "NOTNUMPY file".getBytes(StandardCharsets.ISO_8859_1), "magic");
        assertMalformed("short", Arrays.copyOf(good, 4), "ends inside");
        assertMalformed("truncated", Arrays.copyOf(good, good.length - 8), "truncated");
        byte[] hugeHeader = good.clone();
        hugeHeader[8] = (byte) 0xFF;
        hugeHeader[9] = (byte) 0xFF;
        assertMalformed("huge-header", hugeHeader, "header length");
        assertMalformed("huge-shape", withHeader(good, "{'descr': '<i8', 'fortran_order': False, 'shape': (100000, 100000), }"),
                "more elements");
        assertMalformed("lying-shape", withHeader(good, "{'descr': '<i8', 'fortran_order': False, 'shape': (1000000,), }"), "truncated");
        assertMalformed("complex", withHeader(good, "{'descr': '<c8', 'fortran_order': False, 'shape': (5,), }"), "c8");
        assertMalformed("structured", withHeader(good, "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (5,), }"), "structured");
        assertMalformed("bad-keys", withHeader(good, "{'descr': '<i8', 'shape': (10,), }"), "keys");
        assertMalformed("negative", withHeader(good, "{'descr': '<i8', 'fortran_order': False, 'shape': (-1,), }"), "non-negative");
        assertMalformed("garbage", withHeader(good, "{'descr': '<i8', 'fortran_order': maybe, 'shape': (10,), }"), "bad header");
        byte[] version = good.clone();
        version[6] = 9;
        assertMalformed("version", version, "version");
    }

    @Test
    void streamWithLyingHeaderFailsWithoutAllocating() {
        byte[] lying = withHeader(npyBytes(Torch.arange(10)), "{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000,), }");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.load(new ByteArrayInputStream(lying)));
        assertTrue(e.getMessage().contains("<stream>") && e.getMessage().contains("truncated"), e.getMessage());
    }

    private void assertMalformed(String name, byte[] bytes, String problem) throws IOException {
        Path file = dir.resolve(name + ".npy");
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.load(file));
        assertTrue(e.getMessage().contains(file.toString()), () -> "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), () -> "says '" + problem + "': " + e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    private static byte[] npyBytes(Tensor t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Npy.save(t, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** {@code npy} with its version 1.0 header replaced by {@code dict} (data kept). */
    private static byte[] withHeader(byte[] npy, String dict) {
        int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        byte[] data = Arrays.copyOfRange(npy, 10 + headerLength, npy.length);
        String padded = dict + " ".repeat(Math.max(0, 117 - dict.length())) + "\n";
        byte[] header = padded.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + header.length + data.length];
        System.arraycopy(npy, 0, out, 0, 8);
        out[8] = (byte) header.length;
        out[9] = (byte) (header.length >> 8);
        System.arraycopy(header, 0, out, 10, header.length);
        System.arraycopy(data, 0, out, 10 + header.length, data.length);
        return out;
    }

    private static List<Object> flatten(Tensor t) { return TensorValues.of(t); }
}
