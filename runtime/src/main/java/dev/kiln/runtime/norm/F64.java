package dev.kiln.runtime.norm;

import java.util.Arrays;

/** {@link Runs} over double arrays: plain loops, which the JIT may vectorise; the sums are exact double sums. */
final class F64 extends Runs {
    static final F64 INSTANCE = new F64();

    private F64() {}

    @Override
    double round(double v) { return v; }

    @Override
    double sum(Object a, int off, int n) {
        double[] x = (double[]) a;
        double s = 0;
        for (int i = off; i < off + n; i++) s += x[i];
        return s;
    }

    @Override
    double squaredDeviations(Object a, int off, int n, double mean) {
        double[] x = (double[]) a;
        double s = 0;
        for (int i = off; i < off + n; i++) {
            double d = x[i] - mean;
            s += d * d;
        }
        return s;
    }

    @Override
    void sums(Object x, int xo, Object dy, int dyo, Object gamma, int n, double center, double[] acc) {
        double[] a = (double[]) x, g = (double[]) dy, w = (double[]) gamma;
        double sum = 0, dot = 0;
        for (int i = 0; i < n; i++) {
            double gw = w == null ? g[dyo + i] : g[dyo + i] * w[i];
            sum += gw;
            dot += gw * (a[xo + i] - center);
        }
        acc[0] += sum;
        acc[1] += dot;
    }

    @Override
    void affine(Object x, int xo, Object y, int yo, int n, double center, double scale, double shift) {
        double[] a = (double[]) x, out = (double[]) y;
        for (int i = 0; i < n; i++) out[yo + i] = (a[xo + i] - center) * scale + shift;
    }

    @Override
    void combine(Object p, int po, Object q, int qo, Object out, int oo, int n, double a, Object gamma, double b, double center,
                 double c) {
        double[] u = (double[]) p, v = (double[]) q, o = (double[]) out, w = (double[]) gamma;
        for (int i = 0; i < n; i++) o[oo + i] = (w == null ? a : a * w[i]) * u[po + i] + b * (v[qo + i] - center) + c;
    }

    @Override
    void affineRow(Object x, int xo, Object y, int yo, int n, double center, double scale, Object gamma, Object beta) {
        double[] a = (double[]) x, out = (double[]) y, w = (double[]) gamma, b = (double[]) beta;
        for (int i = 0; i < n; i++) out[yo + i] = (a[xo + i] - center) * scale * w[i] + b[i];
    }

    @Override
    void accumulateColumns(Object x, int xo, Object dy, int dyo, int n, double mean, double rstd, Object dGamma, Object dBeta) {
        double[] a = (double[]) x, g = (double[]) dy, dw = (double[]) dGamma, db = (double[]) dBeta;
        for (int i = 0; i < n; i++) {
            dw[i] += g[dyo + i] * (a[xo + i] - mean) * rstd;
            db[i] += g[dyo + i];
        }
    }

    @Override
    Object filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    @Override
    Object array(double[] values) { return values.clone(); }

    @Override
    void flush(Object a, double[] total) {
        double[] v = (double[]) a;
        for (int i = 0; i < v.length; i++) total[i] += v[i];
        Arrays.fill(v, 0);
    }
}
