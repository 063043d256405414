package dev.kiln.io;

import static dev.kiln.io.CheckpointArchives.archive;
import static dev.kiln.io.CheckpointArchives.le;
import static dev.kiln.io.CheckpointArchives.load;
import static dev.kiln.io.CheckpointArchives.pickle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Malicious and corrupt checkpoints get a {@link CheckpointFormatException} that says what is wrong, never code
 * execution, an OutOfMemoryError, a stack overflow or a hang.
 */
class CheckpointsHardeningTest {
    private static final byte[] FLOATS_6 = new byte[24];

    /** {@code _rebuild_tensor_v2(('storage', torch.<type>, '0', 'cpu', numel), offset, (size,), (stride,), requiresGrad, OrderedDict())}. */
    static byte[] tensorPickle(String storageType, long numel, long offset, long size, long stride, boolean requiresGrad) {
        return pickle(0x80, 2, "ctorch._utils\n_rebuild_tensor_v2\n", "((", "X", le(7, 4), "storage", "ctorch\n" + storageType + "\n",
                "X", le(1, 4), "0", "X", le(3, 4), "cpu", 0x8a, 8, le(numel, 8), "t", 0x51,
                0x8a, 8, le(offset, 8), 0x8a, 8, le(size, 8), 0x85, 0x8a, 8, le(stride, 8), 0x85, requiresGrad ? 0x88 : 0x89,
                "ccollections\nOrderedDict\n)R", "tR.");
    }

    private static String error(byte[] archive) {
        return assertThrows(CheckpointFormatException.class, () -> load(archive)).getMessage();
    }

    private static void assertError(byte[] archive, String... fragments) {
        String message = error(archive);
        for (String f : fragments) assertTrue(message.contains(f), () -> "'" + f + "' missing from: " + message);
    }

    @Test
    void aValidHandWrittenTensorLoads() throws Exception {
        Tensor t = (Tensor) load(archive(tensorPickle("FloatStorage", 6, 1, 5, 1, false), Map.of("data/0", FLOATS_6)));
        assertEquals(5, t.numel());
        assertEquals(1, t.storageOffset());
    }

