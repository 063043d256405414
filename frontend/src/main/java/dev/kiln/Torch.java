package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;
import static dev.kiln.dispatch.Dispatcher.applyMulti;

import dev.kiln.ir.op.aten.ConvOps;
import dev.kiln.ir.op.aten.CreationOps;
import dev.kiln.ir.op.aten.EmbeddingOps;
import dev.kiln.ir.op.aten.IndexingOps;
import dev.kiln.ir.op.aten.LinalgOps;
import dev.kiln.ir.op.aten.NormOps;
import dev.kiln.ir.op.aten.PointwiseOps;
import dev.kiln.ir.op.aten.PoolOps;
import dev.kiln.ir.op.aten.ReductionOps;
import dev.kiln.ir.op.aten.ResampleOps;
import dev.kiln.ir.op.aten.ShapeOps;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.random.PhiloxGenerator;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code torch.*} functions: tensor creation and the functions that are not tensor methods. Names and
 * defaults follow PyTorch ({@code Torch.zeros(2, 3)} is {@code torch.zeros(2, 3)}).
 */
public final class Torch {
    private Torch() {}

    public static final DType float32 = DType.FLOAT32;
    public static final DType float64 = DType.FLOAT64;
    public static final DType float16 = DType.FLOAT16;
    public static final DType bfloat16 = DType.BFLOAT16;
    public static final DType int64 = DType.INT64;
    public static final DType int32 = DType.INT32;
    public static final DType int16 = DType.INT16;
    public static final DType int8 = DType.INT8;
    public static final DType uint8 = DType.UINT8;
    public static final DType bool = DType.BOOL;

    // ---- creation from Java data ----

    /**
     * {@code torch.tensor(data)}: a new tensor from a Java number, boolean, primitive array or nested arrays.
     * The dtype is inferred like PyTorch's: float/double arrays give float32 (the default dtype), long/int
     * arrays int64, booleans bool; boxed arrays mixing kinds take the widest (bool, then int64, then float32).
     */
    public static Tensor tensor(Object data) { return tensor(data, null); }

    /** {@code torch.tensor(data, dtype=dtype)}. */
    public static Tensor tensor(Object data, DType dtype) { return TensorLiterals.tensor(data, dtype); }

    // ---- type promotion ----

    /** {@code torch.promote_types(a, b)}. */
    public static DType promoteTypes(DType a, DType b) { return TypePromotion.promote(a, b); }

    /** {@code torch.can_cast(from, to)}. */
    public static boolean canCast(DType from, DType to) { return TypePromotion.canCast(from, to); }

    /** {@code torch.result_type(a, b)}: each operand a Tensor or a Java number/boolean. */
    public static DType resultType(Object a, Object b) {
        TypePromotion.ResultType rt = new TypePromotion.ResultType();
        for (Object operand : new Object[]{a, b}) {
            if (operand instanceof Tensor t) rt.tensor(t.dtype(), t.dim());
            else rt.scalar(Scalars.of(operand));
        }
        return rt.result();
    }

    // ---- threads ----

    /** {@code torch.set_num_threads}: how many threads kernels use, the calling thread included. */
    public static void setNumThreads(int threads) { Parallel.setNumThreads(threads); }

    /** {@code torch.get_num_threads}. */
    public static int getNumThreads() { return Parallel.getNumThreads(); }

    // ---- pointwise functions (torch.where, torch.maximum, ...) ----

    /** {@code torch.where(condition, input, other)}: {@code input} where the condition holds, else {@code other}. */
    public static Tensor where(Tensor condition, Tensor input, Tensor other) { return apply(PointwiseOps.WHERE, condition, input, other); }

    public static Tensor where(Tensor condition, Tensor input, Number other) {
        return apply(PointwiseOps.WHERE_SCALAR_OTHER, condition, input, Scalars.of(other));
    }

    public static Tensor where(Tensor condition, Number input, Tensor other) {
        return apply(PointwiseOps.WHERE_SCALAR_SELF, condition, Scalars.of(input), other);
    }

    public static Tensor where(Tensor condition, Number input, Number other) {
        return apply(PointwiseOps.WHERE_SCALAR, condition, Scalars.of(input), Scalars.of(other));
    }

    public static Tensor maximum(Tensor input, Tensor other) { return input.maximum(other); }

    public static Tensor minimum(Tensor input, Tensor other) { return input.minimum(other); }

    /** {@code torch.clamp(input, min, max)}; either bound may be null. */
    public static Tensor clamp(Tensor input, Number min, Number max) { return input.clamp(min, max); }

    public static Tensor clamp(Tensor input, Tensor min, Tensor max) { return input.clamp(min, max); }

    public static Tensor lerp(Tensor input, Tensor end, Number weight) { return input.lerp(end, weight); }

    public static Tensor lerp(Tensor input, Tensor end, Tensor weight) { return input.lerp(end, weight); }

    public static Tensor addcmul(Tensor input, Tensor tensor1, Tensor tensor2) { return input.addcmul(tensor1, tensor2); }

    public static Tensor addcmul(Tensor input, Tensor tensor1, Tensor tensor2, Number value) { return input.addcmul(tensor1, tensor2, value); }

    public static Tensor addcdiv(Tensor input, Tensor tensor1, Tensor tensor2) { return input.addcdiv(tensor1, tensor2); }

    public static Tensor addcdiv(Tensor input, Tensor tensor1, Tensor tensor2, Number value) { return input.addcdiv(tensor1, tensor2, value); }

    public static Tensor atan2(Tensor input, Tensor other) { return input.atan2(other); }

    // Binary functions whose first operand may also be a number (a form no tensor method can have).

    public static Tensor pow(Tensor input, Tensor exponent) { return input.pow(exponent); }
    public static Tensor pow(Tensor input, Number exponent) { return input.pow(exponent); }
    /** {@code torch.pow(self, exponent)} with a scalar base. */
    public static Tensor pow(Number self, Tensor exponent) { return apply(PointwiseOps.POW_SCALAR, Scalars.of(self), exponent); }

    public static Tensor remainder(Tensor input, Tensor other) { return input.remainder(other); }
    public static Tensor remainder(Tensor input, Number other) { return input.remainder(other); }
    /** {@code torch.remainder(self, other)} with a scalar dividend. */
    public static Tensor remainder(Number self, Tensor other) { return apply(PointwiseOps.REMAINDER_SCALAR_TENSOR, Scalars.of(self), other); }

