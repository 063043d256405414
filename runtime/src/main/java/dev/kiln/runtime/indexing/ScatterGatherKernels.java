package dev.kiln.runtime.indexing;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.aten.ScatterGatherRules;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.indexing.Accumulate.Reduction;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/** gather, the scatter family and take_along_dim: element moves along one dimension picked by an index tensor. */
final class ScatterGatherKernels {
    private ScatterGatherKernels() {}

    static TensorData gather(Object[] a) {
        TensorData self = (TensorData) a[0], index = (TensorData) a[2];
        int dim = Shapes.wrapDim("gather", (Long) a[1], self.dim());
        TensorData out = TensorData.zeros(self.dtype(), index.sizes().clone());
        if (index.numel() == 0) return out;
        long[] shape = nonempty(index.sizes());
        int[] src = alongDim("gather", shape, nonempty(self.strides()), self.offset(), dim, nonempty(self.sizes())[dim],
                IndexValues.of(index), false);
        Moves.gather(self, src, out, 0);
        return out;
    }

    /**
     * Storage offsets of {@code base + sum(c[d] * strides[d])} over {@code shape}, where the coordinate at
     * {@code dim} is replaced by the index value at that position (bounds-checked against {@code size}).
     */
    static int[] alongDim(String op, long[] shape, long[] strides, long base, int dim, long size, long[] index, boolean wrap) {
        long[] s = strides.clone();
        s[dim] = 0;
        int[] off = Offsets.of(shape, s, base);
        IndexValues.addScaled(op, index, size, strides[dim], wrap, dim, off);
        return off;
    }

    /** scatter.src / scatter.value (assign), scatter.reduce, scatter_add: writes into {@code dst} in place. */
    static void scatter(String op, TensorData dst, Object[] a, Reduction reduction) {
        TensorData index = (TensorData) a[2];
        if (index.numel() == 0) return;
        int dim = Shapes.wrapDim(op, (Long) a[1], dst.dim());
        TensorData src = a[3] instanceof TensorData t ? t : scalar(dst.dtype(), a[3]);
        long[] shape = nonempty(index.sizes());
        int[] dstOff = alongDim(op, shape, nonempty(dst.strides()), dst.offset(), dim, nonempty(dst.sizes())[dim],
                IndexValues.of(index), false);
        int[] srcOff = a[3] instanceof TensorData
                ? Offsets.of(shape, Arrays.copyOf(nonempty(src.strides()), shape.length), src.offset()) : new int[dstOff.length];
        if (reduction == null) Moves.scatter(src, srcOff, dst, dstOff);
        else Accumulate.apply(reduction, dst, dstOff, src, srcOff);
    }

    /** The legacy {@code reduce='add'|'multiply'} of scatter.reduce and scatter.value_reduce. */
    static Reduction legacy(Object reduce) { return reduce.equals("add") ? Reduction.SUM : Reduction.PROD; }

    /** scatter_reduce.two: sum, prod, mean, amax or amin, with or without self's own values. */
    static void scatterReduce(TensorData dst, Object[] a) {
        String op = "scatter_reduce";
        TensorData index = (TensorData) a[2], src = (TensorData) a[3];
        String reduce = (String) a[4];
        boolean includeSelf = (Boolean) a[5];
        if (index.numel() == 0) return;
        int dim = Shapes.wrapDim(op, (Long) a[1], dst.dim());
        Reduction r = switch (reduce) {
            case "sum", "mean" -> Reduction.SUM;
            case "prod" -> Reduction.PROD;
            case "amax" -> Reduction.MAX;
            default -> Reduction.MIN;
        };
        long[] shape = nonempty(index.sizes());
        long[] idx = IndexValues.of(index);
        int[] dstOff = alongDim(op, shape, nonempty(dst.strides()), dst.offset(), dim, nonempty(dst.sizes())[dim], idx, false);
        int[] srcOff = Offsets.of(shape, Arrays.copyOf(nonempty(src.strides()), shape.length), src.offset());
        if (!includeSelf) Accumulate.fillIdentity(r, dst, dstOff);
        Accumulate.apply(r, dst, dstOff, src, srcOff);
        if (reduce.equals("mean")) divideByCounts(dst, dim, shape, idx, includeSelf);
    }

    /** The mean step: each scattered-to element divided by how many values it received (floor division for integers). */
    private static void divideByCounts(TensorData dst, int dim, long[] shape, long[] idx, boolean includeSelf) {
        long[] sizes = nonempty(dst.sizes());
        long[] logical = Geometry.contiguousStrides(sizes);
        int[] positions = alongDim("scatter_reduce", shape, logical, 0, dim, sizes[dim], idx, false);
        int[] counts = new int[(int) dst.numel()];
        for (int p : positions) counts[p]++;
        int[] storage = Offsets.of(sizes, nonempty(dst.strides()), dst.offset());
        DType t = dst.dtype();
        for (int p = 0; p < counts.length; p++) {
            if (counts[p] == 0) continue;
            int c = counts[p] + (includeSelf ? 1 : 0), o = storage[p];
            if (t.isFloatingPoint()) Elements.setDouble(t, dst.storage(), o, Elements.getDouble(t, dst.storage(), o) / c);
            else Elements.setLong(t, dst.storage(), o, Math.floorDiv(Elements.getLong(t, dst.storage(), o), c));
        }
    }

    static TensorData takeAlongDim(Object[] a) {
        String op = "take_along_dim";
        TensorData self = (TensorData) a[0], indices = (TensorData) a[1];
        if (a[2] == null) {
            TensorData out = TensorData.zeros(self.dtype(), new long[]{indices.numel()});
            int[] flat = Offsets.of(self);
            long[] idx = IndexValues.of(indices);
            int[] src = new int[idx.length];
            for (int k = 0; k < idx.length; k++) {
                if (idx[k] < 0 || idx[k] >= flat.length) throw IndexValues.outOfBounds(op, idx[k], 0, flat.length);
                src[k] = flat[(int) idx[k]];
            }
            Moves.gather(self, src, out, 0);
            return out;
        }
        int dim = Shapes.wrapDim(op, (Long) a[2], self.dim());
        long[] shape = ScatterGatherRules.alongDimShape(op, self.sizes(), indices.sizes(), dim);
        TensorData out = TensorData.zeros(self.dtype(), shape.clone());
        if (out.numel() == 0) return out;
        long[] s = nonempty(shape);
        long[] selfShape = s.clone();
        selfShape[dim] = nonempty(self.sizes())[dim];
        long[] selfStrides = Offsets.broadcastStrides(nonempty(self.sizes()), nonempty(self.strides()), selfShape);
        int[] src = alongDim(op, s, selfStrides, self.offset(), dim, selfShape[dim], IndexValues.broadcast(indices, shape), false);
        Moves.gather(self, src, out, 0);
        return out;
    }

    /** A one-element tensor of {@code dtype} holding a Scalar argument, converted like ATen's scalar fill. */
    static TensorData scalar(DType dtype, Object value) {
        TensorData t = TensorData.zeros(dtype, new long[0]);
        switch (value) {
            case Double d -> Elements.setDouble(dtype, t.storage(), 0, d);
            case Boolean b -> Elements.setLong(dtype, t.storage(), 0, b ? 1 : 0);
            default -> Elements.setLong(dtype, t.storage(), 0, ((Number) value).longValue());
        }
        return t;
    }

    /** ATen's {@code ensure_nonempty}: a 0-dim tensor is treated as one of size [1] (its stride is irrelevant). */
    static long[] nonempty(long[] sizesOrStrides) { return sizesOrStrides.length == 0 ? new long[]{1} : sizesOrStrides; }
}
