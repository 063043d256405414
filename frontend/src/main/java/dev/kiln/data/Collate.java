package dev.kiln.data;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code default_collate} and {@code default_convert}: how a {@link DataLoader} turns samples into a batch. The first
 * sample's type decides, as in PyTorch: tensors are stacked along a new first dimension; Long, Integer, Short and Byte
 * (Python ints) give an int64 tensor, Double (a Python float) float64, Float float32, Boolean bool; strings stay a list;
 * a Map gives a map with the first sample's key order, each value collated over the batch; a List or an object array
 * (a Python list or tuple) is transposed into a list of collated positions; a record (a named tuple) is collated
 * component by component into a record of its type when the collated values fit its components, else into a list.
 * Arrays of primitives play numpy arrays' part: each becomes a tensor of the matching dtype.
 */
public final class Collate {
    private Collate() {}

    /** {@code default_collate(batch)}. */
    public static Object defaultCollate(List<?> batch) {
        if (batch.isEmpty()) throw new IllegalArgumentException("default_collate: the batch is empty");
        Object elem = batch.get(0);
        return switch (elem) {
            case null -> throw unsupported(null);
            case Tensor t -> Torch.stack(tensors(batch));
            case Object array when isPrimitiveArray(array) -> Torch.stack(batch.stream().map(Collate::arrayToTensor).toList());
            case Double d -> Torch.tensor(batch.toArray(), DType.FLOAT64);
            case Float f -> Torch.tensor(batch.toArray(), DType.FLOAT32);
            case Long l -> Torch.tensor(batch.toArray());
            case Integer i -> Torch.tensor(batch.toArray());
            case Short s -> Torch.tensor(batch.toArray());
            case Byte b -> Torch.tensor(batch.toArray());
            case Boolean b -> Torch.tensor(batch.toArray());
            case CharSequence s -> new ArrayList<>(batch);
            case Map<?, ?> map -> collateMaps(map, batch);
            case Record r -> rebuild(r, transpose(batch, Collate::recordComponents).stream().map(Collate::defaultCollate).toList());
            case List<?> l -> transpose(batch, Collate::sequence).stream().map(Collate::defaultCollate).toList();
            case Object[] a -> transpose(batch, Collate::sequence).stream().map(Collate::defaultCollate).toList();
            default -> throw unsupported(elem);
        };
    }

    /**
     * {@code default_convert(data)}, what a loader without automatic batching applies to each sample: primitive arrays
     * become tensors, Maps, Lists, object arrays and records are converted element by element (object arrays into
     * lists), and anything else, numbers included, is returned unchanged.
     */
    public static Object defaultConvert(Object data) {
        return switch (data) {
            case null -> null;
            case Tensor t -> t;
            case Object array when isPrimitiveArray(array) -> arrayToTensor(array);
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, defaultConvert(v)));
                yield out;
            }
            case Record r -> rebuild(r, recordComponents(r).stream().map(Collate::defaultConvert).toList());
            case List<?> l -> l.stream().map(Collate::defaultConvert).toList();
            case Object[] a -> Arrays.stream(a).map(Collate::defaultConvert).toList();
            default -> data;
        };
    }

    private static List<Tensor> tensors(List<?> batch) {
        List<Tensor> tensors = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (!(batch.get(i) instanceof Tensor t)) {
                throw new IllegalArgumentException("default_collate: expected Tensor as element " + i + " of the batch, but got " + typeName(batch.get(i)));
            }
            tensors.add(t);
        }
        return tensors;
    }

    private static Object collateMaps(Map<?, ?> first, List<?> batch) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object key : first.keySet()) {
            List<Object> values = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                if (!(batch.get(i) instanceof Map<?, ?> m) || !m.containsKey(key)) {
                    throw new IllegalArgumentException("default_collate: element " + i + " of the batch has no key '" + key + "' (found "
                            + typeName(batch.get(i)) + ")");
                }
                values.add(m.get(key));
            }
            out.put(key, defaultCollate(values));
        }
        return out;
    }

    /** The batch's samples, each seen as a sequence by {@code items}, regrouped position by position. */
    private static List<List<Object>> transpose(List<?> batch, Function<Object, List<?>> items) {
        List<List<?>> samples = new ArrayList<>(batch.size());
        for (Object sample : batch) samples.add(items.apply(sample));
        int size = samples.get(0).size();
        for (List<?> sample : samples) {
            if (sample.size() != size) throw new IllegalArgumentException("default_collate: each element in list of batch should be of equal size");
        }
        List<List<Object>> transposed = new ArrayList<>(size);
        for (int j = 0; j < size; j++) {
            List<Object> position = new ArrayList<>(samples.size());
            for (List<?> sample : samples) position.add(sample.get(j));
            transposed.add(position);
        }
        return transposed;
    }

    private static List<?> sequence(Object sample) {
        return switch (sample) {
            case List<?> l -> l;
            case Object[] a -> Arrays.asList(a);
            default -> throw new IllegalArgumentException("default_collate: expected a list in every element of the batch, found " + typeName(sample));
        };
    }

    private static List<Object> recordComponents(Object sample) {
        if (!(sample instanceof Record)) {
            throw new IllegalArgumentException("default_collate: expected a record in every element of the batch, found " + typeName(sample));
        }
        List<Object> values = new ArrayList<>();
        for (RecordComponent component : sample.getClass().getRecordComponents()) {
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                values.add(accessor.invoke(sample));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("default_collate: cannot read component " + component.getName() + " of " + typeName(sample), e);
            }
        }
        return values;
    }

    /** A record of {@code like}'s type holding {@code values} when they fit its components, else the values as a list. */
    private static Object rebuild(Record like, List<?> values) {
        RecordComponent[] components = like.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (!boxed(types[i]).isInstance(values.get(i))) return values;
        }
        try {
            Constructor<?> constructor = like.getClass().getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values.toArray());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("default_collate: cannot build a " + typeName(like) + " from its collated components", e);
        }
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0).getClass() : type;
    }

    private static boolean isPrimitiveArray(Object data) {
        Class<?> type = data.getClass();
        while (type.isArray()) type = type.getComponentType();
        return data.getClass().isArray() && type.isPrimitive() && type != char.class;
    }

    /** A primitive array (of any depth) as a tensor of the matching dtype, as {@code torch.as_tensor} turns a numpy array. */
    private static Tensor arrayToTensor(Object array) {
        if (!isPrimitiveArray(array)) {
            throw new IllegalArgumentException("default_collate: expected an array of primitives in every element of the batch, found " + typeName(array));
        }
        Class<?> leaf = array.getClass();
        while (leaf.isArray()) leaf = leaf.getComponentType();
        DType dtype = switch (leaf.getName()) {
            case "double" -> DType.FLOAT64;
            case "float" -> DType.FLOAT32;
            case "long" -> DType.INT64;
            case "int" -> DType.INT32;
            case "short" -> DType.INT16;
            case "byte" -> DType.INT8;
            case "boolean" -> DType.BOOL;
            default -> throw new IllegalArgumentException("default_collate: unsupported array of " + leaf.getName());
        };
        return Torch.tensor(array, dtype);
    }

    private static IllegalArgumentException unsupported(Object elem) {
        return new IllegalArgumentException("default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found " + typeName(elem));
    }

    private static String typeName(Object value) { return value == null ? "null" : value.getClass().getName(); }
}
