package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarOp;
import dev.kiln.runtime.vecmath.DoubleMath;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 chunk loops with the Vector API. Every primitive has its own small method whose loop uses a
 * constant operator, so C2 intrinsifies it whether or not it inlines the method into {@link #exec}; a generic
 * loop taking the operator as a parameter would only be fast where inlined, which C2 stops doing once that loop
 * has been compiled on its own. Loops mask every step ({@code indexInRange}), so there is no scalar tail.
 * The unary and scalar loops live in {@link F64Math}. Registers are {@code r[reg]}
 * arrays read from offset {@code o[reg]}; every loop returns the count it wrote.
 */
final class F64Ops {
    private F64Ops() {}

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Bytes with one lane per double lane, for bool registers. */
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(L * 8));

    static int exec(ScalarOp op, Object[] r, int[] o, int[] s, int d, int n) {
        return switch (op) {
            case NEG -> F64Math.neg(r, o, s, d, n);
            case ABS -> F64Math.abs(r, o, s, d, n);
            case FLOOR -> F64Math.floor(r, o, s, d, n);
            case CEIL -> F64Math.ceil(r, o, s, d, n);
            case ROUND -> F64Math.round(r, o, s, d, n);
            case TRUNC -> F64Math.trunc(r, o, s, d, n);
            case RECIPROCAL -> F64Math.reciprocal(r, o, s, d, n);
            case EXP -> F64Math.exp(r, o, s, d, n);
            case EXP2 -> F64Math.exp2(r, o, s, d, n);
            case EXPM1 -> F64Math.expm1(r, o, s, d, n);
            case LOG -> F64Math.log(r, o, s, d, n);
            case LOG1P -> F64Math.log1p(r, o, s, d, n);
            case LOG2 -> F64Math.log2(r, o, s, d, n);
            case LOG10 -> F64Math.log10(r, o, s, d, n);
            case SQRT -> F64Math.sqrt(r, o, s, d, n);
            case RSQRT -> F64Math.rsqrt(r, o, s, d, n);
            case SIN -> F64Math.sin(r, o, s, d, n);
            case COS -> F64Math.cos(r, o, s, d, n);
            case TAN -> F64Math.tan(r, o, s, d, n);
            case ASIN -> F64Math.asin(r, o, s, d, n);
            case ACOS -> F64Math.acos(r, o, s, d, n);
            case ATAN -> F64Math.atan(r, o, s, d, n);
            case SINH -> F64Math.sinh(r, o, s, d, n);
            case COSH -> F64Math.cosh(r, o, s, d, n);
            case TANH -> F64Math.tanh(r, o, s, d, n);
            case ASINH -> F64Math.asinh(r, o, s, d, n);
            case ACOSH -> F64Math.acosh(r, o, s, d, n);
            case ATANH -> F64Math.atanh(r, o, s, d, n);
            case SIGMOID -> F64Math.sigmoid(r, o, s, d, n);
            case ERF -> F64Math.erf(r, o, s, d, n);
            case ERFC -> F64Math.erfc(r, o, s, d, n);
            case ISNAN -> isnan(r, o, s, d, n);
            case ISINF -> isinf(r, o, s, d, n);
            case ISFINITE -> isfinite(r, o, s, d, n);
            case ADD -> add(r, o, s, d, n);
            case SUB -> sub(r, o, s, d, n);
            case MUL -> mul(r, o, s, d, n);
            case DIV -> div(r, o, s, d, n);
            case ATAN2 -> atan2(r, o, s, d, n);
            case TRUNC_DIV -> F64Math.truncDiv(r, o, s, d, n);
            case FLOOR_DIV -> F64Math.floorDiv(r, o, s, d, n);
            case REMAINDER -> F64Math.remainder(r, o, s, d, n);
            case FMOD -> F64Math.fmod(r, o, s, d, n);
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
                 SHIFT_LEFT, SHIFT_RIGHT -> throw new IllegalStateException(op + " has no float64 form");
        };
    }

    private static int add(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            x.add(y).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int sub(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            x.sub(y).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int mul(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            x.mul(y).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int div(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            x.div(y).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int atan2(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            DoubleMath.atan2(x, y).intoArray(z, zo + i, m);
        }
        return n;
    }

    /** C's {@code pow}: {@code pow(1, y) = pow(x, 0) = pow(-1, ±inf) = 1}, where Java's gives NaN. */
    private static int pow(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            double x = a[ao + i], y = b[bo + i];
            z[zo + i] = x == 1 || y == 0 || (x == -1 && Double.isInfinite(y)) ? 1 : StrictMath.pow(x, y);
        }
        return n;
    }

    /** x unless x < y or y is NaN: NaN propagates and equal operands ({@code -0.0, 0.0}) give x. */
    private static int maximum(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            x.blend(y, x.lt(y).or(y.test(VectorOperators.IS_NAN))).intoArray(z, zo + i, m);
        }
        return n;
    }

    /** x unless y < x or y is NaN. */
    private static int minimum(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]], z = (double[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            x.blend(y, y.lt(x).or(y.test(VectorOperators.IS_NAN))).intoArray(z, zo + i, m);
        }
        return n;
    }

    private static int eq(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, x.eq(y).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int ne(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, x.compare(VectorOperators.NE, y).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int lt(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, x.lt(y).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int le(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, x.compare(VectorOperators.LE, y).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int gt(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, y.lt(x).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int ge(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]], b = (double[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m), y = DoubleVector.fromArray(S, b, bo + i, m);
            zero.blend((byte) 1, y.compare(VectorOperators.LE, x).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int isnan(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m);
            zero.blend((byte) 1, x.test(VectorOperators.IS_NAN).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int isinf(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m);
            zero.blend((byte) 1, x.test(VectorOperators.IS_INFINITE).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    private static int isfinite(Object[] r, int[] o, int[] s, int d, int n) {
        double[] a = (double[]) r[s[0]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], zo = o[d];
        ByteVector zero = ByteVector.zero(B);
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i, m);
            zero.blend((byte) 1, x.test(VectorOperators.IS_FINITE).cast(B)).intoArray(z, zo + i, m.cast(B));
        }
        return n;
    }

    /** where(cond, a, b) */
    private static int select(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] c = (byte[]) r[s[0]];
        double[] a = (double[]) r[s[1]], b = (double[]) r[s[2]], z = (double[]) r[d];
        int co = o[s[0]], ao = o[s[1]], bo = o[s[2]], zo = o[d];
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            VectorMask<Double> pick = ByteVector.fromArray(B, c, co + i, m.cast(B)).compare(VectorOperators.NE, 0).cast(S);
            DoubleVector.fromArray(S, b, bo + i, m).blend(DoubleVector.fromArray(S, a, ao + i, m), pick).intoArray(z, zo + i, m);
        }
        return n;
    }
}
