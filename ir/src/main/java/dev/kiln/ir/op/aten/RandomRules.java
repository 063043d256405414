package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.ShapeRule;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import java.util.Arrays;

/**
 * Shape and dtype rules of random sampling: the result dtypes, the parameter checks PyTorch makes before
 * sampling (bounds of {@code randint}, {@code std >= 0}, {@code p} in [0, 1], multinomial's sample counts).
 * Checks that need the values of tensor arguments are made by the kernels.
 */
public final class RandomRules {
    private RandomRules() {}

    /** {@code rand}/{@code randn}: size at 0, options at {@code at}; the dtype must be floating. */
    static ShapeRule floating(String op, int at) {
        return args -> {
            TensorSpec[] spec = CreationRules.spec(op, (long[]) args[0], CreationRules.dtype(args, at, CreationRules.DEFAULT_DTYPE), args, at);
            checkFloating(op, spec[0].dtype());
            return spec;
        };
    }

    /** {@code rand_like}/{@code randn_like}: self's shape; the dtype must be floating. */
    static ShapeRule floatingLike(String op) {
        ShapeRule like = CreationRules.like(op, 1);
        return args -> {
            TensorSpec[] spec = like.infer(args);
            checkFloating(op, spec[0].dtype());
            return spec;
        };
    }

    /** {@code randint}: {@code [low,] high, size}; {@code low} is 0 when {@code lowAt} is -1. */
    static ShapeRule randint(String op, int lowAt, int at) {
        return args -> {
            long low = lowAt < 0 ? 0 : (Long) args[lowAt], high = (Long) args[lowAt + 1];
            TensorSpec[] spec = CreationRules.spec(op, (long[]) args[lowAt + 2], CreationRules.dtype(args, at, DType.INT64), args, at);
            checkRandomBounds(op, low, high, spec[0].dtype());
            return spec;
        };
    }

    /** {@code randint_like(self, [low,] high)}: self's shape and dtype; {@code high} follows {@code low} when there is one. */
    static ShapeRule randintLike(String op, boolean hasLow) {
        int at = hasLow ? 3 : 2;
        ShapeRule like = CreationRules.like(op, at);
        return args -> {
            TensorSpec[] spec = like.infer(args);
            checkRandomBounds(op, hasLow ? (Long) args[1] : 0, (Long) args[at - 1], spec[0].dtype());
            return spec;
        };
    }

    /**
     * PyTorch's {@code random_(from, to)} checks: {@code from < to}, then (for floating dtypes, after moving
     * bounds that the dtype cannot represent exactly) that {@code from} and {@code to - 1} fit the dtype.
     */
    static void checkRandomBounds(String op, long from, long to, DType dtype) {
        if (from >= to) throw OpError.of(op, "random_ expects 'from' to be less than 'to', but got from=" + from + " >= to=" + to);
        double min, max;
        if (dtype.isFloatingPoint()) {
            int digits = digits(dtype);
            long f = from, t = to;
            double fromPlus1 = roundTo(dtype, f + 1), toMinus1 = roundTo(dtype, t - 1);
            if (Double.isFinite(fromPlus1) && (long) fromPlus1 < f) f = (long) fromPlus1 + (1L << (log2(Math.abs(f + 1)) - digits + 1));
            if (Double.isFinite(toMinus1) && (long) toMinus1 >= t) t = (long) toMinus1 - (1L << (log2(Math.abs(t - 1)) - digits + 1));
            if (f >= t) {
                throw OpError.of(op, "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from="
                        + f + " >= to=" + t);
            }
            from = f;
            to = t;
            min = -CreationScalars.floatMax(dtype);
            max = CreationScalars.floatMax(dtype);
        } else {
            min = CreationScalars.minOf(dtype);
            max = CreationScalars.maxOf(dtype);
        }
        if (from < min || from > max) throw OpError.of(op, "from=" + from + " is out of bounds for " + dtype);
        if (to - 1 < min || to - 1 > max) throw OpError.of(op, "to - 1=" + (to - 1) + " is out of bounds for " + dtype);
    }

    /** The significand bits of a floating dtype (std::numeric_limits::digits). */
    static int digits(DType dtype) {
        return switch (dtype) {
            case FLOAT16 -> 11;
            case BFLOAT16 -> 8;
            case FLOAT32 -> 24;
            default -> 53;
        };
    }

    private static int log2(long v) { return 63 - Long.numberOfLeadingZeros(Math.max(v, 1)); }

