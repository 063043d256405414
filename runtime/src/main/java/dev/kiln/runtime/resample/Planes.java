package dev.kiln.runtime.resample;

import dev.kiln.ir.op.aten.ResampleRules.Kind;
import dev.kiln.runtime.parallel.Parallel;

/**
 * An upsampling seen as independent planes (one per sample and channel) of [inH, inW] resampled to [outH, outW]; a
 * 1-D upsampling is one of height 1. Planes are spread over the worker pool when there is enough work.
 */
record Planes(int planes, int inH, int inW, int outH, int outW) {
    /** The planes of an input (or gradient) of {@code inputSizes} resampled to the spatial {@code outputSize}. */
    static Planes of(Kind kind, long[] inputSizes, long[] outputSize) {
        int d = inputSizes.length;
        int inH = kind.spatial == 2 ? (int) inputSizes[d - 2] : 1, outH = kind.spatial == 2 ? (int) outputSize[0] : 1;
        return new Planes((int) (inputSizes[0] * inputSizes[1]), inH, (int) inputSizes[d - 1], outH, (int) outputSize[kind.spatial - 1]);
    }

    int inPlane() { return inH * inW; }

    int outPlane() { return outH * outW; }

    /** The full output sizes [N, C, spatial...]. */
    long[] outputSizes(Kind kind, long[] inputSizes) {
        long[] r = new long[kind.spatial + 2];
        r[0] = inputSizes[0];
        r[1] = inputSizes[1];
        if (kind.spatial == 2) r[2] = outH;
        r[r.length - 1] = outW;
        return r;
    }

    /** A run over planes [from, to). */
    @FunctionalInterface
    interface Body {
        void run(int from, int to);
    }

    /** Runs {@code body} over all planes, in pieces of at least {@link #CHUNK} elements of work each. */
    void forEach(Body body) {
        long perPlane = Math.max(1, Math.max(inPlane(), outPlane()));
        Parallel.forRange(planes, Math.max(1, CHUNK / perPlane), (s, e) -> body.run((int) s, (int) e));
    }

    /** Elements per piece of work below which a thread is not worth waking. */
    private static final long CHUNK = 1L << 15;
}