    public static Tensor bitwiseAnd(Tensor input, Tensor other) { return input.bitwiseAnd(other); }
    public static Tensor bitwiseAnd(Tensor input, Number other) { return input.bitwiseAnd(other); }
    public static Tensor bitwiseAnd(Number self, Tensor other) { return apply(PointwiseOps.BITWISE_AND_SCALAR_TENSOR, Scalars.of(self), other); }

    public static Tensor bitwiseOr(Tensor input, Tensor other) { return input.bitwiseOr(other); }
    public static Tensor bitwiseOr(Tensor input, Number other) { return input.bitwiseOr(other); }
    public static Tensor bitwiseOr(Number self, Tensor other) { return apply(PointwiseOps.BITWISE_OR_SCALAR_TENSOR, Scalars.of(self), other); }

    public static Tensor bitwiseXor(Tensor input, Tensor other) { return input.bitwiseXor(other); }
    public static Tensor bitwiseXor(Tensor input, Number other) { return input.bitwiseXor(other); }
    public static Tensor bitwiseXor(Number self, Tensor other) { return apply(PointwiseOps.BITWISE_XOR_SCALAR_TENSOR, Scalars.of(self), other); }

    public static Tensor bitwiseLeftShift(Tensor input, Tensor other) { return input.bitwiseLeftShift(other); }
    public static Tensor bitwiseLeftShift(Tensor input, Number other) { return input.bitwiseLeftShift(other); }
    public static Tensor bitwiseLeftShift(Number self, Tensor other) {
        return apply(PointwiseOps.LEFT_SHIFT_SCALAR_TENSOR, Scalars.of(self), other);
    }

    public static Tensor bitwiseRightShift(Tensor input, Tensor other) { return input.bitwiseRightShift(other); }
    public static Tensor bitwiseRightShift(Tensor input, Number other) { return input.bitwiseRightShift(other); }
    public static Tensor bitwiseRightShift(Number self, Tensor other) {
        return apply(PointwiseOps.RIGHT_SHIFT_SCALAR_TENSOR, Scalars.of(self), other);
    }

    // ---- reductions ----

    /** {@code torch.var_mean(input)}: the unbiased variance and the mean of all elements. */
    public static VarMean varMean(Tensor input) { return varMean(input, true); }

    public static VarMean varMean(Tensor input, boolean unbiased) { return VarMean.of(applyMulti(ReductionOps.VAR_MEAN, input, unbiased)); }

    public static VarMean varMean(Tensor input, int... dims) { return varMean(input, dims, true, false); }

    /** {@code torch.var_mean(input, dim, unbiased, keepdim)}, PyTorch's positional order. */
    public static VarMean varMean(Tensor input, int dim, boolean unbiased, boolean keepdim) {
        return varMean(input, new int[]{dim}, unbiased, keepdim);
    }

    public static VarMean varMean(Tensor input, int[] dims, boolean unbiased, boolean keepdim) {
        return VarMean.of(applyMulti(ReductionOps.VAR_MEAN_DIM, input, Scalars.dims(dims), unbiased, keepdim));
    }

    /** {@code torch.var_mean(input, dims, correction=c, keepdim=k)}: divisor {@code max(0, N - correction)}. */
    public static VarMean varMean(Tensor input, int[] dims, long correction, boolean keepdim) {
        return VarMean.of(applyMulti(ReductionOps.VAR_MEAN_CORRECTION, input, Scalars.dims(dims), correction, keepdim));
    }

    /** {@code torch.std_mean(input)}: the unbiased standard deviation and the mean of all elements. */
    public static StdMean stdMean(Tensor input) { return stdMean(input, true); }

    public static StdMean stdMean(Tensor input, boolean unbiased) { return StdMean.of(applyMulti(ReductionOps.STD_MEAN, input, unbiased)); }

    public static StdMean stdMean(Tensor input, int... dims) { return stdMean(input, dims, true, false); }

    public static StdMean stdMean(Tensor input, int dim, boolean unbiased, boolean keepdim) {
        return stdMean(input, new int[]{dim}, unbiased, keepdim);
    }

    public static StdMean stdMean(Tensor input, int[] dims, boolean unbiased, boolean keepdim) {
        return StdMean.of(applyMulti(ReductionOps.STD_MEAN_DIM, input, Scalars.dims(dims), unbiased, keepdim));
    }

    public static StdMean stdMean(Tensor input, int[] dims, long correction, boolean keepdim) {
        return StdMean.of(applyMulti(ReductionOps.STD_MEAN_CORRECTION, input, Scalars.dims(dims), correction, keepdim));
    }

    /** {@code torch.linalg.vector_norm(input, ord, dims, keepdim)}; an empty {@code dims} reduces every dim. */
    public static Tensor linalgVectorNorm(Tensor input, Number ord, int[] dims, boolean keepdim) {
        return apply(ReductionOps.LINALG_VECTOR_NORM, input, Scalars.of(ord), Scalars.dims(dims), keepdim, null);
    }

    /** {@code torch.logsumexp(input, dims, keepdim)}. */
    public static Tensor logsumexp(Tensor input, int... dims) { return input.logsumexp(dims); }

    public static Tensor logsumexp(Tensor input, int dim, boolean keepdim) { return input.logsumexp(dim, keepdim); }

    public static Tensor logsumexp(Tensor input, int[] dims, boolean keepdim) { return input.logsumexp(dims, keepdim); }

    // ---- shape, joining and splitting (torch.cat, torch.stack, ...) ----

    /** {@code torch.cat(tensors, dim)}: the tensors joined along {@code dim} in their promoted dtype. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return apply(ShapeOps.CAT, List.copyOf(tensors), (long) dim);
    }

    public static Tensor cat(List<Tensor> tensors) { return cat(tensors, 0); }

    /** {@code torch.cat(tensors, dim)} with the tensors listed after the dimension. */
    public static Tensor cat(int dim, Tensor... tensors) { return cat(List.of(tensors), dim); }

    /** {@code torch.stack(tensors, dim)}: equal-sized tensors joined along a new dimension {@code dim}. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return apply(ShapeOps.STACK, List.copyOf(tensors), (long) dim);
    }

    public static Tensor stack(List<Tensor> tensors) { return stack(tensors, 0); }

    /** {@code torch.hstack}: joined along dimension 1 (along 0 for vectors). */
    public static Tensor hstack(List<Tensor> tensors) { return apply(ShapeOps.HSTACK, List.copyOf(tensors)); }

    /** {@code torch.vstack}: vectors become rows, then everything is joined along dimension 0. */
    public static Tensor vstack(List<Tensor> tensors) { return apply(ShapeOps.VSTACK, List.copyOf(tensors)); }

