package dev.kiln.runtime.embedding;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.aten.EmbeddingOps;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import java.util.Arrays;

/**
 * CPU kernels of the embedding family ({@link EmbeddingOps}); registered with {@link Kernels}. {@code embedding}
 * copies whole rows (any dtype); {@code embedding_dense_backward} groups the samples by row first, so rows are
 * summed in parallel, each in sample order; {@code embedding_renorm_} rescales rows in place as PyTorch does.
 */
public final class EmbeddingKernels {
    private EmbeddingKernels() {}

    static {
        Kernels.register(EmbeddingOps.EMBEDDING, EmbeddingKernels::embedding);
        Kernels.register(EmbeddingOps.EMBEDDING_DENSE_BACKWARD, EmbeddingKernels::denseBackward);
        Kernels.register(EmbeddingOps.EMBEDDING_RENORM_, EmbeddingKernels::renorm);
        Kernels.register(EmbeddingOps.EMBEDDING_BAG_BASE, EmbeddingBags::run);
    }

    private static TensorData t(Object[] a, int i) { return (TensorData) a[i]; }

    private static Object embedding(Object[] a) {
        TensorData weight = Copies.contiguous(t(a, 0)), indices = t(a, 1);
        long[] idx = Rows.indexValues(indices);
        long rows = weight.sizes()[0];
        int d = (int) weight.sizes()[1], from = (int) weight.offset();
        for (long i : idx) if (i < 0 || i >= rows) throw OpError.index("aten::embedding", "index out of range in self");
        long[] sizes = Arrays.copyOf(indices.sizes(), indices.dim() + 1);
        sizes[indices.dim()] = d;
        TensorData out = TensorData.zeros(weight.dtype(), sizes);
        Object src = weight.storage().array(), dst = out.storage().array();
        Rows.forRange(idx.length, d, (s, e) -> {
            for (int i = (int) s; i < e; i++) System.arraycopy(src, from + (int) idx[i] * d, dst, i * d, d);
        });
        return out;
    }

    /**
     * {@code grad_weight[k] += grad[i] * alpha} for every sample i of row k (not padding_idx; indices outside the table
     * are skipped, as PyTorch's kernel skips them), alpha being 1 or 1 / the row's count. Floats add in float (double
     * for float64), integers and bool in int64 with alpha truncated, as PyTorch's add with an alpha does.
     */
    private static Object denseBackward(Object[] a) {
        TensorData grad = t(a, 0);
        long[] idx = Rows.indexValues(t(a, 1));
        int numWeights = (int) (long) (Long) a[2], d = (int) grad.sizes()[grad.dim() - 1];
        long padding = (Long) a[3];
        boolean byFreq = (Boolean) a[4];
        DType dtype = grad.dtype();
        DType ct = dtype == DType.FLOAT64 ? DType.FLOAT64 : dtype.isFloatingPoint() ? DType.FLOAT32 : DType.INT64;
        TensorData g = Rows.dense(grad, ct), gw = TensorData.zeros(ct, new long[]{numWeights, d});
        int[] start = new int[numWeights + 1], order = groupByRow(idx, numWeights, start);
        Object src = g.storage().array(), dst = gw.storage().array();
        int at = (int) g.offset();
        Rows.forRange(numWeights, Math.max(1, (long) idx.length * d / Math.max(1, numWeights)), (s, e) -> {
            for (int k = (int) s; k < e; k++) {
                if (k == padding) continue;
                double alpha = byFreq ? 1.0 / (start[k + 1] - start[k]) : 1.0;
                for (int p = start[k]; p < start[k + 1]; p++) addRow(src, at + order[p] * d, dst, k * d, d, alpha);
            }
        });
        return Rows.as(gw, dtype);
    }

