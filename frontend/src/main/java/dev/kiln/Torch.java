package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;

import dev.kiln.ir.op.aten.PointwiseOps;
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

    /** {@code torch.where(condition, input, other)}: {@code input} where the condition holds, else {@code other}. */
    public static Tensor where(Tensor condition, Tensor input, Tensor other) { return apply(PointwiseOps.WHERE, condition, input, other); }

    public static Tensor where(Tensor condition, Tensor input, Number other) {
        return apply(PointwiseOps.WHERE_SCALAR_OTHER, condition, input, Scalars.of(other));
    }

    public static Tensor where(Tensor condition, Number input, Tensor other) {
        return apply(PointwiseOps.WHERE_SCALAR_SELF, condition, Scalars.of(input), other);
    }

    public static Tensor where(Tensor condition, Number input, Number other) {
        return apply(PointwiseOps.WHERE_SCALAR, condition, Scalars.of(input), Scalars.of(other));
    }

    public static Tensor maximum(Tensor input, Tensor other) { return input.maximum(other); }

    public static Tensor minimum(Tensor input, Tensor other) { return input.minimum(other); }

    /** {@code torch.clamp(input, min, max)}; either bound may be null. */
    public static Tensor clamp(Tensor input, Number min, Number max) { return input.clamp(min, max); }

    public static Tensor clamp(Tensor input, Tensor min, Tensor max) { return input.clamp(min, max); }

    public static Tensor lerp(Tensor input, Tensor end, Number weight) { return input.lerp(end, weight); }

    public static Tensor lerp(Tensor input, Tensor end, Tensor weight) { return input.lerp(end, weight); }

    public static Tensor addcmul(Tensor input, Tensor tensor1, Tensor tensor2, Number value) { return input.addcmul(tensor1, tensor2, value); }

    public static Tensor addcdiv(Tensor input, Tensor tensor1, Tensor tensor2, Number value) { return input.addcdiv(tensor1, tensor2, value); }

    public static Tensor atan2(Tensor input, Tensor other) { return input.atan2(other); }

    /** {@code torch.pow(self, exponent)} with a scalar base. */
    public static Tensor pow(Number self, Tensor exponent) { return apply(PointwiseOps.POW_SCALAR, Scalars.of(self), exponent); }

    /** {@code torch.remainder(self, other)} with a scalar dividend. */
    public static Tensor remainder(Number self, Tensor other) { return apply(PointwiseOps.REMAINDER_SCALAR_TENSOR, Scalars.of(self), other); }

    public static Tensor bitwiseAnd(Number self, Tensor other) { return apply(PointwiseOps.BITWISE_AND_SCALAR_TENSOR, Scalars.of(self), other); }

    public static Tensor bitwiseOr(Number self, Tensor other) { return apply(PointwiseOps.BITWISE_OR_SCALAR_TENSOR, Scalars.of(self), other); }

    public static Tensor bitwiseXor(Number self, Tensor other) { return apply(PointwiseOps.BITWISE_XOR_SCALAR_TENSOR, Scalars.of(self), other); }

    public static Tensor bitwiseLeftShift(Number self, Tensor other) {
        return apply(PointwiseOps.LEFT_SHIFT_SCALAR_TENSOR, Scalars.of(self), other);
    }

    public static Tensor bitwiseRightShift(Number self, Tensor other) {
        return apply(PointwiseOps.RIGHT_SHIFT_SCALAR_TENSOR, Scalars.of(self), other);
    }


    // ---- reductions ----

    // ---- shape, joining and splitting (torch.cat, torch.stack, ...) ----

    // ---- indexing, sorting and selection ----

    // ---- factories and random sampling (torch.zeros, torch.arange, torch.randn, ...) ----

    // ---- matrix multiplication (torch.matmul, torch.einsum, ...) ----
}
