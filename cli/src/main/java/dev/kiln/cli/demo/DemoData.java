package dev.kiln.cli.demo;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The demo's image classification data: images as a float32 [N, 1, H, W] tensor scaled to [0, 1] and labels
 * as an int64 [N] tensor. Two sources: the UCI optdigits 8x8 digits embedded as a resource, and Fashion-MNIST's
 * IDX files (28x28) as Debian's {@code dataset-fashion-mnist} package installs them.
 */
public record DemoData(Tensor images, Tensor labels) {
    /** Where Debian's {@code dataset-fashion-mnist} puts its files. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String OPTDIGITS = "optdigits.csv.gz";
    /** The largest IDX payload read (Fashion-MNIST's training images are 47 MB): a corrupt header cannot ask for more. */
    private static final long MAX_IDX_BYTES = 1L << 28;

    /** Number of samples. */
    public int size() { return (int) labels.size(0); }

    /** The 1,797 optdigits images (pixel counts 0..16 divided by 16) and their digits. */
    public static DemoData optdigits() throws IOException {
        InputStream resource = DemoData.class.getResourceAsStream(OPTDIGITS);
        if (resource == null) throw new IOException("the optdigits resource " + OPTDIGITS + " is missing from the class path");
        List<float[]> pixels = new ArrayList<>();
        List<Long> digits = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                String[] cells = line.split(",");
                if (cells.length != 65) {
                    throw new IOException(OPTDIGITS + " line " + (digits.size() + 1) + ": expected 65 values (64 pixels and a label), found " + cells.length);
                }
                float[] image = new float[64];
                for (int i = 0; i < 64; i++) image[i] = Integer.parseInt(cells[i].trim()) / 16f;
                pixels.add(image);
                digits.add(Long.parseLong(cells[64].trim()));
            }
        }
        float[] flat = new float[pixels.size() * 64];
        for (int i = 0; i < pixels.size(); i++) System.arraycopy(pixels.get(i), 0, flat, i * 64, 64);
        long[] labels = digits.stream().mapToLong(Long::longValue).toArray();
        return new DemoData(Torch.tensor(flat).reshape(pixels.size(), 1, 8, 8), Torch.tensor(labels));
    }

    /** Fashion-MNIST's training ({@code train}) or test ({@code t10k}) split from {@code dir}; pixels divided by 255. */
    public static DemoData fashionMnist(Path dir, String split) throws IOException {
        byte[] images = idx(dir.resolve(split + "-images-idx3-ubyte.gz"), 3);
        byte[] labels = idx(dir.resolve(split + "-labels-idx1-ubyte.gz"), 1);
        int n = labels.length, side = (int) Math.round(Math.sqrt((double) images.length / Math.max(1, n)));
        if (n == 0 || (long) n * side * side != images.length) {
            throw new IOException(dir + ": " + split + " holds " + images.length + " pixels for " + n + " labels, not n square images");
        }
        float[] pixels = new float[images.length];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (images[i] & 0xff) / 255f;
        long[] classes = new long[n];
        for (int i = 0; i < n; i++) classes[i] = labels[i] & 0xff;
        return new DemoData(Torch.tensor(pixels).reshape(n, 1, side, side), Torch.tensor(classes));
    }

    /** The unsigned-byte payload of a gzipped IDX file of {@code dims} dimensions, after checking its header. */
    private static byte[] idx(Path file, int dims) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": not found (is dataset-fashion-mnist installed?)");
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            int magic = in.readInt();
            if (magic != (0x0800 | dims)) {
                throw new IOException(file + ": expected an IDX file of unsigned bytes with " + dims + " dimensions (magic 0x"
                        + Integer.toHexString(0x0800 | dims) + "), found magic 0x" + Integer.toHexString(magic));
            }
            long count = 1;
            for (int d = 0; d < dims; d++) {
                int size = in.readInt();
                if (size < 0) throw new IOException(file + ": dimension " + d + " has negative size " + size);
                count *= size;
                if (count > MAX_IDX_BYTES) throw new IOException(file + ": its header promises " + count + " bytes, more than the " + MAX_IDX_BYTES + " read");
            }
            byte[] data = new byte[(int) count];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new IOException(file + ": truncated, its header promises " + count + " bytes", e);
            }
            return data;
        }
    }

    /** Samples {@code [from, to)} of the order {@code permutation} (an int64 tensor of indices). */
    public DemoData select(Tensor permutation, long from, long to) {
        Tensor rows = permutation.narrow(0, from, to - from);
        return new DemoData(images.indexSelect(0, rows), labels.indexSelect(0, rows));
    }
}
