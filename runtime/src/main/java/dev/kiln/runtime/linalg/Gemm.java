package dev.kiln.runtime.linalg;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.pointwise.Copies;

/**
 * Batched matrix products over tensors: {@code out = beta * self + alpha * a @ b} where a and b are strided views
 * [batch..., n, k] and [batch..., k, m] (stride 0 on broadcast batch dims) and out is a fresh contiguous tensor
 * viewed as [batch..., n, m]. float32 and float64 run the vectorised GEMMs in place on the views; bfloat16 is
 * computed in float32 and the narrow integers in int64, then rounded or wrapped once into the output. When b is
 * shared by the whole batch and a's batch folds into its rows (the N-D @ 2-D case), one large GEMM runs instead
 * of a loop; otherwise small matrices are spread over the worker pool one per batch element.
 */
final class Gemm {
    private Gemm() {}

    /** The dtype products of {@code t} are computed in. */
    static DType computeType(DType t) {
        return switch (t) {
            case BFLOAT16 -> DType.FLOAT32;
            case UINT8, INT8, INT16, INT32 -> DType.INT64;
            default -> t;
        };
    }

    /** {@code t} in dtype {@code to}: itself when it already is, else a contiguous converted copy. */
    static TensorData as(TensorData t, DType to) { return t.dtype() == to ? t : Copies.convert(t, to); }

    /**
     * Computes {@code out = beta * self + alpha * (a @ b)} ({@code self} broadcast to out, skipped when null or
     * beta is 0; the product skipped when alpha is 0). {@code shape} is out's shape seen as [batch..., n, m].
     */
    static void accumulate(TensorData out, long[] shape, TensorData self, Object beta, TensorData a, TensorData b, Object alpha) {
        DType ct = computeType(out.dtype());
        TensorData acc = out.dtype() == ct ? out : TensorData.zeros(ct, out.sizes().clone());
        if (self != null && !isZero(beta)) {
            Copies.copyInto(self, acc);
            if (!isOne(beta)) scale(acc.storage(), ct, beta);
        }
        if (!isZero(alpha)) {
            TensorData c = MatrixViews.view(acc, shape, Geometry.contiguousStrides(shape), 0);
            batched(ct, as(a, ct), as(b, ct), c, alpha, true);
        }
        if (acc != out) Copies.copyInto(acc, out);
    }

    static boolean isZero(Object s) {
        return switch (s) {
            case Boolean b -> !b;
            case Long l -> l == 0;
            case Double d -> d == 0;
            default -> throw new IllegalArgumentException("not a scalar: " + s);
        };
    }

    private static boolean isOne(Object s) {
        return switch (s) {
            case Boolean b -> b;
            case Long l -> l == 1;
            case Double d -> d == 1;
            default -> throw new IllegalArgumentException("not a scalar: " + s);
        };
    }

    static double real(Object s) { return s instanceof Boolean b ? (b ? 1 : 0) : ((Number) s).doubleValue(); }

    /** The scalar as integer tensors see it: floats truncate, as PyTorch's {@code Scalar.to<int64_t>()} does. */
    static long integral(Object s) { return s instanceof Boolean b ? (b ? 1 : 0) : ((Number) s).longValue(); }

    private static void scale(Storage s, DType ct, Object beta) {
        switch (ct.storage()) {
            case FLOAT -> {
                float[] x = s.floats();
                float f = (float) real(beta);
                for (int i = 0; i < x.length; i++) x[i] *= f;
            }
            case DOUBLE -> {
                double[] x = s.doubles();
                double f = real(beta);
                for (int i = 0; i < x.length; i++) x[i] *= f;
            }
            case LONG -> {
                long[] x = s.longs();
                long f = integral(beta);
                for (int i = 0; i < x.length; i++) x[i] *= f;
            }
            case BYTE, SHORT, INT -> throw new IllegalStateException("no GEMM computes in " + ct);
        }
    }

    /** {@code c += alpha * a @ b} for views of equal rank in dtype {@code ct}. */
    static void batched(DType ct, TensorData a, TensorData b, TensorData c, Object alpha, boolean parallel) {
        int d = c.dim(), nb = d - 2;
        int n = (int) c.size(d - 2), m = (int) c.size(d - 1), k = (int) a.size(d - 1);
        long batches = 1;
        for (int i = 0; i < nb; i++) batches *= c.size(i);
        if (batches == 0 || n == 0 || m == 0 || k == 0) return;
        long[] as = a.strides(), bs = b.strides(), cs = c.strides();
        long aRows = MatrixViews.mergedStride(a.sizes(), as, 0, d - 1), cRows = MatrixViews.mergedStride(c.sizes(), cs, 0, d - 1);
        if (batches == 1 || (MatrixViews.allZero(bs, nb) && aRows >= 0 && cRows >= 0)) {
            int rows = (int) (batches * n);
            one(ct, rows, m, k, alpha, a, a.offset(), batches == 1 ? as[d - 2] : aRows, as[d - 1], b, b.offset(), bs[d - 2], bs[d - 1],
                    c, c.offset(), batches == 1 ? cs[d - 2] : cRows, cs[d - 1], parallel);
            return;
        }
        long work = (long) n * m * k;
        boolean spread = parallel && work < GemmDriver.PARALLEL_MIN && work * batches >= GemmDriver.PARALLEL_MIN;
        long grain = spread ? Math.max(1, batches / Parallel.getNumThreads()) : batches;
        boolean inner = parallel && !spread;
        Parallel.forRange(batches, grain, (s, e) -> {
            for (long q = s; q < e; q++) {
                one(ct, n, m, k, alpha, a, MatrixViews.batchOffset(a, q, nb), as[d - 2], as[d - 1], b, MatrixViews.batchOffset(b, q, nb),
                        bs[d - 2], bs[d - 1], c, MatrixViews.batchOffset(c, q, nb), cs[d - 2], cs[d - 1], inner);
            }
        });
    }

    private static void one(DType ct, int m, int n, int k, Object alpha, TensorData a, long ao, long rsa, long csa,
                            TensorData b, long bo, long rsb, long csb, TensorData c, long co, long rsc, long csc, boolean parallel) {
        Storage sa = a.storage(), sb = b.storage(), sc = c.storage();
        switch (ct.storage()) {
            case FLOAT -> Sgemm.gemm(m, n, k, (float) real(alpha), sa.floats(), (int) ao, (int) rsa, (int) csa, sb.floats(), (int) bo,
                    (int) rsb, (int) csb, sc.floats(), (int) co, (int) rsc, (int) csc, parallel);
            case DOUBLE -> Dgemm.gemm(m, n, k, real(alpha), sa.doubles(), (int) ao, (int) rsa, (int) csa, sb.doubles(), (int) bo,
                    (int) rsb, (int) csb, sc.doubles(), (int) co, (int) rsc, (int) csc, parallel);
            case LONG -> Lgemm.gemm(m, n, k, integral(alpha), sa.longs(), (int) ao, (int) rsa, (int) csa, sb.longs(), (int) bo,
                    (int) rsb, (int) csb, sc.longs(), (int) co, (int) rsc, (int) csc, parallel);
            case BYTE, SHORT, INT -> throw new IllegalStateException("no GEMM computes in " + ct);
        }
    }
}
