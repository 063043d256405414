package dev.kiln;

import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.aten.IndexingOps;
import dev.kiln.ir.op.aten.ShapeOps;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Python's {@code x[...]} and {@code x[...] = v}, after PyTorch's {@code applySlicing}: integers select,
 * slices slice, None and {@code True} add a dimension, the ellipsis skips dimensions (all views of x); tensors,
 * lists and {@code True}/{@code False} are collected as advanced indices (at the result dimension they are
 * met) and handed to {@code index.Tensor} / {@code index_put_}. Every step is a catalogue op, so a tracer
 * sees {@code select}, {@code slice}, {@code unsqueeze}, {@code alias}, {@code index} and {@code copy_}.
 */
final class Subscripts {
    private Subscripts() {}

    static Tensor get(Tensor self, Object[] indices) {
        if (indices.length == 1 && isInteger(indices[0]) && self.dim() == 0) {
            throw OpError.index("index", "invalid index of a 0-dim tensor. Use `tensor.item()` to convert a 0-dim tensor to a number");
        }
        List<Tensor> advanced = new ArrayList<>();
        Tensor result = slice(self, indices, advanced);
        if (!advanced.isEmpty()) return Dispatcher.apply(IndexingOps.INDEX, result, advanced);
        return result == self ? Dispatcher.apply(ShapeOps.ALIAS, self) : result;
    }

    static void set(Tensor self, Object[] indices, Tensor value) {
        List<Tensor> advanced = new ArrayList<>();
        Tensor sliced = slice(self, indices, advanced);
        if (advanced.isEmpty()) {
            copyTo(sliced, value);
            return;
        }
        Dispatcher.apply(IndexingOps.inplace(IndexingOps.INDEX_PUT), sliced, advanced, withoutLeadingOnes(value), false);
    }

    /** Applies the basic indices as views; records the advanced ones in {@code advanced} (null where none). */
    private static Tensor slice(Tensor self, Object[] indices, List<Tensor> advanced) {
        int specified = 0;
        for (Object item : indices) specified += specifiedDims(item);
        if (specified > self.dim()) {
            throw OpError.index("index", "too many indices for tensor of dimension " + self.dim() + " (got " + specified + ")");
        }
        Tensor result = self;
        int dim = 0;
        for (Object item : indices) {
            switch (item) {
                case null -> throw notAnIndex(null);
                case TensorIndex.Marker m when m == TensorIndex.Marker.ELLIPSIS -> dim += self.dim() - specified;
                case TensorIndex.Marker m -> result = unsqueeze(result, dim++);
                case TensorIndex.Slice s -> result = slice(result, dim++, s);
                case Boolean b -> {
                    result = unsqueeze(result, dim);
                    record(advanced, dim++, boolIndex(b));
                }
                case Tensor t when t.dim() == 0 && t.dtype().isIntegral(false) && t.dtype() != DType.UINT8 ->
                        result = select(result, dim, t.itemLong());
                case Tensor t when t.dim() == 0 && (t.dtype() == DType.BOOL || t.dtype() == DType.UINT8) -> {
                    result = unsqueeze(result, dim);
                    record(advanced, dim++, boolIndex(t.itemLong() != 0));
                }
                case Tensor t -> record(advanced, dim++, t);
                case long[] list -> record(advanced, dim++, Torch.tensor(list));
                case int[] list -> record(advanced, dim++, Torch.tensor(list));
                case boolean[] list -> record(advanced, dim++, Torch.tensor(list));
                default -> {
                    if (!isInteger(item)) throw notAnIndex(item);
                    result = select(result, dim, ((Number) item).longValue());
                }
            }
        }
        return result;
    }

    /** How many dimensions of self an item consumes ({@code count_specified_dimensions}). */
    private static int specifiedDims(Object item) {
        return switch (item) {
            case Tensor t when t.dtype() == DType.BOOL || t.dtype() == DType.UINT8 -> t.dim();
            case Tensor t -> 1;
            case TensorIndex.Slice s -> 1;
            case long[] l -> 1;
            case int[] l -> 1;
            case boolean[] l -> 1;
            case null, default -> isInteger(item) ? 1 : 0;
        };
    }

    private static boolean isInteger(Object item) {
        return item instanceof Long || item instanceof Integer || item instanceof Short || item instanceof Byte;
    }

    private static IllegalArgumentException notAnIndex(Object item) {
        return OpError.of("index", "only integers, TensorIndex.slice(...), TensorIndex.NONE, TensorIndex.ELLIPSIS, booleans, "
                + "long[]/int[]/boolean[] lists and Tensors are valid indices (got " + (item == null ? "null" : item.getClass().getSimpleName()) + ")");
    }

    private static void record(List<Tensor> advanced, int dim, Tensor index) {
        while (advanced.size() <= dim) advanced.add(null);
        advanced.set(dim, index);
    }

    /** {@code True} indexes the new dimension with [0], {@code False} with an empty index. */
    private static Tensor boolIndex(boolean value) { return Torch.tensor(value ? new long[]{0} : new long[0]); }

    private static Tensor select(Tensor t, int dim, long index) {
        return Dispatcher.apply(ShapeOps.SELECT, t, (long) dim, index);
    }

    private static Tensor slice(Tensor t, int dim, TensorIndex.Slice s) {
        if (s.step() <= 0) throw OpError.of("index", "step must be greater than zero, but got " + s.step());
        return Dispatcher.apply(ShapeOps.SLICE, t, (long) dim, s.start(), s.stop(), s.step());
    }

    private static Tensor unsqueeze(Tensor t, int dim) {
        return Dispatcher.apply(ShapeOps.UNSQUEEZE, t, (long) dim);
    }

    /** {@code value} viewed without its leading dimensions of size 1 ({@code slicePrefix1sSize}). */
    private static Tensor withoutLeadingOnes(Tensor value) {
        Tensor v = value;
        while (v.dim() > 0 && v.sizes()[0] == 1) v = select(v, 0, 0);
        return v;
    }

    /** {@code dst.copy_(src)} with src broadcast to dst (after dropping src's leading 1s), converting the dtype. */
    private static void copyTo(Tensor dst, Tensor src) {
        Tensor s = withoutLeadingOnes(src);
        if (!Arrays.equals(Shapes.broadcast("index", dst.sizes(), s.sizes()), dst.sizes())) {
            throw OpError.of("index", "shape mismatch: value tensor of shape " + Shapes.format(src.sizes())
                    + " cannot be broadcast to indexing result of shape " + Shapes.format(dst.sizes()));
        }
        dst.copy_(s);
    }
}
