package dev.kiln;

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

    // ---- indexing, sorting and selection ----

    public static Tensor gather(Tensor input, long dim, Tensor index) { return input.gather(dim, index); }

    public static Tensor scatter(Tensor input, long dim, Tensor index, Tensor src) { return input.scatter(dim, index, src); }

    public static Tensor scatterAdd(Tensor input, long dim, Tensor index, Tensor src) { return input.scatterAdd(dim, index, src); }

    public static Tensor scatterReduce(Tensor input, long dim, Tensor index, Tensor src, String reduce) {
        return input.scatterReduce(dim, index, src, reduce);
    }

    public static Tensor indexSelect(Tensor input, long dim, Tensor index) { return input.indexSelect(dim, index); }

    public static Tensor indexAdd(Tensor input, long dim, Tensor index, Tensor source) { return input.indexAdd(dim, index, source); }

    public static Tensor take(Tensor input, Tensor index) { return input.take(index); }

    public static Tensor takeAlongDim(Tensor input, Tensor indices, long dim) { return input.takeAlongDim(indices, dim); }

    public static Tensor maskedSelect(Tensor input, Tensor mask) { return input.maskedSelect(mask); }

    public static Tensor nonzero(Tensor input) { return input.nonzero(); }

    /** {@code torch.sort(input, dim, descending)}: [values, indices]. */
    public static List<Tensor> sort(Tensor input, long dim, boolean descending) { return input.sort(dim, descending); }

    public static Tensor argsort(Tensor input, long dim, boolean descending) { return input.argsort(dim, descending); }

    /** {@code torch.topk(input, k, dim)}: [values, indices]. */
    public static List<Tensor> topk(Tensor input, long k, long dim) { return input.topk(k, dim); }

    public static Tensor unique(Tensor input) { return input.unique(); }

    /** {@code torch.nn.functional.one_hot(input)}: int64 one-hot rows, as many classes as the largest value + 1. */
    public static Tensor oneHot(Tensor input) { return oneHot(input, -1); }

    /** {@code torch.nn.functional.one_hot(input, num_classes)}. */
    public static Tensor oneHot(Tensor input, long numClasses) {
        return dev.kiln.dispatch.Dispatcher.apply(dev.kiln.ir.op.aten.IndexingOps.ONE_HOT, input, numClasses);
    }

    // ---- factories and random sampling (torch.zeros, torch.arange, torch.randn, ...) ----

    // ---- matrix multiplication (torch.matmul, torch.einsum, ...) ----
}
