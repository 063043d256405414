package dev.kiln.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads the zip container that {@code torch.save} writes: stored (uncompressed) entries, zip64 records where
 * sizes or offsets need them. Every size and offset is checked against the archive's length before anything
 * is allocated, entries may not overlap each other or the central directory (so the bytes read in total never
 * exceed the file's length), and each entry's CRC-32 is verified as it is read. Problems are
 * {@link CheckpointFormatException}s naming the source and the entry.
 */
final class ZipArchiveReader {
    /** Random access to the archive's bytes: a file or an array. */
    interface Source {
        long size();

        /** Reads exactly {@code into.remaining()} bytes starting at {@code position}. */
        void read(long position, ByteBuffer into) throws IOException;

        static Source of(FileChannel channel) throws IOException {
            long size = channel.size();
            return new Source() {
                public long size() { return size; }

                public void read(long position, ByteBuffer into) throws IOException {
                    while (into.hasRemaining()) {
                        int n = channel.read(into, position);
                        if (n < 0) throw new CheckpointFormatException("unexpected end of file at byte " + position);
                        position += n;
                    }
                }
            };
        }

        static Source of(byte[] bytes) {
            return new Source() {
                public long size() { return bytes.length; }

                public void read(long position, ByteBuffer into) { into.put(bytes, (int) position, into.remaining()); }
            };
        }
    }

    /** One stored entry: where its data starts, how long it is and its CRC-32 from the central directory. */
    record Entry(String name, long headerOffset, long dataOffset, long size, int crc) {}

    private static final int EOCD = 0x06054b50, EOCD64 = 0x06064b50, LOCATOR64 = 0x07064b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
    private static final long MAX_CENTRAL_DIRECTORY = 64L << 20;

    private final Source source;
    private final String where;
    private final Map<String, Entry> entries;
    private final String firstName;

    private ZipArchiveReader(Source source, String where, Map<String, Entry> entries, String firstName) {
        this.source = source;
        this.where = where;
        this.entries = entries;
        this.firstName = firstName;
    }

    /** Parses the central directory and every local header of the archive in {@code source}; {@code where} names it in errors. */
    static ZipArchiveReader open(Source source, String where) throws IOException {
        long size = source.size();
        if (size < 22) throw new CheckpointFormatException(where + ": not a zip archive (only " + size + " bytes)");
        int tailLength = (int) Math.min(size, 22 + 0xFFFF);
        ByteBuffer tail = read(source, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD && (tail.getShort(i + 20) & 0xFFFF) == tailLength - 22 - i) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new CheckpointFormatException(where + ": not a zip archive (no end of central directory record); "
                    + "Kiln reads the zip format torch.save writes by default, not the legacy format of _use_new_zipfile_serialization=False");
        }
        long eocdPosition = size - tailLength + eocd;
        long count = tail.getShort(eocd + 10) & 0xFFFF, cdSize = tail.getInt(eocd + 12) & 0xFFFFFFFFL;
        long cdOffset = tail.getInt(eocd + 16) & 0xFFFFFFFFL, cdEnd = eocdPosition;
        if (eocd >= 20 && tail.getInt(eocd - 20) == LOCATOR64) {
            long record = tail.getLong(eocd - 20 + 8);
            if (record < 0 || record > eocdPosition - 20 - 56) throw corrupt(where, "zip64 end record offset " + record + " is outside the archive");
            ByteBuffer r = read(source, record, 56);
            if (r.getInt(0) != EOCD64) throw corrupt(where, "no zip64 end of central directory record at byte " + record);
            count = r.getLong(32);
            cdSize = r.getLong(40);
            cdOffset = r.getLong(48);
            cdEnd = record;
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset > cdEnd || cdSize > cdEnd - cdOffset) {
            throw corrupt(where, "central directory (offset " + cdOffset + ", " + cdSize + " bytes) lies outside the archive");
        }
        if (cdSize > MAX_CENTRAL_DIRECTORY) throw corrupt(where, "central directory of " + cdSize + " bytes is larger than Kiln accepts");
        if (count < 0 || count > cdSize / 46) throw corrupt(where, count + " entries cannot fit in a central directory of " + cdSize + " bytes");
        ByteBuffer cd = read(source, cdOffset, (int) cdSize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        String first = null;
        for (long i = 0; i < count; i++) {
            Entry e = centralEntry(source, cd, cdOffset, where);
            if (entries.putIfAbsent(e.name(), e) != null) throw corrupt(where, "duplicate entry " + e.name());
            if (first == null) first = e.name();
        }
        checkNoOverlap(entries.values(), cdOffset, where);
        return new ZipArchiveReader(source, where, entries, first);
    }

    /** The name of the first entry in the central directory (PyTorch takes the archive's folder name from it), or null. */
    String firstName() { return firstName; }

    Entry entry(String name) { return entries.get(name); }

    /** Reads a whole entry into memory, checking its CRC. */
    byte[] readAll(Entry e) throws IOException {
        if (e.size() > Integer.MAX_VALUE - 16) throw corrupt(where, "entry " + e.name() + " of " + e.size() + " bytes is too large to hold in memory");
        ByteBuffer all = ByteBuffer.allocate((int) e.size());
        stream(e, chunk -> all.put(chunk));
        return all.array();
    }

    /** Receives an entry's bytes a chunk at a time. */
    interface ChunkConsumer {
        void accept(ByteBuffer chunk) throws IOException;
    }

    /** Passes the entry's bytes to {@code consumer} in order, then checks the CRC (so a consumer must discard its result on failure). */
    void stream(Entry e, ChunkConsumer consumer) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(StorageBytes.CHUNK, Math.max(e.size(), 1)));
        for (long done = 0; done < e.size(); ) {
            int n = (int) Math.min(chunk.capacity(), e.size() - done);
            chunk.clear().limit(n);
            source.read(e.dataOffset() + done, chunk);
            chunk.flip();
            crc.update(chunk.duplicate());
            consumer.accept(chunk);
            done += n;
        }
        if ((int) crc.getValue() != e.crc()) {
            throw corrupt(where, "entry " + e.name() + " is corrupt (CRC-32 " + Integer.toHexString((int) crc.getValue())
                    + ", the central directory says " + Integer.toHexString(e.crc()) + ")");
        }
    }

    private static Entry centralEntry(Source source, ByteBuffer cd, long cdOffset, String where) throws IOException {
        if (cd.remaining() < 46 || cd.getInt(cd.position()) != CENTRAL) {
            throw corrupt(where, "bad central directory header at byte " + (cdOffset + cd.position()));
        }
        int at = cd.position();
        int flags = cd.getShort(at + 8) & 0xFFFF, method = cd.getShort(at + 10) & 0xFFFF, crc = cd.getInt(at + 16);
        long compressed = cd.getInt(at + 20) & 0xFFFFFFFFL, size = cd.getInt(at + 24) & 0xFFFFFFFFL;
        int nameLength = cd.getShort(at + 28) & 0xFFFF, extraLength = cd.getShort(at + 30) & 0xFFFF, commentLength = cd.getShort(at + 32) & 0xFFFF;
        long offset = cd.getInt(at + 42) & 0xFFFFFFFFL;
        if (cd.remaining() < 46L + nameLength + extraLength + commentLength) throw corrupt(where, "central directory is truncated");
        byte[] nameBytes = new byte[nameLength];
        cd.get(at + 46, nameBytes);
        String name = new String(nameBytes, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        for (int x = at + 46 + nameLength, end = x + extraLength; x + 4 <= end; ) {
            int id = cd.getShort(x) & 0xFFFF, length = cd.getShort(x + 2) & 0xFFFF;
            if (x + 4 + length > end) throw corrupt(where, "extra field of entry " + name + " is truncated");
            if (id == 0x0001) {
                int y = x + 4, fieldEnd = y + length;
                if (size == 0xFFFFFFFFL) { size = zip64Field(cd, y, fieldEnd, name, where); y += 8; }
                if (compressed == 0xFFFFFFFFL) { compressed = zip64Field(cd, y, fieldEnd, name, where); y += 8; }
                if (offset == 0xFFFFFFFFL) offset = zip64Field(cd, y, fieldEnd, name, where);
            }
            x += 4 + length;
        }
        cd.position(at + 46 + nameLength + extraLength + commentLength);
        if ((flags & 1) != 0) throw corrupt(where, "entry " + name + " is encrypted");
        if (method != 0) {
            throw corrupt(where, "entry " + name + " is compressed (method " + method + "); torch.save stores entries uncompressed");
        }
        if (compressed != size) throw corrupt(where, "entry " + name + " is stored but its sizes differ (" + compressed + " and " + size + ")");
        if (offset < 0 || size < 0 || offset > cdOffset - 30) throw corrupt(where, "entry " + name + " starts outside the archive");
        ByteBuffer local = read(source, offset, 30);
        if (local.getInt(0) != LOCAL) throw corrupt(where, "no local header for entry " + name + " at byte " + offset);
        long dataOffset = offset + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
        if (dataOffset > cdOffset || size > cdOffset - dataOffset) {
            throw corrupt(where, "entry " + name + " (" + size + " bytes at byte " + dataOffset + ") runs past the start of the central directory");
        }
        int localNameLength = local.getShort(26) & 0xFFFF;
        if (localNameLength != nameLength || !read(source, offset + 30, nameLength).equals(ByteBuffer.wrap(nameBytes))) {
            throw corrupt(where, "local header of entry " + name + " names another entry");
        }
        return new Entry(name, offset, dataOffset, size, crc);
    }

    private static long zip64Field(ByteBuffer cd, int at, int end, String name, String where) throws CheckpointFormatException {
        if (at + 8 > end) throw corrupt(where, "zip64 extra field of entry " + name + " is too short");
        return cd.getLong(at);
    }

    private static void checkNoOverlap(Iterable<Entry> entries, long cdOffset, String where) throws CheckpointFormatException {
        List<Entry> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(Entry::headerOffset));
        for (int i = 1; i < sorted.size(); i++) {
            Entry before = sorted.get(i - 1), e = sorted.get(i);
            if (before.dataOffset() + before.size() > e.headerOffset()) {
                throw corrupt(where, "entries " + before.name() + " and " + e.name() + " overlap");
            }
        }
    }

    private static ByteBuffer read(Source source, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        source.read(position, b);
        return b.flip();
    }

    static CheckpointFormatException corrupt(String where, String problem) {
        return new CheckpointFormatException(where + ": corrupt zip archive: " + problem);
    }
}