    private static double roundTo(DType dtype, long v) {
        return switch (dtype) {
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> {
                int bits = Float.floatToIntBits((float) v);
                yield Float.intBitsToFloat((bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000);
            }
            case FLOAT32 -> (float) v;
            default -> (double) v;
        };
    }

    /** {@code randperm(n)}: n must be non-negative and every value below n must be exact in the dtype. */
    static ShapeRule randperm(String op, int at) {
        return args -> {
            long n = (Long) args[0];
            TensorSpec[] spec = CreationRules.spec(op, new long[]{n}, CreationRules.dtype(args, at, DType.INT64), args, at);
            DType dtype = spec[0].dtype();
            if (dtype == DType.BOOL) throw OpError.of(op, "randperm is not implemented for torch.bool");
            if (dtype.isFloatingPoint()) {
                long limit = (1L << digits(dtype)) + 1;
                if (n > limit) throw OpError.of(op, "n cannot be greater than " + limit + " for " + dtype);
            } else if (n > 0) {
                CreationScalars.checkFits(op, n - 1, dtype);
            }
            return spec;
        };
    }

    /** {@code normal.float_float(mean, std, size)}. */
    static ShapeRule normalSized(String op) {
        return args -> {
            checkStd(op, (Double) args[1]);
            TensorSpec[] spec = CreationRules.spec(op, (long[]) args[2], CreationRules.dtype(args, 4, CreationRules.DEFAULT_DTYPE), args, 4);
            checkFloating(op, spec[0].dtype());
            return spec;
        };
    }

    /** {@code normal} with tensor mean and/or std: the broadcast shape, in the dtype of mean (else of std). */
    static ShapeRule normalTensors(String op, boolean meanTensor, boolean stdTensor) {
        return args -> {
            if (!stdTensor) checkStd(op, (Double) args[1]);
            TensorMeta first = (TensorMeta) (meanTensor ? args[0] : args[1]);
            long[] sizes = first.sizes();
            if (meanTensor && stdTensor) sizes = Shapes.broadcast(op, sizes, ((TensorMeta) args[1]).sizes());
            checkFloating(op, first.dtype());
            if (stdTensor) checkFloating(op, ((TensorMeta) args[1]).dtype());
            return new TensorSpec[]{new TensorSpec(first.dtype(), sizes.clone(), first.device())};
        };
    }

    /** {@code normal_(self, mean, std)} and {@code uniform_(self, from, to)}: self must be floating. */
    static ShapeRule fillFloating(String op, boolean uniform) {
        return args -> {
            TensorMeta self = (TensorMeta) args[0];
            checkFloating(op, self.dtype());
            double a = (Double) args[1], b = (Double) args[2];
            if (uniform) checkUniformBounds(op, a, b, self.dtype());
            else checkStd(op, b);
            return new TensorSpec[]{new TensorSpec(self.dtype(), self.sizes().clone(), self.device())};
        };
    }

    private static void checkUniformBounds(String op, double from, double to, DType dtype) {
        double max = CreationScalars.floatMax(dtype);
        if (!(from >= -max && from <= max)) throw OpError.of(op, "from=" + CreationScalars.format(from) + " is out of bounds for " + dtype);
        if (!(to >= -max && to <= max)) throw OpError.of(op, "to=" + CreationScalars.format(to) + " is out of bounds for " + dtype);
        if (from > to) {
            throw OpError.of(op, "uniform_ expects to return a [from, to) range, but found from=" + CreationScalars.format(from) + " > to="
                    + CreationScalars.format(to));
        }
        if (to - from > max) {
            throw OpError.of(op, "uniform_ expects to-from <= the largest " + dtype + ", but found to=" + to + " and from=" + from);
        }
    }

    /** {@code bernoulli(self)} (p taken from self), {@code bernoulli.p}, {@code bernoulli.Tensor} and the in-place forms. */
    static ShapeRule bernoulli(String op, Kind kind) {
        return args -> {
            TensorMeta self = (TensorMeta) args[0];
            switch (kind) {
                case SELF -> checkFloating(op, self.dtype());
                case FLOAT -> {
                    double p = (Double) args[1];
                    if (!(p >= 0 && p <= 1)) throw OpError.of(op, "bernoulli_ expects p to be in [0, 1], but got p=" + CreationScalars.format(p));
                }
                case TENSOR -> {
                    TensorMeta p = (TensorMeta) args[1];
                    checkFloating(op, p.dtype());
                    long[] b = Shapes.broadcast(op, self.sizes(), p.sizes());
                    if (!Arrays.equals(b, self.sizes())) {
                        throw OpError.of(op, "p of shape " + Shapes.format(p.sizes()) + " cannot be expanded to self's shape "
                                + Shapes.format(self.sizes()));
                    }
                }
            }
            return new TensorSpec[]{new TensorSpec(self.dtype(), self.sizes().clone(), self.device())};
        };
    }

    /** Where {@code bernoulli} takes its probabilities from. */
    enum Kind { SELF, FLOAT, TENSOR }

    /** {@code multinomial(self, num_samples, replacement)}: int64 indices, one row of samples per distribution. */
    static ShapeRule multinomial(String op) {
        return args -> {
            TensorMeta self = (TensorMeta) args[0];
            long n = (Long) args[1];
            boolean replacement = (Boolean) args[2];
            if (self.dim() < 1 || self.dim() > 2) throw OpError.of(op, "prob_dist must be 1 or 2 dim, got " + self.dim() + " dims");
            if (!self.dtype().isFloatingPoint()) {
                throw OpError.of(op, "multinomial only supports floating-point dtypes for input, got: " + self.dtype());
            }
            if (n <= 0) throw OpError.of(op, "cannot sample n_sample <= 0 samples (got num_samples=" + n + ")");
            long categories = self.sizes()[self.dim() - 1];
            if (!replacement && n > categories) {
                throw OpError.of(op, "cannot sample n_sample > prob_dist.size(-1) samples without replacement (" + n + " > "
                        + categories + ")");
            }
            if (categories > (1L << 24)) throw OpError.of(op, "number of categories cannot exceed 2^24, got " + categories);
            long[] sizes = self.dim() == 1 ? new long[]{n} : new long[]{self.sizes()[0], n};
            return new TensorSpec[]{new TensorSpec(DType.INT64, sizes, self.device())};
        };
    }

    private static void checkStd(String op, double std) {
        if (!(std >= 0)) throw OpError.of(op, "normal expects std >= 0.0, but found std " + CreationScalars.format(std));
    }

    private static void checkFloating(String op, DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw OpError.of(op, "expected a floating point dtype for random sampling, got " + dtype);
        }
    }
}
