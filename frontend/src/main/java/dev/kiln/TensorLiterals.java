package dev.kiln;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** {@link Torch#tensor(Object, DType)}: the shape, dtype and elements of a Java number, boolean or (nested) array. */
final class TensorLiterals {
    private TensorLiterals() {}

    static Tensor tensor(Object data, DType dtype) {
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
            Class<?> otherLeaf = shapeOf(Array.get(data, i), other);
            if (kindRank(otherLeaf) > kindRank(leaf)) leaf = otherLeaf;
            if (!other.equals(first)) {
                throw new IllegalArgumentException("tensor(): expected sequence of length " + first + " at dim " + shape.size()
                        + " (got " + other + ")");
            }
        }
        shape.addAll(first);
        return leaf;
    }

    /** Orders element classes for dtype inference: bool below integers below floats. */
    private static int kindRank(Class<?> leaf) {
        return switch (leaf.getSimpleName()) {
            case "boolean", "Boolean" -> 0;
            case "float", "double", "Float", "Double" -> 2;
            default -> 1;
        };
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
}
