package dev.kiln;

import static dev.kiln.Scalars.dims;
import static dev.kiln.dispatch.Dispatcher.apply;
import static dev.kiln.dispatch.Dispatcher.applyMulti;

import dev.kiln.ir.op.aten.ReductionOps;
import dev.kiln.ir.type.DType;

/**
 * Reduction methods: sums, means, extrema, statistics, norms, logic, order statistics, scans and softmax
 * (see {@link ReductionOps}). Dims are {@code int} and may be negative; an empty dim list reduces every dim where
 * PyTorch does. Multi-dim reductions (sum, mean, amax, amin, logsumexp, norm) share the overloads {@code op()},
 * {@code op(int... dims)}, {@code op(int dim, boolean keepdim)} and {@code op(int[] dims, boolean keepdim)};
 * single-dim ones (prod, all, any, argmax, argmin, max, min, median) {@code op()}, {@code op(int dim)} and
 * {@code op(int dim, boolean keepdim)}. var and std follow PyTorch's positional order {@code (dim, unbiased,
 * keepdim)}. Ops returning PyTorch's {@code (values, indices)} named tuple return a {@link ValuesIndices}.
 */
public sealed interface TensorReductions permits Tensor {
    Tensor self();

    default Tensor sum() { return apply(ReductionOps.SUM, self(), null); }

    /** {@code sum(dtype=dtype)}: the input is converted to {@code dtype} first. */
    default Tensor sum(DType dtype) { return apply(ReductionOps.SUM, self(), dtype); }

    default Tensor sum(int... dims) { return sum(dims, false); }

    default Tensor sum(int dim, boolean keepdim) { return sum(new int[]{dim}, keepdim); }

    default Tensor sum(int[] dims, boolean keepdim) { return sum(dims, keepdim, null); }

    default Tensor sum(int[] dims, boolean keepdim, DType dtype) { return apply(ReductionOps.SUM_DIM, self(), dims(dims), keepdim, dtype); }

    default Tensor mean() { return apply(ReductionOps.MEAN, self(), null); }

    default Tensor mean(DType dtype) { return apply(ReductionOps.MEAN, self(), dtype); }

    default Tensor mean(int... dims) { return mean(dims, false); }

    default Tensor mean(int dim, boolean keepdim) { return mean(new int[]{dim}, keepdim); }

    default Tensor mean(int[] dims, boolean keepdim) { return mean(dims, keepdim, null); }

    default Tensor mean(int[] dims, boolean keepdim, DType dtype) { return apply(ReductionOps.MEAN_DIM, self(), dims(dims), keepdim, dtype); }

    default Tensor prod() { return apply(ReductionOps.PROD, self(), null); }

    default Tensor prod(DType dtype) { return apply(ReductionOps.PROD, self(), dtype); }

    /** The product along one dim (PyTorch's prod takes a single dim). */
    default Tensor prod(int dim) { return prod(dim, false); }

    default Tensor prod(int dim, boolean keepdim) { return prod(dim, keepdim, null); }

    default Tensor prod(int dim, boolean keepdim, DType dtype) { return apply(ReductionOps.PROD_DIM, self(), (long) dim, keepdim, dtype); }

    /** The largest element; NaN if there is one. */
    default Tensor max() { return apply(ReductionOps.MAX, self()); }

    /** The largest values along {@code dim} and the index of their first occurrence (of the first NaN, if any). */
    default ValuesIndices max(int dim) { return max(dim, false); }

    default ValuesIndices max(int dim, boolean keepdim) { return ValuesIndices.of(applyMulti(ReductionOps.MAX_DIM, self(), (long) dim, keepdim)); }

    /** {@code max(other)}: the element-wise {@link TensorPointwise#maximum maximum}. */
    default Tensor max(Tensor other) { return self().maximum(other); }

    default Tensor min() { return apply(ReductionOps.MIN, self()); }

    default ValuesIndices min(int dim) { return min(dim, false); }

    default ValuesIndices min(int dim, boolean keepdim) { return ValuesIndices.of(applyMulti(ReductionOps.MIN_DIM, self(), (long) dim, keepdim)); }

