package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarOp;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * Bool chunk loops over bytes holding 0 or 1: the logical ops, comparisons and selection, and the primitives
 * PyTorch defines on bool tensors (add and maximum are "or", mul and minimum are "and"). The rules reject the
 * others for bool tensors before they get here.
 */
final class BoolOps {
    private BoolOps() {}

    static int exec(ScalarOp op, Object[] r, int[] o, int[] s, int d, int n) {
        return switch (op) {
            case LOGICAL_NOT, BITWISE_NOT -> map(a -> a ^ 1, r, o, s, d, n);
            case ISNAN, ISINF -> map(a -> 0, r, o, s, d, n);
            case ISFINITE -> map(a -> 1, r, o, s, d, n);
            case ADD, MAXIMUM, LOGICAL_OR, BITWISE_OR -> zip((a, b) -> a | b, r, o, s, d, n);
            case MUL, MINIMUM, LOGICAL_AND, BITWISE_AND -> zip((a, b) -> a & b, r, o, s, d, n);
            case LOGICAL_XOR, BITWISE_XOR, NE -> zip((a, b) -> a ^ b, r, o, s, d, n);
            case EQ -> zip((a, b) -> a ^ b ^ 1, r, o, s, d, n);
            case LT -> zip((a, b) -> ~a & b & 1, r, o, s, d, n);
            case LE -> zip((a, b) -> (~a | b) & 1, r, o, s, d, n);
            case GT -> zip((a, b) -> a & ~b & 1, r, o, s, d, n);
            case GE -> zip((a, b) -> (a | ~b) & 1, r, o, s, d, n);
            case WHERE -> select(r, o, s, d, n);
            case NEG, ABS, FLOOR, CEIL, ROUND, TRUNC, RECIPROCAL, EXP, EXP2, EXPM1, LOG, LOG1P, LOG2, LOG10, SQRT, RSQRT,
                 SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH, SIGMOID, ERF, ERFC,
                 SUB, DIV, TRUNC_DIV, FLOOR_DIV, REMAINDER, FMOD, POW, ATAN2, SHIFT_LEFT, SHIFT_RIGHT ->
                    throw new IllegalStateException(op + " is not defined on bool");
        };
    }

    private static int map(IntUnaryOperator f, Object[] r, int[] o, int[] s, int d, int n) {
        byte[] a = (byte[]) r[s[0]], z = (byte[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) f.applyAsInt(a[ao + i]);
        return n;
    }

    private static int zip(IntBinaryOperator f, Object[] r, int[] o, int[] s, int d, int n) {
        byte[] a = (byte[]) r[s[0]], b = (byte[]) r[s[1]], z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) f.applyAsInt(a[ao + i], b[bo + i]);
        return n;
    }

    private static int select(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] c = (byte[]) r[s[0]], a = (byte[]) r[s[1]], b = (byte[]) r[s[2]], z = (byte[]) r[d];
        int co = o[s[0]], ao = o[s[1]], bo = o[s[2]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = c[co + i] != 0 ? a[ao + i] : b[bo + i];
        return n;
    }
}
