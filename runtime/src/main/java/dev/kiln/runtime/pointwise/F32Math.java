package dev.kiln.runtime.pointwise;

import dev.kiln.runtime.vecmath.FloatMath;
import dev.kiln.runtime.vecmath.FloatViaDouble;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 primitives computed one loop per primitive (for the reason given in {@link F32Ops}):
 * the unary ones with vector code (roots here; exponentials, logarithms, trigonometric and hyperbolic functions from
 * {@link FloatMath} and {@link FloatViaDouble}, which give the same bits in every JIT tier),
 * then per element in double precision those it lacks (rounding, {@code exp2}, {@code log2}, inverse
 * hyperbolic functions, {@code erfc}, the divisions), through {@link ScalarMath}.
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
            FloatMath.exp(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int expm1(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatMath.expm1(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatMath.log(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log1p(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatMath.log1p(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int log10(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatMath.log10(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
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
            FloatMath.sin(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int cos(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatMath.cos(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int tan(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatViaDouble.tan(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int asin(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatViaDouble.asin(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int acos(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatViaDouble.acos(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int atan(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatViaDouble.atan(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sinh(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatMath.sinh(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int cosh(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatMath.cosh(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int tanh(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatMath.tanh(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int sigmoid(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatMath.sigmoid(FloatVector.fromArray(S, a, ao + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    static int floor(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) Math.floor(x);
        }
        return n;
    }

    static int ceil(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) Math.ceil(x);
        }
        return n;
    }

    static int round(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) Math.rint(x);
        }
        return n;
    }

    static int trunc(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) ScalarMath.trunc(x);
        }
        return n;
    }

    static int exp2(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) ScalarMath.exp2(x);
        }
        return n;
    }

    static int log2(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) ScalarMath.log2(x);
        }
        return n;
    }

    static int asinh(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) ScalarMath.asinh(x);
        }
        return n;
    }

    static int acosh(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) ScalarMath.acosh(x);
        }
        return n;
    }

    static int atanh(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) ScalarMath.atanh(x);
        }
        return n;
    }

    static int erfc(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            z[zo + i] = (float) ScalarMath.erfc(x);
        }
        return n;
    }

    static int truncDiv(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            float x = a[ao + i], y = b[bo + i];
            z[zo + i] = (float) ScalarMath.trunc(x / y);
        }
        return n;
    }

    static int floorDiv(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            float x = a[ao + i], y = b[bo + i];
            z[zo + i] = ScalarMath.floorDivide(x, y);
        }
        return n;
    }

    static int remainder(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            float x = a[ao + i], y = b[bo + i];
            z[zo + i] = ScalarMath.remainder(x, y);
        }
        return n;
    }

    static int fmod(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            float x = a[ao + i], y = b[bo + i];
            z[zo + i] = x % y;
        }
        return n;
    }
}
