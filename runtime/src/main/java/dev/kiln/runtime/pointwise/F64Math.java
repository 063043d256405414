package dev.kiln.runtime.pointwise;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unary float64 primitives the Vector API computes (arithmetic, exponentials, logarithms, roots,
 * trigonometric and hyperbolic functions), one loop per primitive for the reason given in {@link F64Ops}.
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
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.EXP).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int expm1(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.EXPM1).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.LOG).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log1p(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.LOG1P).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log10(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.LOG10).intoArray(z, zo + i, m);
        }
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
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.SIN).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int cos(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.COS).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int tan(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.TAN).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int asin(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.ASIN).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int acos(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.ACOS).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int atan(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.ATAN).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sinh(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.SINH).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int cosh(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.COSH).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int tanh(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.TANH).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sigmoid(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], z = (double[]) r[d];
        int ao = o[s[0]], zo = o[d];
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m);
            one.div(one.add(x.neg().lanewise(VectorOperators.EXP))).intoArray(z, zo + i, m);
        }
        return n;
    }
}
