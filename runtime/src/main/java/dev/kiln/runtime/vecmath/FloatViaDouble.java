package dev.kiln.runtime.vecmath;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float functions evaluated in double lanes with {@link DoubleMath}: each half of the float vector is widened
 * (exactly), the double function (within 2 double ulp) applied, and the result rounded once to float, so they are
 * correctly rounded but for rare double-rounding ties. Circular functions, their inverses and {@code pow}, whose
 * float-precision reductions would need extra-precise arithmetic ({@link FloatMath}'s sin and cos come here for
 * arguments beyond its float reduction; tan, whose quotient would exceed 2 ulp in float, always does).
 */
public final class FloatViaDouble {
    private FloatViaDouble() {}

    /** The float species these functions take. */
    public static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, F.vectorShape());
    private static final VectorMask<Float> UPPER = F.indexInRange(F.length() / 2, F.length()).not();

    private static DoubleVector lower(FloatVector x) { return (DoubleVector) x.convertShape(VectorOperators.F2D, D, 0); }

    private static DoubleVector upper(FloatVector x) { return (DoubleVector) x.convertShape(VectorOperators.F2D, D, 1); }

    private static FloatVector join(DoubleVector lo, DoubleVector hi) {
        FloatVector a = (FloatVector) lo.convertShape(VectorOperators.D2F, F, 0);
        return a.blend((FloatVector) hi.convertShape(VectorOperators.D2F, F, -1), UPPER);
    }

    public static FloatVector sin(FloatVector x) { return join(DoubleMath.sin(lower(x)), DoubleMath.sin(upper(x))); }

    public static FloatVector cos(FloatVector x) { return join(DoubleMath.cos(lower(x)), DoubleMath.cos(upper(x))); }

    public static FloatVector tan(FloatVector x) { return join(DoubleMath.tan(lower(x)), DoubleMath.tan(upper(x))); }

    public static FloatVector atan(FloatVector x) { return join(DoubleMath.atan(lower(x)), DoubleMath.atan(upper(x))); }

    public static FloatVector atan2(FloatVector y, FloatVector x) {
        return join(DoubleMath.atan2(lower(y), lower(x)), DoubleMath.atan2(upper(y), upper(x)));
    }

    /** {@code asin x = atan2(x, sqrt((1 - x)(1 + x)))}, exact enough in double for a float result. */
    public static FloatVector asin(FloatVector x) { return join(asin(lower(x)), asin(upper(x))); }

    /** {@code acos x = atan2(sqrt((1 - x)(1 + x)), x)}. */
    public static FloatVector acos(FloatVector x) { return join(acos(lower(x)), acos(upper(x))); }

    private static DoubleVector cosine(DoubleVector x) { return x.broadcast(1.0).sub(x).mul(x.add(1.0)).sqrt(); }

    private static DoubleVector asin(DoubleVector x) { return DoubleMath.atan2(x, cosine(x)); }

    private static DoubleVector acos(DoubleVector x) { return DoubleMath.atan2(cosine(x), x); }

    /**
     * Java's {@code pow} ({@link StrictMath#pow} semantics): {@code ±e^(y ln|x|)} for finite nonzero x and finite y,
     * the sign negative for x < 0 and odd integer y, NaN for x < 0 and y not an integer; vectors holding a zero,
     * infinite or NaN operand go lane by lane through StrictMath.
     */
    public static FloatVector pow(FloatVector x, FloatVector y) {
        VectorMask<Float> odd = x.eq(0f).or(x.test(VectorOperators.IS_FINITE).not()).or(y.test(VectorOperators.IS_FINITE).not());
        if (odd.anyTrue()) {
            float[] a = x.toArray(), b = y.toArray();
            for (int i = 0; i < a.length; i++) a[i] = (float) StrictMath.pow(a[i], b[i]);
            return FloatVector.fromArray(x.species(), a, 0);
        }
        return join(pow(lower(x), lower(y)), pow(upper(x), upper(y)));
    }

    private static final double ROUNDER = 0x1.8p52, INTEGRAL = 0x1p51;

    private static DoubleVector pow(DoubleVector x, DoubleVector y) {
        DoubleVector r = DoubleMath.exp(y.mul(DoubleMath.log(x.abs())));
        DoubleVector half = y.mul(0.5);
        VectorMask<Double> big = y.abs().compare(VectorOperators.GE, INTEGRAL);
        VectorMask<Double> integer = y.fma(1.0, ROUNDER).sub(ROUNDER).eq(y).or(big);
        VectorMask<Double> odd = half.add(ROUNDER).sub(ROUNDER).eq(half).not().and(integer).andNot(big);
        VectorMask<Double> negative = x.lt(0.0);
        return r.blend(r.neg(), negative.and(odd)).blend(Double.NaN, negative.andNot(integer));
    }
}
