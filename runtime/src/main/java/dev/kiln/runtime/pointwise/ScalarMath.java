package dev.kiln.runtime.pointwise;

/**
 * Element functions the JDK and the Vector API lack or define differently from C's libm, which PyTorch's
 * kernels use: the error functions, the inverse hyperbolic functions, {@code log2}, C's {@code pow} special
 * cases, Python-style floor division and remainder on floats, integer powers, and x86's float-to-integer
 * conversion (NaN and out-of-range values become the smallest integer).
 *
 * <p>{@link #erf} and {@link #erfc} follow the algorithm and coefficients of fdlibm's {@code s_erf.c}:
 * <blockquote>Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro, a Sun
 * Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is freely
 * granted, provided that this notice is preserved.</blockquote>
 */
final class ScalarMath {
    private ScalarMath() {}

    private static final double LN2 = 0.6931471805599453;

    /** x86 {@code cvttsd2si} to 64 bits. */
    static long toLong(double v) { return v >= -0x1p63 && v < 0x1p63 ? (long) v : Long.MIN_VALUE; }

    /** x86 {@code cvttsd2si} to 32 bits; narrower integer dtypes convert through it. */
    static int toInt(double v) { return v > -2147483649.0 && v < 2147483648.0 ? (int) v : Integer.MIN_VALUE; }

    /** C's {@code pow}: {@code pow(1, y) = pow(x, 0) = pow(-1, ±inf) = 1}, where Java gives NaN for some. */
    static double pow(double a, double b) {
        if (b == 0 || a == 1 || (a == -1 && Double.isInfinite(b))) return 1;
        return Math.pow(a, b);
    }

    /** Integer power by squaring, wrapping like C; negative exponents give 1, ±1 or 0 as PyTorch does. */
    static long pow(long a, long b) {
        if (b < 0) return a == 1 ? 1 : a == -1 ? ((b & 1) == 0 ? 1 : -1) : 0;
        long r = 1;
        while (b != 0) {
            if ((b & 1) != 0) r *= a;
            b >>= 1;
            a *= a;
        }
        return r;
    }

    static int pow(int a, int b) { return (int) pow((long) a, (long) b); }

    /** PyTorch's {@code div_floor_floating}: the floored quotient, exactly rounded, with IEEE results for b = 0. */
    static double floorDivide(double a, double b) {
        if (b == 0) return a / b;
        double mod = a % b, div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
        if (div == 0) return Math.copySign(0.0, a / b);
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1 : floor;
    }

    static float floorDivide(float a, float b) {
        if (b == 0) return a / b;
        float mod = a % b, div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
        if (div == 0) return Math.copySign(0.0f, a / b);
        float floor = (float) Math.floor(div);
        return div - floor > 0.5f ? floor + 1 : floor;
    }

    /** Python's {@code %} on floats: the result has the sign of the divisor. */
    static double remainder(double a, double b) {
        double mod = a % b;
        return mod != 0 && (b < 0) != (mod < 0) ? mod + b : mod;
    }

    static float remainder(float a, float b) {
        float mod = a % b;
        return mod != 0 && (b < 0) != (mod < 0) ? mod + b : mod;
    }

    static double trunc(double v) { return v < 0 ? Math.ceil(v) : Math.floor(v); }

    /** {@code log2}, exact at powers of two: {@code e + log2(m)} with the mantissa {@code m} in [sqrt(1/2), sqrt(2)). */
    static double log2(double x) {
        if (!(x > 0) || Double.isInfinite(x)) return Math.log(x);
        int shift = 0;
        if (Math.getExponent(x) == Double.MIN_EXPONENT - 1) {
            x *= 0x1p54;
            shift = 54;
        }
        int e = Math.getExponent(x);
        double m = x / Math.scalb(1.0, e);
        if (m > 1.4142135623730951) {
            m /= 2;
            e++;
        }
        return (e - shift) + Math.log(m) / LN2;
    }

    static double exp2(double x) { return Math.pow(2, x); }

    static double asinh(double x) {
        double a = Math.abs(x), w;
        if (a < 0x1p-28 || Double.isNaN(x) || Double.isInfinite(x)) return x;
        if (a > 0x1p28) w = Math.log(a) + LN2;
        else if (a > 2) w = Math.log(2 * a + 1 / (Math.sqrt(x * x + 1) + a));
        else w = Math.log1p(a + x * x / (1 + Math.sqrt(1 + x * x)));
        return Math.copySign(w, x);
    }

