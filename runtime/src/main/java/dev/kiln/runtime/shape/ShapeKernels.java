package dev.kiln.runtime.shape;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.aten.ShapeOps;
import dev.kiln.ir.op.aten.ShapePads;
import dev.kiln.ir.op.aten.ViewShapes;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.TensorData;
import java.util.List;

/** CPU kernels of the library ops declared in {@link ShapeOps}; registered with {@link Kernels}. */
public final class ShapeKernels {
    private ShapeKernels() {}

    static {
        Kernels.register(ShapeOps.RESHAPE, a -> reshape(t(a[0]), (long[]) a[1]));
        Kernels.register(ShapeOps.RESHAPE_ALIAS, a -> strided(ShapeOps.RESHAPE_ALIAS.name(), t(a[0]), (long[]) a[1], (long[]) a[2], null));
        Kernels.register(ShapeOps.AS_STRIDED, a -> strided(ShapeOps.AS_STRIDED.name(), t(a[0]), (long[]) a[1], (long[]) a[2], (Long) a[3]));
        Kernels.register(ShapeOps.CONTIGUOUS, a -> contiguous(t(a[0]), (String) a[1]));
        Kernels.register(ShapeOps.CAT, a -> Joins.cat(tensors(a[0]), (Long) a[1]));
        Kernels.register(ShapeOps.FLIP, a -> Rearrange.flip(t(a[0]), (long[]) a[1]));
        Kernels.register(ShapeOps.ROLL, a -> Rearrange.roll(t(a[0]), (long[]) a[1], (long[]) a[2]));
        Kernels.register(ShapeOps.REPEAT, a -> Rearrange.repeat(t(a[0]), (long[]) a[1]));
        Kernels.register(ShapeOps.REPEAT_INTERLEAVE, a -> Rearrange.repeatInterleave(t(a[0]), (Long) a[1], (Long) a[2], (Long) a[3]));
        Kernels.register(ShapeOps.REPEAT_INTERLEAVE_INDICES, a -> Interleave.indices(t(a[0]), (Long) a[1]));
        Kernels.register(ShapeOps.REPEAT_INTERLEAVE_TENSOR, a -> Interleave.repeat(t(a[0]), t(a[1]), (Long) a[2], (Long) a[3]));
        Kernels.register(ShapeOps.TRIL, a -> Triangles.of(t(a[0]), (Long) a[1], true));
        Kernels.register(ShapeOps.TRIU, a -> Triangles.of(t(a[0]), (Long) a[1], false));
        Kernels.register(ShapeOps.TRIL_, a -> Triangles.inPlace(t(a[0]), (Long) a[1], true));
        Kernels.register(ShapeOps.TRIU_, a -> Triangles.inPlace(t(a[0]), (Long) a[1], false));
        Kernels.register(ShapeOps.CONSTANT_PAD_ND, a -> Padding.pad(t(a[0]), (long[]) a[1], ShapePads.Mode.CONSTANT, a[2]));
        Kernels.register(ShapeOps.PAD_CIRCULAR, a -> Padding.pad(t(a[0]), (long[]) a[1], ShapePads.Mode.CIRCULAR, null));
        for (var op : List.of(ShapeOps.REFLECTION_PAD1D, ShapeOps.REFLECTION_PAD2D, ShapeOps.REFLECTION_PAD3D)) {
            Kernels.register(op, a -> Padding.pad(t(a[0]), (long[]) a[1], ShapePads.Mode.REFLECT, null));
        }
        for (var op : List.of(ShapeOps.REPLICATION_PAD1D, ShapeOps.REPLICATION_PAD2D, ShapeOps.REPLICATION_PAD3D)) {
            Kernels.register(op, a -> Padding.pad(t(a[0]), (long[]) a[1], ShapePads.Mode.REPLICATE, null));
        }
    }

    private static TensorData t(Object o) { return (TensorData) o; }

    @SuppressWarnings("unchecked")
    private static List<TensorData> tensors(Object o) { return (List<TensorData>) o; }

    /** A view when the strides allow one, else a contiguous copy with the new shape. */
    static TensorData reshape(TensorData self, long[] shape) {
        long[] sizes = ViewShapes.inferSize(ShapeOps.RESHAPE.name(), shape, self.numel());
        long[] strides = ViewShapes.viewStrides(self.sizes(), self.strides(), sizes);
        if (strides != null) return self.withGeometry(new Geometry(sizes, strides, self.offset()));
        TensorData out = TensorData.zeros(self.dtype(), sizes);
        Blocks.copy(self, out.withGeometry(Geometry.contiguous(self.sizes())));
        return out;
    }

    /** as_strided and _reshape_alias: any geometry inside the storage ({@code offset} null keeps the input's). */
    static TensorData strided(String op, TensorData self, long[] size, long[] stride, Long offset) {
        Geometry g = ViewShapes.asStrided(op, size, stride, offset == null ? self.offset() : offset);
        long last = g.offset();
        for (int d = 0; d < size.length; d++) last += (size[d] - 1) * stride[d];
        long needed = last + 1;
        if (Shapes.checkedNumel(op, size) > 0 && needed > self.storage().length()) {
            int item = self.dtype().itemSize();
            throw OpError.of(op, "setStorage: sizes " + Shapes.format(size) + ", strides " + Shapes.format(stride) + ", storage offset "
                    + g.offset() + ", and itemsize " + item + " requiring a storage size of " + needed * item
                    + " are out of bounds for storage of size " + (long) self.storage().length() * item);
        }
        return self.withGeometry(g);
    }

    /** {@code self} if already dense in {@code format}, else a copy laid out that way. */
    static TensorData contiguous(TensorData self, String format) {
        long[] sizes = self.sizes();
        long[] strides = ViewShapes.memoryFormatStrides(ShapeOps.CONTIGUOUS.name(), sizes, format);
        if (sameLayout(sizes, self.strides(), strides)) return self;
        TensorData dense = TensorData.zeros(self.dtype(), sizes.clone());
        TensorData out = dense.withGeometry(new Geometry(sizes.clone(), strides, 0));
        Blocks.copy(self, out);
        return out;
    }

    private static boolean sameLayout(long[] sizes, long[] actual, long[] wanted) {
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] == 0) return true;
            if (sizes[d] != 1 && actual[d] != wanted[d]) return false;
        }
        return true;
    }
}
