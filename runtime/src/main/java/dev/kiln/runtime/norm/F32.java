package dev.kiln.runtime.norm;

import java.util.Arrays;
import dev.kiln.runtime.vecmath.Lanes;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Runs} over float arrays with the Vector API. Plain sums add in double lanes; sums of deviations and products
 * (small next to the elements) keep float vectors of partial sums over blocks of {@value #PER_LANE} elements per lane
 * and add each block's total in double. Element-wise updates are fused multiply-adds.
 */
final class F32 extends Runs {
    static final F32 INSTANCE = new F32();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    private static final int L = S.length();
    private static final int PER_LANE = 64;
    private static final int BLOCK = PER_LANE * L;

    private F32() {}

    private static FloatVector at(float[] a, int i) { return FloatVector.fromArray(S, a, i); }

    @Override
    double round(double v) { return (float) v; }

    /** Summed in double lanes: the elements' own magnitude (a mean far from zero) would cost float partial sums their precision. */
    @Override
    double sum(Object a, int off, int n) {
        float[] x = (float[]) a;
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = at(x, off + i);
            s0 = s0.add(v.convertShape(VectorOperators.F2D, D, 0));
            s1 = s1.add(v.convertShape(VectorOperators.F2D, D, 1));
        }
        double total = Lanes.sum(s0.add(s1));
        for (; i < n; i++) total += x[off + i];
        return total;
    }

    @Override
    double squaredDeviations(Object a, int off, int n, double mean) {
        float[] x = (float[]) a;
        float m = (float) mean;
        FloatVector vm = FloatVector.broadcast(S, m);
        double total = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK), i = start;
            FloatVector s0 = FloatVector.zero(S), s1 = s0;
            for (; i <= end - 2 * L; i += 2 * L) {
                FloatVector d0 = at(x, off + i).sub(vm), d1 = at(x, off + i + L).sub(vm);
                s0 = d0.fma(d0, s0);
                s1 = d1.fma(d1, s1);
            }
            float part = Lanes.sum(s0.add(s1));
            for (; i < end; i++) {
                float d = x[off + i] - m;
                part += d * d;
            }
            total += part;
        }
        return total;
    }

    @Override
    void sums(Object x, int xo, Object dy, int dyo, Object gamma, int n, double center, double[] acc) {
        float[] a = (float[]) x, g = (float[]) dy, w = (float[]) gamma;
        float m = (float) center;
        FloatVector vm = FloatVector.broadcast(S, m);
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK), i = start;
            FloatVector sum = FloatVector.zero(S), dot = sum;
            for (; i <= end - L; i += L) {
                FloatVector gw = w == null ? at(g, dyo + i) : at(g, dyo + i).mul(at(w, i));
                sum = sum.add(gw);
                dot = at(a, xo + i).sub(vm).fma(gw, dot);
            }
            float s = Lanes.sum(sum), d = Lanes.sum(dot);
            for (; i < end; i++) {
                float gw = w == null ? g[dyo + i] : g[dyo + i] * w[i];
                s += gw;
                d += (a[xo + i] - m) * gw;
            }
            acc[0] += s;
            acc[1] += d;
        }
    }

    @Override
    void affine(Object x, int xo, Object y, int yo, int n, double center, double scale, double shift) {
        float[] a = (float[]) x, out = (float[]) y;
        float m = (float) center, sc = (float) scale, sh = (float) shift;
        FloatVector vm = FloatVector.broadcast(S, m), vs = FloatVector.broadcast(S, sc), vh = FloatVector.broadcast(S, sh);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) at(a, xo + i).sub(vm).fma(vs, vh).intoArray(out, yo + i);
        for (; i < n; i++) out[yo + i] = Math.fma(a[xo + i] - m, sc, sh);
    }

    @Override
    void combine(Object p, int po, Object q, int qo, Object out, int oo, int n, double a, Object gamma, double b, double center,
                 double c) {
        float[] u = (float[]) p, v = (float[]) q, o = (float[]) out, w = (float[]) gamma;
        float fa = (float) a, fb = (float) b, m = (float) center, fc = (float) c;
        FloatVector va = FloatVector.broadcast(S, fa), vb = FloatVector.broadcast(S, fb), vm = FloatVector.broadcast(S, m);
        FloatVector vc = FloatVector.broadcast(S, fc);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector scale = w == null ? va : at(w, i).mul(va);
            at(u, po + i).fma(scale, at(v, qo + i).sub(vm).fma(vb, vc)).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = Math.fma(u[po + i], w == null ? fa : w[i] * fa, Math.fma(v[qo + i] - m, fb, fc));
    }

    @Override
    void affineRow(Object x, int xo, Object y, int yo, int n, double center, double scale, Object gamma, Object beta) {
        float[] a = (float[]) x, out = (float[]) y, w = (float[]) gamma, b = (float[]) beta;
        float m = (float) center, sc = (float) scale;
        FloatVector vm = FloatVector.broadcast(S, m), vs = FloatVector.broadcast(S, sc);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) at(a, xo + i).sub(vm).mul(vs).fma(at(w, i), at(b, i)).intoArray(out, yo + i);
        for (; i < n; i++) out[yo + i] = Math.fma((a[xo + i] - m) * sc, w[i], b[i]);
    }

    @Override
    void accumulateColumns(Object x, int xo, Object dy, int dyo, int n, double mean, double rstd, Object dGamma, Object dBeta) {
        float[] a = (float[]) x, g = (float[]) dy, dw = (float[]) dGamma, db = (float[]) dBeta;
        float m = (float) mean, r = (float) rstd;
        FloatVector vm = FloatVector.broadcast(S, m), vr = FloatVector.broadcast(S, r);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector gv = at(g, dyo + i);
            at(a, xo + i).sub(vm).mul(vr).fma(gv, at(dw, i)).intoArray(dw, i);
            at(db, i).add(gv).intoArray(db, i);
        }
        for (; i < n; i++) {
            dw[i] += (a[xo + i] - m) * r * g[dyo + i];
            db[i] += g[dyo + i];
        }
    }

    @Override
    Object filled(int n, double value) {
        float[] a = new float[n];
        Arrays.fill(a, (float) value);
        return a;
    }

    @Override
    Object array(double[] values) {
        float[] a = new float[values.length];
        for (int i = 0; i < a.length; i++) a[i] = (float) values[i];
        return a;
    }

    @Override
    void flush(Object a, double[] total) {
        float[] v = (float[]) a;
        for (int i = 0; i < v.length; i++) total[i] += v[i];
        Arrays.fill(v, 0f);
    }
}
