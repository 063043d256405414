package dev.kiln.runtime.vecmath;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** A checksum of every function's result bits on fixed inputs; run as a program, prints them (one per line). */
final class Checksums {
    private Checksums() {}

    /** Fixed inputs: sweep values of every magnitude, moderate values and the special values. */
    static float[][] inputs() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 1000;
        float[] a = new float[n + Sweep.FLOAT_SPECIALS.length], b = new float[a.length];
        for (int i = 0; i < n; i++) {
            a[i] = i % 2 == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) r.nextDouble(-20, 20);
            b[i] = i % 3 == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) r.nextDouble(-8, 8);
        }
        System.arraycopy(Sweep.FLOAT_SPECIALS, 0, a, n, Sweep.FLOAT_SPECIALS.length);
        System.arraycopy(Sweep.FLOAT_SPECIALS, 0, b, n, Sweep.FLOAT_SPECIALS.length);
        return new float[][] {a, b};
    }

    static Map<String, Long> compute() {
        float[][] in = inputs();
        double[] d0 = new double[in[0].length], d1 = new double[in[0].length];
        for (int i = 0; i < d0.length; i++) {
            d0[i] = in[0][i] * (1 + 0x1p-30);
            d1[i] = in[1][i];
        }
        Map<String, Long> sums = new LinkedHashMap<>();
        for (AccuracyTest.F1 f : AccuracyTest.FLOAT) sums.put("float " + f.name(), hash(Sweep.apply(f.f(), in[0])));
        for (AccuracyTest.F2 f : AccuracyTest.FLOAT2) sums.put("float " + f.name(), hash(Sweep.apply(f.f(), in[0], in[1])));
        for (AccuracyTest.D1 f : AccuracyTest.DOUBLE) sums.put("double " + f.name(), hash(Sweep.apply(f.f(), d0)));
        for (AccuracyTest.D2 f : AccuracyTest.DOUBLE2) sums.put("double " + f.name(), hash(Sweep.apply(f.f(), d0, d1)));
        return sums;
    }

    private static long hash(float[] y) {
        long h = 17;
        for (float v : y) h = h * 1_000_003 + Float.floatToRawIntBits(v);
        return h;
    }

    private static long hash(double[] y) {
        long h = 17;
        for (double v : y) h = h * 1_000_003 + Double.doubleToRawLongBits(v);
        return h;
    }

    public static void main(String[] args) {
        compute().forEach((k, v) -> System.out.println(k + "=" + v));
    }
}
