package dev.kiln.runtime.vecmath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** softmax's exp of non-positive values: exp's bits wherever exp is a normal float, zero below, NaN for NaN. */
class ExpNonPositiveTest {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Test
    void matchesExpOnNormalResultsAndFlushesBelow() {
        int n = 0;
        float[] x = new float[1 << 20];
        for (long bits = 0x80000000L; bits <= 0xff800000L; bits += 2039) x[n++ % x.length] = Float.intBitsToFloat((int) bits);
        float[] specials = {-0f, 0f, Float.NEGATIVE_INFINITY, Float.NaN, -87.33654f, -87.3366f, -1e-30f, -Float.MIN_VALUE};
        System.arraycopy(specials, 0, x, 0, specials.length);
        for (int i = 0; i < x.length; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            float[] got = FloatMath.expNonPositive(v).toArray(), want = FloatMath.exp(v).toArray();
            for (int j = 0; j < got.length; j++) {
                float expected = Math.abs(want[j]) < Float.MIN_NORMAL ? 0f : want[j];
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(got[j]), "exp(" + x[i + j] + ")");
            }
        }
    }
}