    @Test
    void bigEndianArchivesAreReadInTheirByteOrder() throws Exception {
        byte[] data = java.nio.ByteBuffer.allocate(24).putFloat(1.5f).putFloat(-2f).putFloat(3f).putFloat(4f).putFloat(5f).putFloat(6f).array();
        Tensor t = (Tensor) load(archive(tensorPickle("FloatStorage", 6, 0, 6, 1, false),
                Map.of("data/0", data, "byteorder", "big".getBytes(StandardCharsets.US_ASCII))));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1.5, -2, 3, 4, 5, 6}, t.toDoubleArray());
        assertError(archive(pickle(0x80, 2, "N."), Map.of("byteorder", "middle".getBytes(StandardCharsets.US_ASCII))), "'little' or 'big'");
    }

    @Test
    void globalsOutsideTheAllowListAreRefusedByName() throws Exception {
        assertError(archive(pickle(0x80, 2, "cos\nsystem\n", "X", le(2, 4), "ls", 0x85, "R.")), "archive/data.pkl", "os.system", "not allowed");
        assertError(archive(pickle(0x80, 4, 0x8c, 8, "builtins", 0x8c, 4, "eval", 0x93, 0x8c, 1, "1", 0x85, "R.")), "builtins.eval", "not allowed");
        assertError(archive(pickle(0x80, 2, "csubprocess\nPopen\n)R.")), "subprocess.Popen");
        assertError(archive(pickle(0x80, 2, "ctorch\nload\n)R.")), "torch.load", "not allowed");
        assertError(archive(pickle(0x80, 2, "ctorch._utils\n_rebuild_sparse_tensor\n)R.")), "_rebuild_sparse_tensor", "cannot represent");
        assertError(archive(pickle(0x80, 2, "ctorch\nComplexFloatStorage\n.")), "ComplexFloatStorage", "no such dtype");
        assertError(archive(pickle(0x80, 2, "ccollections\nOrderedDict\n.")), "global collections.OrderedDict", "not a value");
    }

    @Test
    void onlyAllowedCallsAndBuilds() throws Exception {
        assertError(archive(pickle(0x80, 2, "ccollections\nOrderedDict\n)", 0x81, ".")), "NEWOBJ may only build torch.nn.Parameter");
        assertError(archive(pickle(0x80, 2, "}}b.")), "BUILD may only set the attributes of an OrderedDict");
        assertError(archive(pickle(0x80, 2, "X", le(6, 4), "module", 0x85, 0x51, ".")), "only persistent ids ('storage'");
        assertError(archive(pickle(0x80, 2, "]]K", 1, "s.")), "SETITEM on a ArrayList");
        assertError(archive(pickle(0x80, 2, "}]K", 1, "s.")), "unsupported dict key");
        assertError(archive(pickle(0x80, 2, "K", 1, "K", 2, "R.")), "REDUCE arguments must be a tuple");
    }

    @Test
    void storagesAreCheckedAgainstTheirEntries() throws Exception {
        assertError(archive(tensorPickle("FloatStorage", 6, 0, 6, 1, false)), "missing entry archive/data/0");
        assertError(archive(tensorPickle("FloatStorage", 7, 0, 6, 1, false), Map.of("data/0", FLOATS_6)), "holds 24 bytes", "7 elements");
        assertError(archive(tensorPickle("FloatStorage", 1L << 60, 0, 6, 1, false), Map.of("data/0", FLOATS_6)), "holds 24 bytes");
        assertError(archive(tensorPickle("FloatStorage", 6, 2, 5, 1, false), Map.of("data/0", FLOATS_6)), "reaches element 6", "holds 6");
        assertError(archive(tensorPickle("FloatStorage", 6, 0, 1L << 40, 1L << 40, false), Map.of("data/0", FLOATS_6)), "overflows");
        assertError(archive(tensorPickle("FloatStorage", 6, 0, 3, 3, false), Map.of("data/0", FLOATS_6)), "reaches element 6");
        assertError(archive(tensorPickle("LongStorage", 6, 0, 6, 1, true), Map.of("data/0", new byte[48])), "cannot require grad");
        assertError(archive(tensorPickle("FloatStorage", 6, 0, 6, -1, false), Map.of("data/0", FLOATS_6)), "non-negative");
    }

    @Test
    void malformedPicklesFailCleanly() throws Exception {
        assertError(archive(pickle(0x80, 2, ".")), "stack underflow");
        assertError(archive(pickle(0x80, 2, "N")), "ends early");
        assertError(archive(pickle(0x80, 2, "I1\n.")), "unsupported pickle opcode", "'I'");
        assertError(archive(pickle(0x80, 2, "h", 9, ".")), "memo entry 9");
        assertError(archive(pickle(0x80, 2, "X", le(0xFFFFFFF0L, 4), "abc.")), "exceeds");
        assertError(archive(pickle(0x80, 2, 0x8b, le(1 << 20, 4), new byte[1 << 20], ".")), "integer of 1048576 bytes");
        assertError(archive(pickle(0x80, 2, "(N.")), "unclosed MARK");
        assertError(archive(pickle(0x80, 2, "t.")), "no MARK");
        assertError(archive(pickle(0x80, 9, "N.")), "protocol 9");
    }

    @Test
    void cyclesDeepNestingAndSharingBombs() throws Exception {
        assertError(archive(pickle(0x80, 2, "]q", 0, "h", 0, "a.")), "contains itself");
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        deep.writeBytes(pickle(0x80, 2, "]r", le(0, 4)));
        for (int i = 0; i < 200_000; i++) deep.writeBytes(pickle("]j", le(0, 4), "ar", le(0, 4), "0"));
        deep.writeBytes(pickle("j", le(0, 4), "."));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertError(archive(deep.toByteArray()), "deeper than 256"));
        ByteArrayOutputStream laughs = new ByteArrayOutputStream();
        laughs.writeBytes(pickle(0x80, 2, "X", le(3, 4), "lol", "r", le(0, 4)));
        for (int i = 1; i <= 100; i++) laughs.writeBytes(pickle("(j", le(i - 1, 4), "j", le(i - 1, 4), "lr", le(i, 4), "0"));
        laughs.writeBytes(pickle("j", le(100, 4), "."));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertTrue(load(archive(laughs.toByteArray())) instanceof List<?>),
                "2^100 paths through 100 shared lists load at once");
    }

    @Test
    void brokenContainersFailCleanly() throws Exception {
        byte[] valid = archive(tensorPickle("FloatStorage", 6, 0, 6, 1, false), Map.of("data/0", FLOATS_6));
        assertError(new byte[0], "not a zip archive");
        assertError("not a checkpoint at all, just some text".getBytes(StandardCharsets.US_ASCII), "not a zip archive");
        assertError(archive(pickle(0x80, 2, "N."), Map.of("version", "99\n".getBytes(StandardCharsets.US_ASCII))), "format version '99'");
        java.util.Map<String, byte[]> noVersion = new java.util.HashMap<>();
        noVersion.put("version", null);
        assertError(archive(pickle(0x80, 2, "N."), noVersion), "missing entry archive/version");
        assertError(archive(pickle(0x80, 2, "N."), Map.of("constants.pkl", new byte[1])), "TorchScript");
        byte[] flipped = valid.clone();
        int data = indexOf(valid, new byte[] {'Z', 'Z', 'Z', 'Z'}, indexOf(valid, "data/0".getBytes(StandardCharsets.US_ASCII), 0));
        while (valid[data] == 'Z') data++;
        flipped[data] ^= 1;
        assertError(flipped, "archive/data/0 is corrupt", "CRC-32");
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(deflated)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle(0x80, 2, "N."));
            zip.closeEntry();
        }
        assertError(deflated.toByteArray(), "archive/data.pkl is compressed");
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    /** Loads {@code bytes}, accepting a value or a CheckpointFormatException and nothing else; {@code what} reproduces the input. */
    static void loadsOrFailsCleanly(byte[] bytes, String what) {
        try {
            load(bytes);
        } catch (CheckpointFormatException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank(), what);
        } catch (Throwable t) {
            throw new AssertionError(what + ": expected a value or a CheckpointFormatException, got " + t, t);
        }
    }

    static List<String> fuzzedFiles() { return new ArrayList<>(List.of("state_dict", "shared", "values_protocol4", "values")); }
}
