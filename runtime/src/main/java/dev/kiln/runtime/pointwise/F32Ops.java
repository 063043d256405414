package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 chunk loops with the Vector API. Each primitive calls a small generic loop with a constant
 * operator, which C2 inlines per call site so the operator folds into the intrinsic.
 */
final class F32Ops {
    private F32Ops() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    static void exec(ScalarOp op, Object[] r, int[] o, int[] src, int d, int n) {
        float[] out = op.signature() == ScalarOp.Signature.PREDICATE ? null : (float[]) r[d];
        switch (op) {
            case NEG -> map(VectorOperators.NEG, (float[]) r[src[0]], o[src[0]], out, o[d], n);
            case EXP -> map(VectorOperators.EXP, (float[]) r[src[0]], o[src[0]], out, o[d], n);
            case ADD -> zip(VectorOperators.ADD, (float[]) r[src[0]], o[src[0]], (float[]) r[src[1]], o[src[1]], out, o[d], n);
            case SUB -> zip(VectorOperators.SUB, (float[]) r[src[0]], o[src[0]], (float[]) r[src[1]], o[src[1]], out, o[d], n);
            case MUL -> zip(VectorOperators.MUL, (float[]) r[src[0]], o[src[0]], (float[]) r[src[1]], o[src[1]], out, o[d], n);
            case DIV -> zip(VectorOperators.DIV, (float[]) r[src[0]], o[src[0]], (float[]) r[src[1]], o[src[1]], out, o[d], n);
            case EQ -> compare(VectorOperators.EQ, (float[]) r[src[0]], o[src[0]], (float[]) r[src[1]], o[src[1]], (byte[]) r[d], o[d], n);
            default -> throw new IllegalStateException(op + " is not implemented for float32 chunks");
        }
    }

    private static void map(VectorOperators.Unary f, float[] a, int ao, float[] d, int dO, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, ao + i).lanewise(f).intoArray(d, dO + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(f).intoArray(d, dO + i, m);
        }
    }

    private static void zip(VectorOperators.Binary f, float[] a, int ao, float[] b, int bo, float[] d, int dO, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, ao + i).lanewise(f, FloatVector.fromArray(S, b, bo + i)).intoArray(d, dO + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(f, FloatVector.fromArray(S, b, bo + i, m)).intoArray(d, dO + i, m);
        }
    }

    private static void compare(VectorOperators.Comparison c, float[] a, int ao, float[] b, int bo, byte[] d, int dO, int n) {
        for (int i = 0; i < n; i++) {
            float x = a[ao + i], y = b[bo + i];
            boolean v = switch (c.name()) {
                case "EQ" -> x == y;
                default -> throw new IllegalStateException();
            };
            d[dO + i] = (byte) (v ? 1 : 0);
        }
    }
}
