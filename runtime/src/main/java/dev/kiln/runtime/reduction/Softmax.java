package dev.kiln.runtime.reduction;

import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.vecmath.FloatMath;
import dev.kiln.runtime.vecmath.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * softmax and log_softmax over one dim of a contiguous float32 or float64 tensor, in three passes per line:
 * the maximum, the sum of exp(x - max) (float32: {@link FloatMath#expNonPositive}, as x - max is never positive),
 * then the scaling (or the subtraction of log(sum)). Lines along the innermost dim are vectorised along the line;
 * lines along an outer dim are processed a block of columns at a time, vectorised across the columns.
 */
final class Softmax {
    private Softmax() {}

    private static final int COLS = 256;
    private static final long GRAIN = 1 << 14;

    static void run(TensorData x, int dim, boolean log, TensorData out) {
        Lines lines = Lines.of(x.sizes(), dim);
        if (x.numel() == 0) return;
        Object a = x.storage().array(), o = out.storage().array();
        int off = (int) x.offset(), step = lines.inner(), len = lines.len();
        lines.forEachBlock(COLS, GRAIN, () -> new float[2][COLS], (base, w, scratch) -> {
            int in = off + (int) base, at = (int) base;
            if (a instanceof double[] d) lines64(d, in, (double[]) o, at, w, step, len, log);
            else if (step == 1) row32((float[]) a, in, (float[]) o, at, len, log);
            else cols32((float[]) a, in, (float[]) o, at, w, step, len, log, scratch[0], scratch[1]);
        });
    }

    /** One contiguous float32 line. */
    private static void row32(float[] a, int off, float[] out, int oo, int n, boolean log) {
        var f = Vec.F;
        int l = f.length(), bound = f.loopBound(n), i = 0;
        float max = Vec.extreme(true, a, off, n, Float.NEGATIVE_INFINITY);
        FloatVector vm = FloatVector.broadcast(f, max), acc = FloatVector.zero(f);
        for (; i < bound; i += l) {
            FloatVector e = FloatMath.expNonPositive(FloatVector.fromArray(f, a, off + i).sub(vm));
            if (!log) e.intoArray(out, oo + i);
            acc = acc.add(e);
        }
        float sum = Lanes.sum(acc);
        for (; i < n; i++) {
            float e = (float) Math.exp(a[off + i] - max);
            if (!log) out[oo + i] = e;
            sum += e;
        }
        if (log) {
            float ls = (float) Math.log(sum);
            FloatVector vs = FloatVector.broadcast(f, ls);
            for (i = 0; i < bound; i += l) FloatVector.fromArray(f, a, off + i).sub(vm).sub(vs).intoArray(out, oo + i);
            for (; i < n; i++) out[oo + i] = (a[off + i] - max) - ls;
        } else {
            FloatVector inv = FloatVector.broadcast(f, 1 / sum);
            for (i = 0; i < bound; i += l) FloatVector.fromArray(f, out, oo + i).mul(inv).intoArray(out, oo + i);
            for (; i < n; i++) out[oo + i] *= 1 / sum;
        }
    }

    /** {@code w} float32 lines side by side (columns {@code off..off+w} of rows {@code step} apart). */
    private static void cols32(float[] a, int off, float[] out, int oo, int w, int step, int len, boolean log, float[] m, float[] sum) {
        var f = Vec.F;
        int l = f.length(), bound = f.loopBound(w);
        java.util.Arrays.fill(m, 0, w, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(sum, 0, w, 0f);
        Vec.extremeRows(true, a, off, w, step, len, m, 0);
        for (int k = 0; k < len; k++) {
            int row = off + k * step, orow = oo + k * step, j = 0;
            for (; j < bound; j += l) {
                FloatVector e = FloatMath.expNonPositive(FloatVector.fromArray(f, a, row + j).sub(FloatVector.fromArray(f, m, j)));
                if (!log) e.intoArray(out, orow + j);
                FloatVector.fromArray(f, sum, j).add(e).intoArray(sum, j);
            }
            for (; j < w; j++) {
                float e = (float) Math.exp(a[row + j] - m[j]);
                if (!log) out[orow + j] = e;
                sum[j] += e;
            }
        }
        for (int j = 0; j < w; j++) sum[j] = log ? (float) Math.log(sum[j]) : 1 / sum[j];
        for (int k = 0; k < len; k++) {
            int row = off + k * step, orow = oo + k * step, j = 0;
            for (; j < bound; j += l) {
                FloatVector s = FloatVector.fromArray(f, sum, j);
                if (log) FloatVector.fromArray(f, a, row + j).sub(FloatVector.fromArray(f, m, j)).sub(s).intoArray(out, orow + j);
                else FloatVector.fromArray(f, out, orow + j).mul(s).intoArray(out, orow + j);
            }
            for (; j < w; j++) out[orow + j] = log ? (a[row + j] - m[j]) - sum[j] : out[orow + j] * sum[j];
        }
    }

    /** {@code w} float64 lines side by side (a single contiguous line when {@code w == 1} and {@code step == 1}). */
    private static void lines64(double[] a, int off, double[] out, int oo, int w, int step, int len, boolean log) {
        for (int j = 0; j < w; j++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int k = 0; k < len; k++) max = Math.max(max, a[off + j + k * step]);
            for (int k = 0; k < len; k++) {
                double e = Math.exp(a[off + j + k * step] - max);
                if (!log) out[oo + j + k * step] = e;
                sum += e;
            }
            double ls = Math.log(sum), inv = 1 / sum;
            for (int k = 0; k < len; k++) {
                int i = j + k * step;
                out[oo + i] = log ? (a[off + i] - max) - ls : out[oo + i] * inv;
            }
        }
    }
}
