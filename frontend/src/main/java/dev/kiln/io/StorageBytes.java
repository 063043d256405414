package dev.kiln.io;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import java.nio.ByteBuffer;

/**
 * Copies between a storage's Java array and raw bytes in a given byte order, a chunk at a time, as the file
 * formats of this package store elements (bool as 0/1 bytes, float16 and bfloat16 as their 16 bits).
 */
final class StorageBytes {
    private StorageBytes() {}

    /** Bytes per chunk that readers and writers move at once: large enough to stream, small enough to allocate freely. */
    static final int CHUNK = 1 << 20;

    /** Fills {@code count} elements of {@code storage} from {@code at} with the next bytes of {@code bytes} (in its order), advancing it. */
    static void decode(DType dtype, ByteBuffer bytes, Storage storage, int at, int count) {
        int start = bytes.position();
        switch (dtype.storage()) {
            case BYTE -> {
                bytes.get(storage.bytes(), at, count);
                if (dtype == DType.BOOL) {
                    byte[] b = storage.bytes();
                    for (int i = at; i < at + count; i++) b[i] = (byte) (b[i] != 0 ? 1 : 0);
                }
            }
            case SHORT -> bytes.asShortBuffer().get(storage.shorts(), at, count);
            case INT -> bytes.asIntBuffer().get(storage.ints(), at, count);
            case LONG -> bytes.asLongBuffer().get(storage.longs(), at, count);
            case FLOAT -> bytes.asFloatBuffer().get(storage.floats(), at, count);
            case DOUBLE -> bytes.asDoubleBuffer().get(storage.doubles(), at, count);
        }
        bytes.position(start + count * dtype.itemSize());
    }

    /** Writes {@code count} elements of {@code storage} from {@code at} at the position of {@code out} (in its order), advancing it. */
    static void encode(DType dtype, Storage storage, int at, int count, ByteBuffer out) {
        int start = out.position();
        switch (dtype.storage()) {
            case BYTE -> out.put(storage.bytes(), at, count);
            case SHORT -> out.asShortBuffer().put(storage.shorts(), at, count);
            case INT -> out.asIntBuffer().put(storage.ints(), at, count);
            case LONG -> out.asLongBuffer().put(storage.longs(), at, count);
            case FLOAT -> out.asFloatBuffer().put(storage.floats(), at, count);
            case DOUBLE -> out.asDoubleBuffer().put(storage.doubles(), at, count);
        }
        out.position(start + count * dtype.itemSize());
    }
}
