package dev.kiln.runtime.norm;

import dev.kiln.ir.op.Geometry;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;

/**
 * An (N, C, *) tensor as batch norm sees it: {@code n} samples of {@code c} channels of {@code s} elements. When a
 * channel's runs are short (BatchNorm1d's single elements), the channel-wise passes run on a channel-major copy
 * ([C, N, S], one long run per channel) and the result is transposed back.
 */
record Channels(int n, int c, int s) {
    /** Runs shorter than this are gathered into one run per channel first. */
    private static final int SHORT_RUN = 64;

    static Channels of(TensorData input) {
        long[] sizes = input.sizes();
        long s = 1;
        for (int i = 2; i < sizes.length; i++) s *= sizes[i];
        return new Channels((int) sizes[0], (int) sizes[1], (int) s);
    }

    BatchNorm.Shape shape() { return new BatchNorm.Shape(n, c, s); }

    double count() { return (double) n * s; }

    /** A channel-wise pass over the dense input (and output gradient), writing an output where asked. */
    @FunctionalInterface
    interface Pass {
        void run(TensorData x, TensorData dy, TensorData out, BatchNorm.Shape shape);
    }

    /**
     * Runs {@code pass} on dense copies of {@code input} and {@code gradOut} (null for none) in the compute type,
     * channel-major when runs are short; returns its output, in the input's layout, or null without {@code output}.
     */
    TensorData channelMajor(TensorData input, TensorData gradOut, boolean output, Pass pass) {
        boolean gather = s < SHORT_RUN && n > 1;
        TensorData x = Dense.of(input), dy = gradOut == null ? null : Dense.of(gradOut);
        if (gather) {
            x = transpose(x);
            dy = dy == null ? null : transpose(dy);
        }
        TensorData out = output ? Dense.like(x) : null;
        pass.run(x, dy, out, gather ? new BatchNorm.Shape(1, c, n * s) : shape());
        if (out == null || !gather) return out;
        long[] strides = {s, (long) n * s, 1};
        TensorData back = Copies.contiguous(new TensorData(out.dtype(), out.storage(), new long[]{n, c, s}, strides, 0));
        return back.withGeometry(Geometry.contiguous(input.sizes().clone()));
    }

    /** A dense [N, C, S] tensor as a dense [C, N, S] one. */
    private TensorData transpose(TensorData t) {
        long[] strides = {s, (long) c * s, 1};
        return Copies.contiguous(new TensorData(t.dtype(), t.storage(), new long[]{c, n, s}, strides, t.offset()));
    }
}
