package dev.kiln.runtime.conv;

import dev.kiln.ir.op.aten.ConvRules.Conv2dShape;
import dev.kiln.runtime.parallel.Parallel;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A depthwise convolution (each group one input channel, read by {@code multiplier} output channels) as a direct
 * vectorised kernel on float32: im2col with one row per group would make GEMMs of height one. Each input plane is
 * copied into a zero-padded buffer split into stride phases: padded row R and column C go to sub-plane
 * (R mod sh, C mod sw) at (R / sh, C / sw). Every kernel tap then reads one sub-plane at a fixed shift, so an
 * output plane computed with the sub-plane's row pitch is, tap by tap, one contiguous multiply-add over the buffer.
 * The columns past the output width hold garbage and are dropped when the plane is added into the result.
 * Each output element sums its taps in one fixed order, so results do not depend on the number of threads.
 */
final class Depthwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Vectors per block of the computed plane: one broadcast weight feeds this many multiply-adds. */
    private static final int BLOCK = 4;
    /** Multiply-adds per piece of work below which a thread is not worth waking. */
    private static final long CHUNK = 1L << 16;

    private final int batch, channels, multiplier, height, width, outH, outW, taps, sh, sw, ph, pw, hq, wq;
    /** Length of the computed plane (output rows at pitch wq), rounded up to whole blocks. */
    private final int span;
    private final int bufferLength;
    /** Per kernel tap (i, j): where in the buffer output element (0, 0) reads it. */
    private final int[] tapOffset;

    /** Whether {@code s} is depthwise: one input channel per group. */
    static boolean accepts(Conv2dShape s) { return s.groups() == s.image()[0]; }

    Depthwise(Conv2dShape s) {
        batch = (int) s.batch();
        channels = (int) s.image()[0];
        multiplier = (int) (s.small()[0] / channels);
        height = (int) s.image()[1];
        width = (int) s.image()[2];
        outH = (int) s.small()[1];
        outW = (int) s.small()[2];
        int kh = (int) s.kernel()[0], kw = (int) s.kernel()[1], dh = (int) s.dilation()[0], dw = (int) s.dilation()[1];
        taps = kh * kw;
        sh = (int) s.stride()[0];
        sw = (int) s.stride()[1];
        ph = (int) s.padding()[0];
        pw = (int) s.padding()[1];
        hq = Math.ceilDiv(height + 2 * ph, sh);
        wq = Math.ceilDiv(width + 2 * pw, sw);
        span = roundUp(outH * wq, BLOCK * L);
        tapOffset = new int[taps];
        int last = 0;
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                int subPlane = (i * dh % sh) * sw + j * dw % sw;
                tapOffset[i * kw + j] = subPlane * hq * wq + i * dh / sh * wq + j * dw / sw;
                last = Math.max(last, tapOffset[i * kw + j]);
            }
        }
        bufferLength = Math.max(sh * sw * hq * wq, last + span);
    }

    private static int roundUp(int n, int m) { return Math.ceilDiv(n, m) * m; }

    /**
     * {@code out[q, c * multiplier + m] += conv(image[q, c], weight[c * multiplier + m])} for every sample q, channel c
     * and multiplier m; arrays are dense, {@code out} holds the bias (or zeros).
     */
    void forward(float[] image, int imageOffset, float[] weight, int weightOffset, float[] out) {
        int units = batch * channels;
        long perUnit = (long) multiplier * span * taps;
        Parallel.forRange(units, Math.max(1, CHUNK / perUnit), (from, to) -> {
            float[] buffer = Scratch.get(Scratch.ROWS, bufferLength), plane = Scratch.get(Scratch.PLANE, span);
            Arrays.fill(buffer, 0, bufferLength, 0f);
            for (int u = (int) from; u < to; u++) {
                pad(image, imageOffset + u * height * width, buffer);
                for (int m = 0; m < multiplier; m++) {
                    int oc = u * multiplier + m;
                    convolve(buffer, weight, weightOffset + (oc % (channels * multiplier)) * taps, plane);
                    addPlane(plane, out, oc * outH * outW);
                }
            }
        });
    }

    /** Copies one input plane into the inside of the phase-split padded buffer; the padding stays zero. */
    private void pad(float[] image, int at, float[] buffer) {
        int subPlane = hq * wq;
        for (int r = 0; r < height; r++) {
            int row = r + ph, src = at + r * width;
            int rowBase = (row % sh) * sw * subPlane + row / sh * wq;
            if (sw == 1) {
                System.arraycopy(image, src, buffer, rowBase + pw, width);
                continue;
            }
            if (sw == 2) {
                EvenOdd.split(image, src, width, pw, buffer, rowBase, subPlane);
                continue;
            }
            for (int phase = 0; phase < sw; phase++) {
                int first = Math.floorMod(phase - pw, sw), to = rowBase + phase * subPlane + (first + pw) / sw;
                for (int c = first; c < width; c += sw) buffer[to++] = image[src + c];
            }
        }
    }

    /** {@code plane[f] = sum over taps t of w[t] * buffer[tapOffset[t] + f]}, in tap order, a block of vectors at a time. */
    private void convolve(float[] buffer, float[] weight, int w, float[] plane) {
        for (int f = 0; f < span; f += BLOCK * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int t = 0; t < taps; t++) {
                FloatVector wt = FloatVector.broadcast(S, weight[w + t]);
                int at = tapOffset[t] + f;
                a0 = wt.fma(FloatVector.fromArray(S, buffer, at), a0);
                a1 = wt.fma(FloatVector.fromArray(S, buffer, at + L), a1);
                a2 = wt.fma(FloatVector.fromArray(S, buffer, at + 2 * L), a2);
                a3 = wt.fma(FloatVector.fromArray(S, buffer, at + 3 * L), a3);
            }
            a0.intoArray(plane, f);
            a1.intoArray(plane, f + L);
            a2.intoArray(plane, f + 2 * L);
            a3.intoArray(plane, f + 3 * L);
        }
    }

    /** Adds the first {@code outW} columns of each row of the computed plane into the output plane at {@code at}. */
    private void addPlane(float[] plane, float[] out, int at) {
        int vw = S.loopBound(outW);
        for (int y = 0; y < outH; y++) {
            int src = y * wq, dst = at + y * outW, x = 0;
            for (; x < vw; x += L) {
                FloatVector.fromArray(S, out, dst + x).add(FloatVector.fromArray(S, plane, src + x)).intoArray(out, dst + x);
            }
            for (; x < outW; x++) out[dst + x] += plane[src + x];
        }
    }
}
