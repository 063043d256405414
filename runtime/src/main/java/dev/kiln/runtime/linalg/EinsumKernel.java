package dev.kiln.runtime.linalg;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.aten.LinalgEinsum;
import dev.kiln.ir.op.aten.LinalgOps;
import dev.kiln.ir.op.aten.PointwiseOps;
import dev.kiln.ir.op.Lowering;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import dev.kiln.runtime.pointwise.PointwiseEngine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Executes an einsum plan ({@link LinalgEinsum}): operands are aligned as strided views (diagonals and size-1 dims
 * cost nothing), pairs are contracted by a batched GEMM over [batch, rows, contracted] x [batch, contracted, cols]
 * groupings of their dims (copying only when a grouping cannot be expressed as strides), or multiplied
 * element-wise when nothing is contracted.
 */
final class EinsumKernel {
    private EinsumKernel() {}

    @SuppressWarnings("unchecked")
    static TensorData run(Object[] args) {
        LinalgEinsum.Plan plan = LinalgOps.einsumPlan(args);
        List<TensorData> operands = (List<TensorData>) args[1];
        Deque<TensorData> ops = new ArrayDeque<>();
        for (int i = 0; i < operands.size(); i++) ops.addLast(align(operands.get(i), plan.operands()[i], plan.alignedDims()));
        for (LinalgEinsum.Step step : plan.steps()) {
            List<TensorData> list = new ArrayList<>(ops);
            TensorData a = list.get(step.left()), b = list.get(step.right());
            list.remove(step.right());
            list.remove(step.left());
            ops.clear();
            ops.addAll(list);
            TensorData r = product(sum(a, step.leftSums()), sum(b, step.rightSums()), step.sumDims());
            if (step.toBack()) ops.addLast(r);
            else ops.addFirst(r);
        }
        TensorData result = ops.getFirst();
        int outDims = plan.outDims();
        if (plan.alignedDims() > outDims) {
            if (operands.size() > 1) {
                result = MatrixViews.view(result, Arrays.copyOf(result.sizes(), outDims), Arrays.copyOf(result.strides(), outDims), result.offset());
            } else {
                int[] dims = new int[plan.alignedDims() - outDims];
                for (int i = 0; i < dims.length; i++) dims[i] = outDims + i;
                TensorData kept = sum(result, dims);
                result = MatrixViews.view(kept, Arrays.copyOf(kept.sizes(), outDims), Arrays.copyOf(kept.strides(), outDims), kept.offset());
            }
        }
        for (TensorData t : operands) {
            if (t.storage() == result.storage()) return Copies.convert(result, result.dtype());
        }
        return result;
    }

    /** The aligned view of one operand: each aligned dim has the summed strides of the operand dims it takes. */
    private static TensorData align(TensorData t, LinalgEinsum.Alignment alignment, int dims) {
        long[] sizes = new long[dims], strides = new long[dims];
        for (int p = 0; p < dims; p++) {
            int[] src = alignment.sources()[p];
            sizes[p] = src.length == 0 ? 1 : t.size(src[0]);
            for (int d : src) strides[p] += t.strides()[d];
        }
        return MatrixViews.view(t, sizes, strides, t.offset());
    }

