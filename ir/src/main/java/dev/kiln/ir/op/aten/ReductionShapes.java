package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.aten.ReductionRules.mask;
import static dev.kiln.ir.op.aten.ReductionRules.one;
import static dev.kiln.ir.op.aten.ReductionRules.requireKernelFor;
import static dev.kiln.ir.op.aten.ReductionRules.requireNonEmpty;
import static dev.kiln.ir.op.aten.ReductionRules.shape;
import static dev.kiln.ir.op.aten.ReductionRules.spec;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import java.util.Arrays;

/** The shape and dtype rules of {@link ReductionOps}, one per group of overloads, with PyTorch's checks. */
final class ReductionShapes {
    private ReductionShapes() {}

    static TensorSpec[] sum(String op, Object self, long[] dims, boolean keepdim, Object dtype) {
        TensorMeta x = (TensorMeta) self;
        boolean[] m = mask(op, dims, x.dim());
        return one(ReductionRules.sumDType(x.dtype(), (DType) dtype), shape(x.sizes(), m, keepdim), x);
    }

    static TensorSpec[] mean(String op, Object self, long[] dims, boolean keepdim, Object dtype) {
        TensorMeta x = (TensorMeta) self;
        DType out = ReductionRules.meanDType(op, x.dtype(), (DType) dtype);
        boolean[] m = mask(op, dims, x.dim());
        return one(out, shape(x.sizes(), m, keepdim), x);
    }

    static TensorSpec[] prod(String op, Object self, long[] dims, boolean keepdim, Object dtype) {
        TensorMeta x = (TensorMeta) self;
        DType out = ReductionRules.sumDType(x.dtype(), (DType) dtype);
        requireKernelFor(op, "prod_out_cpu", out, DType.FLOAT16, DType.BFLOAT16);
        boolean[] m = mask(op, dims, x.dim());
        return one(out, shape(x.sizes(), m, keepdim), x);
    }

    /** max(), min(), amax, amin: values only, of the input dtype; an empty dim list reduces everything. */
    static TensorSpec[] extreme(String op, Object self, long[] dims, boolean keepdim) {
        TensorMeta x = (TensorMeta) self;
        boolean[] m = mask(op, dims, x.dim());
        requireNonEmpty(op, x, m, dims == null || dims.length == 0);
        return one(x.dtype(), shape(x.sizes(), m, keepdim), x);
    }

    /** max.dim, min.dim: values and int64 indices. */
    static TensorSpec[] extremeWithIndex(String op, Object self, long dim, boolean keepdim) {
        TensorMeta x = (TensorMeta) self;
        boolean[] m = mask(op, dim, x.dim());
        requireNonEmpty(op, x, m, false);
        long[] s = shape(x.sizes(), m, keepdim);
        return new TensorSpec[]{spec(x.dtype(), s, x), spec(DType.INT64, s, x)};
    }

    /** argmax, argmin: with no dim, the index into the flattened input. */
    static TensorSpec[] argExtreme(String op, String kernel, Object self, Long dim, boolean keepdim) {
        TensorMeta x = (TensorMeta) self;
        requireKernelFor(op, kernel, x.dtype(), DType.BOOL);
        boolean[] m = dim == null ? mask(op, null, x.dim()) : mask(op, dim, x.dim());
        requireNonEmpty(op, x, m, dim == null);
        return one(DType.INT64, shape(x.sizes(), m, keepdim), x);
    }

    /** var, std (one output) and var_mean, std_mean (two): floating inputs only. */
    static TensorSpec[] moments(String op, Object self, long[] dims, boolean keepdim, int outputs) {
        TensorMeta x = (TensorMeta) self;
        if (!x.dtype().isFloatingPoint()) throw OpError.of(op, "std and var only support floating point and complex dtypes");
        boolean[] m = mask(op, dims, x.dim());
        long[] s = shape(x.sizes(), m, keepdim);
        TensorSpec[] out = new TensorSpec[outputs];
        Arrays.fill(out, spec(x.dtype(), s, x));
        return out;
    }

    static TensorSpec[] norm(String op, Object self, long[] dims, boolean keepdim, Object dtype) {
        TensorMeta x = (TensorMeta) self;
        DType out = ReductionRules.normDType(op, x.dtype(), (DType) dtype, true);
        boolean[] m = mask(op, dims, x.dim());
        return one(out, shape(x.sizes(), m, keepdim), x);
    }

    /** linalg_vector_norm: no narrowing dtype, and no inf or negative order over nothing. */
    static TensorSpec[] vectorNorm(String op, Object self, Object ord, long[] dims, boolean keepdim, Object dtype) {
        TensorMeta x = (TensorMeta) self;
        if (!x.dtype().isFloatingPoint()) {
            throw OpError.of(op, "Expected a floating point or complex tensor as input. Got " + x.dtype().legacyName());
        }
        if (dtype != null && !((DType) dtype).isFloatingPoint()) {
            throw OpError.of(op, "dtype should be floating point or complex, but got " + ((DType) dtype).legacyName());
        }
        DType out = ReductionRules.normDType(op, x.dtype(), (DType) dtype, false);
        boolean[] m = mask(op, dims, x.dim());
        double p = ReductionRules.order(ord);
        if (x.numel() == 0 && (p < 0 || p == Double.POSITIVE_INFINITY) && ReductionRules.count(x.sizes(), m) == 0) {
            throw OpError.of(op, "cannot compute the " + (p == Double.POSITIVE_INFINITY ? "inf" : p == Double.NEGATIVE_INFINITY
                    ? "-inf" : String.valueOf(p)) + " norm on an empty tensor because the operation does not have an identity");
        }
        return one(out, shape(x.sizes(), m, keepdim), x);
    }

