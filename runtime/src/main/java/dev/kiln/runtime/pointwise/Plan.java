package dev.kiln.runtime.pointwise;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/**
 * One call's iteration space: the operands' strides aligned to the output shape (0 where broadcast), with
 * adjacent dimensions merged wherever every operand allows, so the common cases become a single flat loop.
 * Operands whose inner stride is 1 and whose storage holds compute-kind values are read in place, and the last
 * instruction writes straight into the output when it can; everything else goes through chunk buffers. Kept to
 * a few arrays, since a one-element op pays for every allocation here.
 */
final class Plan {
    private final Program program;
    private final DType compute;
    private final int leaves;
    /** Per leaf its tensor ({@link TensorData}) or scalar value; the output last. */
    private final Object[] sources;
    private final int[] sizes;
    /** Per operand (leaves, then the output): its storage offset followed by its stride in each loop dimension. */
    private final int[] geometry;
    /** Bit {@code i}: leaf {@code i} is read in place. */
    private final long direct;
    private final boolean outDirect;
    /** Bit {@code c}: instruction {@code c} multiplies by a scalar 1 this call ({@code alpha=1}) and only forwards its operand. */
    private final long unitMultiplies;

    Plan(Program program, DType compute, Object[] args, TensorData out) {
        this.program = program;
        this.compute = compute;
        this.leaves = program.leaves.length;
        this.sources = new Object[leaves + 1];
        for (int i = 0; i < leaves; i++) {
            Program.Leaf leaf = program.leaves[i];
            sources[i] = leaf.literal() ? leaf.value() : args[leaf.arg()];
        }
        sources[leaves] = out;
        int[] flat = flatGeometry(out);
        if (flat != null) {
            this.sizes = new int[]{(int) out.numel()};
            this.geometry = flat;
        } else {
            int[][] st = alignedStrides(out.sizes());
            this.sizes = merge(out.sizes(), st);
            this.geometry = pack(st);
        }
        int nd = sizes.length;
        long d = 0;
        for (int i = 0; i < leaves; i++) {
            if (sources[i] instanceof TensorData t && geometry[i * (nd + 1) + nd] == 1 && Kind.readsInPlace(t.dtype(), leafCompute(i))) {
                d |= 1L << i;
            }
        }
        this.direct = d;
        this.outDirect = geometry[leaves * (nd + 1) + nd] == 1 && Kind.native_(out.dtype()) == program.kinds[program.result];
        this.unitMultiplies = unitMultiplies();
    }

    /** x * 1 == x exactly (NaN, -0.0 and infinities included), so such a step needs no loop; the last step still writes. */
    private long unitMultiplies() {
        long bits = 0;
        Program.Instr[] code = program.code;
        for (int c = 0; c < Math.min(code.length - 1, 64); c++) {
            Program.Instr in = code[c];
            if (in.op() == dev.kiln.ir.op.ScalarOp.MUL && unitOperand(in) >= 0) bits |= 1L << c;
        }
        return bits;
    }

    /** The operand of a multiplication that is not the scalar 1, or -1 if neither factor is a scalar 1. */
    private int unitOperand(Program.Instr in) {
        int[] src = in.src();
        for (int k = 0; k < 2; k++) {
            int r = src[k];
            if (r < leaves && isOne(sources[r]) && program.kinds[src[1 - k]] == program.kinds[in.dst()]) return src[1 - k];
        }
        return -1;
    }

    private static boolean isOne(Object scalar) {
        return (scalar instanceof Long l && l == 1L) || (scalar instanceof Double d && d == 1.0);
    }

    /** The dtype a leaf's values are converted to: bool for masks, the kind's own for parameters and literals. */
    private DType leafCompute(int i) {
        Program.Leaf leaf = program.leaves[i];
        return leaf.mask() ? DType.BOOL : leaf.param() || leaf.literal() ? null : compute;
    }

    /** Offsets and strides of the one-dimensional loop when every tensor is contiguous in the output's shape or a single element. */
    private int[] flatGeometry(TensorData out) {
        if (!out.isContiguous()) return null;
        int[] g = new int[2 * (leaves + 1)];
        long[] outSizes = out.sizes();
        for (int k = 0; k <= leaves; k++) {
            if (!(sources[k] instanceof TensorData t)) continue;
            g[2 * k] = (int) t.offset();
            if (t.isContiguous() && Arrays.equals(t.sizes(), outSizes)) g[2 * k + 1] = 1;
            else if (t.numel() != 1) return null;
        }
        return g;
    }

    /** Per operand, its strides over the output's dimensions: 0 where it is broadcast. */
    private int[][] alignedStrides(long[] outSizes) {
        int nd = outSizes.length;
        int[][] st = new int[leaves + 1][nd];
        for (int k = 0; k <= leaves; k++) {
            if (!(sources[k] instanceof TensorData t)) continue;
            long[] ts = t.sizes(), tst = t.strides();
            int shift = nd - ts.length;
            for (int d = 0; d < ts.length; d++) st[k][d + shift] = ts[d] == 1 ? 0 : (int) tst[d];
        }
        return st;
    }