    /** {@code t.sum(dims, keepdim=True)} with sum's dtype (integers in int64), accumulated in 64 bits. */
    private static TensorData sum(TensorData t, int[] dims) {
        if (dims.length == 0) return t;
        int d = t.dim();
        boolean[] summed = new boolean[d];
        for (int x : dims) summed[x] = true;
        int[][] groups = {keptDims(summed, false), keptDims(summed, true)};
        DType acc = t.dtype().isFloatingPoint() ? DType.FLOAT64 : DType.INT64;
        TensorData g = grouped(Gemm.as(t, acc), groups, true);
        int rows = (int) g.size(0), inner = (int) g.size(1);
        long[] outSizes = t.sizes().clone();
        for (int x : dims) outSizes[x] = 1;
        TensorData out = TensorData.zeros(acc, outSizes);
        int go = (int) g.offset();
        if (acc == DType.FLOAT64) {
            double[] src = g.storage().doubles(), dst = out.storage().doubles();
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int j = 0; j < inner; j++) s += src[go + r * inner + j];
                dst[r] = s;
            }
        } else {
            long[] src = g.storage().longs(), dst = out.storage().longs();
            for (int r = 0; r < rows; r++) {
                long s = 0;
                for (int j = 0; j < inner; j++) s += src[go + r * inner + j];
                dst[r] = s;
            }
        }
        return Gemm.as(out, LinalgEinsum.sumType(t.dtype()));
    }

    private static int[] keptDims(boolean[] summed, boolean want) {
        int[] r = new int[summed.length];
        int n = 0;
        for (int i = 0; i < summed.length; i++) {
            if (summed[i] == want) r[n++] = i;
        }
        return Arrays.copyOf(r, n);
    }

    /** PyTorch's {@code sumproduct_pair} with keepdim: (a * b) summed over {@code sumDims}, the summed dims left as size 1. */
    private static TensorData product(TensorData a, TensorData b, int[] sumDims) {
        int d = a.dim();
        if (sumDims.length == 0) {
            DType dtype = new TypePromotion.ResultType().tensor(a.dtype(), d).tensor(b.dtype(), d).result();
            long[] sizes = new long[d];
            for (int i = 0; i < d; i++) sizes[i] = a.size(i) == 1 ? b.size(i) : a.size(i);
            TensorData out = TensorData.zeros(dtype, sizes);
            PointwiseEngine.run("aten::einsum", (Lowering.Pointwise) PointwiseOps.MUL.lowering(), new Object[]{a, b}, out);
            return out;
        }
        boolean[] summed = new boolean[d];
        for (int x : sumDims) summed[x] = true;
        int[] lro = new int[d], lo = new int[d], ro = new int[d];
        int nlro = 0, nlo = 0, nro = 0;
        for (int i = 0; i < d; i++) {
            if (summed[i]) continue;
            boolean sl = a.size(i) != 1, sr = b.size(i) != 1;
            if (sl && sr) lro[nlro++] = i;
            else if (sl) lo[nlo++] = i;
            else ro[nro++] = i;
        }
        lro = Arrays.copyOf(lro, nlro);
        lo = Arrays.copyOf(lo, nlo);
        ro = Arrays.copyOf(ro, nro);
        TensorData left = grouped(a, new int[][]{lro, lo, sumDims}, false);
        TensorData right = grouped(b, new int[][]{lro, sumDims, ro}, false);
        TensorData out = TensorData.zeros(a.dtype(), new long[]{left.size(0), left.size(1), right.size(2)});
        Gemm.accumulate(out, out.sizes(), null, 0L, left, right, 1L);
        // view out as [lro, lo, 1 per summed dim, ro] and put every dim back at its original position
        int[] order = concat(lro, lo, sumDims, ro);
        long[] outSizes = new long[d];
        for (int j = 0; j < d; j++) outSizes[j] = summed[order[j]] ? 1 : (a.size(order[j]) != 1 ? a.size(order[j]) : b.size(order[j]));
        long[] outStrides = Geometry.contiguousStrides(outSizes);
        long[] sizes = new long[d], strides = new long[d];
        for (int j = 0; j < d; j++) {
            sizes[order[j]] = outSizes[j];
            strides[order[j]] = outStrides[j];
        }
        return MatrixViews.view(out, sizes, strides, 0);
    }

    private static int[] concat(int[]... parts) {
        int[] r = new int[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int n = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, r, n, p.length);
            n += p.length;
        }
        return r;
    }

    /**
     * {@code t.permute(groups...).reshape(one dim per group)}: a view when each group's dims merge into one stride,
     * else a view of a contiguous copy in the permuted order (or always that copy when {@code contiguous}).
     */
    private static TensorData grouped(TensorData t, int[][] groups, boolean contiguous) {
        int[] order = concat(groups);
        long[] ps = new long[order.length], pst = new long[order.length];
        for (int j = 0; j < order.length; j++) {
            ps[j] = t.size(order[j]);
            pst[j] = t.strides()[order[j]];
        }
        TensorData permuted = MatrixViews.view(t, ps, pst, t.offset());
        if (contiguous) permuted = Copies.contiguous(permuted);
        long[] sizes = new long[groups.length], strides = new long[groups.length];
        int at = 0;
        for (int g = 0; g < groups.length; g++) {
            int len = groups[g].length;
            strides[g] = MatrixViews.mergedStride(permuted.sizes(), permuted.strides(), at, at + len);
            sizes[g] = 1;
            for (int j = at; j < at + len; j++) sizes[g] *= permuted.size(j);
            if (strides[g] < 0) return grouped(t, groups, true);
            at += len;
        }
        return MatrixViews.view(permuted, sizes, strides, permuted.offset());
    }
}
