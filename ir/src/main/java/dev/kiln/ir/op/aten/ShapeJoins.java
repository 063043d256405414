package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import java.util.List;

/** Shape and dtype rules of the joining ops: cat, stack, hstack, vstack, dstack. */
public final class ShapeJoins {
    private ShapeJoins() {}

    /** The result of a concatenation: its dtype and sizes, and the (wrapped) dimension joined along. */
    public record Join(DType dtype, long[] sizes, int dim) {}

    /** PyTorch's legacy rule: 1-D empty tensors take no part in cat's shape checks (but do in type promotion). */
    public static boolean skippedByCat(TensorMeta t) {
        return t.dim() == 1 && t.sizes()[0] == 0;
    }

    /** {@code cat(tensors, dim)}: sizes must match except along {@code dim}; the dtype is the promoted one. */
    public static Join cat(String op, List<? extends TensorMeta> tensors, long dim) {
        if (tensors.isEmpty()) throw OpError.of(op, "torch.cat(): expected a non-empty list of Tensors");
        TypePromotion.ResultType dtype = new TypePromotion.ResultType();
        for (int i = 0; i < tensors.size(); i++) {
            TensorMeta t = tensors.get(i);
            if (t.dim() == 0) throw OpError.of(op, "zero-dimensional tensor (at position " + i + ") cannot be concatenated");
            dtype.tensor(t.dtype(), t.dim());
        }
        TensorMeta ref = null;
        for (TensorMeta t : tensors) {
            if (!skippedByCat(t)) {
                ref = t;
                break;
            }
        }
        if (ref == null) return new Join(dtype.result(), new long[]{0}, 0);
        int d = Shapes.wrapDim(op, dim, ref.dim());
        long[] sizes = ref.sizes().clone();
        sizes[d] = 0;
        for (int i = 0; i < tensors.size(); i++) {
            TensorMeta t = tensors.get(i);
            if (skippedByCat(t)) continue;
            if (t.dim() != ref.dim()) {
                throw OpError.of(op, "Tensors must have same number of dimensions: got " + ref.dim() + " and " + t.dim());
            }
            for (int k = 0; k < sizes.length; k++) {
                if (k != d && t.sizes()[k] != ref.sizes()[k]) {
                    throw OpError.of(op, "Sizes of tensors must match except in dimension " + d + ". Expected size " + ref.sizes()[k]
                            + " but got size " + t.sizes()[k] + " for tensor number " + i + " in the list.");
                }
            }
            sizes[d] += t.sizes()[d];
        }
        Shapes.checkedNumel(op, sizes);
        return new Join(dtype.result(), sizes, d);
    }

    /** {@code stack(tensors, dim)}: equal-sized tensors joined along a new dimension {@code dim}. */
    public static Join stack(String op, List<? extends TensorMeta> tensors, long dim) {
        if (tensors.isEmpty()) throw OpError.of(op, "stack expects a non-empty TensorList");
        TensorMeta first = tensors.getFirst();
        int d = Shapes.wrapDim(op, dim, first.dim() + 1);
        TypePromotion.ResultType dtype = new TypePromotion.ResultType();
        for (int i = 0; i < tensors.size(); i++) {
            TensorMeta t = tensors.get(i);
            if (!java.util.Arrays.equals(t.sizes(), first.sizes())) {
                throw OpError.of(op, "stack expects each tensor to be equal size, but got " + Shapes.format(first.sizes())
                        + " at entry 0 and " + Shapes.format(t.sizes()) + " at entry " + i);
            }
            dtype.tensor(t.dtype(), t.dim() + 1);
        }
        long[] sizes = ViewShapes.insert(first.sizes(), d, tensors.size());
        Shapes.checkedNumel(op, sizes);
        return new Join(dtype.result(), sizes, d);
    }

    /** The number of dimensions hstack, vstack and dstack bring their inputs to, and the dimension they join along. */
    public enum Stacking {
        HSTACK(1), VSTACK(2), DSTACK(3);

        private final int rank;

        Stacking(int rank) { this.rank = rank; }

        /** The rank inputs are raised to ({@code atleast_1d/2d/3d}). */
        public int rank() { return rank; }

        /** hstack joins 1-D inputs along 0 and others along 1; vstack along 0; dstack along 2. */
        public int joinDim(TensorMeta first) {
            return switch (this) {
                case HSTACK -> first.dim() <= 1 ? 0 : 1;
                case VSTACK -> 0;
                case DSTACK -> 2;
            };
        }
    }

    /**
     * {@code atleast_1d/2d/3d}: a scalar becomes all ones, a vector {@code [n]} becomes {@code [1, n]} or
     * {@code [1, n, 1]}, a matrix {@code [m, n]} becomes {@code [m, n, 1]}; higher ranks are unchanged.
     */
    public static Geometry atLeast(Geometry g, int rank) {
        if (g.dim() >= rank) return g;
        Geometry r = g;
        if (r.dim() == 0) r = ViewShapes.unsqueeze("atleast", r, 0);
        if (rank >= 2 && r.dim() == 1) r = ViewShapes.unsqueeze("atleast", r, 0);
        if (rank == 3 && r.dim() == 2) r = ViewShapes.unsqueeze("atleast", r, 2);
        return r;
    }

    /** The sizes {@link #atLeast} gives. */
    public static long[] atLeastSizes(long[] sizes, int rank) {
        return atLeast(Geometry.contiguous(sizes), rank).sizes();
    }

    /** Checks hstack/vstack/dstack's input list. */
    public static void checkStacking(String op, String name, List<?> tensors) {
        if (tensors.isEmpty()) throw OpError.of(op, name + " expects a non-empty TensorList");
    }
}
