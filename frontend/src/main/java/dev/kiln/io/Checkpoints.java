package dev.kiln.io;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * PyTorch's checkpoint format, both ways: what {@code torch.save} writes (its default zip format) and
 * {@code torch.load} reads. An archive {@code <name>/} holds {@code data.pkl} (the pickled object, protocol 2),
 * one {@code data/<key>} entry of raw little-endian elements per storage, and {@code version}.
 *
 * <p>Python values map to Java ones as follows, both ways: int ⇄ Long (BigInteger beyond 64 bits; Integer, Short
 * and Byte are saved as ints too), float ⇄ Double (Float saved too), bool ⇄ Boolean, str ⇄ String, bytes ⇄ byte[],
 * None ⇄ null, list ⇄ ArrayList (any List is saved as a list), tuple and {@code torch.Size} ⇄ {@link Tuple},
 * dict ⇄ LinkedHashMap (any Map), {@code OrderedDict} ⇄ {@link OrderedDict} (with its {@code _metadata}), set ⇄
 * LinkedHashSet (frozenset loads as an unmodifiable Set), {@code torch.dtype} ⇄ {@link DType}, tensor and
 * {@code Parameter} ⇄ {@link dev.kiln.Tensor} with dtype, sizes, strides, storage offset and {@code requires_grad}
 * (a Parameter loads as a tensor that requires grad). Tensors viewing one storage are saved with one storage and
 * load as views of one storage again; a container reached twice is one container after loading. Storages saved on
 * a GPU load onto the CPU, as with {@code map_location='cpu'}.
 *
 * <p>Loading never runs code named by the file: the unpickler resolves only the globals that
 * {@code torch.load(weights_only=True)} allows, and checks every size against the archive before allocating, so
 * a corrupt or malicious file fails with a {@link CheckpointFormatException} naming the file, the entry and the
 * problem. Saving to a path is atomic: the archive is written to a temporary file in the same directory, forced
 * to disk and moved over the target, so a crash mid-save leaves the previous checkpoint intact.
 */
public final class Checkpoints {
    private Checkpoints() {}

    private static final String FORMAT_VERSION = "3";
    private static final int MAX_FORMAT_VERSION = 10;
    private static final long ZIP64_THRESHOLD = 0xFFFFFFFFL;

    /** {@code torch.save(obj, file)}, atomically: the previous file (if any) is replaced only by a complete new one. */
    public static void save(Object obj, Path file) throws IOException { save(obj, file, ZIP64_THRESHOLD); }

