package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarOp;

/**
 * int32 chunk loops (also int16, int8 and uint8, which wrap when stored): one plain loop per primitive, which C2 compiles (and auto-vectorises where
 * it can) on its own, so no loop depends on being inlined with a constant function. Division, remainder and
 * fmod by zero throw {@link ArithmeticException}, which the engine reports as PyTorch's ZeroDivisionError.
 */
final class I32Ops {
    private I32Ops() {}

    static int exec(ScalarOp op, Object[] r, int[] o, int[] s, int d, int n) {
        return switch (op) {
            case NEG -> neg(r, o, s, d, n);
            case ABS -> abs(r, o, s, d, n);
            case BITWISE_NOT -> not(r, o, s, d, n);
            case FLOOR, CEIL, ROUND, TRUNC -> copy(r, o, s, d, n);
            case ISNAN, ISINF -> constant(0, r, o, d, n);
            case ISFINITE -> constant(1, r, o, d, n);
            case ADD -> add(r, o, s, d, n);
            case SUB -> sub(r, o, s, d, n);
            case MUL -> mul(r, o, s, d, n);
            case TRUNC_DIV -> truncDiv(r, o, s, d, n);
            case FLOOR_DIV -> floorDiv(r, o, s, d, n);
            case REMAINDER -> remainder(r, o, s, d, n);
            case FMOD -> fmod(r, o, s, d, n);
            case POW -> pow(r, o, s, d, n);
            case MAXIMUM -> maximum(r, o, s, d, n);
            case MINIMUM -> minimum(r, o, s, d, n);
            case BITWISE_AND -> and(r, o, s, d, n);
            case BITWISE_OR -> or(r, o, s, d, n);
            case BITWISE_XOR -> xor(r, o, s, d, n);
            case SHIFT_LEFT -> shiftLeft(r, o, s, d, n);
            case SHIFT_RIGHT -> shiftRight(r, o, s, d, n);
            case EQ -> eq(r, o, s, d, n);
            case NE -> ne(r, o, s, d, n);
            case LT -> lt(r, o, s, d, n);
            case LE -> le(r, o, s, d, n);
            case GT -> gt(r, o, s, d, n);
            case GE -> ge(r, o, s, d, n);
            case WHERE -> select(r, o, s, d, n);
            case RECIPROCAL, EXP, EXP2, EXPM1, LOG, LOG1P, LOG2, LOG10, SQRT, RSQRT, SIN, COS, TAN, ASIN, ACOS, ATAN,
                 SINH, COSH, TANH, ASINH, ACOSH, ATANH, SIGMOID, ERF, ERFC, DIV, ATAN2, LOGICAL_NOT, LOGICAL_AND,
                 LOGICAL_OR, LOGICAL_XOR ->
                    throw new IllegalStateException(op + " has no int32 form");
        };
    }

    private static int neg(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], z = (int[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i];
            z[zo + i] = -x;
        }
        return n;
    }

    private static int abs(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], z = (int[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i];
            z[zo + i] = Math.abs(x);
        }
        return n;
    }

    private static int not(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], z = (int[]) r[d];
        int ao = o[s[0]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i];
            z[zo + i] = ~x;
        }
        return n;
    }

    private static int copy(Object[] r, int[] o, int[] s, int d, int n) {
        System.arraycopy(r[s[0]], o[s[0]], r[d], o[d], n);
        return n;
    }

    private static int constant(int v, Object[] r, int[] o, int d, int n) {
        java.util.Arrays.fill((byte[]) r[d], o[d], o[d] + n, (byte) v);
        return n;
    }

    private static int add(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x + y;
        }
        return n;
    }

    private static int sub(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x - y;
        }
        return n;
    }

    private static int mul(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x * y;
        }
        return n;
    }

    private static int truncDiv(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x / y;
        }
        return n;
    }

    private static int floorDiv(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = Math.floorDiv(x, y);
        }
        return n;
    }

    private static int remainder(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = Math.floorMod(x, y);
        }
        return n;
    }

    private static int fmod(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x % y;
        }
        return n;
    }

    private static int pow(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = ScalarMath.pow(x, y);
        }
        return n;
    }

    private static int maximum(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = Math.max(x, y);
        }
        return n;
    }

    private static int minimum(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = Math.min(x, y);
        }
        return n;
    }

    private static int and(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x & y;
        }
        return n;
    }

    private static int or(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x | y;
        }
        return n;
    }

    private static int xor(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x ^ y;
        }
        return n;
    }

    private static int shiftLeft(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x << y;
        }
        return n;
    }

    private static int shiftRight(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]], z = (int[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) {
            int x = a[ao + i], y = b[bo + i];
            z[zo + i] = x >> y;
        }
        return n;
    }

    private static int eq(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) (a[ao + i] == b[bo + i] ? 1 : 0);
        return n;
    }

    private static int ne(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) (a[ao + i] != b[bo + i] ? 1 : 0);
        return n;
    }

    private static int lt(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) (a[ao + i] < b[bo + i] ? 1 : 0);
        return n;
    }

    private static int le(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) (a[ao + i] <= b[bo + i] ? 1 : 0);
        return n;
    }

    private static int gt(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) (a[ao + i] > b[bo + i] ? 1 : 0);
        return n;
    }

    private static int ge(Object[] r, int[] o, int[] s, int d, int n) {
        int[] a = (int[]) r[s[0]], b = (int[]) r[s[1]];
        byte[] z = (byte[]) r[d];
        int ao = o[s[0]], bo = o[s[1]], zo = o[d];
        for (int i = 0; i < n; i++) z[zo + i] = (byte) (a[ao + i] >= b[bo + i] ? 1 : 0);
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