    /** {@code torch.dstack}: inputs raised to 3 dimensions, then joined along dimension 2. */
    public static Tensor dstack(List<Tensor> tensors) { return apply(ShapeOps.DSTACK, List.copyOf(tensors)); }

    /** {@code torch.flatten(input, start_dim, end_dim)}. */
    public static Tensor flatten(Tensor input, int startDim, int endDim) { return input.flatten(startDim, endDim); }

    public static Tensor flatten(Tensor input) { return input.flatten(); }

    /** {@code torch.repeat_interleave(repeats)}: index {@code i} repeated {@code repeats[i]} times. */
    public static Tensor repeatInterleave(Tensor repeats) {
        return apply(ShapeOps.REPEAT_INTERLEAVE_INDICES, repeats, null);
    }

    public static Tensor repeatInterleave(Tensor input, long repeats) { return input.repeatInterleave(repeats); }
    public static Tensor repeatInterleave(Tensor input, long repeats, int dim) { return input.repeatInterleave(repeats, dim); }
    public static Tensor repeatInterleave(Tensor input, Tensor repeats, int dim) { return input.repeatInterleave(repeats, dim); }

    /**
     * {@code torch.nn.functional.pad(input, pad)} with zeros; {@code pad} lists (left, right) pairs starting from the
     * last dimension, negative entries crop.
     */
    public static Tensor pad(Tensor input, long... pad) { return apply(ShapeOps.PAD, input, pad, "constant", null); }

    /** {@code pad(input, pad, mode)} with mode {@code constant}, {@code reflect}, {@code replicate} or {@code circular}. */
    public static Tensor pad(Tensor input, long[] pad, String mode) { return apply(ShapeOps.PAD, input, pad, mode, null); }

    /** {@code pad(input, pad, mode="constant", value)}. */
    public static Tensor pad(Tensor input, long[] pad, double value) {
        return apply(ShapeOps.PAD, input, pad, "constant", value);
    }

    // ---- indexing, sorting and selection ----

    public static Tensor gather(Tensor input, int dim, Tensor index) { return input.gather(dim, index); }

    public static Tensor scatter(Tensor input, int dim, Tensor index, Tensor src) { return input.scatter(dim, index, src); }
    public static Tensor scatter(Tensor input, int dim, Tensor index, Number value) { return input.scatter(dim, index, value); }
    public static Tensor scatter(Tensor input, int dim, Tensor index, Tensor src, String reduce) { return input.scatter(dim, index, src, reduce); }
    public static Tensor scatter(Tensor input, int dim, Tensor index, Number value, String reduce) {
        return input.scatter(dim, index, value, reduce);
    }

    public static Tensor scatterAdd(Tensor input, int dim, Tensor index, Tensor src) { return input.scatterAdd(dim, index, src); }

    public static Tensor scatterReduce(Tensor input, int dim, Tensor index, Tensor src, String reduce) {
        return input.scatterReduce(dim, index, src, reduce);
    }

    public static Tensor scatterReduce(Tensor input, int dim, Tensor index, Tensor src, String reduce, boolean includeSelf) {
        return input.scatterReduce(dim, index, src, reduce, includeSelf);
    }

    public static Tensor indexSelect(Tensor input, int dim, Tensor index) { return input.indexSelect(dim, index); }

    public static Tensor indexAdd(Tensor input, int dim, Tensor index, Tensor source) { return input.indexAdd(dim, index, source); }

    public static Tensor indexAdd(Tensor input, int dim, Tensor index, Tensor source, Number alpha) {
        return input.indexAdd(dim, index, source, alpha);
    }

    public static Tensor take(Tensor input, Tensor index) { return input.take(index); }

    public static Tensor takeAlongDim(Tensor input, Tensor indices) { return input.takeAlongDim(indices); }

    public static Tensor takeAlongDim(Tensor input, Tensor indices, int dim) { return input.takeAlongDim(indices, dim); }

    public static Tensor maskedSelect(Tensor input, Tensor mask) { return input.maskedSelect(mask); }

    public static Tensor nonzero(Tensor input) { return input.nonzero(); }

    /** {@code torch.sort(input)}: (values, indices) along the last dim, ascending. */
    public static ValuesIndices sort(Tensor input) { return input.sort(); }
    public static ValuesIndices sort(Tensor input, int dim) { return input.sort(dim); }
    public static ValuesIndices sort(Tensor input, int dim, boolean descending) { return input.sort(dim, descending); }
    public static ValuesIndices sort(Tensor input, boolean stable, int dim, boolean descending) { return input.sort(stable, dim, descending); }

    public static Tensor argsort(Tensor input) { return input.argsort(); }
    public static Tensor argsort(Tensor input, int dim) { return input.argsort(dim); }
    public static Tensor argsort(Tensor input, int dim, boolean descending) { return input.argsort(dim, descending); }
    public static Tensor argsort(Tensor input, boolean stable, int dim, boolean descending) { return input.argsort(stable, dim, descending); }

    /** {@code torch.topk(input, k)}: (values, indices) of the k largest along the last dim. */
    public static ValuesIndices topk(Tensor input, long k) { return input.topk(k); }
    public static ValuesIndices topk(Tensor input, long k, int dim) { return input.topk(k, dim); }
    public static ValuesIndices topk(Tensor input, long k, int dim, boolean largest, boolean sorted) { return input.topk(k, dim, largest, sorted); }

    public static Tensor unique(Tensor input) { return input.unique(); }
    public static Tensor unique(Tensor input, int dim) { return input.unique(dim); }

    /** {@code torch.unique(input, sorted, return_inverse, return_counts)} as [values, inverse, counts]. */
    public static List<Tensor> unique(Tensor input, boolean sorted, boolean returnInverse, boolean returnCounts) {
        return input.unique(sorted, returnInverse, returnCounts);
    }

    public static List<Tensor> unique(Tensor input, int dim, boolean sorted, boolean returnInverse, boolean returnCounts) {
        return input.unique(dim, sorted, returnInverse, returnCounts);
    }

    /** {@code torch.nn.functional.one_hot(input)}: int64 one-hot rows, as many classes as the largest value + 1. */
    public static Tensor oneHot(Tensor input) { return oneHot(input, -1); }

    /** {@code torch.nn.functional.one_hot(input, num_classes)}. */
    public static Tensor oneHot(Tensor input, long numClasses) {
        return apply(IndexingOps.ONE_HOT, input, numClasses);
    }

    // ---- factories and random sampling (torch.zeros, torch.arange, torch.randn, ...) ----

    /** {@code torch.empty(size)}; PyTorch leaves the memory uninitialised, Kiln's starts zeroed. */
    public static Tensor empty(long... size) { return empty(size, null); }