    static void save(Object obj, Path file, long zip64Threshold) throws IOException {
        PickleWriter pickled = PickleWriter.pickle(obj);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                write(pickled, archiveName(target.getFileName().toString()), out, zip64Threshold);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException directoriesCannotBeSynced) {
            // some platforms cannot open a directory; the rename itself is still atomic there
        }
    }

    /** {@code torch.save(obj, buffer)}: writes the archive (named {@code archive}, as PyTorch names one in a buffer) to {@code out}, left open. */
    public static void save(Object obj, OutputStream out) throws IOException {
        write(PickleWriter.pickle(obj), "archive", out, ZIP64_THRESHOLD);
    }

    /** {@code torch.load(file, map_location='cpu', weights_only=True)}. */
    public static Object load(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ZipArchiveReader.Source.of(channel), file.toString());
        }
    }

    /** Reads a whole archive from {@code in} (up to 2 GiB; larger checkpoints load from a path). */
    public static Object load(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = in.read(chunk)) != -1; ) {
            if (all.size() > Integer.MAX_VALUE - 16 - n) throw new CheckpointFormatException("<stream>: longer than 2 GiB; load it from a file");
            all.write(chunk, 0, n);
        }
        return read(ZipArchiveReader.Source.of(all.toByteArray()), "<stream>");
    }

    /** PyTorch's archive name for a file: its name without folders and without its extension ({@code model.pt} → {@code model}). */
    static String archiveName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String name = dot >= 0 ? fileName.substring(0, dot) : fileName;
        return name.isEmpty() ? "archive" : name;
    }

    private static void write(PickleWriter pickled, String archive, OutputStream out, long zip64Threshold) throws IOException {
        ZipArchiveWriter zip = new ZipArchiveWriter(out, zip64Threshold);
        addBytes(zip, archive + "/data.pkl", pickled.bytes());
        addBytes(zip, archive + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        List<PickleWriter.StorageRecord> storages = pickled.storages();
        storages.sort(Comparator.comparing(PickleWriter.StorageRecord::key));
        for (PickleWriter.StorageRecord s : storages) {
            long size = (long) s.storage().length() * s.dtype().itemSize();
            CRC32 crc = new CRC32();
            forEachChunk(s, crc::update);
            zip.add(archive + "/data/" + s.key(), size, (int) crc.getValue(), o -> forEachChunk(s, b -> o.write(b.array(), 0, b.limit())));
        }
        addBytes(zip, archive + "/version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
        zip.finish();
    }

    private interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    /** The storage's elements as little-endian bytes, a chunk at a time (the buffer is reused between calls). */
    private static void forEachChunk(PickleWriter.StorageRecord s, ChunkSink sink) throws IOException {
        DType dtype = s.dtype();
        int n = s.storage().length(), perChunk = StorageBytes.CHUNK / dtype.itemSize();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(StorageBytes.CHUNK, Math.max(1L, (long) n * dtype.itemSize())))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < n; at += perChunk) {
            int count = Math.min(perChunk, n - at);
            chunk.clear();
            StorageBytes.encode(dtype, s.storage(), at, count, chunk);
            chunk.flip();
            sink.accept(chunk);
        }
    }

    private static void addBytes(ZipArchiveWriter zip, String name, byte[] bytes) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        zip.add(name, bytes.length, (int) crc.getValue(), o -> o.write(bytes));
    }

    private static Object read(ZipArchiveReader.Source source, String file) throws IOException {
        ZipArchiveReader zip = ZipArchiveReader.open(source, file);
        String first = zip.firstName();
        int slash = first == null ? -1 : first.indexOf('/');
        if (slash < 0) throw new CheckpointFormatException(file + ": not a torch.save archive (its first entry " + first + " is not inside a folder)");
        String archive = first.substring(0, slash + 1);
        if (zip.entry(archive + "constants.pkl") != null) {
            throw new CheckpointFormatException(file + ": a TorchScript archive (torch.jit.save), not a torch.save checkpoint");
        }
        checkVersion(zip, archive, file);
        ByteOrder order = byteOrder(zip, archive, file);
        ZipArchiveReader.Entry pickle = required(zip, archive + "data.pkl", file);
        byte[] pickleBytes = zip.readAll(pickle);
        return PickleReader.read(pickleBytes, file + ": " + pickle.name(), (key, dtype, numel) -> {
            ZipArchiveReader.Entry e = required(zip, archive + "data/" + key, file);
            return readStorage(zip, e, dtype, numel, order, file);
        });
    }

    private static Storage readStorage(ZipArchiveReader zip, ZipArchiveReader.Entry e, DType dtype, long numel, ByteOrder order, String file)
            throws IOException {
        int itemSize = dtype.itemSize();
        if (numel > e.size() / itemSize || numel * itemSize != e.size()) {
            throw new CheckpointFormatException(file + ": " + e.name() + " holds " + e.size() + " bytes but the pickle promises " + numel
                    + " elements of " + dtype + " (" + itemSize + " bytes each)");
        }
        if (numel > Integer.MAX_VALUE - 16) {
            throw new CheckpointFormatException(file + ": " + e.name() + " has " + numel + " elements, more than a Kiln CPU storage holds");
        }
        Storage storage = Storage.allocate(dtype, numel);
        int[] at = {0};
        zip.stream(e, chunk -> {
            int count = chunk.remaining() / itemSize;
            StorageBytes.decode(dtype, chunk.order(order), storage, at[0], count);
            at[0] += count;
        });
        return storage;
    }

    private static void checkVersion(ZipArchiveReader zip, String archive, String file) throws IOException {
        ZipArchiveReader.Entry e = zip.entry(archive + ".data/version");
        if (e == null) e = required(zip, archive + "version", file);
        if (e.size() > 32) throw new CheckpointFormatException(file + ": " + e.name() + " is " + e.size() + " bytes long, not a version number");
        String text = new String(zip.readAll(e), StandardCharsets.US_ASCII).strip();
        if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_FORMAT_VERSION) {
            throw new CheckpointFormatException(file + ": " + e.name() + " says format version '" + text + "'; Kiln reads versions 1 to "
                    + MAX_FORMAT_VERSION);
        }
    }

    private static ByteOrder byteOrder(ZipArchiveReader zip, String archive, String file) throws IOException {
        ZipArchiveReader.Entry e = zip.entry(archive + "byteorder");
        if (e == null) return ByteOrder.LITTLE_ENDIAN;
        String text = e.size() <= 16 ? new String(zip.readAll(e), StandardCharsets.US_ASCII) : "";
        return switch (text) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new CheckpointFormatException(file + ": " + e.name() + " must say 'little' or 'big'");
        };
    }

    private static ZipArchiveReader.Entry required(ZipArchiveReader zip, String name, String file) throws CheckpointFormatException {
        ZipArchiveReader.Entry e = zip.entry(name);
        if (e == null) throw new CheckpointFormatException(file + ": missing entry " + name);
        return e;
    }
}
