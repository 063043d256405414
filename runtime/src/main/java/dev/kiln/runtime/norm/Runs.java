package dev.kiln.runtime.norm;

/**
 * The loops the normalization kernels are made of, over one contiguous run of {@code n} elements of a float or
 * double array ({@code Object} so that a kernel is written once for both): sums in double precision and fused
 * element-wise updates. Values are centred before they are scaled ({@code (x - mean) * scale}), so that elements far
 * from zero lose nothing to cancellation. {@link F32} vectorises them, {@link F64} runs them plainly. Per-element parameters
 * ({@code gamma}, {@code beta}, column accumulators) are arrays of the same type indexed from 0.
 */
abstract sealed class Runs permits F32, F64 {
    /** The runs of a float32 (or bfloat16, computed in float32) tensor, or of a float64 one. */
    static Runs of(Object array) { return array instanceof float[] ? F32.INSTANCE : F64.INSTANCE; }

    /** A value as the kernel's type holds it: float32 rounds, as PyTorch's {@code scalar_t mean} does. */
    abstract double round(double v);

    /** {@code sum(a)}. */
    abstract double sum(Object a, int off, int n);

    /** {@code sum((a - mean)^2)}. */
    abstract double squaredDeviations(Object a, int off, int n, double mean);

    /**
     * Adds {@code sum(dy gamma)} to {@code acc[0]} and {@code sum(dy gamma (x - center))} to {@code acc[1]}, with
     * element-wise gamma, or one for a null gamma.
     */
    abstract void sums(Object x, int xo, Object dy, int dyo, Object gamma, int n, double center, double[] acc);

    /** {@code y = (x - center) * scale + shift}. */
    abstract void affine(Object x, int xo, Object y, int yo, int n, double center, double scale, double shift);

    /** {@code out = a * gamma * p + b * (q - center) + c}, with element-wise gamma, or one for a null gamma. */
    abstract void combine(Object p, int po, Object q, int qo, Object out, int oo, int n, double a, Object gamma, double b, double center,
                          double c);

    /** {@code y = (x - center) * scale * gamma + beta} with element-wise gamma and beta. */
    abstract void affineRow(Object x, int xo, Object y, int yo, int n, double center, double scale, Object gamma, Object beta);

    /** Adds {@code dy * (x - mean) * rstd} to {@code dGamma} and {@code dy} to {@code dBeta} element-wise. */
    abstract void accumulateColumns(Object x, int xo, Object dy, int dyo, int n, double mean, double rstd, Object dGamma, Object dBeta);

    /** An array of {@code n} elements of this type, each {@code value}. */
    abstract Object filled(int n, double value);

    /** {@code values} as an array of this type. */
    abstract Object array(double[] values);

    /** Adds {@code a}, an array of this type, to {@code total} and zeroes it. */
    abstract void flush(Object a, double[] total);
}