    /** {@code min(other)}: the element-wise {@link TensorPointwise#minimum minimum}. */
    default Tensor min(Tensor other) { return self().minimum(other); }

    /** The largest values over {@code dims} (every dim when none are given). */
    default Tensor amax(int... dims) { return amax(dims, false); }

    default Tensor amax(int dim, boolean keepdim) { return amax(new int[]{dim}, keepdim); }

    default Tensor amax(int[] dims, boolean keepdim) { return apply(ReductionOps.AMAX, self(), dims(dims), keepdim); }

    default Tensor amin(int... dims) { return amin(dims, false); }

    default Tensor amin(int dim, boolean keepdim) { return amin(new int[]{dim}, keepdim); }

    default Tensor amin(int[] dims, boolean keepdim) { return apply(ReductionOps.AMIN, self(), dims(dims), keepdim); }

    /** The index of the largest element of the flattened tensor. */
    default Tensor argmax() { return apply(ReductionOps.ARGMAX, self(), null, false); }

    default Tensor argmax(int dim) { return argmax(dim, false); }

    default Tensor argmax(int dim, boolean keepdim) { return apply(ReductionOps.ARGMAX, self(), (long) dim, keepdim); }

    default Tensor argmin() { return apply(ReductionOps.ARGMIN, self(), null, false); }

    default Tensor argmin(int dim) { return argmin(dim, false); }

    default Tensor argmin(int dim, boolean keepdim) { return apply(ReductionOps.ARGMIN, self(), (long) dim, keepdim); }

    /** The unbiased variance of all elements. */
    default Tensor var() { return var(true); }

    default Tensor var(boolean unbiased) { return apply(ReductionOps.VAR, self(), unbiased); }

    /** The unbiased variance over {@code dims}. */
    default Tensor var(int... dims) { return var(dims, true, false); }

    /** {@code var(dim, unbiased, keepdim)}: the boolean after the dim is {@code unbiased}, as in PyTorch. */
    default Tensor var(int dim, boolean unbiased, boolean keepdim) { return var(new int[]{dim}, unbiased, keepdim); }

    default Tensor var(int[] dims, boolean unbiased, boolean keepdim) {
        return apply(ReductionOps.VAR_DIM, self(), dims(dims), unbiased, keepdim);
    }

    /** The variance with divisor {@code max(0, N - correction)}. */
    default Tensor var(int[] dims, long correction, boolean keepdim) {
        return apply(ReductionOps.VAR_CORRECTION, self(), dims(dims), correction, keepdim);
    }

    default Tensor std() { return std(true); }

    default Tensor std(boolean unbiased) { return apply(ReductionOps.STD, self(), unbiased); }

    default Tensor std(int... dims) { return std(dims, true, false); }

    default Tensor std(int dim, boolean unbiased, boolean keepdim) { return std(new int[]{dim}, unbiased, keepdim); }

    default Tensor std(int[] dims, boolean unbiased, boolean keepdim) {
        return apply(ReductionOps.STD_DIM, self(), dims(dims), unbiased, keepdim);
    }

    default Tensor std(int[] dims, long correction, boolean keepdim) {
        return apply(ReductionOps.STD_CORRECTION, self(), dims(dims), correction, keepdim);
    }

    /** The 2-norm of all elements. */
    default Tensor norm() { return norm(2); }

    /** The p-norm of all elements: p = 0 counts nonzeros, ±inf takes the largest or smallest magnitude. */
    default Tensor norm(Number p) { return apply(ReductionOps.NORM, self(), Scalars.of(p)); }

    /** The p-norm over {@code dims}. */
    default Tensor norm(Number p, int... dims) { return norm(p, dims, false); }

    default Tensor norm(Number p, int dim, boolean keepdim) { return norm(p, new int[]{dim}, keepdim); }

    default Tensor norm(Number p, int[] dims, boolean keepdim) { return apply(ReductionOps.NORM_DIM, self(), Scalars.of(p), dims(dims), keepdim); }

    /** {@code norm("fro")}: the Frobenius norm, which PyTorch computes as the vector 2-norm. */
    default Tensor norm(String p) { return norm(p, new int[0], false); }

