package dev.kiln.runtime.pointwise;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unary float32 primitives the Vector API computes (arithmetic, exponentials, logarithms, roots,
 * trigonometric and hyperbolic functions), one loop per primitive for the reason given in {@link F32Ops}.
 */
final class F32Math {
    private F32Math() {}

    private static final VectorSpecies<Float> S = F32Ops.S;
    private static final int L = S.length();

    static int neg(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).neg().intoArray(z, zo + i, m);
        }
        return n;
    }

    static int abs(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).abs().intoArray(z, zo + i, m);
        }
        return n;
    }

    static int reciprocal(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            one.div(x).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int exp(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.EXP).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int expm1(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.EXPM1).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.LOG).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log1p(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.LOG1P).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log10(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.LOG10).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sqrt(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).sqrt().intoArray(z, zo + i, m);
        }
        return n;
    }

    static int rsqrt(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            one.div(x.sqrt()).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sin(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.SIN).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int cos(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.COS).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int tan(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.TAN).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int asin(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.ASIN).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int acos(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.ACOS).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int atan(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.ATAN).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sinh(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.SINH).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int cosh(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.COSH).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int tanh(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(VectorOperators.TANH).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sigmoid(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            one.div(one.add(x.neg().lanewise(VectorOperators.EXP))).intoArray(z, zo + i, m);
        }
        return n;
    }
}
