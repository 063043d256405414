package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarOp;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 chunk loops with the Vector API. Each primitive calls a small generic loop with a constant
 * operator, which C2 inlines per call site so the operator folds into the intrinsic; primitives the Vector
 * API lacks run per element in double precision through {@link ScalarMath}. Registers are {@code r[reg]}
 * arrays read from offset {@code o[reg]}; every loop returns the count it wrote.
 */
final class F32Ops {
    private F32Ops() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Bytes with one lane per float lane, for bool registers. */
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(S.length() * 8));

    static int exec(ScalarOp op, Object[] r, int[] o, int[] s, int d, int n) {
        return switch (op) {
            case NEG -> map(VectorOperators.NEG, r, o, s, d, n);
            case ABS -> map(VectorOperators.ABS, r, o, s, d, n);
            case FLOOR -> scalar(Math::floor, r, o, s, d, n);
            case CEIL -> scalar(Math::ceil, r, o, s, d, n);
            case ROUND -> scalar(Math::rint, r, o, s, d, n);
            case TRUNC -> scalar(ScalarMath::trunc, r, o, s, d, n);
            case RECIPROCAL -> reciprocal(false, r, o, s, d, n);
            case EXP -> map(VectorOperators.EXP, r, o, s, d, n);
            case EXP2 -> scalar(ScalarMath::exp2, r, o, s, d, n);
            case EXPM1 -> map(VectorOperators.EXPM1, r, o, s, d, n);
            case LOG -> map(VectorOperators.LOG, r, o, s, d, n);
            case LOG1P -> map(VectorOperators.LOG1P, r, o, s, d, n);
            case LOG2 -> scalar(ScalarMath::log2, r, o, s, d, n);
            case LOG10 -> map(VectorOperators.LOG10, r, o, s, d, n);
            case SQRT -> map(VectorOperators.SQRT, r, o, s, d, n);
            case RSQRT -> reciprocal(true, r, o, s, d, n);
            case SIN -> map(VectorOperators.SIN, r, o, s, d, n);
            case COS -> map(VectorOperators.COS, r, o, s, d, n);
            case TAN -> map(VectorOperators.TAN, r, o, s, d, n);
            case ASIN -> map(VectorOperators.ASIN, r, o, s, d, n);
            case ACOS -> map(VectorOperators.ACOS, r, o, s, d, n);
            case ATAN -> map(VectorOperators.ATAN, r, o, s, d, n);
            case SINH -> map(VectorOperators.SINH, r, o, s, d, n);
            case COSH -> map(VectorOperators.COSH, r, o, s, d, n);
            case TANH -> map(VectorOperators.TANH, r, o, s, d, n);
            case ASINH -> scalar(ScalarMath::asinh, r, o, s, d, n);
            case ACOSH -> scalar(ScalarMath::acosh, r, o, s, d, n);
            case ATANH -> scalar(ScalarMath::atanh, r, o, s, d, n);
            case SIGMOID -> sigmoid(r, o, s, d, n);
            case ERF -> scalar(ScalarMath::erf, r, o, s, d, n);
            case ERFC -> scalar(ScalarMath::erfc, r, o, s, d, n);
            case ISNAN -> test(VectorOperators.IS_NAN, r, o, s, d, n);
            case ISINF -> test(VectorOperators.IS_INFINITE, r, o, s, d, n);
            case ISFINITE -> test(VectorOperators.IS_FINITE, r, o, s, d, n);
            case ADD -> zip(VectorOperators.ADD, r, o, s, d, n);
            case SUB -> zip(VectorOperators.SUB, r, o, s, d, n);
            case MUL -> zip(VectorOperators.MUL, r, o, s, d, n);
            case DIV -> zip(VectorOperators.DIV, r, o, s, d, n);
            case ATAN2 -> zip(VectorOperators.ATAN2, r, o, s, d, n);
            case TRUNC_DIV -> scalar((x, y) -> (float) ScalarMath.trunc(x / y), r, o, s, d, n);
            case FLOOR_DIV -> scalar(ScalarMath::floorDivide, r, o, s, d, n);
            case REMAINDER -> scalar(ScalarMath::remainder, r, o, s, d, n);
            case FMOD -> scalar((x, y) -> x % y, r, o, s, d, n);
            case POW -> pow(r, o, s, d, n);
            case MAXIMUM -> extremum(VectorOperators.LT, r, o, s, d, n);
            case MINIMUM -> extremum(VectorOperators.GT, r, o, s, d, n);
            case EQ -> compare(VectorOperators.EQ, r, o, s, d, n);
            case NE -> compare(VectorOperators.NE, r, o, s, d, n);
            case LT -> compare(VectorOperators.LT, r, o, s, d, n);
            case LE -> compare(VectorOperators.LE, r, o, s, d, n);
            case GT -> compare(VectorOperators.GT, r, o, s, d, n);
            case GE -> compare(VectorOperators.GE, r, o, s, d, n);
            case WHERE -> select(r, o, s, d, n);
            case LOGICAL_NOT, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, BITWISE_NOT, BITWISE_AND, BITWISE_OR, BITWISE_XOR,
                 SHIFT_LEFT, SHIFT_RIGHT -> throw new IllegalStateException(op + " has no float32 form");
        };
    }

    private static int map(VectorOperators.Unary f, Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d], i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, ao + i).lanewise(f).intoArray(z, zo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(f).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int zip(VectorOperators.Binary f, Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d], i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, ao + i).lanewise(f, FloatVector.fromArray(S, b, bo + i)).intoArray(z, zo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, ao + i, m).lanewise(f, FloatVector.fromArray(S, b, bo + i, m)).intoArray(z, zo + i, m);
        }
        return n;
    }

    /** Per element through a double function (rounded once to float): accurate where the Vector API has no op. */
    private static int scalar(DoubleUnaryOperator f, Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (float) f.applyAsDouble(a[ao + i]);
        return n;
    }

    /** A binary float function. */
    @FunctionalInterface
    private interface FloatBinary {
        float apply(float a, float b);
    }

    private static int scalar(FloatBinary f, Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = f.apply(a[ao + i], b[bo + i]);
        return n;
    }

    /** {@code 1 / x}, or {@code 1 / sqrt(x)}. */
    private static int reciprocal(boolean sqrt, Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d], i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < n; i += S.length()) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            one.div(sqrt ? x.lanewise(VectorOperators.SQRT) : x).intoArray(z, zo + i, m);
        }
        return n;
    }

    /** {@code 1 / (1 + exp(-x))} */
    private static int sigmoid(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], z = (float[]) r[d];
        int ao = o[s[0]], zo = o[d], i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < n; i += S.length()) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            one.div(one.add(x.neg().lanewise(VectorOperators.EXP))).intoArray(z, zo + i, m);
        }
        return n;
    }

    /** C's {@code pow}: the Vector API's, with {@code pow(1, y) = pow(x, 0) = pow(-1, ±inf) = 1}. */
    private static int pow(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d], i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < n; i += S.length()) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            VectorMask<Float> unit = x.eq(1f).or(y.eq(0f)).or(x.eq(-1f).and(y.test(VectorOperators.IS_INFINITE)));
            x.lanewise(VectorOperators.POW, y).blend(one, unit).intoArray(z, zo + i, m);
        }
        return n;
    }

    /** MAXIMUM with {@code LT}, MINIMUM with {@code GT}: {@code a} unless {@code a cmp b} or b is NaN. */
    private static int extremum(VectorOperators.Comparison c, Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d], i = 0;
        for (; i < n; i += S.length()) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            x.blend(y, x.compare(c, y).or(y.test(VectorOperators.IS_NAN))).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int compare(VectorOperators.Comparison c, Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d], i = 0;
        ByteVector zero = ByteVector.zero(B);
        for (; i < n; i += S.length()) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMask<Float> t = FloatVector.fromArray(S, a, ao + i, m).compare(c, FloatVector.fromArray(S, b, bo + i, m));
            zero.blend((byte) 1, t.cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int test(VectorOperators.Test c, Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], zo = o[d], i = 0;
        ByteVector zero = ByteVector.zero(B);
        for (; i < n; i += S.length()) {
            VectorMask<Float> m = S.indexInRange(i, n);
            zero.blend((byte) 1, FloatVector.fromArray(S, a, ao + i, m).test(c).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    /** where(cond, a, b) */
    private static int select(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] c = (byte[]) r[s[0]];
        float[] a = (float[]) r[s[1]], b = (float[]) r[s[2]], z = (float[]) r[d];
        int co = o[s[0]], ao = o[s[1]], bo = o[s[2]], zo = o[d], i = 0;
        for (; i < n; i += S.length()) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMask<Float> pick = ByteVector.fromArray(B, c, co + i, m.cast(B)).compare(VectorOperators.NE, 0).cast(S);
            FloatVector.fromArray(S, b, bo + i, m).blend(FloatVector.fromArray(S, a, ao + i, m), pick).intoArray(z, zo + i, m);
        }
        return n;
    }
}