    /** The samples sorted stably by row: {@code order[start[k] .. start[k + 1])} are row k's samples in order. */
    private static int[] groupByRow(long[] idx, int rows, int[] start) {
        for (long k : idx) if (k >= 0 && k < rows) start[(int) k + 1]++;
        for (int k = 0; k < rows; k++) start[k + 1] += start[k];
        int[] next = Arrays.copyOf(start, rows), order = new int[start[rows]];
        for (int i = 0; i < idx.length; i++) if (idx[i] >= 0 && idx[i] < rows) order[next[(int) idx[i]]++] = i;
        return order;
    }

    private static void addRow(Object src, int from, Object dst, int to, int d, double alpha) {
        switch (dst) {
            case float[] w -> {
                float[] g = (float[]) src;
                float f = (float) alpha;
                for (int j = 0; j < d; j++) w[to + j] += f * g[from + j];
            }
            case double[] w -> {
                double[] g = (double[]) src;
                for (int j = 0; j < d; j++) w[to + j] += alpha * g[from + j];
            }
            case long[] w -> {
                long[] g = (long[]) src;
                long l = (long) alpha;
                for (int j = 0; j < d; j++) w[to + j] += l * g[from + j];
            }
            default -> throw new IllegalStateException("embedding_dense_backward computes in float, double or int64");
        }
    }

    /**
     * Each distinct index's row (negative indices count from the end, as PyTorch's {@code self[i]} does) whose
     * {@code norm_type}-norm exceeds max_norm is scaled by {@code max_norm / (norm + 1e-7)}; the norm is rounded to
     * the row's dtype and the scale applied in float for the reduced-precision dtypes, as PyTorch computes them.
     */
    private static Object renorm(Object[] a) {
        TensorData self = t(a, 0);
        long[] idx = Rows.indexValues(t(a, 1));
        Arrays.sort(idx);
        double maxNorm = (Double) a[2], p = (Double) a[3];
        long rows = self.sizes()[0];
        int d = (int) self.sizes()[1];
        DType dtype = self.dtype();
        double[] row = new double[d];
        for (int i = 0; i < idx.length; i++) {
            if (i > 0 && idx[i] == idx[i - 1]) continue;
            long r = idx[i] < 0 ? idx[i] + rows : idx[i];
            if (r < 0 || r >= rows) {
                throw OpError.index("aten::embedding_renorm_", "select(): index " + idx[i] + " out of range for tensor of size "
                        + Arrays.toString(self.sizes()) + " at dimension 0");
            }
            int base = (int) (self.offset() + r * self.strides()[0]), step = (int) self.strides()[1];
            for (int j = 0; j < d; j++) row[j] = Elements.getDouble(dtype, self.storage(), base + j * step);
            double norm = round(dtype, norm(row, p));
            if (norm <= maxNorm) continue;
            double scale = maxNorm / (norm + 1e-7);
            for (int j = 0; j < d; j++) {
                double v = dtype == DType.FLOAT64 ? row[j] * scale : (float) row[j] * (float) scale;
                Elements.setDouble(dtype, self.storage(), base + j * step, v);
            }
        }
        return self;
    }

    /** The p-norm of a row: count of non-zeros for p = 0, largest (smallest) magnitude for p = inf (-inf). */
    private static double norm(double[] row, double p) {
        double acc = p == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : 0;
        for (double x : row) {
            double m = Math.abs(x);
            if (p == 0) acc += m != 0 ? 1 : 0;
            else if (p == Double.POSITIVE_INFINITY) acc = Math.max(acc, m);
            else if (p == Double.NEGATIVE_INFINITY) acc = Math.min(acc, m);
            else acc += p == 1 ? m : p == 2 ? m * m : Math.pow(m, p);
        }
        if (p == 0 || p == 1 || Double.isInfinite(p)) return acc;
        return p == 2 ? Math.sqrt(acc) : Math.pow(acc, 1 / p);
    }

    private static double round(DType dtype, double v) {
        return switch (dtype) {
            case FLOAT64 -> v;
            case BFLOAT16 -> Elements.bfloat16ToFloat(Elements.floatToBfloat16((float) v));
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            default -> (float) v;
        };
    }
}
