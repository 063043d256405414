package dev.kiln.runtime.pointwise;

import dev.kiln.runtime.vecmath.FloatMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 {@code erf} with the Vector API: fdlibm's algorithm ({@link ScalarMath#erf}) in single precision, as
 * its {@code s_erff.c} does, with every interval evaluated and the right one selected per lane. GELU spends
 * most of its time here.
 */
final class F32Erf {
    private F32Erf() {}

    private static final VectorSpecies<Float> S = F32Ops.S;
    private static final int L = S.length();
    private static final float[] PP = floats(ScalarMath.PP), QQ = floats(ScalarMath.QQ), PA = floats(ScalarMath.PA),
            QA = floats(ScalarMath.QA), RA = floats(ScalarMath.RA), SA = floats(ScalarMath.SA), RB = floats(ScalarMath.RB),
            SB = floats(ScalarMath.SB);
    private static final float ERX = (float) ScalarMath.ERX;

    private static float[] floats(double[] c) {
        float[] f = new float[c.length];
        for (int i = 0; i < c.length; i++) f[i] = (float) c[i];
        return f;
    }

    static int erf(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), ax = x.abs(), one = FloatVector.broadcast(S, 1f);
            // |x| < 0.84375: x + x * P(x^2) / Q(x^2), polynomials in Horner form
            FloatVector x2 = x.mul(x);
            FloatVector pp = FloatVector.broadcast(S, PP[4]).mul(x2).add(PP[3]).mul(x2).add(PP[2]).mul(x2).add(PP[1])
                    .mul(x2).add(PP[0]);
            FloatVector qq = FloatVector.broadcast(S, QQ[5]).mul(x2).add(QQ[4]).mul(x2).add(QQ[3]).mul(x2).add(QQ[2])
                    .mul(x2).add(QQ[1]).mul(x2).add(QQ[0]);
            FloatVector small = x.add(x.mul(pp.div(qq)));
            // 0.84375 <= |x| < 1.25: erx + P(|x| - 1) / Q(|x| - 1)
            FloatVector t = ax.sub(1f);
            FloatVector pa = FloatVector.broadcast(S, PA[6]).mul(t).add(PA[5]).mul(t).add(PA[4]).mul(t).add(PA[3])
                    .mul(t).add(PA[2]).mul(t).add(PA[1]).mul(t).add(PA[0]);
            FloatVector qa = FloatVector.broadcast(S, QA[6]).mul(t).add(QA[5]).mul(t).add(QA[4]).mul(t).add(QA[3])
                    .mul(t).add(QA[2]).mul(t).add(QA[1]).mul(t).add(QA[0]);
            FloatVector near = pa.div(qa).add(ERX);
            // 1.25 <= |x| < 6: 1 - exp(-x^2 - 0.5625 + R(1/x^2) / S(1/x^2)) / |x|, split at 1/0.35
            FloatVector w = one.div(ax.mul(ax));
            FloatVector ra = FloatVector.broadcast(S, RA[7]).mul(w).add(RA[6]).mul(w).add(RA[5]).mul(w).add(RA[4])
                    .mul(w).add(RA[3]).mul(w).add(RA[2]).mul(w).add(RA[1]).mul(w).add(RA[0]);
            FloatVector sa = FloatVector.broadcast(S, SA[8]).mul(w).add(SA[7]).mul(w).add(SA[6]).mul(w).add(SA[5])
                    .mul(w).add(SA[4]).mul(w).add(SA[3]).mul(w).add(SA[2]).mul(w).add(SA[1])
                    .mul(w).add(SA[0]);
            FloatVector rb = FloatVector.broadcast(S, RB[6]).mul(w).add(RB[5]).mul(w).add(RB[4]).mul(w).add(RB[3])
                    .mul(w).add(RB[2]).mul(w).add(RB[1]).mul(w).add(RB[0]);
            FloatVector sb = FloatVector.broadcast(S, SB[7]).mul(w).add(SB[6]).mul(w).add(SB[5]).mul(w).add(SB[4])
                    .mul(w).add(SB[3]).mul(w).add(SB[2]).mul(w).add(SB[1]).mul(w).add(SB[0]);
            FloatVector rs = rb.div(sb).blend(ra.div(sa), ax.lt(1 / 0.35f));
            FloatVector hi = ax.reinterpretAsInts().and(0xfffff000).reinterpretAsFloats();
            FloatVector e = FloatMath.exp(hi.mul(hi).neg().sub(0.5625f)).mul(FloatMath.exp(hi.sub(ax).mul(hi.add(ax)).add(rs)));
            FloatVector y = one.sub(e.div(ax)).blend(one, ax.compare(VectorOperators.GE, 6f)).blend(near, ax.lt(1.25f));
            // those are erf(|x|): give them x's sign; NaN falls through every interval test and stays NaN
            y = y.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
            y.blend(small, ax.lt(0.84375f)).intoArray(z, zo + i, m);
        }
        return n;
    }
}
