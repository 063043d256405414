package dev.kiln.io;

import dev.kiln.Tensor;
import dev.kiln.ir.op.Geometry;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy's {@code .npy} format ({@code numpy.save} / {@code numpy.load}) for tensors of every dtype numpy has:
 * bool, int8, uint8, int16, int32, int64, float16, float32 and float64. Reads format versions 1.0, 2.0 and 3.0,
 * C and Fortran order (a Fortran-ordered file loads as a tensor with column-major strides, as
 * {@code torch.from_numpy} gives) and either byte order. Writes version 1.0 (2.0 for very long headers), C
 * order, little-endian. bfloat16 is rejected on save, as PyTorch's {@code tensor.numpy()} rejects it, since
 * numpy has no such dtype. A malformed file gives an IllegalArgumentException naming the file and the problem;
 * sizes are checked against the file's length before anything is allocated.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64, CHUNK = 1 << 20, MAX_STREAM_HEADER = 1 << 20;

    public static void save(Tensor tensor, Path path) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
            save(tensor, out);
        }
    }

    /** Writes one array to {@code out} (which stays open, so several arrays can follow each other). */
    public static void save(Tensor tensor, OutputStream out) throws IOException {
        TensorData t = Copies.contiguous(tensor.data());
        if (NpyHeader.descr(t.dtype()) == null) {
            throw new IllegalArgumentException("Npy.save: numpy has no bfloat16 dtype (torch's tensor.numpy() rejects it too); "
                    + "convert the tensor to float32 first");
        }
        byte[] dict = NpyHeader.format(t.dtype(), t.sizes()).getBytes(StandardCharsets.ISO_8859_1);
        int prefix = MAGIC.length + 4, headerLength = Math.ceilDiv(prefix + dict.length + 1, ALIGN) * ALIGN - prefix;
        boolean v1 = headerLength <= 0xFFFF;
        if (!v1) {
            prefix = MAGIC.length + 6;
            headerLength = Math.ceilDiv(prefix + dict.length + 1, ALIGN) * ALIGN - prefix;
        }
        ByteBuffer head = ByteBuffer.allocate(prefix + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) (v1 ? 1 : 2)).put((byte) 0);
        if (v1) head.putShort((short) headerLength);
        else head.putInt(headerLength);
        head.put(dict);
        while (head.position() < head.capacity() - 1) head.put((byte) ' ');
        head.put((byte) '\n');
        out.write(head.array());
        int n = (int) t.numel(), size = t.dtype().itemSize(), perChunk = CHUNK / size;
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < n; at += perChunk) {
            int count = Math.min(perChunk, n - at);
            chunk.clear();
            encode(t, (int) t.offset() + at, count, chunk);
            out.write(chunk.array(), 0, count * size);
        }
        out.flush();
    }

    /** Reads a {@code .npy} file. */
    public static Tensor load(Path path) throws IOException {
        long fileSize = Files.size(path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return read(in, path.toString(), fileSize);
        }
    }

    /** Reads one array from {@code in}, consuming exactly its bytes. */
    public static Tensor load(InputStream in) throws IOException { return read(in, "<stream>", -1); }

    static IllegalArgumentException malformed(String source, String problem) {
        return new IllegalArgumentException("Npy.load: " + source + ": " + problem);
    }

    /** Reads header and data; {@code size} is the number of bytes available, or -1 when unknown. */
    private static Tensor read(InputStream in, String source, long size) throws IOException {
        byte[] start = readExactly(in, MAGIC.length + 2, source, "the magic string and version");
        for (int i = 0; i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) throw malformed(source, "not a .npy file (missing the \\x93NUMPY magic string)");
        }
        int major = start[6];
        if (major < 1 || major > 3 || start[7] != 0) throw malformed(source, "unsupported format version " + major + "." + start[7]);
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lengthField = ByteBuffer.wrap(readExactly(in, lengthBytes, source, "the header length")).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lengthField.getShort() & 0xFFFF : lengthField.getInt() & 0xFFFFFFFFL;
        long consumed = MAGIC.length + 2 + lengthBytes;
        long limit = size >= 0 ? size - consumed : MAX_STREAM_HEADER;
        if (headerLength > limit) {
            throw malformed(source, "header length " + headerLength + " exceeds the " + limit + " bytes " + (size >= 0 ? "left in the file" : "allowed"));
        }
        byte[] headerBytes = readExactly(in, (int) headerLength, source, "the header");
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader h = NpyHeader.parse(header, source);
        long numel = Arrays.stream(h.shape()).anyMatch(s -> s == 0) ? 0 : 1;
        for (long s : h.shape()) {
            if (numel != 0 && s > (Integer.MAX_VALUE - 16) / numel) {
                throw malformed(source, "shape " + Arrays.toString(h.shape()) + " has more elements than a Kiln CPU tensor can hold");
            }
            numel *= s;
        }
        long dataBytes = numel * h.dtype().itemSize();
        if (size >= 0 && dataBytes > size - consumed - headerLength) {
            throw malformed(source, "truncated data: the header promises " + dataBytes + " bytes (shape " + Arrays.toString(h.shape())
                    + ", " + h.dtype() + ") but only " + (size - consumed - headerLength) + " remain");
        }
        Storage storage = size >= 0 ? readInto(in, h, (int) numel, source) : readBuffered(in, h, (int) numel, source);
        long[] shape = h.shape();
        long[] strides = h.fortranOrder() ? fortranStrides(shape) : Geometry.contiguousStrides(shape);
        return new Tensor(new TensorData(h.dtype(), storage, shape, strides, 0));
    }

    /** Reads the data straight into new storage (its size already checked against the file). */
    private static Storage readInto(InputStream in, NpyHeader h, int numel, String source) throws IOException {
        Storage storage = Storage.allocate(h.dtype(), numel);
        int size = h.dtype().itemSize(), perChunk = CHUNK / size;
        byte[] chunk = new byte[CHUNK];
        for (int at = 0; at < numel; at += perChunk) {
            int count = Math.min(perChunk, numel - at);
            if (in.readNBytes(chunk, 0, count * size) != count * size) throw malformed(source, "truncated data");
            decode(h, ByteBuffer.wrap(chunk, 0, count * size), storage, at, count);
        }
        return storage;
    }

    /** Reads a stream's data in chunks first, so a header promising more than the stream holds allocates nothing large. */
    private static Storage readBuffered(InputStream in, NpyHeader h, int numel, String source) throws IOException {
        int size = h.dtype().itemSize(), perChunk = CHUNK / size;
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < numel; at += perChunk) {
            int bytes = Math.min(perChunk, numel - at) * size;
            byte[] chunk = in.readNBytes(bytes);
            if (chunk.length != bytes) {
                throw malformed(source, "truncated data: the header promises " + (long) numel * size + " bytes but the stream ended after "
                        + ((long) at * size + chunk.length));
            }
            chunks.add(chunk);
        }
        Storage storage = Storage.allocate(h.dtype(), numel);
        int at = 0;
        for (byte[] chunk : chunks) {
            decode(h, ByteBuffer.wrap(chunk), storage, at, chunk.length / size);
            at += chunk.length / size;
        }
        return storage;
    }

    private static byte[] readExactly(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) throw malformed(source, "file ends inside " + what + " (" + b.length + " of " + n + " bytes)");
        return b;
    }

    private static long[] fortranStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = 0; i < shape.length; i++) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    private static void decode(NpyHeader h, ByteBuffer bytes, Storage storage, int at, int count) {
        StorageBytes.decode(h.dtype(), bytes.order(h.order()), storage, at, count);
    }

    private static void encode(TensorData t, int at, int count, ByteBuffer out) {
        StorageBytes.encode(t.dtype(), t.storage(), at, count, out);
    }
}
