package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import java.util.Arrays;

/**
 * The dimension and dtype rules reductions share: which dims a dim list reduces, the reduced shape, the
 * checks PyTorch makes before reducing (empty reductions without an identity, dtypes a kernel lacks) and the
 * result dtypes of sums and means. Kernels use the same helpers, so a rule and its kernel cannot disagree.
 */
public final class ReductionRules {
    private ReductionRules() {}

    /**
     * The dims {@code dims} reduces as a mask over a rank-{@code rank} tensor; null or empty means every dim.
     * Dims may be negative; out-of-range and repeated dims are errors, as in PyTorch.
     */
    public static boolean[] mask(String op, long[] dims, int rank) {
        boolean[] m = new boolean[rank];
        if (dims == null || dims.length == 0) {
            Arrays.fill(m, true);
            return m;
        }
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (long d : dims) {
            int w = Shapes.wrapDim(op, d, rank);
            if (seen[w]) throw OpError.of(op, "dim " + w + " appears multiple times in the list of dims");
            seen[w] = true;
            if (rank > 0) m[w] = true;
        }
        return m;
    }

    /** The mask of a single dim. */
    public static boolean[] mask(String op, long dim, int rank) { return mask(op, new long[]{dim}, rank); }

    /** The shape left after reducing the masked dims: they become 1 with {@code keepdim}, else disappear. */
    public static long[] shape(long[] sizes, boolean[] mask, boolean keepdim) {
        long[] out = new long[sizes.length];
        int n = 0;
        for (int d = 0; d < sizes.length; d++) {
            if (!mask[d]) out[n++] = sizes[d];
            else if (keepdim) out[n++] = 1;
        }
        return Arrays.copyOf(out, n);
    }

    /** The number of elements each output reduces. */
    public static long count(long[] sizes, boolean[] mask) {
        long n = 1;
        for (int d = 0; d < sizes.length; d++) if (mask[d]) n *= sizes[d];
        return n;
    }

    /**
     * Rejects reductions without an identity over no elements: a whole-tensor reduction ({@code whole}) of an
     * empty tensor, or a reduced dim of size zero.
     */
    public static void requireNonEmpty(String op, TensorMeta self, boolean[] mask, boolean whole) {
        if (whole && self.numel() == 0) {
            throw OpError.of(op, "Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim"
                    + " with the 'dim' argument.");
        }
        for (int d = 0; d < mask.length; d++) {
            if (mask[d] && self.sizes()[d] == 0) {
                throw OpError.index(op, "Expected reduction dim " + d + " to have non-zero size.");
            }
        }
    }

    /** Rejects dtypes PyTorch's CPU kernel for this op is not compiled for. */
    public static void requireKernelFor(String op, String kernel, DType dtype, DType... missing) {
        for (DType m : missing) {
            if (m == dtype) throw OpError.of(op, "\"" + kernel + "\" not implemented for '" + dtype.legacyName() + "'");
        }
    }

    /** The result dtype of sum, prod and cumsum: {@code dtype} if given, int64 for integral and bool inputs. */
    public static DType sumDType(DType self, DType dtype) {
        if (dtype != null) return dtype;
        return self.isIntegral(true) ? DType.INT64 : self;
    }

    /** The result dtype of mean: floating only, from {@code dtype} or the input. */
    public static DType meanDType(String op, DType self, DType dtype) {
        if (dtype != null && !dtype.isFloatingPoint()) {
            throw OpError.of(op, "could not infer output dtype. Optional dtype must be either a floating point or complex "
                    + "dtype. Got: " + dtype.legacyName());
        }
        if (dtype == null && !self.isFloatingPoint()) {
            throw OpError.of(op, "could not infer output dtype. Input dtype must be either a floating point or complex "
                    + "dtype. Got: " + self.legacyName());
        }
        return dtype != null ? dtype : self;
    }

    /** The dtype a norm computes and returns: the input's, or {@code dtype}; both must be floating. */
    public static DType normDType(String op, DType self, DType dtype, boolean narrowingAllowed) {
        if (!self.isFloatingPoint()) {
            throw OpError.of(op, "input dtype should be either floating point or complex. Got " + self.legacyName() + " instead.");
        }
        if (dtype == null) return self;
        if (!dtype.isFloatingPoint()) {
            throw OpError.of(op, "the desired output dtype should be either floating point or complex. Got "
                    + dtype.legacyName() + " instead.");
        }
        if (!narrowingAllowed && TypePromotion.promote(self, dtype) != dtype) {
            throw OpError.of(op, "the dtype of the input (" + self.legacyName() + ") should be convertible without "
                    + "narrowing to the specified dtype (" + dtype.legacyName() + ")");
        }
        return dtype;
    }

    /** The value of a norm's order argument ({@code Scalar? p}); None means 2. */
    public static double order(Object p) {
        return switch (p) {
            case null -> 2.0;
            case Boolean b -> b ? 1.0 : 0.0;
            case Number n -> n.doubleValue();
            default -> throw new IllegalArgumentException("norm order must be a number, got " + p);
        };
    }

    /** The result dtype of all and any: uint8 for uint8 inputs, bool otherwise. */
    public static DType logicalDType(DType self) { return self == DType.UINT8 ? DType.UINT8 : DType.BOOL; }

    static TensorSpec spec(DType dtype, long[] sizes, TensorMeta like) { return new TensorSpec(dtype, sizes, like.device()); }

    static TensorSpec[] one(DType dtype, long[] sizes, TensorMeta like) { return new TensorSpec[]{spec(dtype, sizes, like)}; }
}