    public static Tensor empty(long[] size, DType dtype) { return apply(CreationOps.EMPTY, size, dtype, null, null, null, null); }

    public static Tensor zeros(long... size) { return zeros(size, null); }

    public static Tensor zeros(long[] size, DType dtype) { return apply(CreationOps.ZEROS, size, dtype, null, null, null); }

    public static Tensor ones(long... size) { return ones(size, null); }

    public static Tensor ones(long[] size, DType dtype) { return apply(CreationOps.ONES, size, dtype, null, null, null); }

    /** {@code torch.full(size, value)}: the dtype is bool, int64 or float32 after the value's Java type. */
    public static Tensor full(long[] size, Number value) { return full(size, value, null); }
    public static Tensor full(long[] size, Number value, DType dtype) { return apply(CreationOps.FULL, size, Scalars.of(value), dtype, null, null, null); }
    public static Tensor full(long[] size, boolean value) { return full(size, value, null); }
    public static Tensor full(long[] size, boolean value, DType dtype) { return apply(CreationOps.FULL, size, value, dtype, null, null, null); }

    /** {@code torch.scalar_tensor(value)}: a 0-dim float32 tensor unless a dtype is given. */
    public static Tensor scalarTensor(Number value) { return scalarTensor(value, null); }
    public static Tensor scalarTensor(Number value, DType dtype) { return apply(CreationOps.SCALAR_TENSOR, Scalars.of(value), dtype, null, null, null); }
    public static Tensor scalarTensor(boolean value) { return scalarTensor(value, null); }
    public static Tensor scalarTensor(boolean value, DType dtype) { return apply(CreationOps.SCALAR_TENSOR, value, dtype, null, null, null); }

    public static Tensor emptyLike(Tensor like) { return emptyLike(like, null); }

    public static Tensor emptyLike(Tensor like, DType dtype) { return apply(CreationOps.EMPTY_LIKE, like, dtype, null, null, null, null); }

    public static Tensor zerosLike(Tensor like) { return zerosLike(like, null); }

    public static Tensor zerosLike(Tensor like, DType dtype) { return apply(CreationOps.ZEROS_LIKE, like, dtype, null, null, null, null); }

    public static Tensor onesLike(Tensor like) { return onesLike(like, null); }

    public static Tensor onesLike(Tensor like, DType dtype) { return apply(CreationOps.ONES_LIKE, like, dtype, null, null, null, null); }

    public static Tensor fullLike(Tensor like, Number value) { return fullLike(like, value, null); }
    public static Tensor fullLike(Tensor like, Number value, DType dtype) {
        return apply(CreationOps.FULL_LIKE, like, Scalars.of(value), dtype, null, null, null, null);
    }
    public static Tensor fullLike(Tensor like, boolean value) { return fullLike(like, value, null); }
    public static Tensor fullLike(Tensor like, boolean value, DType dtype) { return apply(CreationOps.FULL_LIKE, like, value, dtype, null, null, null, null); }

    /** {@code torch.arange(end)}: int64 when every bound is an integer, else float32. */
    public static Tensor arange(Number end) { return apply(CreationOps.ARANGE, Scalars.of(end), null, null, null, null); }

    public static Tensor arange(Number start, Number end) {
        return apply(CreationOps.ARANGE_START, Scalars.of(start), Scalars.of(end), null, null, null, null);
    }

    public static Tensor arange(Number start, Number end, Number step) { return arange(start, end, step, null); }

    public static Tensor arange(Number start, Number end, Number step, DType dtype) {
        return apply(CreationOps.ARANGE_START_STEP, Scalars.of(start), Scalars.of(end), Scalars.of(step), dtype, null, null, null);
    }

    /** {@code torch.linspace(start, end, steps)}: float32 unless a dtype is given. */
    public static Tensor linspace(Number start, Number end, long steps) { return linspace(start, end, steps, null); }

    public static Tensor linspace(Number start, Number end, long steps, DType dtype) {
        return apply(CreationOps.LINSPACE, Scalars.of(start), Scalars.of(end), steps, dtype, null, null, null);
    }

    /** {@code torch.logspace(start, end, steps)}: {@code 10^linspace(start, end, steps)}. */
    public static Tensor logspace(Number start, Number end, long steps) { return logspace(start, end, steps, 10.0, null); }

    public static Tensor logspace(Number start, Number end, long steps, double base) { return logspace(start, end, steps, base, null); }

    public static Tensor logspace(Number start, Number end, long steps, double base, DType dtype) {
        return apply(CreationOps.LOGSPACE, Scalars.of(start), Scalars.of(end), steps, base, dtype, null, null, null);
    }

    public static Tensor eye(long n) { return apply(CreationOps.EYE, n, null, null, null, null); }

    public static Tensor eye(long n, long m) { return eye(n, m, null); }

    public static Tensor eye(long n, long m, DType dtype) { return apply(CreationOps.EYE_M, n, m, dtype, null, null, null); }

    /** The generator that sampling uses when none is given. */
    public static Generator defaultGenerator() { return DEFAULT_GENERATOR; }

    private static final Generator DEFAULT_GENERATOR = new Generator(PhiloxGenerator.defaultGenerator());

    /** Seeds the default generator ({@code torch.manual_seed}); returns it. */
    public static Generator manualSeed(long seed) { return DEFAULT_GENERATOR.manualSeed(seed); }

    /** Seeds the default generator non-deterministically and returns the seed ({@code torch.seed()}). */
    public static long seed() { return DEFAULT_GENERATOR.seed(); }

    public static long initialSeed() { return DEFAULT_GENERATOR.initialSeed(); }

    public static Tensor getRngState() { return DEFAULT_GENERATOR.getState(); }

    public static void setRngState(Tensor state) { DEFAULT_GENERATOR.setState(state); }

    /** {@code torch.rand(size)}: uniform on [0, 1). */
    public static Tensor rand(long... size) { return rand(size, null, null); }

    public static Tensor rand(long[] size, Generator generator) { return rand(size, null, generator); }

    public static Tensor rand(long[] size, DType dtype, Generator generator) {
        return apply(CreationOps.RAND_GENERATOR, size, generator, dtype, null, null, null);
    }

    /** {@code torch.randn(size)}: standard normal. */
    public static Tensor randn(long... size) { return randn(size, null, null); }

    public static Tensor randn(long[] size, Generator generator) { return randn(size, null, generator); }

    public static Tensor randn(long[] size, DType dtype, Generator generator) {
        return apply(CreationOps.RANDN_GENERATOR, size, generator, dtype, null, null, null);
    }

