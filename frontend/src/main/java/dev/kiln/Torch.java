package dev.kiln;

import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.aten.ShapeOps;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code torch.*} functions: tensor creation and the functions that are not tensor methods. Names and
 * defaults follow PyTorch ({@code Torch.zeros(2, 3)} is {@code torch.zeros(2, 3)}).
 */
public final class Torch {
    private Torch() {}

    public static final DType float32 = DType.FLOAT32;
    public static final DType float64 = DType.FLOAT64;
    public static final DType float16 = DType.FLOAT16;
    public static final DType bfloat16 = DType.BFLOAT16;
    public static final DType int64 = DType.INT64;
    public static final DType int32 = DType.INT32;
    public static final DType int16 = DType.INT16;
    public static final DType int8 = DType.INT8;
    public static final DType uint8 = DType.UINT8;
    public static final DType bool = DType.BOOL;

    // ---- creation from Java data ----

    /**
     * {@code torch.tensor(data)}: a new tensor from a Java number, boolean, primitive array or nested arrays.
     * The dtype is inferred like PyTorch's: float/double arrays give float32 (the default dtype), long/int
     * arrays int64, booleans bool.
     */
    public static Tensor tensor(Object data) { return tensor(data, null); }

    /** {@code torch.tensor(data, dtype=dtype)}. */
    public static Tensor tensor(Object data, DType dtype) {
        List<Long> shape = new ArrayList<>();
        Class<?> leaf = shapeOf(data, shape);
        DType inferred = switch (leaf.getSimpleName()) {
            case "float", "double", "Float", "Double" -> DType.FLOAT32;
            case "boolean", "Boolean" -> DType.BOOL;
            case "byte", "short", "int", "long", "Byte", "Short", "Integer", "Long" -> DType.INT64;
            default -> throw new IllegalArgumentException("tensor(): could not infer dtype of " + leaf.getSimpleName());
        };
        DType dt = dtype == null ? inferred : dtype;
        long[] sizes = shape.stream().mapToLong(Long::longValue).toArray();
        TensorData out = TensorData.zeros(dt, sizes);
        int[] at = {0};
        fill(data, out, at);
        return new Tensor(out);
    }

    private static Class<?> shapeOf(Object data, List<Long> shape) {
        if (data == null) throw new IllegalArgumentException("tensor(): null is not a valid element");
        if (!data.getClass().isArray()) return data.getClass();
        int n = Array.getLength(data);
        shape.add((long) n);
        if (data.getClass().getComponentType().isPrimitive()) return data.getClass().getComponentType();
        if (n == 0) return double.class;
        List<Long> first = new ArrayList<>();
        Class<?> leaf = shapeOf(Array.get(data, 0), first);
        for (int i = 1; i < n; i++) {
            List<Long> other = new ArrayList<>();
            shapeOf(Array.get(data, i), other);
            if (!other.equals(first)) {
                throw new IllegalArgumentException("tensor(): expected sequence of length " + first + " at dim " + shape.size()
                        + " (got " + other + ")");
            }
        }
        shape.addAll(first);
        return leaf;
    }

    private static void fill(Object data, TensorData out, int[] at) {
        if (data.getClass().isArray()) {
            int n = Array.getLength(data);
            for (int i = 0; i < n; i++) fill(Array.get(data, i), out, at);
            return;
        }
        int index = at[0]++;
        switch (data) {
            case Boolean b -> Elements.setLong(out.dtype(), out.storage(), index, b ? 1 : 0);
            case Double d -> Elements.setDouble(out.dtype(), out.storage(), index, d);
            case Float f -> Elements.setDouble(out.dtype(), out.storage(), index, f);
            case Number num -> Elements.setLong(out.dtype(), out.storage(), index, num.longValue());
            default -> throw new IllegalArgumentException("tensor(): unsupported element " + data);
        }
    }

    // ---- pointwise functions (torch.where, torch.maximum, ...) ----

    // ---- reductions ----

    // ---- shape, joining and splitting (torch.cat, torch.stack, ...) ----

    /** {@code torch.cat(tensors, dim)}: the tensors joined along {@code dim} in their promoted dtype. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Dispatcher.apply(ShapeOps.CAT, List.copyOf(tensors), (long) dim);
    }

    public static Tensor cat(List<Tensor> tensors) { return cat(tensors, 0); }

    /** {@code torch.cat(tensors, dim)} with the tensors listed after the dimension. */
    public static Tensor cat(int dim, Tensor... tensors) { return cat(List.of(tensors), dim); }

    /** {@code torch.stack(tensors, dim)}: equal-sized tensors joined along a new dimension {@code dim}. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Dispatcher.apply(ShapeOps.STACK, List.copyOf(tensors), (long) dim);
    }

    public static Tensor stack(List<Tensor> tensors) { return stack(tensors, 0); }

    /** {@code torch.hstack}: joined along dimension 1 (along 0 for vectors). */
    public static Tensor hstack(List<Tensor> tensors) { return Dispatcher.apply(ShapeOps.HSTACK, List.copyOf(tensors)); }

    /** {@code torch.vstack}: vectors become rows, then everything is joined along dimension 0. */
    public static Tensor vstack(List<Tensor> tensors) { return Dispatcher.apply(ShapeOps.VSTACK, List.copyOf(tensors)); }

    /** {@code torch.dstack}: inputs raised to 3 dimensions, then joined along dimension 2. */
    public static Tensor dstack(List<Tensor> tensors) { return Dispatcher.apply(ShapeOps.DSTACK, List.copyOf(tensors)); }

    /** {@code torch.flatten(input, start_dim, end_dim)}. */
    public static Tensor flatten(Tensor input, int startDim, int endDim) { return input.flatten(startDim, endDim); }

    public static Tensor flatten(Tensor input) { return input.flatten(); }

    /** {@code torch.repeat_interleave(repeats)}: index {@code i} repeated {@code repeats[i]} times. */
    public static Tensor repeatInterleave(Tensor repeats) {
        return Dispatcher.apply(ShapeOps.REPEAT_INTERLEAVE_INDICES, repeats, null);
    }

    /**
     * {@code torch.nn.functional.pad(input, pad)} with zeros; {@code pad} lists (left, right) pairs starting from the
     * last dimension, negative entries crop.
     */
    public static Tensor pad(Tensor input, long... pad) { return Dispatcher.apply(ShapeOps.PAD, input, pad, "constant", null); }

    /** {@code pad(input, pad, mode)} with mode {@code constant}, {@code reflect}, {@code replicate} or {@code circular}. */
    public static Tensor pad(Tensor input, long[] pad, String mode) { return Dispatcher.apply(ShapeOps.PAD, input, pad, mode, null); }

    /** {@code pad(input, pad, mode="constant", value)}. */
    public static Tensor pad(Tensor input, long[] pad, double value) {
        return Dispatcher.apply(ShapeOps.PAD, input, pad, "constant", value);
    }

    // ---- indexing, sorting and selection ----

    // ---- factories and random sampling (torch.zeros, torch.arange, torch.randn, ...) ----

    // ---- matrix multiplication (torch.matmul, torch.einsum, ...) ----
}