    static TensorSpec[] logsumexp(String op, Object self, long[] dims, boolean keepdim) {
        TensorMeta x = (TensorMeta) self;
        if (dims.length == 0 && x.dim() > 0) {
            long[] ones = new long[x.dim()];
            Arrays.fill(ones, 1);
            throw OpError.of(op, "an empty dim list is rejected, as in PyTorch 1.13 (output with shape [] doesn't match "
                    + "the broadcast shape " + Shapes.format(ones) + ")");
        }
        DType out = x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32;
        requireKernelFor(op, "logsumexp", out, DType.FLOAT16);
        boolean[] m = mask(op, dims, x.dim());
        return one(out, shape(x.sizes(), m, keepdim), x);
    }

    /** all, any: bool results (uint8 for uint8 inputs). */
    static TensorSpec[] logical(String op, Object self, Long dim, boolean keepdim) {
        TensorMeta x = (TensorMeta) self;
        boolean[] m = dim == null ? mask(op, null, x.dim()) : mask(op, dim, x.dim());
        return one(ReductionRules.logicalDType(x.dtype()), shape(x.sizes(), m, keepdim), x);
    }

    static TensorSpec[] countNonzero(String op, Object self, long[] dims) {
        TensorMeta x = (TensorMeta) self;
        return one(DType.INT64, shape(x.sizes(), mask(op, dims, x.dim()), false), x);
    }

    /** median(): the lower median of all elements (NaN for none). */
    static TensorSpec[] median(String op, Object self) {
        TensorMeta x = (TensorMeta) self;
        requireKernelFor(op, "median_cpu", x.dtype(), DType.BOOL, DType.FLOAT16);
        return one(x.dtype(), new long[0], x);
    }

    /** median.dim and kthvalue: the k-th smallest along {@code dim} (1-based), with its index. */
    static TensorSpec[] selection(String op, String kernel, Object self, long k, long dim, boolean keepdim) {
        TensorMeta x = (TensorMeta) self;
        boolean[] m = mask(op, dim, x.dim());
        requireNonEmpty(op, x, m, false);
        requireKernelFor(op, kernel, x.dtype(), DType.BOOL, DType.FLOAT16);
        int d = Shapes.wrapDim(op, dim, x.dim());
        long size = x.dim() == 0 ? 1 : x.sizes()[d];
        if (k < 1 || k > size) throw OpError.of(op, "selected number k out of range for dimension " + d);
        long[] s = shape(x.sizes(), m, keepdim);
        return new TensorSpec[]{spec(x.dtype(), s, x), spec(DType.INT64, s, x)};
    }

    static TensorSpec[] scan(String op, String kernel, Object self, long dim, Object dtype) {
        TensorMeta x = (TensorMeta) self;
        Shapes.wrapDim(op, dim, x.dim());
        DType out = ReductionRules.sumDType(x.dtype(), (DType) dtype);
        requireKernelFor(op, kernel, out, DType.FLOAT16, DType.BOOL);
        return one(out, x.sizes().clone(), x);
    }

    static TensorSpec[] scanInPlace(String op, String kernel, Object self, long dim, Object dtype) {
        TensorMeta x = (TensorMeta) self;
        if (dtype != null && dtype != x.dtype()) {
            throw OpError.of(op, "Bad in-place call: input tensor dtype " + x.dtype().pyName() + " and output tensor dtype "
                    + ((DType) dtype).pyName() + " should match");
        }
        Shapes.wrapDim(op, dim, x.dim());
        requireKernelFor(op, kernel, x.dtype(), DType.FLOAT16, DType.BOOL);
        return one(x.dtype(), x.sizes().clone(), x);
    }

    /** _softmax / softmax.int and the log variants: float32, float64 and bfloat16, computed in {@code dtype} if given. */
    static TensorSpec[] softmax(String op, String kernel, Object self, long dim, Object dtype, boolean halfToFloat) {
        TensorMeta x = (TensorMeta) self;
        if (halfToFloat) throw OpError.of(op, "softmax with half to float conversion is not supported on CPU");
        Shapes.wrapDim(op, dim, x.dim());
        DType out = dtype != null ? (DType) dtype : x.dtype();
        if (!out.isFloatingPoint() || out == DType.FLOAT16) {
            throw OpError.of(op, "\"" + kernel + "_lastdim_kernel_impl\" not implemented for '" + out.legacyName() + "'");
        }
        return one(out, x.sizes().clone(), x);
    }
}