    /** {@code torch.randint(high, size)}: int64 uniform on [0, high). */
    public static Tensor randint(long high, long[] size) { return randint(0, high, size, null, null); }

    public static Tensor randint(long low, long high, long[] size) { return randint(low, high, size, null, null); }

    public static Tensor randint(long low, long high, long[] size, DType dtype, Generator generator) {
        return apply(CreationOps.RANDINT_LOW_GENERATOR, low, high, size, generator, dtype == null ? DType.INT64 : dtype, null, null, null);
    }

    /** {@code torch.randperm(n)}: a random permutation of {@code 0 .. n-1} (int64). */
    public static Tensor randperm(long n) { return randperm(n, null, null); }

    public static Tensor randperm(long n, DType dtype, Generator generator) {
        return apply(CreationOps.RANDPERM_GENERATOR, n, generator, dtype == null ? DType.INT64 : dtype, null, null, null);
    }

    public static Tensor randLike(Tensor like) { return apply(CreationOps.RAND_LIKE, like, null, null, null, null, null); }

    public static Tensor randnLike(Tensor like) { return apply(CreationOps.RANDN_LIKE, like, null, null, null, null, null); }

    public static Tensor randintLike(Tensor like, long high) { return randintLike(like, 0, high); }

    public static Tensor randintLike(Tensor like, long low, long high) {
        return apply(CreationOps.RANDINT_LIKE_LOW, like, low, high, null, null, null, null, null);
    }

    /** {@code torch.normal(mean, std)} with element-wise (broadcast) means and standard deviations. */
    public static Tensor normal(Tensor mean, Tensor std) { return normal(mean, std, null); }

    public static Tensor normal(Tensor mean, Tensor std, Generator generator) {
        return apply(CreationOps.NORMAL_TENSOR_TENSOR, mean, std, generator);
    }

    public static Tensor normal(Tensor mean, double std) { return apply(CreationOps.NORMAL_TENSOR_FLOAT, mean, std, null); }

    public static Tensor normal(double mean, Tensor std) { return apply(CreationOps.NORMAL_FLOAT_TENSOR, mean, std, null); }

    public static Tensor normal(double mean, double std, long... size) { return normal(mean, std, size, null); }

    public static Tensor normal(double mean, double std, long[] size, Generator generator) {
        return apply(CreationOps.NORMAL_FLOAT_FLOAT, mean, std, size, generator, null, null, null, null);
    }

    /** {@code torch.bernoulli(p)}: 0 or 1 with the probabilities in {@code p}, in p's dtype. */
    public static Tensor bernoulli(Tensor p) { return bernoulli(p, (Generator) null); }

    public static Tensor bernoulli(Tensor p, Generator generator) { return apply(CreationOps.BERNOULLI, p, generator); }

    /** {@code torch.bernoulli(input, p)}: input's shape and dtype, 1 with probability p. */
    public static Tensor bernoulli(Tensor input, double p) { return bernoulli(input, p, null); }

    public static Tensor bernoulli(Tensor input, double p, Generator generator) {
        return apply(CreationOps.BERNOULLI_P, input, p, generator);
    }

    /** {@code torch.multinomial(probs, n)}: n category indices per row, without replacement. */
    public static Tensor multinomial(Tensor probs, long n) { return multinomial(probs, n, false, null); }

    public static Tensor multinomial(Tensor probs, long n, boolean replacement) { return multinomial(probs, n, replacement, null); }

    public static Tensor multinomial(Tensor probs, long n, boolean replacement, Generator generator) {
        return apply(CreationOps.MULTINOMIAL, probs, n, replacement, generator);
    }

    // ---- matrix multiplication (torch.matmul, torch.einsum, ...) ----

    /** {@code torch.matmul(input, other)}. */
    public static Tensor matmul(Tensor input, Tensor other) { return input.matmul(other); }

    /** {@code torch.mm(input, mat2)}. */
    public static Tensor mm(Tensor input, Tensor mat2) { return input.mm(mat2); }

    /** {@code torch.bmm(input, mat2)}. */
    public static Tensor bmm(Tensor input, Tensor mat2) { return input.bmm(mat2); }

