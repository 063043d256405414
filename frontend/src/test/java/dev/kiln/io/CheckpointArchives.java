package dev.kiln.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/** Test helpers that build checkpoint archives from hand-written pickles and take valid ones apart. */
final class CheckpointArchives {
    private CheckpointArchives() {}

    /** Assembles pickle bytes: Integers are single bytes (opcodes), Strings their Latin-1 bytes, byte[]s themselves. */
    static byte[] pickle(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            switch (p) {
                case Integer b -> out.write(b);
                case String s -> out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
                case byte[] b -> out.writeBytes(b);
                default -> throw new IllegalArgumentException(p.toString());
            }
        }
        return out.toByteArray();
    }

    /** Little-endian bytes of {@code v}, {@code n} of them. */
    static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }

    /** An archive {@code archive/} with the given entries (names relative to it; a null entry is left out) plus {@code version} unless given. */
    static byte[] archive(byte[] dataPkl, Map<String, byte[]> entries) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("data.pkl", dataPkl);
        all.putAll(entries);
        if (!all.containsKey("version")) all.put("version", "3\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipArchiveWriter zip = new ZipArchiveWriter(out, 0xFFFFFFFFL);
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            if (e.getValue() == null) continue;
            CRC32 crc = new CRC32();
            crc.update(e.getValue());
            zip.add("archive/" + e.getKey(), e.getValue().length, (int) crc.getValue(), o -> o.write(e.getValue()));
        }
        zip.finish();
        return out.toByteArray();
    }

    static byte[] archive(byte[] dataPkl) throws IOException { return archive(dataPkl, Map.of()); }

    /** The entries of a valid archive, by their names without the archive folder. */
    static Map<String, byte[]> entries(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ZipArchiveReader zip = ZipArchiveReader.open(ZipArchiveReader.Source.of(bytes), file.toString());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String prefix = zip.firstName().substring(0, zip.firstName().indexOf('/') + 1);
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                entries.put(e.getName().substring(prefix.length()), zip.readAll(zip.entry(e.getName())));
            }
        }
        return entries;
    }

    static Object load(byte[] archive) throws IOException { return Checkpoints.load(new ByteArrayInputStream(archive)); }
}
