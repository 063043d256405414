package dev.kiln.runtime.vecmath;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Sums of a vector's lanes in lane order. {@code reduceLanes(ADD)} leaves the order of a floating-point sum to the
 * implementation, and the interpreter and C2 do choose different orders, so the same call could round differently
 * before and after the JIT compiles it; kernels whose results must be reproducible sum their lanes here instead.
 */
public final class Lanes {
    private Lanes() {}

    public static float sum(FloatVector v) {
        float s = 0;
        for (int i = 0; i < v.length(); i++) s += v.lane(i);
        return s;
    }

    public static double sum(DoubleVector v) {
        double s = 0;
        for (int i = 0; i < v.length(); i++) s += v.lane(i);
        return s;
    }
}