    default Tensor norm(String p, int[] dims, boolean keepdim) {
        if (!p.equals("fro") || dims.length > 2) {
            throw new IllegalArgumentException("norm(): only the 'fro' string norm over at most 2 dims is a reduction, got '" + p
                    + "' over " + dims.length + " dims");
        }
        return apply(ReductionOps.LINALG_VECTOR_NORM, self(), 2L, dims.length == 0 ? null : dims(dims), keepdim, null);
    }

    default Tensor logsumexp(int... dims) { return logsumexp(dims, false); }

    default Tensor logsumexp(int dim, boolean keepdim) { return logsumexp(new int[]{dim}, keepdim); }

    default Tensor logsumexp(int[] dims, boolean keepdim) { return apply(ReductionOps.LOGSUMEXP, self(), dims(dims), keepdim); }

    /** Whether every element is nonzero (bool; uint8 for uint8 input). */
    default Tensor all() { return apply(ReductionOps.ALL, self()); }

    default Tensor all(int dim) { return all(dim, false); }

    default Tensor all(int dim, boolean keepdim) { return apply(ReductionOps.ALL_DIM, self(), (long) dim, keepdim); }

    default Tensor any() { return apply(ReductionOps.ANY, self()); }

    default Tensor any(int dim) { return any(dim, false); }

    default Tensor any(int dim, boolean keepdim) { return apply(ReductionOps.ANY_DIM, self(), (long) dim, keepdim); }

    /** The number of nonzero elements (int64), over {@code dims} or, when none are given, all of them. */
    default Tensor countNonzero(int... dims) { return apply(ReductionOps.COUNT_NONZERO_DIMS, self(), dims(dims)); }

    /** The lower median of all elements; NaN if there is a NaN. */
    default Tensor median() { return apply(ReductionOps.MEDIAN, self()); }

    default ValuesIndices median(int dim) { return median(dim, false); }

    default ValuesIndices median(int dim, boolean keepdim) {
        return ValuesIndices.of(applyMulti(ReductionOps.MEDIAN_DIM, self(), (long) dim, keepdim));
    }

    /** The {@code k}-th smallest value (1-based) along the last dim, with its index. */
    default ValuesIndices kthvalue(long k) { return kthvalue(k, -1, false); }

    default ValuesIndices kthvalue(long k, int dim) { return kthvalue(k, dim, false); }

    default ValuesIndices kthvalue(long k, int dim, boolean keepdim) {
        return ValuesIndices.of(applyMulti(ReductionOps.KTHVALUE, self(), k, (long) dim, keepdim));
    }

    default Tensor cumsum(int dim) { return apply(ReductionOps.CUMSUM, self(), (long) dim, null); }

    default Tensor cumsum(int dim, DType dtype) { return apply(ReductionOps.CUMSUM, self(), (long) dim, dtype); }

    default Tensor cumsum_(int dim) { return apply(ReductionOps.CUMSUM_, self(), (long) dim, null); }

    default Tensor cumsum_(int dim, DType dtype) { return apply(ReductionOps.CUMSUM_, self(), (long) dim, dtype); }

    default Tensor cumprod(int dim) { return apply(ReductionOps.CUMPROD, self(), (long) dim, null); }

    default Tensor cumprod(int dim, DType dtype) { return apply(ReductionOps.CUMPROD, self(), (long) dim, dtype); }

    default Tensor cumprod_(int dim) { return apply(ReductionOps.CUMPROD_, self(), (long) dim, null); }

    default Tensor cumprod_(int dim, DType dtype) { return apply(ReductionOps.CUMPROD_, self(), (long) dim, dtype); }

    default Tensor softmax(int dim) { return apply(ReductionOps.SOFTMAX, self(), (long) dim, null); }

    /** softmax computed in {@code dtype}: the input is converted first. */
    default Tensor softmax(int dim, DType dtype) { return apply(ReductionOps.SOFTMAX, self(), (long) dim, dtype); }

    default Tensor logSoftmax(int dim) { return apply(ReductionOps.LOG_SOFTMAX, self(), (long) dim, null); }

    default Tensor logSoftmax(int dim, DType dtype) { return apply(ReductionOps.LOG_SOFTMAX, self(), (long) dim, dtype); }
}
