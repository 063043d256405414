package dev.kiln.runtime.conv;

import dev.kiln.ir.op.aten.ConvRules.Conv2dShape;
import dev.kiln.runtime.parallel.Parallel;
import java.util.Arrays;

/**
 * The column matrix of a 2-D convolution and the two moves between it and an image. Row (c, i, j) of the matrix
 * holds, at each small-side position (y, x), the image element that kernel tap (i, j) of channel c reads there,
 * or zero where the tap falls into the padding. {@link #im2col} fills the matrix from an image; {@link #col2im}
 * adds a matrix back into an image (its adjoint). What lies inside the image is planned once per shape: for
 * kernel row i and output row y the image row (or none), for kernel column j the range of x that stays inside.
 * The padding entries are never written, so a column buffer reused for the same shape keeps them zero.
 */
final class Columns {
    private final int channels, height, width, outH, outW, kh, kw, strideW;
    /** [i * outH + y]: the image row kernel row i reads at output row y, or -1 in the padding. */
    private final int[] imageRow;
    /** Per kernel column j: the first and one-past-last output column inside the image, and the image column of the first. */
    private final int[] xFrom, xTo, imageCol;

    Columns(Conv2dShape s, int channels) {
        this.channels = channels;
        this.height = (int) s.image()[1];
        this.width = (int) s.image()[2];
        this.outH = (int) s.small()[1];
        this.outW = (int) s.small()[2];
        this.kh = (int) s.kernel()[0];
        this.kw = (int) s.kernel()[1];
        this.strideW = (int) s.stride()[1];
        int sh = (int) s.stride()[0], ph = (int) s.padding()[0], pw = (int) s.padding()[1];
        int dh = (int) s.dilation()[0], dw = (int) s.dilation()[1];
        imageRow = new int[kh * outH];
        for (int i = 0; i < kh; i++) {
            for (int y = 0; y < outH; y++) {
                int row = y * sh - ph + i * dh;
                imageRow[i * outH + y] = row >= 0 && row < height ? row : -1;
            }
        }
        xFrom = new int[kw];
        xTo = new int[kw];
        imageCol = new int[kw];
        for (int j = 0; j < kw; j++) {
            int first = j * dw - pw;
            int from = first >= 0 ? 0 : Math.min(outW, ceilDiv(-first, strideW));
            int to = first >= width ? 0 : Math.min(outW, ceilDiv(width - first, strideW));
            xFrom[j] = from;
            xTo[j] = Math.max(from, to);
            imageCol[j] = first + from * strideW;
        }
    }

    private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }

    /** Rows of the column matrix: channels times kernel taps. */
    int rows() { return channels * kh * kw; }

    /** Columns of the column matrix: the small side's positions. */
    int length() { return outH * outW; }

    /**
     * Writes the column matrix of the image at {@code image[offset..]} ([channels, height, width]) into {@code col};
     * {@code parallel} spreads the channels over the worker pool (each writes its own rows).
     */
    void im2col(Object image, int offset, Object col, boolean parallel) { walk(image, offset, col, false, parallel); }

    /** Adds the column matrix {@code col} into the image at {@code image[offset..]}; channels write disjoint planes. */
    void col2im(Object col, Object image, int offset, boolean parallel) { walk(image, offset, col, true, parallel); }

    private void walk(Object image, int offset, Object col, boolean add, boolean parallel) {
        if (!parallel) {
            walk(image, offset, col, add, 0, channels);
            return;
        }
        long perChannel = Math.max(1, (long) kh * kw * outH * outW);
        Parallel.forRange(channels, Math.max(1, CHUNK / perChannel), (s, e) -> walk(image, offset, col, add, (int) s, (int) e));
    }

    /** Elements moved per piece of work below which a thread is not worth waking. */
    private static final long CHUNK = 1L << 16;

    private void walk(Object image, int offset, Object col, boolean add, int fromChannel, int toChannel) {
        int plane = height * width, length = outH * outW;
        for (int c = fromChannel; c < toChannel; c++) {
            int channel = offset + c * plane;
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int n = xTo[j] - xFrom[j];
                    if (n == 0) continue;
                    int row = ((c * kh + i) * kw + j) * length + xFrom[j];
                    for (int y = 0; y < outH; y++) {
                        int r = imageRow[i * outH + y];
                        if (r < 0) continue;
                        int at = channel + r * width + imageCol[j], to = row + y * outW;
                        if (add) addStrided(col, to, image, at, strideW, n);
                        else gather(image, at, strideW, col, to, n);
                    }
                }
            }
        }
    }

    /** {@code dst[to + x] = src[from + x * step]} for x below n. */
    private static void gather(Object src, int from, int step, Object dst, int to, int n) {
        if (step == 1) {
            System.arraycopy(src, from, dst, to, n);
            return;
        }
        switch (dst) {
            case float[] d -> {
                float[] s = (float[]) src;
                for (int x = 0; x < n; x++) d[to + x] = s[from + x * step];
            }
            case double[] d -> {
                double[] s = (double[]) src;
                for (int x = 0; x < n; x++) d[to + x] = s[from + x * step];
            }
            case long[] d -> {
                long[] s = (long[]) src;
                for (int x = 0; x < n; x++) d[to + x] = s[from + x * step];
            }
            default -> throw unsupported(dst);
        }
    }

    /** {@code dst[to + x * step] += src[from + x]} for x below n. */
    private static void addStrided(Object src, int from, Object dst, int to, int step, int n) {
        switch (dst) {
            case float[] d -> {
                float[] s = (float[]) src;
                for (int x = 0; x < n; x++) d[to + x * step] += s[from + x];
            }
            case double[] d -> {
                double[] s = (double[]) src;
                for (int x = 0; x < n; x++) d[to + x * step] += s[from + x];
            }
            case long[] d -> {
                long[] s = (long[]) src;
                for (int x = 0; x < n; x++) d[to + x * step] += s[from + x];
            }
            default -> throw unsupported(dst);
        }
    }

    /** Sets a whole compute-type array to zero. */
    static void zero(Object array) {
        switch (array) {
            case float[] a -> Arrays.fill(a, 0f);
            case double[] a -> Arrays.fill(a, 0.0);
            case long[] a -> Arrays.fill(a, 0L);
            default -> throw unsupported(array);
        }
    }

    /** {@code dst[i] += src[i]} over two compute-type arrays of one length. */
    static void add(Object src, Object dst) {
        switch (dst) {
            case float[] d -> {
                float[] s = (float[]) src;
                for (int i = 0; i < d.length; i++) d[i] += s[i];
            }
            case double[] d -> {
                double[] s = (double[]) src;
                for (int i = 0; i < d.length; i++) d[i] += s[i];
            }
            case long[] d -> {
                long[] s = (long[]) src;
                for (int i = 0; i < d.length; i++) d[i] += s[i];
            }
            default -> throw unsupported(dst);
        }
    }

    private static IllegalStateException unsupported(Object array) {
        return new IllegalStateException("no convolution computes in " + array.getClass().getSimpleName());
    }
}
