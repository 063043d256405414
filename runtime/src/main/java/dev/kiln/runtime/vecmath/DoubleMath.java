package dev.kiln.runtime.vecmath;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Exponential, logarithm and circular functions of double lanes from IEEE-exact operations only, so they give
 * the same bits in every JIT tier. fdlibm's algorithms ({@code e_log.c}, {@code k_sin.c}, {@code k_cos.c},
 * {@code s_atan.c}) with their coefficients; exp reduces by ln 2 and sums the Taylor series to degree 13.
 * Within 2 ulp of {@link StrictMath} (see the tests). Trigonometric arguments beyond
 * {@value #TRIG_MAX} need a Payne-Hanek reduction: {@link #trigHuge} tells callers to use StrictMath there.
 */
public final class DoubleMath {
    private DoubleMath() {}

    private static final double EXP_HI = 7.09782712893383973096e+02, EXP_LO = -7.45133219101941108420e+02;
    private static final double LOG2E = 1.4426950408889634, ROUNDER = 0x1.8p52;
    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    /** Largest |x| the three-part Cody-Waite reduction by pi/2 handles exactly enough. */
    public static final double TRIG_MAX = 0x1p19;

    /** {@code e^x}: x = n ln 2 + r (Cody-Waite, fdlibm's split of ln 2), the Taylor series of e^r to degree 13, 2^n in two halves. */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector t = x.min(EXP_HI).max(EXP_LO);
        DoubleVector n = t.fma(LOG2E, ROUNDER).sub(ROUNDER);
        DoubleVector r = n.fma(n.broadcast(-LN2_HI), t).sub(n.mul(LN2_LO));
        DoubleVector p = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0);
        p = p.fma(r, x.broadcast(1.0 / 39916800.0));
        p = p.fma(r, x.broadcast(1.0 / 3628800.0));
        p = p.fma(r, x.broadcast(1.0 / 362880.0));
        p = p.fma(r, x.broadcast(1.0 / 40320.0));
        p = p.fma(r, x.broadcast(1.0 / 5040.0));
        p = p.fma(r, x.broadcast(1.0 / 720.0));
        p = p.fma(r, x.broadcast(1.0 / 120.0));
        p = p.fma(r, x.broadcast(1.0 / 24.0));
        p = p.fma(r, x.broadcast(1.0 / 6.0));
        p = p.fma(r, x.broadcast(0.5));
        DoubleVector e = r.mul(r).fma(p, r).add(1.0);
        LongVector k = (LongVector) n.convert(VectorOperators.D2L, 0), half = k.lanewise(VectorOperators.ASHR, 1);
        DoubleVector lo = half.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector up = k.sub(half).add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return e.mul(up).mul(lo).blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI)).blend(0.0, x.lt(EXP_LO));
    }

    private static final long SQRT_HALF = 0x3fe6a09e667f3bcdL;

    /** {@code ln x} (fdlibm's e_log.c: x = m 2^k, m in [sqrt(1/2), sqrt(2)), s = f / (2 + f), a minimax series in s). */
    public static DoubleVector log(DoubleVector x) {
        VectorMask<Double> sub = x.lt(Double.MIN_NORMAL);
        DoubleVector xs = x.blend(x.mul(0x1p54), sub);
        LongVector u = xs.reinterpretAsLongs().sub(SQRT_HALF);
        DoubleVector k = (DoubleVector) u.lanewise(VectorOperators.ASHR, 52).convert(VectorOperators.L2D, 0);
        k = k.blend(k.sub(54.0), sub);
        DoubleVector f = u.and(0x000fffffffffffffL).add(SQRT_HALF).reinterpretAsDoubles().sub(1.0);
        DoubleVector s = f.div(f.add(2.0)), z = s.mul(s), w = z.mul(z);
        DoubleVector t1 = w.fma(1.531383769920937332e-01, 2.222219843214978396e-01).fma(w, x.broadcast(3.999999999940941908e-01)).mul(w);
        DoubleVector t2 = w.fma(1.479819860511658591e-01, 1.818357216161805012e-01).fma(w, x.broadcast(2.857142874366239149e-01))
                .fma(w, x.broadcast(6.666666666666735130e-01)).mul(z);
        DoubleVector rr = t2.add(t1), hfsq = f.mul(f).mul(0.5);
        DoubleVector y = k.fma(k.broadcast(LN2_HI), hfsq.sub(s.mul(hfsq.add(rr)).add(k.mul(LN2_LO))).sub(f).neg());
        return y.blend(Double.NaN, x.lt(0.0).or(x.test(VectorOperators.IS_NAN)))
                .blend(Double.NEGATIVE_INFINITY, x.eq(0.0))
                .blend(Double.POSITIVE_INFINITY, x.eq(Double.POSITIVE_INFINITY));
    }

    private static final double INV_PIO2 = 6.36619772367581382433e-01;
    private static final double PIO2_1 = 1.57079632673412561417e+00;
    private static final double PIO2_2 = 6.07710050630396597660e-11, PIO2_2T = 2.02226624879595063154e-21;
    private static final double PIO2_3 = 2.02226624871116645580e-21, PIO2_3T = 8.47842766036889956997e-32;

    /** {@code sin x}. */
    public static DoubleVector sin(DoubleVector x) { return trig(x, 0); }

    /** {@code cos x}. */
    public static DoubleVector cos(DoubleVector x) { return trig(x, 1); }

    /** {@code tan x}, as the quotient of the sine and cosine kernels on the reduced argument. */
    public static DoubleVector tan(DoubleVector x) { return trig(x, 2); }

    /**
     * sin (0), cos (1) or tan (2): fdlibm's e_rem_pio2.c medium-size reduction (x - n pi/2 with pi/2 in three
     * 33-bit parts and a tail) always taken to the third part, then k_sin.c / k_cos.c on the reduced (y0, y1).
     */
    private static DoubleVector trig(DoubleVector x, int which) {
        DoubleVector n = x.fma(INV_PIO2, ROUNDER).sub(ROUNDER);
        DoubleVector r = n.fma(n.broadcast(-PIO2_1), x), t = r, w = n.mul(PIO2_2);
        r = t.sub(w);
        w = n.fma(n.broadcast(PIO2_2T), t.sub(r).sub(w).neg());
        t = r;
        DoubleVector w3 = n.mul(PIO2_3);
        r = t.sub(w3);
        w = n.fma(n.broadcast(PIO2_3T), t.sub(r).sub(w3).neg());
        DoubleVector y0 = r.sub(w), y1 = r.sub(y0).sub(w);
        DoubleVector z = y0.mul(y0), v = z.mul(y0);
        DoubleVector sr = z.fma(1.58969099521155010221e-10, -2.50507602534068634195e-08).fma(z, x.broadcast(2.75573137070700676789e-06))
                .fma(z, x.broadcast(-1.98412698298579493134e-04)).fma(z, x.broadcast(8.33333333332248946124e-03));
        DoubleVector s = y0.sub(z.mul(y1.mul(0.5).sub(v.mul(sr))).sub(y1).sub(v.mul(-1.66666666666666324348e-01)));
        DoubleVector cr = z.fma(-1.13596475577881948265e-11, 2.08757232129817482790e-09).fma(z, x.broadcast(-2.75573143513906633035e-07))
                .fma(z, x.broadcast(2.48015872894767294178e-05)).fma(z, x.broadcast(-1.38888888888741095749e-03))
                .fma(z, x.broadcast(4.16666666666666019037e-02)).mul(z);
        DoubleVector hz = z.mul(0.5), cw = x.broadcast(1.0).sub(hz);
        DoubleVector c = cw.add(x.broadcast(1.0).sub(cw).sub(hz).add(z.mul(cr).sub(y0.mul(y1))));
        LongVector q = ((LongVector) n.convert(VectorOperators.D2L, 0)).add(which == 1 ? 1 : 0);
        VectorMask<Double> odd = q.and(1L).eq(1L).cast(x.species()), neg = q.and(2L).eq(2L).cast(x.species());
        DoubleVector y;
        if (which == 2) {
            y = s.div(c).blend(c.div(s).neg(), odd);
        } else {
            y = s.blend(c, odd);
            y = y.blend(y.neg(), neg);
        }
        VectorMask<Double> huge = x.abs().compare(VectorOperators.GT, TRIG_MAX);
        return huge.anyTrue() ? strict(y, x, huge, which) : y;
    }

    /** The lanes of {@code y} where {@code huge} is set replaced by StrictMath's sin, cos or tan of x. */
    private static DoubleVector strict(DoubleVector y, DoubleVector x, VectorMask<Double> huge, int which) {
        double[] out = y.toArray(), in = x.toArray();
        for (int i = 0; i < out.length; i++) {
            if (!huge.laneIsSet(i)) continue;
            out[i] = which == 0 ? StrictMath.sin(in[i]) : which == 1 ? StrictMath.cos(in[i]) : StrictMath.tan(in[i]);
        }
        return DoubleVector.fromArray(x.species(), out, 0);
    }

    private static final double[] ATAN_HI = {4.63647609000806093515e-01, 7.85398163397448278999e-01,
            9.82793723247329054082e-01, 1.57079632679489655800e+00};
    private static final double[] ATAN_LO = {2.26987774529616870924e-17, 3.06161699786838301793e-17,
            1.39033110312309984516e-17, 6.12323399573676603587e-17};

    /** {@code atan x} (fdlibm's s_atan.c: five intervals of |x| reduced to |t| < 7/16, an odd degree-23 polynomial). */
    public static DoubleVector atan(DoubleVector x) {
        DoubleVector a = x.abs(), one = x.broadcast(1.0);
        VectorMask<Double> i0 = a.lt(11.0 / 16), i1 = a.lt(19.0 / 16), i2 = a.lt(39.0 / 16), direct = a.lt(7.0 / 16);
        DoubleVector num = one.neg().blend(a.sub(1.5), i2).blend(a.sub(1.0), i1).blend(a.mul(2.0).sub(1.0), i0).blend(a, direct);
        DoubleVector den = a.blend(a.fma(1.5, 1.0), i2).blend(a.add(1.0), i1).blend(a.add(2.0), i0).blend(one, direct);
        DoubleVector hi = x.broadcast(ATAN_HI[3]).blend(ATAN_HI[2], i2).blend(ATAN_HI[1], i1).blend(ATAN_HI[0], i0).blend(0.0, direct);
        DoubleVector lo = x.broadcast(ATAN_LO[3]).blend(ATAN_LO[2], i2).blend(ATAN_LO[1], i1).blend(ATAN_LO[0], i0).blend(0.0, direct);
        DoubleVector t = num.div(den), z = t.mul(t), w = z.mul(z);
        DoubleVector s1 = w.fma(1.62858201153657823623e-02, 4.97687799461593236017e-02).fma(w, x.broadcast(6.66107313738753120669e-02))
                .fma(w, x.broadcast(9.09088713343650656196e-02)).fma(w, x.broadcast(1.42857142725034663711e-01))
                .fma(w, x.broadcast(3.33333333333329318027e-01)).mul(z);
        DoubleVector s2 = w.fma(-3.65315727442169155270e-02, -5.83357013379057348645e-02).fma(w, x.broadcast(-7.69187620504482999495e-02))
                .fma(w, x.broadcast(-1.11111104054623557880e-01)).fma(w, x.broadcast(-1.99999999998764832476e-01)).mul(w);
        DoubleVector y = hi.sub(t.mul(s1.add(s2)).sub(lo).sub(t));
        return withSign(y, x);
    }

    private static final double PI = 3.1415926535897931160e+00, PI_LO = 1.2246467991473531772e-16;

    /** {@code atan2(y, x)} (fdlibm's e_atan2.c: atan|y/x| moved to the right quadrant; its special cases as blends). */
    public static DoubleVector atan2(DoubleVector y, DoubleVector x) {
        DoubleVector z = atan(y.abs().div(x.abs()));
        z = z.blend(0.0, y.eq(0.0)).blend(PI / 4, y.test(VectorOperators.IS_INFINITE).and(x.test(VectorOperators.IS_INFINITE)));
        DoubleVector left = y.broadcast(PI).sub(z.sub(PI_LO));
        VectorMask<Double> west = x.reinterpretAsLongs().lt(0L).cast(x.species());
        DoubleVector r = withSign(z.blend(left, west), y);
        return r.blend(Double.NaN, x.test(VectorOperators.IS_NAN).or(y.test(VectorOperators.IS_NAN)));
    }

    /** y with the sign bit of x. */
    static DoubleVector withSign(DoubleVector y, DoubleVector x) {
        return y.reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
    }
}
