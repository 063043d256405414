package dev.kiln.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a zip archive the way PyTorch's {@code PyTorchStreamWriter} does: stored entries whose data starts on a
 * 64-byte boundary (padded with an {@code FB} extra field of {@code Z}s), zip64 fields for entries or offsets past
 * 4 GiB, and a zip64 end record plus its locator before the classic end record. The caller gives each entry's
 * size and CRC-32 up front, so local headers carry them and no data descriptors are needed.
 */
final class ZipArchiveWriter {
    /** Writes an entry's bytes, exactly the size announced. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private record Central(byte[] name, long offset, long size, int crc) {}

    static final int ALIGNMENT = 64;
    private static final long MAX_32 = 0xFFFFFFFFL;

    private final OutputStream out;
    private final long zip64Threshold;
    private final List<Central> written = new ArrayList<>();
    private long position;

    /** {@code zip64Threshold}: sizes and offsets from which zip64 fields are used (0xFFFFFFFF as in the zip spec; lower in tests). */
    ZipArchiveWriter(OutputStream out, long zip64Threshold) {
        this.out = out;
        this.zip64Threshold = zip64Threshold;
    }

    void add(String name, long size, int crc, Body body) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        boolean zip64Size = size >= zip64Threshold;
        int zip64Length = zip64Size ? 20 : 0;
        long start = position + 30 + nameBytes.length + zip64Length + 4;
        int padding = (int) ((ALIGNMENT - start % ALIGNMENT) % ALIGNMENT);
        ByteBuffer header = little(30 + nameBytes.length + zip64Length + 4 + padding);
        header.putInt(0x04034b50).putShort((short) (zip64Size ? 45 : 20)).putShort((short) 0x800).putShort((short) 0)
                .putInt(0).putInt(crc)
                .putInt((int) (zip64Size ? MAX_32 : size)).putInt((int) (zip64Size ? MAX_32 : size))
                .putShort((short) nameBytes.length).putShort((short) (zip64Length + 4 + padding)).put(nameBytes);
        if (zip64Size) header.putShort((short) 1).putShort((short) 16).putLong(size).putLong(size);
        header.put((byte) 'F').put((byte) 'B').putShort((short) padding);
        while (header.hasRemaining()) header.put((byte) 'Z');
        written.add(new Central(nameBytes, position, size, crc));
        write(header);
        CountingStream counted = new CountingStream(out);
        body.writeTo(counted);
        if (counted.count != size) {
            throw new IllegalStateException("zip entry " + name + ": announced " + size + " bytes but wrote " + counted.count);
        }
        position += size;
    }

    /** Writes the central directory and the end records; the caller closes the stream. */
    void finish() throws IOException {
        long cdOffset = position;
        for (Central c : written) {
            boolean bigSize = c.size() >= zip64Threshold, bigOffset = c.offset() >= zip64Threshold;
            int extra = (bigSize || bigOffset) ? 4 + (bigSize ? 16 : 0) + (bigOffset ? 8 : 0) : 0;
            ByteBuffer h = little(46 + c.name().length + extra);
            h.putInt(0x02014b50).putShort((short) (extra > 0 ? 45 : 20)).putShort((short) (extra > 0 ? 45 : 20))
                    .putShort((short) 0x800).putShort((short) 0).putInt(0).putInt(c.crc())
                    .putInt((int) (bigSize ? MAX_32 : c.size())).putInt((int) (bigSize ? MAX_32 : c.size()))
                    .putShort((short) c.name().length).putShort((short) extra).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) (bigOffset ? MAX_32 : c.offset())).put(c.name());
            if (extra > 0) {
                h.putShort((short) 1).putShort((short) (extra - 4));
                if (bigSize) h.putLong(c.size()).putLong(c.size());
                if (bigOffset) h.putLong(c.offset());
            }
            write(h);
        }
        long cdSize = position - cdOffset, eocd64 = position;
        int count = written.size();
        ByteBuffer end = little(56 + 20 + 22);
        end.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(count).putLong(count).putLong(cdSize).putLong(cdOffset);
        end.putInt(0x07064b50).putInt(0).putLong(eocd64).putInt(1);
        boolean big = count >= 0xFFFF || cdSize >= zip64Threshold || cdOffset >= zip64Threshold;
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) (big ? 0xFFFF : count)).putShort((short) (big ? 0xFFFF : count))
                .putInt((int) (big ? MAX_32 : cdSize)).putInt((int) (big ? MAX_32 : cdOffset)).putShort((short) 0);
        write(end);
        out.flush();
    }

    private void write(ByteBuffer b) throws IOException {
        out.write(b.array(), 0, b.position());
        position += b.position();
    }

    private static ByteBuffer little(int size) { return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN); }

    /** Counts what an entry's body writes, to hold it to its announced size. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) { this.out = out; }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
