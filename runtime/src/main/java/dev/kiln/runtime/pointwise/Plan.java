package dev.kiln.runtime.pointwise;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/**
 * One call's iteration space: the operands' strides aligned to the output shape (0 where broadcast), with
 * adjacent dimensions merged wherever every operand allows, so the common cases become a single flat loop.
 * Operands whose inner stride is 1 and whose storage holds compute-kind values are read in place, and the last
 * instruction writes straight into the output when it can; everything else goes through chunk buffers.
 */
final class Plan {
    private final Program program;
    private final int leaves;
    private final TensorData[] tensors;
    private final Object[] scalars;
    private final DType[] leafCompute;
    private final TensorData out;
    private final int[] sizes;
    private final int[][] strides;
    private final int[] offsets;
    private final boolean[] direct;
    private final boolean outDirect;

    Plan(Program program, DType compute, Object[] args, TensorData out) {
        this.program = program;
        this.out = out;
        this.leaves = program.leaves.length;
        this.tensors = new TensorData[leaves + 1];
        this.scalars = new Object[leaves];
        this.leafCompute = new DType[leaves];
        for (int i = 0; i < leaves; i++) {
            Program.Leaf leaf = program.leaves[i];
            leafCompute[i] = leaf.mask() ? DType.BOOL : leaf.param() || leaf.literal() ? null : compute;
            if (leaf.literal()) scalars[i] = leaf.value();
            else if (args[leaf.arg()] instanceof TensorData t) tensors[i] = t;
            else scalars[i] = args[leaf.arg()];
        }
        tensors[leaves] = out;
        int[][] flat = flatStrides(out.sizes());
        if (flat != null) {
            this.sizes = new int[]{(int) out.numel()};
            this.strides = flat;
        } else {
            int[][] st = alignedStrides(out.sizes());
            this.sizes = merge(out.sizes(), st);
            this.strides = st;
        }
        this.offsets = new int[leaves + 1];
        this.direct = new boolean[leaves];
        int inner = sizes.length - 1;
        for (int k = 0; k <= leaves; k++) {
            TensorData t = tensors[k];
            if (t == null) continue;
            offsets[k] = (int) t.offset();
            if (k < leaves) direct[k] = strides[k][inner] == 1 && Kind.readsInPlace(t.dtype(), leafCompute[k]);
        }
        this.outDirect = strides[leaves][inner] == 1 && Kind.native_(out.dtype()) == program.kinds[program.result];
    }

    /** Strides of the one-dimensional loop when every tensor is contiguous in the output's shape or a single element. */
    private int[][] flatStrides(long[] outSizes) {
        if (!out.isContiguous()) return null;
        int[][] st = new int[leaves + 1][];
        for (int k = 0; k <= leaves; k++) {
            TensorData t = tensors[k];
            if (t == null) st[k] = new int[1];
            else if (t.isContiguous() && Arrays.equals(t.sizes(), outSizes)) st[k] = new int[]{1};
            else if (t.numel() == 1) st[k] = new int[1];
            else return null;
        }
        return st;
    }

    /** Per operand, its strides over the output's dimensions: 0 where it is broadcast. */
    private int[][] alignedStrides(long[] outSizes) {
        int nd = outSizes.length;
        int[][] st = new int[leaves + 1][nd];
        for (int k = 0; k <= leaves; k++) {
            TensorData t = tensors[k];
            if (t == null) continue;
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
                fold = tensors[k] == null || (long) st[k][m - 1] == (long) st[k][d] * outSizes[d];
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
            for (int k = 0; k <= leaves; k++) if (st[k].length == 0) st[k] = new int[1];
        }
        for (int k = 0; k <= leaves; k++) st[k] = Arrays.copyOf(st[k], m);
        return Arrays.copyOf(sz, m);
    }

    /** Evaluates flat output positions {@code [start, end)}. */
    void runRange(long start, long end) {
        int nd = sizes.length, inner = sizes[nd - 1];
        int cap = (int) Math.min(PointwiseEngine.CHUNK, end - start);
        Kind[] kinds = program.kinds;
        Object[] reg = new Object[kinds.length];
        int[] off = new int[kinds.length];
        for (int i = 0; i < leaves; i++) {
            if (tensors[i] == null) {
                reg[i] = kinds[i].newBuffer(cap);
                Conversions.fillScalar(kinds[i], leafCompute[i], scalars[i], reg[i], cap);
            } else if (!direct[i]) {
                reg[i] = kinds[i].newBuffer(cap);
            }
        }
        Program.Instr[] code = program.code;
        for (int c = 0; c < code.length; c++) {
            if (c < code.length - 1 || !outDirect) reg[code[c].dst()] = kinds[code[c].dst()].newBuffer(cap);
        }
        int[] idx = new int[nd];
        long row = start / inner;
        for (int d = nd - 2; d >= 0; d--) {
            idx[d] = (int) (row % sizes[d]);
            row /= sizes[d];
        }
        int col = (int) (start % inner);
        int[] base = new int[leaves + 1];
        long pos = start;
        while (pos < end) {
            for (int k = 0; k <= leaves; k++) {
                int b = offsets[k];
                for (int d = 0; d < nd - 1; d++) b += idx[d] * strides[k][d];
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

    private void chunk(Object[] reg, int[] off, int[] base, int col, int n) {
        Kind[] kinds = program.kinds;
        int inner = sizes.length - 1;
        for (int i = 0; i < leaves; i++) {
            TensorData t = tensors[i];
            if (t == null) continue;
            int s = strides[i][inner], b = base[i] + col * s;
            if (direct[i]) {
                reg[i] = t.storage().array();
                off[i] = b;
            } else {
                Conversions.load(kinds[i], leafCompute[i], t.dtype(), t.storage(), b, s, reg[i], n);
            }
        }
        int outStride = strides[leaves][inner], outBase = base[leaves] + col * outStride;
        Storage outStorage = out.storage();
        Program.Instr[] code = program.code;
        for (int c = 0; c < code.length; c++) {
            Program.Instr in = code[c];
            int d = in.dst();
            if (c == code.length - 1 && outDirect) {
                reg[d] = outStorage.array();
                off[d] = outBase;
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
        if (code.length == 0 || !outDirect) Conversions.store(kinds[r], reg[r], off[r], out.dtype(), outStorage, outBase, outStride, n);
    }
}
