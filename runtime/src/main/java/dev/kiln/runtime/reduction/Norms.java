package dev.kiln.runtime.reduction;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;

/**
 * Vector p-norms accumulated in double: the count of nonzeros (p = 0), sums of |x| and x² (p = 1, 2; float32
 * inputs summed in float lanes per chunk, like PyTorch), the largest and smallest |x| (p = ±inf) and sums of
 * |x|^p otherwise, then the p-th root.
 */
final class Norms {
    private Norms() {}

    /** The accumulation a norm order needs. */
    private enum Kind { ZERO, ONE, TWO, INF, NEG_INF, POWER }

    /**
     * The p-norm of elements of {@code dtype} into {@code out}; {@code empty} says the reduction covers no
     * elements (the result is then 0).
     */
    static Accumulator.Factory of(TensorData out, DType dtype, double p, boolean empty) {
        Kind kind = p == 0 ? Kind.ZERO : p == 1 ? Kind.ONE : p == 2 ? Kind.TWO : p == Double.POSITIVE_INFINITY ? Kind.INF
                : p == Double.NEGATIVE_INFINITY ? Kind.NEG_INF : Kind.POWER;
        Num num = (kind == Kind.ONE || kind == Kind.TWO) ? Num.of(dtype) : Num.F64;
        return new Accumulator.Factory(num, slots -> new Norm(out, slots, kind, p, empty));
    }

    private static final class Norm extends Accumulator {
        private final TensorData out;
        private final double[] acc;
        private final Kind kind;
        private final double p;
        private final boolean empty;

        Norm(TensorData out, int slots, Kind kind, double p, boolean empty) {
            this.out = out;
            this.acc = new double[slots];
            this.kind = kind;
            this.p = p;
            this.empty = empty;
            if (kind == Kind.NEG_INF) java.util.Arrays.fill(acc, Double.POSITIVE_INFINITY);
        }

        @Override
        void inner(Object a, int off, int n, long index, int slot) {
            if (a instanceof float[] f) {
                acc[slot] += Vec.sumPowers(kind == Kind.TWO, f, off, n);
                return;
            }
            double[] v = (double[]) a;
            double s = acc[slot];
            switch (kind) {
                case ZERO -> { for (int i = 0; i < n; i++) s += v[off + i] != 0 ? 1 : 0; }
                case ONE, TWO -> s += Vec.sumPowers(kind == Kind.TWO, v, off, n, 0);
                case INF -> { for (int i = 0; i < n; i++) s = Math.max(s, Math.abs(v[off + i])); }
                case NEG_INF -> { for (int i = 0; i < n; i++) s = Math.min(s, Math.abs(v[off + i])); }
                case POWER -> { for (int i = 0; i < n; i++) s += Math.pow(Math.abs(v[off + i]), p); }
            }
            acc[slot] = s;
        }

        @Override
        void rows(Object a, int off, int w, int rowStride, int rows, long index, int slot) {
            if (a instanceof float[] f) {
                for (int r = 0; r < rows; r++) {
                    int row = off + r * rowStride;
                    if (kind == Kind.TWO) for (int j = 0; j < w; j++) acc[slot + j] += f[row + j] * f[row + j];
                    else for (int j = 0; j < w; j++) acc[slot + j] += Math.abs(f[row + j]);
                }
                return;
            }
            double[] v = (double[]) a;
            for (int r = 0; r < rows; r++) {
                int row = off + r * rowStride;
                switch (kind) {
                    case ZERO -> { for (int j = 0; j < w; j++) acc[slot + j] += v[row + j] != 0 ? 1 : 0; }
                    case ONE -> { for (int j = 0; j < w; j++) acc[slot + j] += Math.abs(v[row + j]); }
                    case TWO -> { for (int j = 0; j < w; j++) acc[slot + j] += v[row + j] * v[row + j]; }
                    case INF -> { for (int j = 0; j < w; j++) acc[slot + j] = Math.max(acc[slot + j], Math.abs(v[row + j])); }
                    case NEG_INF -> { for (int j = 0; j < w; j++) acc[slot + j] = Math.min(acc[slot + j], Math.abs(v[row + j])); }
                    case POWER -> { for (int j = 0; j < w; j++) acc[slot + j] += Math.pow(Math.abs(v[row + j]), p); }
                }
            }
        }

        @Override
        void merge(Accumulator other, int slots) {
            double[] b = ((Norm) other).acc;
            for (int i = 0; i < slots; i++) {
                acc[i] = switch (kind) {
                    case INF -> Math.max(acc[i], b[i]);
                    case NEG_INF -> Math.min(acc[i], b[i]);
                    case ZERO, ONE, TWO, POWER -> acc[i] + b[i];
                };
            }
        }

        @Override
        void finish(int slots, long at) {
            for (int i = 0; i < slots; i++) {
                acc[i] = empty ? 0 : switch (kind) {
                    case TWO -> Math.sqrt(acc[i]);
                    case POWER -> Math.pow(acc[i], 1 / p);
                    case ZERO, ONE, INF, NEG_INF -> acc[i];
                };
            }
            Elems.store(acc, slots, out, at);
        }
    }
}
