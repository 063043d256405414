package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarOp;

/**
 * Chunk loops for the kinds without Vector API paths yet (float64, int64, int32, bool), written as plain
 * loops that C2 auto-vectorises where it can.
 */
final class ScalarOps {
    private ScalarOps() {}

    static void exec(Kind kind, ScalarOp op, Object[] r, int[] o, int[] src, int d, int n) {
        int a = src[0], ao = o[a];
        switch (kind) {
            case F64 -> {
                double[] x = (double[]) r[a];
                switch (op) {
                    case ADD -> { double[] y = (double[]) r[src[1]], z = (double[]) r[d]; int bo = o[src[1]], zo = o[d]; for (int i = 0; i < n; i++) z[zo + i] = x[ao + i] + y[bo + i]; }
                    case MUL -> { double[] y = (double[]) r[src[1]], z = (double[]) r[d]; int bo = o[src[1]], zo = o[d]; for (int i = 0; i < n; i++) z[zo + i] = x[ao + i] * y[bo + i]; }
                    case EXP -> { double[] z = (double[]) r[d]; int zo = o[d]; for (int i = 0; i < n; i++) z[zo + i] = Math.exp(x[ao + i]); }
                    default -> throw new IllegalStateException(op + " is not implemented for " + kind + " chunks");
                }
            }
            case I64 -> {
                long[] x = (long[]) r[a];
                switch (op) {
                    case ADD -> { long[] y = (long[]) r[src[1]], z = (long[]) r[d]; int bo = o[src[1]], zo = o[d]; for (int i = 0; i < n; i++) z[zo + i] = x[ao + i] + y[bo + i]; }
                    case MUL -> { long[] y = (long[]) r[src[1]], z = (long[]) r[d]; int bo = o[src[1]], zo = o[d]; for (int i = 0; i < n; i++) z[zo + i] = x[ao + i] * y[bo + i]; }
                    case EQ -> { long[] y = (long[]) r[src[1]]; byte[] z = (byte[]) r[d]; int bo = o[src[1]], zo = o[d]; for (int i = 0; i < n; i++) z[zo + i] = (byte) (x[ao + i] == y[bo + i] ? 1 : 0); }
                    default -> throw new IllegalStateException(op + " is not implemented for " + kind + " chunks");
                }
            }
            case I32 -> {
                int[] x = (int[]) r[a];
                switch (op) {
                    case ADD -> { int[] y = (int[]) r[src[1]], z = (int[]) r[d]; int bo = o[src[1]], zo = o[d]; for (int i = 0; i < n; i++) z[zo + i] = x[ao + i] + y[bo + i]; }
                    case MUL -> { int[] y = (int[]) r[src[1]], z = (int[]) r[d]; int bo = o[src[1]], zo = o[d]; for (int i = 0; i < n; i++) z[zo + i] = x[ao + i] * y[bo + i]; }
                    default -> throw new IllegalStateException(op + " is not implemented for " + kind + " chunks");
                }
            }
            case F32, BOOL -> throw new IllegalStateException(op + " is not implemented for " + kind + " chunks");
        }
    }
}
