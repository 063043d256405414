package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarOp;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * int32 chunk loops (also int16, int8 and uint8, which wrap when stored), written as plain loops that C2 auto-vectorises where it can. Division, remainder and
 * fmod by zero throw {@link ArithmeticException}, which the engine reports as PyTorch's ZeroDivisionError.
 */
final class I32Ops {
    private I32Ops() {}

    /** A comparison of two ints. */
    @FunctionalInterface
    private interface Comparison {
        boolean test(int a, int b);
    }

    static int exec(ScalarOp op, Object[] r, int[] o, int[] s, int d, int n) {
        return switch (op) {
            case NEG -> map(a -> -a, r, o, s, d, n);
            case ABS -> map(Math::abs, r, o, s, d, n);
            case FLOOR, CEIL, ROUND, TRUNC -> map(a -> a, r, o, s, d, n);
            case BITWISE_NOT -> map(a -> ~a, r, o, s, d, n);
            case ISNAN, ISINF -> constant(0, r, o, d, n);
            case ISFINITE -> constant(1, r, o, d, n);
            case ADD -> zip(Integer::sum, r, o, s, d, n);
            case SUB -> zip((a, b) -> a - b, r, o, s, d, n);
            case MUL -> zip((a, b) -> a * b, r, o, s, d, n);
            case TRUNC_DIV -> zip((a, b) -> a / b, r, o, s, d, n);
            case FLOOR_DIV -> zip(Math::floorDiv, r, o, s, d, n);
            case REMAINDER -> zip(Math::floorMod, r, o, s, d, n);
            case FMOD -> zip((a, b) -> a % b, r, o, s, d, n);
            case POW -> zip(ScalarMath::pow, r, o, s, d, n);
            case MAXIMUM -> zip(Math::max, r, o, s, d, n);
            case MINIMUM -> zip(Math::min, r, o, s, d, n);
            case BITWISE_AND -> zip((a, b) -> a & b, r, o, s, d, n);
            case BITWISE_OR -> zip((a, b) -> a | b, r, o, s, d, n);
            case BITWISE_XOR -> zip((a, b) -> a ^ b, r, o, s, d, n);
            case SHIFT_LEFT -> zip((a, b) -> a << b, r, o, s, d, n);
            case SHIFT_RIGHT -> zip((a, b) -> a >> b, r, o, s, d, n);
            case EQ -> compare((a, b) -> a == b, r, o, s, d, n);
            case NE -> compare((a, b) -> a != b, r, o, s, d, n);
            case LT -> compare((a, b) -> a < b, r, o, s, d, n);
            case LE -> compare((a, b) -> a <= b, r, o, s, d, n);
            case GT -> compare((a, b) -> a > b, r, o, s, d, n);
            case GE -> compare((a, b) -> a >= b, r, o, s, d, n);
            case WHERE -> select(r, o, s, d, n);
            case RECIPROCAL, EXP, EXP2, EXPM1, LOG, LOG1P, LOG2, LOG10, SQRT, RSQRT, SIN, COS, TAN, ASIN, ACOS, ATAN,
                 SINH, COSH, TANH, ASINH, ACOSH, ATANH, SIGMOID, ERF, ERFC, DIV, ATAN2,
                 LOGICAL_NOT, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR -> throw new IllegalStateException(op + " has no int32 form");
        };
    }

    private static int map(IntUnaryOperator f, Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], z = (int[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = f.applyAsInt(a[ao + i]);
        return n;
    }

    private static int zip(IntBinaryOperator f, Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = f.applyAsInt(a[ao + i], b[bo + i]);
        return n;
    }

    private static int compare(Comparison f, Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) (f.test(a[ao + i], b[bo + i]) ? 1 : 0);
        return n;
    }

    private static int constant(int v, Object[] r, int[] o, int d, int n) {
        java.util.Arrays.fill((byte[]) r[d], o[d], o[d] + n, (byte) v);
        return n;
    }

    private static int select(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] c = (byte[]) r[s[0]];
        int[] a = (int[]) r[s[1]], b = (int[]) r[s[2]], z = (int[]) r[d];
        int co = o[s[0]], ao = o[s[1]], bo = o[s[2]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = c[co + i] != 0 ? a[ao + i] : b[bo + i];
        return n;
    }
}
