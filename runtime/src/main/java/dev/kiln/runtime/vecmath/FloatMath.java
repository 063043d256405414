package dev.kiln.runtime.vecmath;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Exponentials, logarithms, hyperbolic functions, sine and cosine of float lanes, computed in float lanes from IEEE-exact
 * operations only (add, mul, fma, div, comparisons, blends, bit manipulation). Unlike the Vector API's EXP,
 * LOG, ... operators (per-lane {@link Math} when interpreted, SVML once C2 compiles them) they give the same
 * bits in every JIT tier. Algorithms and coefficients are Cephes' single-precision ones ({@code expf.c},
 * {@code logf.c}, {@code log10f.c}, {@code tanhf.c}, {@code sinf.c}); {@code expm1} and {@code log1p} reduce to them as fdlibm
 * does. Each is within 2 ulp of {@link StrictMath} over the whole float range (see the tests).
 */
public final class FloatMath {
    private FloatMath() {}

    private static final float EXP_HI = 88.72283f, EXP_LO = -103.97208f, LOG2E = 1.44269504f, ROUNDER = 12582912f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** Smallest x whose e^x is a normal float (e^x >= 2^-126). */
    private static final float NORMAL_EXP_LO = -87.33654f;
    /** Largest x whose e^x / 2 is finite in float. */
    private static final float HALF_EXP_HI = 89.41599f;

    /** {@code e^x} (Cephes' expf: reduction by ln 2 in two parts, a degree-5 polynomial, 2^n applied in two halves). */
    public static FloatVector exp(FloatVector x) { return scaledExp(x, 0, EXP_HI); }

