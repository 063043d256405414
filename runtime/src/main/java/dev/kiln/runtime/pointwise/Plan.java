package dev.kiln.runtime.pointwise;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;

/**
 * One call's iteration space: the operands' strides aligned to the output shape (0 where broadcast), with
 * adjacent dimensions merged wherever every operand allows, so the common cases become a single flat loop.
 */
final class Plan {
    private final Program program;
    private final int leaves;
    private final TensorData[] tensors;
    private final Object[] scalars;
    private final TensorData out;
    private final int[] sizes;
    private final int[][] strides;
    private final int[] offsets;

    Plan(String op, Program program, Object[] args, TensorData out) {
        this.program = program;
        this.out = out;
        this.leaves = program.leaves.length;
        this.tensors = new TensorData[leaves + 1];
        this.scalars = new Object[leaves];
        for (int i = 0; i < leaves; i++) {
            Program.Leaf leaf = program.leaves[i];
            if (leaf.literal()) scalars[i] = leaf.value();
            else if (args[leaf.arg()] instanceof TensorData t) tensors[i] = t;
            else scalars[i] = args[leaf.arg()];
        }
        tensors[leaves] = out;
        long[] outSizes = out.sizes();
        int nd = outSizes.length;
        int[][] st = new int[leaves + 1][nd];
        for (int k = 0; k <= leaves; k++) {
            TensorData t = tensors[k];
            if (t == null) continue;
            long[] ts = t.sizes(), tst = t.strides();
            int shift = nd - ts.length;
            for (int dd = 0; dd < ts.length; dd++) st[k][dd + shift] = ts[dd] == 1 ? 0 : (int) tst[dd];
        }
        int[] sz = new int[Math.max(nd, 1)];
        int[][] cs = new int[leaves + 1][sz.length];
        int m = 0;
        for (int dd = 0; dd < nd; dd++) {
            if (outSizes[dd] == 1) continue;
            if (m > 0 && mergeable(st, cs, m - 1, sz[m - 1], dd)) {
                sz[m - 1] *= (int) outSizes[dd];
                for (int k = 0; k <= leaves; k++) cs[k][m - 1] = st[k][dd];
                continue;
            }
            sz[m] = (int) outSizes[dd];
            for (int k = 0; k <= leaves; k++) cs[k][m] = st[k][dd];
            m++;
        }
        if (m == 0) {
            sz[0] = 1;
            m = 1;
        }
        this.sizes = java.util.Arrays.copyOf(sz, m);
        this.strides = new int[leaves + 1][];
        this.offsets = new int[leaves + 1];
        for (int k = 0; k <= leaves; k++) {
            strides[k] = java.util.Arrays.copyOf(cs[k], m);
            offsets[k] = tensors[k] == null ? 0 : (int) tensors[k].offset();
        }
    }

    /** Dimension {@code dd} folds into merged dim {@code prev} if every operand steps through both as one. */
    private boolean mergeable(int[][] st, int[][] cs, int prev, int prevSize, int dd) {
        for (int k = 0; k <= leaves; k++) {
            if (tensors[k] == null) continue;
            if ((long) cs[k][prev] != (long) st[k][dd] * (int) out.sizes()[dd]) return false;
        }
        return true;
    }

    void runRange(long start, long end) {
        int nd = sizes.length, inner = sizes[nd - 1];
        int cap = (int) Math.min(PointwiseEngine.CHUNK, end - start);
        Kind[] kinds = program.kinds;
        Object[] reg = new Object[kinds.length];
        Object[] buf = new Object[kinds.length];
        int[] off = new int[kinds.length];
        for (int r = 0; r < kinds.length; r++) buf[r] = kinds[r].newBuffer(cap);
        for (int i = 0; i < leaves; i++) {
            if (tensors[i] == null) Conversions.fillScalar(kinds[i], scalars[i], buf[i], cap);
        }
        int[] idx = new int[nd];
        long row = start / inner;
        for (int dd = nd - 2; dd >= 0; dd--) {
            idx[dd] = (int) (row % sizes[dd]);
            row /= sizes[dd];
        }
        int col = (int) (start % inner);
        int[] base = new int[leaves + 1];
        long pos = start;
        while (pos < end) {
            for (int k = 0; k <= leaves; k++) {
                int b = offsets[k];
                for (int dd = 0; dd < nd - 1; dd++) b += idx[dd] * strides[k][dd];
                base[k] = b;
            }
            int seg = (int) Math.min(inner - col, end - pos);
            for (int c = 0; c < seg; c += cap) {
                int n = Math.min(cap, seg - c);
                chunk(reg, buf, off, base, col + c, n);
            }
            pos += seg;
            col = 0;
            for (int dd = nd - 2; dd >= 0; dd--) {
                if (++idx[dd] < sizes[dd]) break;
                idx[dd] = 0;
            }
        }
    }

    private void chunk(Object[] reg, Object[] buf, int[] off, int[] base, int col, int n) {
        Kind[] kinds = program.kinds;
        int inner = sizes.length - 1;
        for (int i = 0; i < leaves; i++) {
            TensorData t = tensors[i];
            if (t == null) {
                reg[i] = buf[i];
                off[i] = 0;
                continue;
            }
            int s = strides[i][inner];
            int b = base[i] + col * s;
            if (s == 1 && Kind.native_(t.dtype()) == kinds[i]) {
                reg[i] = t.storage().array();
                off[i] = b;
            } else {
                Conversions.load(kinds[i], t.dtype(), t.storage(), b, s, buf[i], n);
                reg[i] = buf[i];
                off[i] = 0;
            }
        }
        int outStride = strides[leaves][inner];
        int outBase = base[leaves] + col * outStride;
        DType outType = out.dtype();
        Storage outStorage = out.storage();
        boolean direct = outStride == 1 && Kind.native_(outType) == kinds[program.result];
        Program.Instr[] code = program.code;
        for (int c = 0; c < code.length; c++) {
            Program.Instr in = code[c];
            int d = in.dst();
            if (c == code.length - 1 && direct) {
                reg[d] = outStorage.array();
                off[d] = outBase;
            } else {
                reg[d] = buf[d];
                off[d] = 0;
            }
            if (in.op() == null) {
                Conversions.cast(in.kind(), reg[in.src()[0]], off[in.src()[0]], kinds[d], reg[d], off[d], n);
            } else if (in.kind() == Kind.F32) {
                F32Ops.exec(in.op(), reg, off, in.src(), d, n);
            } else {
                ScalarOps.exec(in.kind(), in.op(), reg, off, in.src(), d, n);
            }
        }
        int r = program.result;
        boolean written = code.length > 0 && direct;
        if (!written) Conversions.store(kinds[r], reg[r], off[r], outType, outStorage, outBase, outStride, n);
    }
}
