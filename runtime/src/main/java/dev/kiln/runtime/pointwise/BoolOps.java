package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarOp;

/**
 * Bool chunk loops over bytes holding 0 or 1: the logical ops, comparisons and selection, and the primitives
 * PyTorch defines on bool tensors (add and maximum are "or", mul and minimum are "and"). The rules reject the
 * others for bool tensors before they get here. One plain loop per function, as in {@link I64Ops}.
 */
final class BoolOps {
    private BoolOps() {}

    static int exec(ScalarOp op, Object[] r, int[] o, int[] s, int d, int n) {
        return switch (op) {
            case LOGICAL_NOT, BITWISE_NOT -> not(r, o, s, d, n);
            case ISNAN, ISINF -> constant(0, r, o, d, n);
            case ISFINITE -> constant(1, r, o, d, n);
            case ADD, MAXIMUM, LOGICAL_OR, BITWISE_OR -> or(r, o, s, d, n);
            case MUL, MINIMUM, LOGICAL_AND, BITWISE_AND -> and(r, o, s, d, n);
            case LOGICAL_XOR, BITWISE_XOR, NE -> xor(r, o, s, d, n);
            case EQ -> eq(r, o, s, d, n);
            case LT -> lt(r, o, s, d, n);
            case LE -> le(r, o, s, d, n);
            case GT -> gt(r, o, s, d, n);
            case GE -> ge(r, o, s, d, n);
            case WHERE -> select(r, o, s, d, n);
            case NEG, ABS, FLOOR, CEIL, ROUND, TRUNC, RECIPROCAL, EXP, EXP2, EXPM1, LOG, LOG1P, LOG2, LOG10, SQRT, RSQRT,
                 SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH, SIGMOID, ERF, ERFC,
                 SUB, DIV, TRUNC_DIV, FLOOR_DIV, REMAINDER, FMOD, POW, ATAN2, SHIFT_LEFT, SHIFT_RIGHT ->
                    throw new IllegalStateException(op + " is not defined on bool");
        };
    }

    private static int not(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] a = (byte[]) r[s[0]], z = (byte[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) (a[ao + i] ^ 1);
        return n;
    }

    private static int constant(int v, Object[] r, int[] o, int d, int n) {
        java.util.Arrays.fill((byte[]) r[d], o[d], o[d] + n, (byte) v);
        return n;
    }

    private static int or(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] x = (byte[]) r[s[0]], y = (byte[]) r[s[1]], z = (byte[]) r[d];
        int xo = o[s[0]], yo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int a = x[xo + i], b = y[yo + i];
            z[zo + i] = (byte) (a | b);
        }
        return n;
    }

    private static int and(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] x = (byte[]) r[s[0]], y = (byte[]) r[s[1]], z = (byte[]) r[d];
        int xo = o[s[0]], yo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int a = x[xo + i], b = y[yo + i];
            z[zo + i] = (byte) (a & b);
        }
        return n;
    }

    private static int xor(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] x = (byte[]) r[s[0]], y = (byte[]) r[s[1]], z = (byte[]) r[d];
        int xo = o[s[0]], yo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int a = x[xo + i], b = y[yo + i];
            z[zo + i] = (byte) (a ^ b);
        }
        return n;
    }

    private static int eq(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] x = (byte[]) r[s[0]], y = (byte[]) r[s[1]], z = (byte[]) r[d];
        int xo = o[s[0]], yo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int a = x[xo + i], b = y[yo + i];
            z[zo + i] = (byte) (a ^ b ^ 1);
        }
        return n;
    }

    private static int lt(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] x = (byte[]) r[s[0]], y = (byte[]) r[s[1]], z = (byte[]) r[d];
        int xo = o[s[0]], yo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int a = x[xo + i], b = y[yo + i];
            z[zo + i] = (byte) (~a & b & 1);
        }
        return n;
    }

    private static int le(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] x = (byte[]) r[s[0]], y = (byte[]) r[s[1]], z = (byte[]) r[d];
        int xo = o[s[0]], yo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int a = x[xo + i], b = y[yo + i];
            z[zo + i] = (byte) ((~a | b) & 1);
        }
        return n;
    }

    private static int gt(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] x = (byte[]) r[s[0]], y = (byte[]) r[s[1]], z = (byte[]) r[d];
        int xo = o[s[0]], yo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int a = x[xo + i], b = y[yo + i];
            z[zo + i] = (byte) (a & ~b & 1);
        }
        return n;
    }

    private static int ge(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] x = (byte[]) r[s[0]], y = (byte[]) r[s[1]], z = (byte[]) r[d];
        int xo = o[s[0]], yo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int a = x[xo + i], b = y[yo + i];
            z[zo + i] = (byte) ((a | ~b) & 1);
        }
        return n;
    }

    private static int select(Object[] r, int[] o, int[] s, int d, int n) {
        byte[] c = (byte[]) r[s[0]], a = (byte[]) r[s[1]], b = (byte[]) r[s[2]], z = (byte[]) r[d];
        int co = o[s[0]], ao = o[s[1]], bo = o[s[2]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = c[co + i] != 0 ? a[ao + i] : b[bo + i];
        return n;
    }
}