    /**
     * Drops size-1 dimensions and folds each dimension into the previous one where every operand steps through
     * both as one; rewrites {@code st} in place to the merged strides and returns the merged sizes.
     */
    private int[] merge(long[] outSizes, int[][] st) {
        int nd = outSizes.length;
        int[] sz = new int[Math.max(nd, 1)];
        int m = 0;
        for (int d = 0; d < nd; d++) {
            if (outSizes[d] == 1) continue;
            boolean fold = m > 0;
            for (int k = 0; k <= leaves && fold; k++) {
                fold = !(sources[k] instanceof TensorData) || (long) st[k][m - 1] == (long) st[k][d] * outSizes[d];
            }
            if (fold) {
                sz[m - 1] *= (int) outSizes[d];
                for (int k = 0; k <= leaves; k++) st[k][m - 1] = st[k][d];
            } else {
                sz[m] = (int) outSizes[d];
                for (int k = 0; k <= leaves; k++) st[k][m] = st[k][d];
                m++;
            }
        }
        if (m == 0) {
            sz[0] = 1;
            m = 1;
        }
        for (int k = 0; k <= leaves; k++) st[k] = Arrays.copyOf(st[k], m);
        return Arrays.copyOf(sz, m);
    }

    private int[] pack(int[][] st) {
        int nd = sizes.length;
        int[] g = new int[(leaves + 1) * (nd + 1)];
        for (int k = 0; k <= leaves; k++) {
            if (sources[k] instanceof TensorData t) g[k * (nd + 1)] = (int) t.offset();
            System.arraycopy(st[k], 0, g, k * (nd + 1) + 1, nd);
        }
        return g;
    }

    /** Evaluates flat output positions {@code [start, end)}. */
    void runRange(long start, long end) {
        int nd = sizes.length, inner = sizes[nd - 1], width = nd + 1;
        int cap = (int) Math.min(PointwiseEngine.CHUNK, end - start);
        Kind[] kinds = program.kinds;
        Object[] reg = new Object[kinds.length];
        int[] off = new int[kinds.length];
        for (int i = 0; i < leaves; i++) {
            if (!(sources[i] instanceof TensorData)) {
                reg[i] = kinds[i].newBuffer(cap);
                Conversions.fillScalar(kinds[i], leafCompute(i), sources[i], reg[i], cap);
            } else if ((direct & (1L << i)) == 0) {
                reg[i] = kinds[i].newBuffer(cap);
            }
        }
        Program.Instr[] code = program.code;
        for (int c = 0; c < code.length; c++) {
            boolean forwarded = (unitMultiplies & (1L << c)) != 0 && c < 64;
            if ((c < code.length - 1 || !outDirect) && !forwarded) reg[code[c].dst()] = kinds[code[c].dst()].newBuffer(cap);
        }
        int[] base = new int[leaves + 1];
        for (int k = 0; k <= leaves; k++) base[k] = geometry[k * width];
        if (nd == 1) {
            for (long pos = start; pos < end; pos += cap) chunk(reg, off, base, (int) pos, (int) Math.min(cap, end - pos));
            return;
        }
        int[] idx = new int[nd];
        long row = start / inner;
        for (int d = nd - 2; d >= 0; d--) {
            idx[d] = (int) (row % sizes[d]);
            row /= sizes[d];
        }
        int col = (int) (start % inner);
        long pos = start;
        while (pos < end) {
            for (int k = 0; k <= leaves; k++) {
                int b = geometry[k * width];
                for (int d = 0; d < nd - 1; d++) b += idx[d] * geometry[k * width + 1 + d];
                base[k] = b;
            }
            int seg = (int) Math.min(inner - col, end - pos);
            for (int c = 0; c < seg; c += cap) chunk(reg, off, base, col + c, Math.min(cap, seg - c));
            pos += seg;
            col = 0;
            for (int d = nd - 2; d >= 0; d--) {
                if (++idx[d] < sizes[d]) break;
                idx[d] = 0;
            }
        }
    }

    /** Elements {@code col .. col+n} of the innermost loop dimension, from the operands' {@code base} positions. */
    private void chunk(Object[] reg, int[] off, int[] base, int col, int n) {
        Kind[] kinds = program.kinds;
        int width = sizes.length + 1;
        for (int i = 0; i < leaves; i++) {
            if (!(sources[i] instanceof TensorData t)) continue;
            int s = geometry[i * width + width - 1], b = base[i] + col * s;
            if ((direct & (1L << i)) != 0) {
                reg[i] = t.storage().array();
                off[i] = b;
            } else {
                Conversions.load(kinds[i], leafCompute(i), t.dtype(), t.storage(), b, s, reg[i], n);
            }
        }
        TensorData out = (TensorData) sources[leaves];
        int outStride = geometry[leaves * width + width - 1], outBase = base[leaves] + col * outStride;
        Program.Instr[] code = program.code;
        for (int c = 0; c < code.length; c++) {
            Program.Instr in = code[c];
            int d = in.dst();
            if (c == code.length - 1 && outDirect) {
                reg[d] = out.storage().array();
                off[d] = outBase;
            }
            if (c < 64 && (unitMultiplies & (1L << c)) != 0) {
                int from = unitOperand(in);
                reg[d] = reg[from];
                off[d] = off[from];
                continue;
            }
            if (in.op() == null) {
                Conversions.cast(in.kind(), reg[in.src()[0]], off[in.src()[0]], kinds[d], reg[d], off[d], n);
                continue;
            }
            switch (in.kind()) {
                case F32 -> F32Ops.exec(in.op(), reg, off, in.src(), d, n);
                case F64 -> F64Ops.exec(in.op(), reg, off, in.src(), d, n);
                case I64 -> I64Ops.exec(in.op(), reg, off, in.src(), d, n);
                case I32 -> I32Ops.exec(in.op(), reg, off, in.src(), d, n);
                case BOOL -> BoolOps.exec(in.op(), reg, off, in.src(), d, n);
            }
        }
        int r = program.result;
        if (code.length == 0 || !outDirect) Conversions.store(kinds[r], reg[r], off[r], out.dtype(), out.storage(), outBase, outStride, n);
    }
}
