package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarOp;
import dev.kiln.runtime.vecmath.FloatViaDouble;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 chunk loops with the Vector API. Every primitive has its own small method whose loop uses a
 * constant operator, so C2 intrinsifies it whether or not it inlines the method into {@link #exec}; a generic
 * loop taking the operator as a parameter would only be fast where inlined, which C2 stops doing once that loop
 * has been compiled on its own. Loops mask every step ({@code indexInRange}), so there is no scalar tail.
 * The unary and scalar loops live in {@link F32Math}. Registers are {@code r[reg]}
 * arrays read from offset {@code o[reg]}; every loop returns the count it wrote.
 */
final class F32Ops {
    private F32Ops() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Bytes with one lane per float lane, for bool registers. */
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(L * 8));

    static int exec(ScalarOp op, Object[] r, int[] o, int[] s, int d, int n) {
        return switch (op) {
            case NEG -> F32Math.neg(r, o, s, d, n);
            case ABS -> F32Math.abs(r, o, s, d, n);
            case FLOOR -> F32Math.floor(r, o, s, d, n);
            case CEIL -> F32Math.ceil(r, o, s, d, n);
            case ROUND -> F32Math.round(r, o, s, d, n);
            case TRUNC -> F32Math.trunc(r, o, s, d, n);
            case RECIPROCAL -> F32Math.reciprocal(r, o, s, d, n);
            case EXP -> F32Math.exp(r, o, s, d, n);
            case EXP2 -> F32Math.exp2(r, o, s, d, n);
            case EXPM1 -> F32Math.expm1(r, o, s, d, n);
            case LOG -> F32Math.log(r, o, s, d, n);
            case LOG1P -> F32Math.log1p(r, o, s, d, n);
            case LOG2 -> F32Math.log2(r, o, s, d, n);
            case LOG10 -> F32Math.log10(r, o, s, d, n);
            case SQRT -> F32Math.sqrt(r, o, s, d, n);
            case RSQRT -> F32Math.rsqrt(r, o, s, d, n);
            case SIN -> F32Math.sin(r, o, s, d, n);
            case COS -> F32Math.cos(r, o, s, d, n);
            case TAN -> F32Math.tan(r, o, s, d, n);
            case ASIN -> F32Math.asin(r, o, s, d, n);
            case ACOS -> F32Math.acos(r, o, s, d, n);
            case ATAN -> F32Math.atan(r, o, s, d, n);
            case SINH -> F32Math.sinh(r, o, s, d, n);
            case COSH -> F32Math.cosh(r, o, s, d, n);
            case TANH -> F32Math.tanh(r, o, s, d, n);
            case ASINH -> F32Math.asinh(r, o, s, d, n);
            case ACOSH -> F32Math.acosh(r, o, s, d, n);
            case ATANH -> F32Math.atanh(r, o, s, d, n);
            case SIGMOID -> F32Math.sigmoid(r, o, s, d, n);
            case ERF -> F32Erf.erf(r, o, s, d, n);
            case ERFC -> F32Math.erfc(r, o, s, d, n);
            case ISNAN -> isnan(r, o, s, d, n);
            case ISINF -> isinf(r, o, s, d, n);
            case ISFINITE -> isfinite(r, o, s, d, n);
            case ADD -> add(r, o, s, d, n);
            case SUB -> sub(r, o, s, d, n);
            case MUL -> mul(r, o, s, d, n);
            case DIV -> div(r, o, s, d, n);
            case ATAN2 -> atan2(r, o, s, d, n);
            case TRUNC_DIV -> F32Math.truncDiv(r, o, s, d, n);
            case FLOOR_DIV -> F32Math.floorDiv(r, o, s, d, n);
            case REMAINDER -> F32Math.remainder(r, o, s, d, n);
            case FMOD -> F32Math.fmod(r, o, s, d, n);
            case POW -> pow(r, o, s, d, n);
            case MAXIMUM -> maximum(r, o, s, d, n);
            case MINIMUM -> minimum(r, o, s, d, n);
            case EQ -> eq(r, o, s, d, n);
            case NE -> ne(r, o, s, d, n);
            case LT -> lt(r, o, s, d, n);
            case LE -> le(r, o, s, d, n);
            case GT -> gt(r, o, s, d, n);
            case GE -> ge(r, o, s, d, n);
            case WHERE -> select(r, o, s, d, n);
            case LOGICAL_NOT, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, BITWISE_NOT, BITWISE_AND, BITWISE_OR, BITWISE_XOR,
                 SHIFT_LEFT, SHIFT_RIGHT -> throw new IllegalStateException(op + " has no float32 form");
        };
    }

    private static int add(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            x.add(y).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int sub(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            x.sub(y).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int mul(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            x.mul(y).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int div(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            x.div(y).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int atan2(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            FloatViaDouble.atan2(x, y).intoArray(z, zo + i, m);
        }
        return n;
    }

    /** C's {@code pow}: {@code pow(1, y) = pow(x, 0) = pow(-1, ±inf) = 1}, where Java's gives NaN. */
    private static int pow(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            FloatViaDouble.pow(x, y).blend(one, x.eq(1f).or(y.eq(0f)).or(x.eq(-1f).and(y.test(VectorOperators.IS_INFINITE)))).intoArray(z, zo + i, m);
        }
        return n;
    }

    /** x unless x < y or y is NaN: NaN propagates and equal operands ({@code -0.0, 0.0}) give x. */
    private static int maximum(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            x.blend(y, x.lt(y).or(y.test(VectorOperators.IS_NAN))).intoArray(z, zo + i, m);
        }
        return n;
    }

    /** x unless y < x or y is NaN. */
    private static int minimum(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]], z = (float[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            x.blend(y, y.lt(x).or(y.test(VectorOperators.IS_NAN))).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int eq(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, x.eq(y).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int ne(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, x.compare(VectorOperators.NE, y).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int lt(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, x.lt(y).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int le(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, x.compare(VectorOperators.LE, y).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int gt(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, y.lt(x).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int ge(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]], b = (float[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m), y = FloatVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, y.compare(VectorOperators.LE, x).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int isnan(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            zero.blend((byte) 1, x.test(VectorOperators.IS_NAN).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int isinf(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            zero.blend((byte) 1, x.test(VectorOperators.IS_INFINITE).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int isfinite(Object[] r, int[] o, int[] s, int d, int n) {
        float[] a = (float[]) r[s[0]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            zero.blend((byte) 1, x.test(VectorOperators.IS_FINITE).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    /** where(cond, a, b) */
    private static int select(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] c = (byte[]) r[s[0]];
        float[] a = (float[]) r[s[1]], b = (float[]) r[s[2]], z = (float[]) r[d];
        int co = o[s[0]], ao = o[s[1]], bo = o[s[2]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMask<Float> pick = ByteVector.fromArray(B, c, co + i, m.cast(B)).compare(VectorOperators.NE, 0).cast(S);
            FloatVector.fromArray(S, b, bo + i, m).blend(FloatVector.fromArray(S, a, ao + i, m), pick).intoArray(z, zo + i, m);
        }
        return n;
    }
}
