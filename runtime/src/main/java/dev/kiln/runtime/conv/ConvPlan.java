package dev.kiln.runtime.conv;

import dev.kiln.ir.op.aten.ConvRules.Conv2dShape;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.linalg.Blas;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;

/**
 * The three products a 2-D convolution is made of, per sample and group, on dense arrays of one compute type
 * (image [N, imageC, H, W], small side [N, smallC, OH, OW], weight [smallC, imageC / groups, kH, kW]):
 * <ul>
 * <li>{@link #gather}: small += W @ im2col(image) (conv2d; the input gradient of conv_transpose2d);</li>
 * <li>{@link #scatter}: image += col2im(W^T @ small) (conv_transpose2d; the input gradient of conv2d);</li>
 * <li>{@link #weightGrad}: dW += small @ im2col(image)^T, summed over the batch.</li>
 * </ul>
 * A 1x1 kernel with stride 1, no padding and equal sides uses the image as its own column matrix. On float32 the
 * gather's products go through {@link PanelGemm}, which reads the column matrix in place. Samples are spread over the
 * worker pool when there are several, each piece with its own column buffer; otherwise the GEMM is.
 */
final class ConvPlan {
    private final DType type;
    private final Columns columns;
    private final int batch, groups, smallC, smallCg, imageC, kg, length, plane;
    private final boolean identity;

    ConvPlan(Conv2dShape s, DType computeType) {
        this.type = computeType;
        this.batch = (int) s.batch();
        this.groups = (int) s.groups();
        this.imageC = (int) s.image()[0];
        this.smallC = (int) s.small()[0];
        this.smallCg = smallC / groups;
        int imageCg = imageC / groups;
        this.columns = new Columns(s, imageC);
        this.kg = (int) (imageCg * s.kernel()[0] * s.kernel()[1]);
        this.length = columns.length();
        this.plane = (int) (s.image()[1] * s.image()[2]);
        this.identity = s.kernel()[0] == 1 && s.kernel()[1] == 1 && s.stride()[0] == 1 && s.stride()[1] == 1
                && s.padding()[0] == 0 && s.padding()[1] == 0 && s.image()[1] == s.small()[1] && s.image()[2] == s.small()[2];
    }

    /** {@code small[q] += W @ im2col(image[q])} for every sample q; {@code small} is a fresh dense array. */
    void gather(Object image, int imageOffset, Object weight, int weightOffset, Object small) {
        forSamples((from, to, inner) -> {
            Object col = identity ? null : buffer();
            for (int q = from; q < to; q++) {
                int at = imageOffset + q * imageC * plane;
                if (!identity) columns.im2col(image, at, col, inner);
                Object b = identity ? image : col;
                int bo = identity ? at : 0;
                for (int g = 0; g < groups; g++) {
                    int wo = weightOffset + g * smallCg * kg, co = (q * smallC + g * smallCg) * length;
                    if (small instanceof float[] out) {
                        PanelGemm.multiply(smallCg, length, kg, (float[]) weight, wo, kg, (float[]) b, bo + g * kg * length, length, out, co,
                                length, true, inner);
                    } else {
                        Blas.gemm(smallCg, length, kg, weight, wo, kg, 1, b, bo + g * kg * length, length, 1, small, co, length, 1, inner);
                    }
                }
            }
        });
    }

    /** {@code image[q] += col2im(W^T @ small[q])} for every sample q; {@code image} is a fresh dense array. */
    void scatter(Object small, int smallOffset, Object weight, int weightOffset, Object image) {
        forSamples((from, to, inner) -> {
            Object col = identity ? null : buffer();
            for (int q = from; q < to; q++) {
                if (!identity) Columns.zero(col);
                Object c = identity ? image : col;
                int co = identity ? q * imageC * plane : 0;
                for (int g = 0; g < groups; g++) {
                    Blas.gemm(kg, length, smallCg, weight, weightOffset + g * smallCg * kg, 1, kg, small,
                            smallOffset + (q * smallC + g * smallCg) * length, length, 1, c, co + g * kg * length, length, 1, inner);
                }
                if (!identity) columns.col2im(col, image, q * imageC * plane, inner);
            }
        });
    }

    /**
     * {@code dW += small[q] @ im2col(image[q])^T} summed over the samples; {@code dW} is a fresh dense array. The
     * samples are cut into at most {@link #WEIGHT_GRAD_PARTS} consecutive runs, a number fixed by the batch alone;
     * each run sums its samples in order into its own partial dW (the first run into dW itself), the runs spread
     * over the worker pool, and the partials are added into dW in run order: the same sums for any number of threads.
     */
    void weightGrad(Object small, int smallOffset, Object image, int imageOffset, Object dW) {
        int parts = Math.clamp(batch, 1, WEIGHT_GRAD_PARTS);
        Object[] partial = new Object[parts];
        partial[0] = dW;
        for (int p = 1; p < parts; p++) partial[p] = TensorData.zeros(type, new long[]{(long) smallC * kg}).storage().array();
        boolean inner = parts == 1;
        Parallel.forRange(parts, 1, (from, to) -> {
            Object col = identity ? null : buffer();
            for (int p = (int) from; p < to; p++) {
                for (int q = p * batch / parts, end = (p + 1) * batch / parts; q < end; q++) {
                    int at = imageOffset + q * imageC * plane;
                    if (!identity) columns.im2col(image, at, col, inner);
                    Object b = identity ? image : col;
                    int bo = identity ? at : 0;
                    for (int g = 0; g < groups; g++) {
                        Blas.gemm(smallCg, kg, length, small, smallOffset + (q * smallC + g * smallCg) * length, length, 1, b,
                                bo + g * kg * length, 1, length, partial[p], g * smallCg * kg, kg, 1, inner);
                    }
                }
            }
        });
        for (int p = 1; p < parts; p++) Columns.add(partial[p], dW);
    }

    /** Runs of samples the weight gradient sums separately (and in parallel) before adding them up. */
    private static final int WEIGHT_GRAD_PARTS = 4;

    private Object buffer() { return TensorData.zeros(type, new long[]{(long) columns.rows() * length}).storage().array(); }

    /** A run over samples [from, to); {@code inner} says whether the GEMMs may use the worker pool themselves. */
    @FunctionalInterface
    private interface Samples {
        void run(int from, int to, boolean inner);
    }

    private void forSamples(Samples body) {
        long work = (long) batch * smallC * kg * length;
        if (batch > 1 && work >= PARALLEL_MIN && Parallel.getNumThreads() > 1) {
            Parallel.forRange(batch, 1, (s, e) -> body.run((int) s, (int) e, false));
        } else {
            body.run(0, batch, true);
        }
    }

    /** Below this many multiply-adds the samples run on the calling thread. */
    private static final long PARALLEL_MIN = 1L << 17;
}
