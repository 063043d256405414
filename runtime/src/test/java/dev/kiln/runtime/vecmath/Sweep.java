package dev.kiln.runtime.vecmath;

import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Inputs spread over the whole range, the vector functions applied to arrays, and ulp distances to a reference. */
final class Sweep {
    private Sweep() {}

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    static final float[] FLOAT_SPECIALS = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f, -1f, 0.5f, 2f,
            88.72283f, 88.72284f, 89.41599f, 89.416f, -103.97208f, -103.9721f, -87.33655f, 9f, -9f, 10f, -16f, 0.625f,
            (float) Math.PI, (float) (Math.PI / 2), 1e-30f, -1e-30f, 0x1p-24f, 0x1p-12f, 1e30f, -1e30f, 524288f, 524289.5f, 8191.9995f, 8192f, -8192f};

    /** Every {@code stride}-th float bit pattern, then the special values. */
    static float[] floats(int stride) {
        int n = (int) ((1L << 32) / stride);
        float[] a = new float[n + FLOAT_SPECIALS.length];
        for (int i = 0; i < n; i++) a[i] = Float.intBitsToFloat((int) ((long) i * stride));
        System.arraycopy(FLOAT_SPECIALS, 0, a, n, FLOAT_SPECIALS.length);
        return a;
    }

    /** Every {@code stride}-th double bit pattern, then the special values (widened). */
    static double[] doubles(long stride) {
        int n = (int) Long.divideUnsigned(-1L, stride);
        double[] a = new double[n + FLOAT_SPECIALS.length + 4];
        for (int i = 0; i < n; i++) a[i] = Double.longBitsToDouble(i * stride);
        for (int i = 0; i < FLOAT_SPECIALS.length; i++) a[n + i] = FLOAT_SPECIALS[i];
        double[] more = {Double.MIN_VALUE, Double.MAX_VALUE, 709.782712893384, -745.1332191019412};
        System.arraycopy(more, 0, a, n + FLOAT_SPECIALS.length, more.length);
        return a;
    }

    static float[] apply(UnaryOperator<FloatVector> f, float[] a) {
        float[] z = new float[a.length];
        for (int i = 0; i < a.length; i += F.length()) {
            var m = F.indexInRange(i, a.length);
            f.apply(FloatVector.fromArray(F, a, i, m)).intoArray(z, i, m);
        }
        return z;
    }

    static float[] apply(BinaryOperator<FloatVector> f, float[] a, float[] b) {
        float[] z = new float[a.length];
        for (int i = 0; i < a.length; i += F.length()) {
            var m = F.indexInRange(i, a.length);
            f.apply(FloatVector.fromArray(F, a, i, m), FloatVector.fromArray(F, b, i, m)).intoArray(z, i, m);
        }
        return z;
    }

    static double[] apply(UnaryOperator<DoubleVector> f, double[] a) {
        double[] z = new double[a.length];
        for (int i = 0; i < a.length; i += D.length()) {
            var m = D.indexInRange(i, a.length);
            f.apply(DoubleVector.fromArray(D, a, i, m)).intoArray(z, i, m);
        }
        return z;
    }

    static double[] apply(BinaryOperator<DoubleVector> f, double[] a, double[] b) {
        double[] z = new double[a.length];
        for (int i = 0; i < a.length; i += D.length()) {
            var m = D.indexInRange(i, a.length);
            f.apply(DoubleVector.fromArray(D, a, i, m), DoubleVector.fromArray(D, b, i, m)).intoArray(z, i, m);
        }
        return z;
    }

    /** Distance of a float result from the double reference in float ulps; infinite where specials disagree. */
    static double ulps(float y, double ref) {
        if (Double.isNaN(ref) || Float.isNaN(y)) return Double.isNaN(ref) && Float.isNaN(y) ? 0 : Double.POSITIVE_INFINITY;
        float r = (float) ref;
        if (Float.isInfinite(r) || Float.isInfinite(y)) return y == r ? 0 : Double.POSITIVE_INFINITY;
        if (y == 0 && r == 0 && Float.floatToRawIntBits(y) != Float.floatToRawIntBits(r)) return Double.POSITIVE_INFINITY;
        return Math.abs(y - ref) / Math.ulp(r);
    }

    /** Distance of a double result from StrictMath's in its ulps (StrictMath itself is within 1 ulp). */
    static double ulps(double y, double ref) {
        if (Double.isNaN(ref) || Double.isNaN(y)) return Double.isNaN(ref) && Double.isNaN(y) ? 0 : Double.POSITIVE_INFINITY;
        if (Double.isInfinite(ref) || Double.isInfinite(y)) return y == ref ? 0 : Double.POSITIVE_INFINITY;
        if (y == 0 && ref == 0 && Double.doubleToRawLongBits(y) != Double.doubleToRawLongBits(ref)) return Double.POSITIVE_INFINITY;
        return Math.abs(y - ref) / Math.ulp(ref);
    }

    /** The worst float error of f against ref over a, with the input where it occurs. */
    static String worst(float[] a, float[] y, DoubleUnaryOperator ref, double[] max) {
        int at = 0;
        for (int i = 0; i < a.length; i++) {
            double u = ulps(y[i], ref.applyAsDouble(a[i]));
            if (!(u <= max[0])) {
                max[0] = u;
                at = i;
            }
        }
        return "x=" + a[at] + " got " + y[at] + " want " + ref.applyAsDouble(a[at]);
    }

    static String worst(float[] a, float[] b, float[] y, DoubleBinaryOperator ref, double[] max) {
        int at = 0;
        for (int i = 0; i < a.length; i++) {
            double u = ulps(y[i], ref.applyAsDouble(a[i], b[i]));
            if (!(u <= max[0])) {
                max[0] = u;
                at = i;
            }
        }
        return "x=" + a[at] + " y=" + b[at] + " got " + y[at] + " want " + ref.applyAsDouble(a[at], b[at]);
    }

    static String worst(double[] a, double[] y, DoubleUnaryOperator ref, double[] max) {
        int at = 0;
        for (int i = 0; i < a.length; i++) {
            double u = ulps(y[i], ref.applyAsDouble(a[i]));
            if (!(u <= max[0])) {
                max[0] = u;
                at = i;
            }
        }
        return "x=" + a[at] + " got " + y[at] + " want " + ref.applyAsDouble(a[at]);
    }

    static String worst(double[] a, double[] b, double[] y, DoubleBinaryOperator ref, double[] max) {
        int at = 0;
        for (int i = 0; i < a.length; i++) {
            double u = ulps(y[i], ref.applyAsDouble(a[i], b[i]));
            if (!(u <= max[0])) {
                max[0] = u;
                at = i;
            }
        }
        return "x=" + a[at] + " y=" + b[at] + " got " + y[at] + " want " + ref.applyAsDouble(a[at], b[at]);
    }
}
