package dev.kiln.runtime.pointwise;

import dev.kiln.runtime.vecmath.DoubleMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 primitives computed one loop per primitive (for the reason given in {@link F64Ops}):
 * the unary ones with vector code (roots; exp, log, sin, cos, tan and atan from {@link DoubleMath}, which gives the
 * same bits in every JIT tier), {@link StrictMath} per element for the other transcendental functions,
 * then per element in double precision those it lacks (rounding, {@code exp2}, {@code log2}, inverse
 * hyperbolic and error functions, the divisions), through {@link ScalarMath}.
 */
final class F64Math {
    private F64Math() {}

    private static final VectorSpecies<Double> S = F64Ops.S;
    private static final int L = S.length();

    static int neg(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).neg().intoArray(z, zo + i, m);
        }
        return n;
    }

    static int abs(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).abs().intoArray(z, zo + i, m);
        }
        return n;
    }

    static int reciprocal(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m);
            one.div(x).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int exp(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleMath.exp(DoubleVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int expm1(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = StrictMath.expm1(a[ao + i]);
        return n;
    }

    static int log(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleMath.log(DoubleVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log1p(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = StrictMath.log1p(a[ao + i]);
        return n;
    }

    static int log10(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = StrictMath.log10(a[ao + i]);
        return n;
    }

    static int sqrt(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).sqrt().intoArray(z, zo + i, m);
        }
        return n;
    }

    static int rsqrt(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m);
            one.div(x.sqrt()).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sin(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleMath.sin(DoubleVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int cos(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleMath.cos(DoubleVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int tan(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleMath.tan(DoubleVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int asin(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = StrictMath.asin(a[ao + i]);
        return n;
    }

    static int acos(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = StrictMath.acos(a[ao + i]);
        return n;
    }

    static int atan(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleMath.atan(DoubleVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sinh(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = StrictMath.sinh(a[ao + i]);
        return n;
    }

    static int cosh(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = StrictMath.cosh(a[ao + i]);
        return n;
    }

    static int tanh(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = StrictMath.tanh(a[ao + i]);
        return n;
    }

    static int sigmoid(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m);
            one.div(one.add(DoubleMath.exp(x.neg()))).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int floor(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = Math.floor(x);
        }
        return n;
    }

    static int ceil(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = Math.ceil(x);
        }
        return n;
    }

    static int round(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = Math.rint(x);
        }
        return n;
    }

    static int trunc(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = ScalarMath.trunc(x);
        }
        return n;
    }

    static int exp2(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = ScalarMath.exp2(x);
        }
        return n;
    }

    static int log2(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = ScalarMath.log2(x);
        }
        return n;
    }

    static int asinh(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = ScalarMath.asinh(x);
        }
        return n;
    }

    static int acosh(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = ScalarMath.acosh(x);
        }
        return n;
    }

    static int atanh(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = ScalarMath.atanh(x);
        }
        return n;
    }

    static int erf(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = ScalarMath.erf(x);
        }
        return n;
    }

    static int erfc(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = ScalarMath.erfc(x);
        }
        return n;
    }

    static int truncDiv(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i], y = b[bo + i];
            z[zo + i] = ScalarMath.trunc(x / y);
        }
        return n;
    }

    static int floorDiv(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i], y = b[bo + i];
            z[zo + i] = ScalarMath.floorDivide(x, y);
        }
        return n;
    }

    static int remainder(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i], y = b[bo + i];
            z[zo + i] = ScalarMath.remainder(x, y);
        }
        return n;
    }

    static int fmod(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i], y = b[bo + i];
            z[zo + i] = x % y;
        }
        return n;
    }
}