    static double acosh(double x) {
        if (x < 1 || Double.isNaN(x)) return Double.NaN;
        if (x >= 0x1p28) return Double.isInfinite(x) ? x : Math.log(x) + LN2;
        if (x == 1) return 0;
        if (x > 2) return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
        double t = x - 1;
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    static double atanh(double x) {
        double a = Math.abs(x);
        if (a > 1 || Double.isNaN(x)) return Double.NaN;
        if (a == 1) return x / 0.0;
        if (a < 0x1p-28) return x;
        double t = a + a, w = a < 0.5 ? 0.5 * Math.log1p(t + t * a / (1 - a)) : 0.5 * Math.log1p(t / (1 - a));
        return Math.copySign(w, x);
    }

    // ---- error functions (fdlibm s_erf.c) ----

    static final double ERX = 8.45062911510467529297e-01;
    private static final double EFX = 1.28379167095512586316e-01;
    /** erf on [0, 0.84375]: x + x * P(x^2) / Q(x^2) */
    static final double[] PP = {1.28379167095512558561e-01, -3.25042107247001499370e-01, -2.84817495755985104766e-02,
        -5.77027029648944159157e-03, -2.37630166566501626084e-05};
    static final double[] QQ = {1, 3.97917223959155352819e-01, 6.50222499887672944485e-02, 5.08130628187576562776e-03,
        1.32494738004321644526e-04, -3.96022827877536812320e-06};
    /** erf on [0.84375, 1.25]: erx + P(s) / Q(s), s = |x| - 1 */
    static final double[] PA = {-2.36211856075265944077e-03, 4.14856118683748331666e-01, -3.72207876035701323847e-01,
        3.18346619901161753674e-01, -1.10894694282396677476e-01, 3.54783043256182359371e-02, -2.16637559486879084300e-03};
    static final double[] QA = {1, 1.06420880400844228286e-01, 5.40397917702171048937e-01, 7.18286544141962662868e-02,
        1.26171219808761642112e-01, 1.36370839120290507362e-02, 1.19844998467991074170e-02};
    /** erfc on [1.25, 1/0.35]: exp(-x^2 - 0.5625 + R(z) / S(z)) / x, z = 1/x^2 */
    static final double[] RA = {-9.86494403484714822705e-03, -6.93858572707181764372e-01, -1.05586262253232909814e+01,
        -6.23753324503260060396e+01, -1.62396669462573470355e+02, -1.84605092906711035994e+02, -8.12874355063065934246e+01,
        -9.81432934416914548592e+00};
    static final double[] SA = {1, 1.96512716674392571292e+01, 1.37657754143519042600e+02, 4.34565877475229228821e+02,
        6.45387271733267880336e+02, 4.29008140027567833386e+02, 1.08635005541779435134e+02, 6.57024977031928170135e+00,
        -6.04244152148580987438e-02};
    /** erfc on [1/0.35, 28] */
    static final double[] RB = {-9.86494292470009928597e-03, -7.99283237680523006574e-01, -1.77579549177547519889e+01,
        -1.60636384855821916062e+02, -6.37566443368389627722e+02, -1.02509513161107724954e+03, -4.83519191608651397019e+02};
    static final double[] SB = {1, 3.03380607434824582924e+01, 3.25792512996573918826e+02, 1.53672958608443695994e+03,
        3.19985821950859553908e+03, 2.55305040643316442583e+03, 4.74528541206955367215e+02, -2.24409524465858183362e+01};

    private static double poly(double[] c, double x) {
        double r = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) r = r * x + c[i];
        return r;
    }

    /** {@code erf(x) - x} over {@code x} on [0, 0.84375], the small-argument correction. */
    private static double smallRatio(double x) {
        double z = x * x;
        return poly(PP, z) / poly(QQ, z);
    }

    /** {@code erf(|x|) - erx} on [0.84375, 1.25]. */
    private static double nearOne(double a) {
        double s = a - 1;
        return poly(PA, s) / poly(QA, s);
    }

    /** {@code erfc(a)} for a in [1.25, 28), via the asymptotic form with the exponent split for accuracy. */
    private static double tail(double a) {
        double s = 1 / (a * a);
        double rs = a < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0xFFFFFFFF00000000L);
        return Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + rs) / a;
    }

    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        if (a < 0.84375) {
            if (a < 0x1p-28) return x + EFX * x;
            return x + x * smallRatio(x);
        }
        if (a < 1.25) return Math.copySign(ERX + nearOne(a), x);
        if (a >= 6) return Math.copySign(1.0, x);
        return Math.copySign(1 - tail(a), x);
    }

    static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        if (a < 0.84375) {
            if (a < 0x1p-56) return 1 - x;
            double y = x * smallRatio(x);
            return x < 0.25 ? 1 - (x + y) : 0.5 - (y + (x - 0.5));
        }
        if (a < 1.25) return x > 0 ? (1 - ERX) - nearOne(a) : 1 + (ERX + nearOne(a));
        if (a >= 28) return x > 0 ? 0 : 2;
        if (x < -6) return 2;
        double r = tail(a);
        return x > 0 ? r : 2 - r;
    }
}
