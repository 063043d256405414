package dev.kiln.runtime.shape;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.aten.ShapeOps;
import dev.kiln.ir.op.aten.ShapeRepeats;
import dev.kiln.ir.op.aten.ViewShapes;
import dev.kiln.ir.op.aten.ViewSlices;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;

/**
 * Copies that move or repeat whole blocks: flip (a copy through negated strides), roll (two blocks per rolled
 * dimension), repeat and repeat_interleave (a copy from a view with stride-0 repetition dimensions).
 */
final class Rearrange {
    private Rearrange() {}

    static TensorData flip(TensorData self, long[] dims) {
        int[] wrapped = ShapeRepeats.flipDims(ShapeOps.FLIP.name(), self.dim(), dims);
        long[] sizes = self.sizes(), strides = self.strides().clone();
        long offset = self.offset();
        for (int d : wrapped) {
            if (self.dim() == 0) break;
            offset += Math.max(sizes[d] - 1, 0) * strides[d];
            strides[d] = -strides[d];
        }
        TensorData out = TensorData.zeros(self.dtype(), sizes.clone());
        Blocks.copy(self.withGeometry(new Geometry(sizes, strides, offset)), out);
        return out;
    }

    static TensorData roll(TensorData self, long[] shifts, long[] dims) {
        long[] perDim = ShapeRepeats.rollShifts(ShapeOps.ROLL.name(), self.sizes(), shifts, dims);
        TensorData out = TensorData.zeros(self.dtype(), self.sizes().clone());
        TensorData src = self, dst = out;
        if (perDim == null) {
            long n = self.numel();
            TensorData dense = Copies.contiguous(self);
            src = dense.withGeometry(new Geometry(new long[]{n}, new long[]{1}, dense.offset()));
            dst = out.withGeometry(Geometry.contiguous(new long[]{n}));
            perDim = new long[]{n == 0 ? 0 : Math.floorMod(shifts[0], n)};
        }
        int rolled = 0;
        for (long s : perDim) if (s != 0) rolled++;
        int[] rolledDims = new int[rolled];
        for (int d = 0, k = 0; d < perDim.length; d++) if (perDim[d] != 0) rolledDims[k++] = d;
        for (int mask = 0; mask < 1 << rolled; mask++) {
            Geometry from = src.geometry(), to = dst.geometry();
            for (int k = 0; k < rolled; k++) {
                int d = rolledDims[k];
                long n = src.sizes()[d], s = perDim[d];
                boolean head = (mask >> k & 1) == 0;
                from = ViewSlices.range(from, d, head ? n - s : 0, head ? s : n - s, 1);
                to = ViewSlices.range(to, d, head ? 0 : s, head ? s : n - s, 1);
            }
            Blocks.copy(src.withGeometry(from), dst.withGeometry(to));
        }
        return out;
    }

    static TensorData repeat(TensorData self, long[] repeats) {
        String op = ShapeOps.REPEAT.name();
        long[] outSizes = ShapeRepeats.repeatSizes(op, self.sizes(), repeats);
        long[] padded = ShapeRepeats.padLeading(self.sizes(), repeats.length);
        long[] ones = new long[2 * repeats.length], expanded = new long[2 * repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            ones[2 * i] = 1;
            ones[2 * i + 1] = expanded[2 * i + 1] = padded[i];
            expanded[2 * i] = repeats[i];
        }
        Geometry g = ViewShapes.expand(op, ViewShapes.view(op, self.geometry(), ones), expanded);
        return copyOf(self, g, outSizes);
    }

    static TensorData repeatInterleave(TensorData self, long repeats, Long dim, Long outputSize) {
        String op = ShapeOps.REPEAT_INTERLEAVE.name();
        long[] outSizes = ShapeRepeats.interleaveSizes(op, self.sizes(), repeats, dim, outputSize);
        TensorData src = dim == null ? Copies.contiguous(self) : self;
        Geometry g = dim == null ? new Geometry(new long[]{self.numel()}, new long[]{1}, src.offset()) : src.geometry();
        int d = ShapeRepeats.interleaveDim(op, g.dim(), dim);
        Geometry unsqueezed = ViewShapes.unsqueeze(op, g, d + 1);
        long[] target = unsqueezed.sizes().clone();
        target[d + 1] = repeats;
        return copyOf(src, ViewShapes.expand(op, unsqueezed, target), outSizes);
    }

    /** A new tensor of {@code outSizes} holding, in row-major order, {@code self} seen through {@code g}. */
    private static TensorData copyOf(TensorData self, Geometry g, long[] outSizes) {
        TensorData out = TensorData.zeros(self.dtype(), outSizes);
        Blocks.copy(self.withGeometry(g), out.withGeometry(Geometry.contiguous(g.sizes())));
        return out;
    }
}