    /** {@code e^x * 2^shift}, infinite above {@code hi}, zero below Cephes' underflow bound. */
    private static FloatVector scaledExp(FloatVector x, int shift, float hi) {
        FloatVector t = x.min(hi).max(EXP_LO);
        FloatVector n = t.fma(LOG2E, ROUNDER).sub(ROUNDER);
        FloatVector p = expReduced(n, t);
        IntVector k = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(shift), half = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector lo = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector up = k.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = p.mul(up).mul(lo);
        return e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, hi)).blend(0f, x.lt(EXP_LO));
    }

    /**
     * {@code e^x} for {@code x <= 0} (or NaN), as softmax's {@code exp(x - max)} needs it: {@link #exp}'s bits where the
     * result is a normal float, zero below (x < -87.34, where exp is subnormal); one scaling by 2^n and no overflow
     * handling make it about a third cheaper. Wrong for x > 0.
     */
    public static FloatVector expNonPositive(FloatVector x) {
        FloatVector t = x.max(NORMAL_EXP_LO);
        FloatVector n = t.fma(LOG2E, ROUNDER).sub(ROUNDER);
        IntVector k = (IntVector) n.convert(VectorOperators.F2I, 0);
        FloatVector two = k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return expReduced(n, t).mul(two).blend(0f, x.lt(NORMAL_EXP_LO));
    }

    /** {@code e^r} for {@code r = t - n ln 2} (Cephes' degree-5 polynomial); {@code n} is t / ln 2 rounded. */
    private static FloatVector expReduced(FloatVector n, FloatVector t) {
        FloatVector r = n.fma(n.broadcast(-LN2_HI), t).sub(n.mul(LN2_LO));
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, r.broadcast(8.3334519073e-3f));
        p = p.fma(r, r.broadcast(4.1665795894e-2f));
        p = p.fma(r, r.broadcast(1.6666665459e-1f));
        p = p.fma(r, r.broadcast(5.0000001201e-1f));
        return p.fma(r.mul(r), r).add(1f);
    }

    /**
     * {@code e^x - 1}: {@code 2^n * expm1(r) + (2^n - 1)} with r = x - n ln 2 and a degree-9 Taylor polynomial for
     * {@code expm1(r)} where that is exact enough (-16 < x < 10), {@code exp(x) - 1} elsewhere.
     */
    public static FloatVector expm1(FloatVector x) {
        FloatVector t = x.min(10f).max(-16f);
        FloatVector n = t.fma(LOG2E, ROUNDER).sub(ROUNDER);
        FloatVector r = n.fma(n.broadcast(-LN2_HI), t).sub(n.mul(LN2_LO));
        FloatVector q = r.fma(1 / 362880f, 1 / 40320f);
        q = q.fma(r, x.broadcast(1 / 5040f));
        q = q.fma(r, x.broadcast(1 / 720f));
        q = q.fma(r, x.broadcast(1 / 120f));
        q = q.fma(r, x.broadcast(1 / 24f));
        q = q.fma(r, x.broadcast(1 / 6f));
        q = q.fma(r, x.broadcast(0.5f));
        FloatVector em = r.mul(r).fma(q, r);
        IntVector k = (IntVector) n.convert(VectorOperators.F2I, 0);
        FloatVector two = k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector mid = em.fma(two, two.sub(1f));
        FloatVector y = exp(x).sub(1f).blend(mid, x.compare(VectorOperators.GE, -16f).and(x.lt(10f)));
        return y.blend(x, x.eq(0f));
    }

    /** {@code ln x} (Cephes' logf: x = m 2^e with m in [sqrt(1/2), sqrt(2)), a degree-8 polynomial in m - 1). */
    public static FloatVector log(FloatVector x) {
        FloatVector xs = normalised(x), f = mantissa(xs), e = exponent(x, xs), z = f.mul(f);
        FloatVector y = e.fma(e.broadcast(LN2_LO), logTail(f, z));
        return specials(e.fma(e.broadcast(LN2_HI), f.add(y)), x);
    }

    /** {@code log10 x} (Cephes' log10f: the same reduction, the sum taken with log10(e) and log10(2) in two parts). */
    public static FloatVector log10(FloatVector x) {
        FloatVector xs = normalised(x), f = mantissa(xs), e = exponent(x, xs), z = f.mul(f);
        FloatVector y = logTail(f, z);
        FloatVector s = y.mul(7.00731903251827651129E-4f).add(f.mul(7.00731903251827651129E-4f));
        s = e.fma(e.broadcast(2.48745663981195213739E-4f), s);
        s = y.fma(y.broadcast(4.3359375E-1f), s);
        s = f.fma(f.broadcast(4.3359375E-1f), s);
        s = e.fma(e.broadcast(3.0078125E-1f), s);
        return specials(s, x);
    }

    /** {@code ln(1 + x)}: {@code log(u) - ((u - 1) - x) / u} with u = 1 + x rounded, as fdlibm corrects it. */
    public static FloatVector log1p(FloatVector x) {
        FloatVector u = x.add(1f), c = u.sub(1f).sub(x);
        FloatVector y = log(u).sub(c.div(u));
        return y.blend(Float.NEGATIVE_INFINITY, x.eq(-1f)).blend(x, x.eq(Float.POSITIVE_INFINITY).or(x.abs().lt(0x1p-24f)));
    }

    /** Subnormal inputs scaled by 2^25 so that their exponent field is meaningful. */
    private static FloatVector normalised(FloatVector x) { return x.blend(x.mul(0x1p25f), x.lt(Float.MIN_NORMAL)); }

    /** {@code m - 1} where {@code xs = m 2^e}, m in [sqrt(1/2), sqrt(2)). */
    private static FloatVector mantissa(FloatVector xs) {
        IntVector u = xs.reinterpretAsInts().sub(0x3f3504f3);
        return u.and(0x007fffff).add(0x3f3504f3).reinterpretAsFloats().sub(1f);
    }

    /** e where {@code x = m 2^e}, m in [sqrt(1/2), sqrt(2)), given x and its normalised form. */
    private static FloatVector exponent(FloatVector x, FloatVector xs) {
        IntVector u = xs.reinterpretAsInts().sub(0x3f3504f3);
        FloatVector e = (FloatVector) u.lanewise(VectorOperators.ASHR, 23).convert(VectorOperators.I2F, 0);
        return e.blend(e.sub(25f), x.lt(Float.MIN_NORMAL));
    }

    /** {@code log(1 + f) - f} without its exponent part: Cephes' polynomial times f^3, minus f^2 / 2. */
    private static FloatVector logTail(FloatVector f, FloatVector z) {
        FloatVector p = f.fma(7.0376836292E-2f, -1.1514610310E-1f);
        p = p.fma(f, f.broadcast(1.1676998740E-1f));
        p = p.fma(f, f.broadcast(-1.2420140846E-1f));
        p = p.fma(f, f.broadcast(1.4249322787E-1f));
        p = p.fma(f, f.broadcast(-1.6668057665E-1f));
        p = p.fma(f, f.broadcast(2.0000714765E-1f));
        p = p.fma(f, f.broadcast(-2.4999993993E-1f));
        p = p.fma(f, f.broadcast(3.3333331174E-1f));
        return z.fma(z.broadcast(-0.5f), p.mul(f).mul(z));
    }

    /** A logarithm's special values: NaN below zero and for NaN, -inf at ±0, +inf at +inf. */
    private static FloatVector specials(FloatVector y, FloatVector x) {
        return y.blend(Float.NaN, x.lt(0f).or(x.test(VectorOperators.IS_NAN)))
                .blend(Float.NEGATIVE_INFINITY, x.eq(0f))
                .blend(Float.POSITIVE_INFINITY, x.eq(Float.POSITIVE_INFINITY));
    }

    /** {@code tanh x} (Cephes' tanhf: an odd polynomial below 0.625, {@code 1 - 2 / (e^2|x| + 1)} above). */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs(), z = x.mul(x);
        FloatVector p = z.fma(-5.70498872745E-3f, 2.06390887954E-2f);
        p = p.fma(z, x.broadcast(-5.37397155531E-2f));
        p = p.fma(z, x.broadcast(1.33314422036E-1f));
        p = p.fma(z, x.broadcast(-3.33332819422E-1f));
        FloatVector small = x.mul(z).fma(p, x);
        FloatVector big = x.broadcast(1f).sub(x.broadcast(2f).div(exp(a.add(a)).add(1f)));
        return withSign(big.blend(small, a.lt(0.625f)), x);
    }

    /**
     * {@code sinh x} as fdlibm's s_sinh.c: x below 2^-12; with t = expm1|x|, {@code (2t - t^2 / (t + 1)) / 2} below 1,
     * {@code (t + t / (t + 1)) / 2} below 9; e^|x| / 2 above.
     */
    public static FloatVector sinh(FloatVector x) {
        FloatVector a = x.abs(), t = expm1(a), u = t.add(1f);
        FloatVector mid = t.add(t.div(u)).blend(t.add(t).sub(t.mul(t).div(u)), a.lt(1f)).mul(0.5f);
        FloatVector y = scaledExp(a, -1, HALF_EXP_HI).blend(mid, a.lt(9f));
        return withSign(y, x).blend(x, a.lt(0x1p-12f));
    }

    /** {@code cosh x}: {@code (e + 1/e) / 2} with e = e^|x| below 9, e^|x| / 2 above. */
    public static FloatVector cosh(FloatVector x) {
        FloatVector a = x.abs(), e = exp(a.min(9f));
        FloatVector mid = e.mul(0.5f).add(x.broadcast(0.5f).div(e));
        return scaledExp(a, -1, HALF_EXP_HI).blend(mid, a.lt(9f));
    }

    /** {@code 1 / (1 + e^-x)}, as {@code e^x / (1 + e^x)} for negative x so that tiny results do not flush to zero. */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg()), d = e.add(1f);
        return x.broadcast(1f).div(d).blend(e.div(d), x.lt(0f));
    }

    /** Arguments up to this magnitude are reduced in float lanes; larger ones, infinities and NaN take the double path. */
    static final float TRIG_MAX = 0x1p13f;
    private static final float TWO_OVER_PI = 0.63661977f;
    private static final float PIO2_1 = 1.5707964f, PIO2_2 = -4.371139e-8f, PIO2_3 = -1.7151245e-15f;

    /**
     * {@code sin x}: r = x - n pi/2 by {@link #reduce}, then Cephes' sinf or cosf polynomial at r, chosen and signed
     * by n mod 4 (within 1.6 ulp below {@link #TRIG_MAX}).
     */
    public static FloatVector sin(FloatVector x) {
        VectorMask<Float> fast = x.abs().lt(TRIG_MAX);
        FloatVector y = trig(x, 0).blend(x, x.eq(0f));
        return fast.allTrue() ? y : FloatViaDouble.sin(x).blend(y, fast);
    }

    /** {@code cos x}, as {@link #sin} a quadrant further on. */
    public static FloatVector cos(FloatVector x) {
        VectorMask<Float> fast = x.abs().lt(TRIG_MAX);
        FloatVector y = trig(x, 1);
        return fast.allTrue() ? y : FloatViaDouble.cos(x).blend(y, fast);
    }

    /** {@code x - n pi/2} rounded, with pi/2 in three float parts, each product exact inside its fma. */
    private static FloatVector reduce(FloatVector x, FloatVector n) {
        FloatVector r = n.fma(n.broadcast(-PIO2_1), x);
        r = n.fma(n.broadcast(-PIO2_2), r);
        return n.fma(n.broadcast(-PIO2_3), r);
    }

    /** sin (shift 0) or cos (shift 1) of x for |x| below {@link #TRIG_MAX}. */
    private static FloatVector trig(FloatVector x, int shift) {
        FloatVector n = x.fma(TWO_OVER_PI, ROUNDER).sub(ROUNDER), r = reduce(x, n), z = r.mul(r);
        IntVector q = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(shift);
        FloatVector y = sinPoly(r, z).blend(cosPoly(z), q.and(1).compare(VectorOperators.NE, 0).cast(x.species()));
        return y.reinterpretAsInts().lanewise(VectorOperators.XOR, q.and(2).lanewise(VectorOperators.LSHL, 30)).reinterpretAsFloats();
    }

    /** Cephes' sinf polynomial on [-pi/4, pi/4]. */
    private static FloatVector sinPoly(FloatVector r, FloatVector z) {
        FloatVector p = z.fma(-1.9515295891E-4f, 8.3321608736E-3f);
        p = p.fma(z, z.broadcast(-1.6666654611E-1f));
        return r.mul(z).fma(p, r);
    }

    /** Cephes' cosf polynomial on [-pi/4, pi/4]. */
    private static FloatVector cosPoly(FloatVector z) {
        FloatVector p = z.fma(2.443315711809948E-5f, -1.388731625493765E-3f);
        p = p.fma(z, z.broadcast(4.166664568298827E-2f));
        return z.mul(z).fma(p, z.fma(-0.5f, 1f));
    }

    /** y with the sign bit of x (NaN stays NaN). */
    static FloatVector withSign(FloatVector y, FloatVector x) {
        return y.reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }
}