    /** {@code torch.addmm(input, mat1, mat2)}. */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2) { return input.addmm(mat1, mat2); }

    /** {@code torch.addmm(input, mat1, mat2, beta=beta, alpha=alpha)}. */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, Number beta, Number alpha) {
        return input.addmm(mat1, mat2, beta, alpha);
    }

    /** {@code torch.baddbmm(input, batch1, batch2)}. */
    public static Tensor baddbmm(Tensor input, Tensor batch1, Tensor batch2) { return input.baddbmm(batch1, batch2); }

    /** {@code torch.baddbmm(input, batch1, batch2, beta=beta, alpha=alpha)}. */
    public static Tensor baddbmm(Tensor input, Tensor batch1, Tensor batch2, Number beta, Number alpha) {
        return input.baddbmm(batch1, batch2, beta, alpha);
    }

    /** {@code torch.dot(input, other)}. */
    public static Tensor dot(Tensor input, Tensor other) { return input.dot(other); }

    /** {@code torch.mv(input, vec)}. */
    public static Tensor mv(Tensor input, Tensor vec) { return input.mv(vec); }

    /** {@code torch.addmv(input, mat, vec)}. */
    public static Tensor addmv(Tensor input, Tensor mat, Tensor vec) { return input.addmv(mat, vec); }

    /** {@code torch.addmv(input, mat, vec, beta=beta, alpha=alpha)}. */
    public static Tensor addmv(Tensor input, Tensor mat, Tensor vec, Number beta, Number alpha) { return input.addmv(mat, vec, beta, alpha); }

    /** {@code torch.outer(input, vec2)}. */
    public static Tensor outer(Tensor input, Tensor vec2) { return input.outer(vec2); }

    /** {@code torch.nn.functional.linear(input, weight)}: {@code input @ weight.T}. */
    public static Tensor linear(Tensor input, Tensor weight) { return linear(input, weight, null); }

    /** {@code torch.nn.functional.linear(input, weight, bias)}: {@code input @ weight.T + bias}; bias may be null. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        return apply(LinalgOps.LINEAR, input, weight, bias);
    }

    /** {@code torch.einsum(equation, *operands)}, e.g. {@code einsum("bij,bjk->bik", a, b)}. */
    public static Tensor einsum(String equation, Tensor... operands) { return einsum(equation, List.of(operands)); }

    /** {@code torch.einsum(equation, operands)}. */
    public static Tensor einsum(String equation, List<Tensor> operands) {
        return apply(LinalgOps.EINSUM, equation, List.copyOf(operands), null);
    }

    // ---- convolution ----

    /** {@code torch.conv1d(input, weight)}: input [N, C, L] or [C, L], weight [O, C, k]. */
    public static Tensor conv1d(Tensor input, Tensor weight) { return conv1d(input, weight, null); }

    /** {@code torch.conv1d(input, weight, bias)}; bias [O] may be null. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) { return conv1d(input, weight, bias, 1, 0, 1, 1); }

    /** {@code torch.conv1d(input, weight, bias, stride, padding, dilation, groups)}; weight [O, C / groups, k]. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return apply(ConvOps.CONV1D, input, weight, bias, new long[]{stride}, new long[]{padding}, new long[]{dilation}, groups);
    }

    /**
     * {@code torch.conv1d(input, weight, bias, stride, padding="same"|"valid", dilation, groups)}: "same" keeps the length
     * (stride 1 only; an even kernel gets its odd zero on the right), "valid" pads nothing.
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, String padding, long dilation, long groups) {
        return apply(ConvOps.CONV1D_PADDING, input, weight, bias, new long[]{stride}, padding, new long[]{dilation}, groups);
    }

    /** {@code torch.conv2d(input, weight, bias, stride, padding="same"|"valid", dilation, groups)}. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, String padding, long[] dilation, long groups) {
        return apply(ConvOps.CONV2D_PADDING, input, weight, bias, pair(stride), padding, pair(dilation), groups);
    }

    /** {@code torch.conv2d} with a padding string and one stride and dilation for both spatial dims. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long stride, String padding, long dilation, long groups) {
        return conv2d(input, weight, bias, pair(stride), padding, pair(dilation), groups);
    }

    /** {@code torch.conv2d(input, weight)}: input [N, C, H, W] or [C, H, W], weight [O, C, kH, kW]. */
    public static Tensor conv2d(Tensor input, Tensor weight) { return conv2d(input, weight, null); }

    /** {@code torch.conv2d(input, weight, bias)}; bias [O] may be null. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) { return conv2d(input, weight, bias, 1, 0, 1, 1); }

    /** {@code torch.conv2d} with one stride, padding and dilation for both spatial dims. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return conv2d(input, weight, bias, pair(stride), pair(padding), pair(dilation), groups);
    }

    /**
     * {@code torch.conv2d(input, weight, bias, stride, padding, dilation, groups)}: each of stride, padding and dilation
     * one value or (height, width); weight [O, C / groups, kH, kW].
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, long groups) {
        return apply(ConvOps.CONV2D, input, weight, bias, pair(stride), pair(padding), pair(dilation), groups);
    }

    /** {@code torch.conv_transpose2d(input, weight)}: input [N, Cin, H, W] or [Cin, H, W], weight [Cin, Cout, kH, kW]. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight) { return convTranspose2d(input, weight, null); }

    /** {@code torch.conv_transpose2d(input, weight, bias)}; bias [Cout] may be null. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias) {
        return convTranspose2d(input, weight, bias, 1, 0, 0, 1, 1);
    }

    /** {@code torch.conv_transpose2d} with one stride, padding, output padding and dilation for both spatial dims. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long outputPadding,
                                         long groups, long dilation) {
        return convTranspose2d(input, weight, bias, pair(stride), pair(padding), pair(outputPadding), groups, pair(dilation));
    }

    /**
     * {@code torch.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation)}: the
     * gradient of conv2d with respect to its input; weight [Cin, Cout / groups, kH, kW].
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] outputPadding,
                                         long groups, long[] dilation) {
        return apply(ConvOps.CONV_TRANSPOSE2D, input, weight, bias, pair(stride), pair(padding), pair(outputPadding), groups,
                pair(dilation));
    }

    private static long[] pair(long v) { return new long[]{v, v}; }

    /** A spatial parameter as (height, width): one value stands for both, as in PyTorch's {@code int[2]}. */
    private static long[] pair(long[] v) {
        if (v.length != 1 && v.length != 2) {
            throw new IllegalArgumentException("a 2-D convolution parameter is one value or (height, width), got " + v.length + " values");
        }
        return v.length == 1 ? pair(v[0]) : v.clone();
    }

    // ---- embedding ----

    /** {@code torch.nn.functional.embedding(input, weight)}: the rows of {@code weight} [num, dim] at the int64/int32 {@code input}. */
    public static Tensor embedding(Tensor input, Tensor weight) { return embedding(input, weight, null); }

    /** {@code F.embedding(input, weight, padding_idx)}: the padding row (negative counts from the end) gets no gradient. */
    public static Tensor embedding(Tensor input, Tensor weight, Long paddingIdx) {
        return embedding(input, weight, paddingIdx, null, 2.0, false, false);
    }

    /**
     * {@code F.embedding(input, weight, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse)}: with max_norm,
     * the rows looked up are first rescaled in place to a norm_type-norm of at most max_norm (unrecorded, as PyTorch
     * does); the gradient is dense even when {@code sparse} is true.
     */
    public static Tensor embedding(Tensor input, Tensor weight, Long paddingIdx, Double maxNorm, double normType, boolean scaleGradByFreq,
                                   boolean sparse) {
        return Embeddings.embedding(input, weight, paddingIdx, maxNorm, normType, scaleGradByFreq, sparse);
    }

    /** {@code torch.embedding_renorm_(weight, indices, max_norm, norm_type)}: rescales the indexed rows in place; returns weight. */
    public static Tensor embeddingRenorm_(Tensor weight, Tensor indices, double maxNorm, double normType) {
        return apply(EmbeddingOps.EMBEDDING_RENORM_, weight, indices, maxNorm, normType);
    }

    /**
     * {@code F.embedding_bag(input, weight, offsets)}: the mean of each bag's rows; a 1-D input is split into bags at
     * {@code offsets}, a 2-D input (offsets null) holds one bag per row.
     */
    public static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets) { return embeddingBag(input, weight, offsets, "mean"); }

    /** {@code F.embedding_bag(input, weight, offsets, mode=...)} with mode "sum", "mean" or "max". */
    public static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, String mode) {
        return embeddingBag(input, weight, offsets, null, 2.0, false, mode, false, null, false, null);
    }

    /**
     * {@code F.embedding_bag(input, weight, offsets, max_norm, norm_type, scale_grad_by_freq, mode, sparse,
     * per_sample_weights, include_last_offset, padding_idx)}; per_sample_weights (mode "sum" only) scale each row,
     * samples at padding_idx are left out, include_last_offset reads the last offset as the end of the last bag.
     */
    public static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, Double maxNorm, double normType, boolean scaleGradByFreq,
                                      String mode, boolean sparse, Tensor perSampleWeights, boolean includeLastOffset, Long paddingIdx) {
        return Embeddings.embeddingBag(input, weight, offsets, maxNorm, normType, scaleGradByFreq, mode, sparse, perSampleWeights,
                includeLastOffset, paddingIdx);
    }

    // ---- resampling (interpolate, pixel_shuffle) ----

    /** {@code F.interpolate(input, size=size, mode=mode)}: one output size for every spatial dim ("nearest" or "bilinear"). */
    public static Tensor interpolate(Tensor input, long size, String mode) {
        return interpolate(input, Interpolation.everyDim(input, size), null, mode, null, null);
    }

    /** {@code F.interpolate(input, size=(..), mode=mode)}: one output size per spatial dim. */
    public static Tensor interpolate(Tensor input, long[] size, String mode) { return interpolate(input, size, null, mode, null, null); }

    /** {@code F.interpolate(input, scale_factor=s, mode=mode)}: the output size is {@code floor(in * s)} in every spatial dim. */
    public static Tensor interpolate(Tensor input, double scaleFactor, String mode) {
        return interpolate(input, null, Interpolation.everyDim(input, scaleFactor), mode, null, null);
    }

    /**
     * {@code F.interpolate(input, size, scale_factor, mode, align_corners, recompute_scale_factor)}: exactly one of size
     * and scale_factor (one value per spatial dim); align_corners (bilinear only) null for PyTorch's default;
     * recompute_scale_factor true samples at {@code in / out} rather than {@code 1 / scale_factor}.
     */
    public static Tensor interpolate(Tensor input, long[] size, double[] scaleFactor, String mode, Boolean alignCorners,
                                     Boolean recomputeScaleFactor) {
        return Interpolation.interpolate(input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor);
    }

    /** {@code torch.pixel_shuffle(input, r)}: [.., C r^2, H, W] to [.., C, H r, W r]. */
    public static Tensor pixelShuffle(Tensor input, long upscaleFactor) { return apply(ResampleOps.PIXEL_SHUFFLE, input, upscaleFactor); }

    /** {@code torch.pixel_unshuffle(input, r)}: [.., C, H r, W r] to [.., C r^2, H, W]. */
    public static Tensor pixelUnshuffle(Tensor input, long downscaleFactor) {
        return apply(ResampleOps.PIXEL_UNSHUFFLE, input, downscaleFactor);
    }

    // ---- pooling ----

    /** {@code torch.max_pool2d(input, kernel_size)}: input [N, C, H, W] or [C, H, W]; the stride is the kernel size. */
    public static Tensor maxPool2d(Tensor input, long kernelSize) { return maxPool2d(input, kernelSize, kernelSize, 0); }

    /** {@code torch.max_pool2d(input, kernel_size, stride, padding)} with one value for both spatial dims. */
    public static Tensor maxPool2d(Tensor input, long kernelSize, long stride, long padding) {
        return maxPool2d(input, new long[]{kernelSize}, new long[]{stride}, new long[]{padding}, new long[]{1}, false);
    }

    /**
     * {@code torch.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)}: each of kernel_size, stride,
     * padding and dilation one value or (height, width); an empty stride is the kernel size.
     */
    public static Tensor maxPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        return apply(PoolOps.MAX_POOL2D, input, kernelSize, stride, padding, dilation, ceilMode);
    }

    /** {@code F.max_pool2d(..., return_indices=True)}: the maxima and their flat indices in each [H, W] plane. */
    public static ValuesIndices maxPool2dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
                                                     boolean ceilMode) {
        return ValuesIndices.of(applyMulti(PoolOps.MAX_POOL2D_WITH_INDICES, input, kernelSize, stride, padding, dilation, ceilMode));
    }

    /** {@code torch.max_pool1d(input, kernel_size)}: input [N, C, L] or [C, L]; the stride is the kernel size. */
    public static Tensor maxPool1d(Tensor input, long kernelSize) { return maxPool1d(input, kernelSize, kernelSize, 0, 1, false); }

    /** {@code torch.max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode)}. */
    public static Tensor maxPool1d(Tensor input, long kernelSize, long stride, long padding, long dilation, boolean ceilMode) {
        return apply(PoolOps.MAX_POOL1D, input, new long[]{kernelSize}, new long[]{stride}, new long[]{padding}, new long[]{dilation},
                ceilMode);
    }

    /** {@code torch.max_pool1d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)}. */
    public static ValuesIndices maxPool1dWithIndices(Tensor input, long kernelSize, long stride, long padding, long dilation,
                                                     boolean ceilMode) {
        return ValuesIndices.of(applyMulti(PoolOps.MAX_POOL1D_WITH_INDICES, input, new long[]{kernelSize}, new long[]{stride},
                new long[]{padding}, new long[]{dilation}, ceilMode));
    }

    /** {@code torch.avg_pool2d(input, kernel_size)}: input [N, C, H, W] or [C, H, W]; the stride is the kernel size. */
    public static Tensor avgPool2d(Tensor input, long kernelSize) { return avgPool2d(input, kernelSize, kernelSize, 0); }

    /** {@code torch.avg_pool2d(input, kernel_size, stride, padding)} with one value for both spatial dims; padding counts. */
    public static Tensor avgPool2d(Tensor input, long kernelSize, long stride, long padding) {
        return avgPool2d(input, new long[]{kernelSize}, new long[]{stride}, new long[]{padding}, false, true, null);
    }

    /**
     * {@code torch.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)}:
     * kernel_size, stride and padding one value or (height, width); divisorOverride may be null.
     */
    public static Tensor avgPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
                                   boolean countIncludePad, Long divisorOverride) {
        return apply(PoolOps.AVG_POOL2D, input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code torch.avg_pool1d(input, kernel_size)}: input [N, C, L] or [C, L]; the stride is the kernel size. */
    public static Tensor avgPool1d(Tensor input, long kernelSize) { return avgPool1d(input, kernelSize, kernelSize, 0, false, true); }

    /** {@code torch.avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad)}. */
    public static Tensor avgPool1d(Tensor input, long kernelSize, long stride, long padding, boolean ceilMode, boolean countIncludePad) {
        return apply(PoolOps.AVG_POOL1D, input, new long[]{kernelSize}, new long[]{stride}, new long[]{padding}, ceilMode,
                countIncludePad);
    }

    /** {@code F.adaptive_avg_pool2d(input, output_size)}: output_size one value or (height, width). */
    public static Tensor adaptiveAvgPool2d(Tensor input, long... outputSize) {
        return apply(PoolOps.ADAPTIVE_AVG_POOL2D, input, poolSize(outputSize));
    }

    /** {@code torch.adaptive_avg_pool1d(input, output_size)}: input [N, C, L] or [C, L]. */
    public static Tensor adaptiveAvgPool1d(Tensor input, long outputSize) {
        return apply(PoolOps.ADAPTIVE_AVG_POOL1D, input, new long[]{outputSize});
    }

    /** {@code F.adaptive_max_pool2d(input, output_size)}: the maxima; output_size one value or (height, width). */
    public static Tensor adaptiveMaxPool2d(Tensor input, long... outputSize) { return adaptiveMaxPool2dWithIndices(input, outputSize).values(); }

    /** {@code torch.adaptive_max_pool2d}: the maxima and their flat indices in each [H, W] plane. */
    public static ValuesIndices adaptiveMaxPool2dWithIndices(Tensor input, long... outputSize) {
        return ValuesIndices.of(applyMulti(PoolOps.ADAPTIVE_MAX_POOL2D, input, poolSize(outputSize)));
    }

    /** {@code F.adaptive_max_pool1d(input, output_size)}: the maxima. */
    public static Tensor adaptiveMaxPool1d(Tensor input, long outputSize) { return adaptiveMaxPool1dWithIndices(input, outputSize).values(); }

    /** {@code torch.adaptive_max_pool1d(input, output_size)}: the maxima and their indices along the last dim. */
    public static ValuesIndices adaptiveMaxPool1dWithIndices(Tensor input, long outputSize) {
        return ValuesIndices.of(applyMulti(PoolOps.ADAPTIVE_MAX_POOL1D, input, new long[]{outputSize}));
    }

    /** An adaptive pooling's output size as (height, width): one value stands for both. */
    private static long[] poolSize(long[] size) {
        if (size.length != 1 && size.length != 2) {
            throw new IllegalArgumentException("adaptive pooling: output_size is one value or (height, width), got " + size.length + " values");
        }
        return size.length == 1 ? new long[]{size[0], size[0]} : size.clone();
    }

    // ---- normalization ----

    /** {@code torch.nn.functional.batch_norm(input, running_mean, running_var)}: evaluation with the running statistics. */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar) {
        return batchNorm(input, runningMean, runningVar, null, null, false);
    }

    /** {@code F.batch_norm(input, running_mean, running_var, weight, bias, training)} with momentum 0.1 and eps 1e-5. */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training) {
        return batchNorm(input, runningMean, runningVar, weight, bias, training, 0.1, 1e-5);
    }

    /**
     * {@code F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)} over the channels
     * (dim 1) of an (N, C, *) input. In training the batch statistics normalize, and running statistics that are given
     * (they may be null) are updated in place: {@code running = (1 - momentum) running + momentum batch}, with the
     * unbiased batch variance. Weight and bias may be null.
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training,
                                   double momentum, double eps) {
        if (training) moreThanOne(input, input.dim() > 0 ? input.size(0) : 1, 2, "value per channel");
        return apply(NormOps.BATCH_NORM, input, weight, bias, runningMean, runningVar, training, momentum, eps, false);
    }

    /** {@code F.layer_norm(input, normalized_shape)}: normalizes over the trailing {@code normalizedShape} dims. */
    public static Tensor layerNorm(Tensor input, long... normalizedShape) { return layerNorm(input, normalizedShape, null, null); }

    /** {@code F.layer_norm(input, normalized_shape, weight, bias)} with eps 1e-5; weight and bias (of normalized_shape) may be null. */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias) {
        return layerNorm(input, normalizedShape, weight, bias, 1e-5);
    }

    /** {@code F.layer_norm(input, normalized_shape, weight, bias, eps)}. */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return apply(NormOps.LAYER_NORM, input, normalizedShape.clone(), weight, bias, eps, true);
    }

    /** {@code F.group_norm(input, num_groups)}: each sample's channels (dim 1) normalized in {@code numGroups} groups. */
    public static Tensor groupNorm(Tensor input, long numGroups) { return groupNorm(input, numGroups, null, null); }

    /** {@code F.group_norm(input, num_groups, weight, bias)} with eps 1e-5; weight and bias (one per channel) may be null. */
    public static Tensor groupNorm(Tensor input, long numGroups, Tensor weight, Tensor bias) {
        return groupNorm(input, numGroups, weight, bias, 1e-5);
    }

    /** {@code F.group_norm(input, num_groups, weight, bias, eps)}. */
    public static Tensor groupNorm(Tensor input, long numGroups, Tensor weight, Tensor bias, double eps) {
        if (input.dim() >= 2 && numGroups > 0) moreThanOne(input, input.size(0) * input.size(1) / numGroups, 2, "value per channel");
        return apply(NormOps.GROUP_NORM, input, numGroups, weight, bias, eps, true);
    }

    /** {@code F.instance_norm(input)}: each channel of each sample normalized over its spatial dims. */
    public static Tensor instanceNorm(Tensor input) { return instanceNorm(input, null, null, null, null, true, 0.1, 1e-5); }

    /**
     * {@code F.instance_norm(input, running_mean, running_var, weight, bias, use_input_stats, momentum, eps)}: with
     * {@code useInputStats} each (sample, channel) is normalized by its own statistics, whose mean over the batch
     * updates running statistics that are given; without, by the running statistics.
     */
    public static Tensor instanceNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                      boolean useInputStats, double momentum, double eps) {
        if (useInputStats) moreThanOne(input, 1, 2, "spatial element");
        return apply(NormOps.INSTANCE_NORM, input, weight, bias, runningMean, runningVar, useInputStats, momentum, eps, false);
    }

    /** torch.nn.functional's check that training statistics cover more than one element: {@code first} times the sizes from dim {@code from}. */
    private static void moreThanOne(Tensor input, long first, int from, String what) {
        long n = first;
        for (int d = from; d < input.dim(); d++) n *= input.size(d);
        if (n == 1) {
            throw new IllegalArgumentException("Expected more than 1 " + what + " when training, got input size "
                    + Arrays.toString(input.sizes()));
        }
    }

    /** {@code torch.save(obj, file)} in PyTorch's zip checkpoint format, atomically; see {@link dev.kiln.io.Checkpoints}. */
    public static void save(Object obj, java.nio.file.Path file) throws java.io.IOException { dev.kiln.io.Checkpoints.save(obj, file); }

    /** {@code torch.load(file, weights_only=True)}: what {@code torch.save} (or {@link #save}) wrote; see {@link dev.kiln.io.Checkpoints}. */
    public static Object load(java.nio.file.Path file) throws java.io.IOException { return dev.kiln.io.Checkpoints.load(file); }
}
