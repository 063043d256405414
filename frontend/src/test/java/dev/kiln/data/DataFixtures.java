package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Test helpers for dev.kiln.data: the values of golden/data.json (written by tools/golden/gen_data.py) decoded into
 * the Java types that play the Python ones' parts, structural comparison of results with PyTorch's, and the small
 * datasets the tests share.
 */
final class DataFixtures {
    private DataFixtures() {}

    /** A named tuple's counterpart: {@code collections.namedtuple("Point", ["x", "y"])}. */
    record Point(Object x, Object y) {}

    /** A list seen as a map-style dataset (a Python list passed as the dataset). */
    record ListDataset<T>(List<T> items) implements Dataset<T> {
        @Override
        public T getItem(long index) { return items.get((int) index); }

        @Override
        public long len() { return items.size(); }
    }

    /** {@code range(start, end)}; when sharded, each worker reads its contiguous share (PyTorch's IterableDataset example). */
    record RangeStream(long start, long end, boolean sharded) implements IterableDataset<Long> {
        @Override
        public Iterator<Long> iterator() {
            WorkerInfo info = WorkerInfo.get();
            if (!sharded || info == null) return LongStream.range(start, end).boxed().iterator();
            long perWorker = (end - start + info.numWorkers() - 1) / info.numWorkers();
            long lo = start + info.id() * perWorker;
            return LongStream.range(lo, Math.min(lo + perWorker, end)).boxed().iterator();
        }

        @Override
        public long len() { return end - start; }
    }

    /** Decodes a fixture value: ints as Long, floats as Double, tuples as Object[], dicts as LinkedHashMap, numpy arrays as primitive arrays. */
    static Object decode(JsonNode n) {
        if (n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.longValue();
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) return n.textValue();
        if (n.isArray()) {
            List<Object> items = new ArrayList<>();
            n.forEach(x -> items.add(decode(x)));
            return items;
        }
        if (n.has("tensor")) return tensor(n);
        if (n.has("tuple")) return ((List<?>) decode(n.get("tuple"))).toArray();
        if (n.has("record")) return new Point(decode(n.get("fields").get(0)), decode(n.get("fields").get(1)));
        if (n.has("dict")) {
            Map<Object, Object> map = new LinkedHashMap<>();
            n.get("dict").forEach(kv -> map.put(kv.get(0).asText(), decode(kv.get(1))));
            return map;
        }
        if (n.has("ndarray")) return primitiveArray(n);
        throw new IllegalArgumentException("cannot decode " + n);
    }

    static Tensor tensor(JsonNode n) {
        DType dtype = DType.parse(n.get("tensor").asText());
        JsonNode values = n.get("values");
        double[] flat = new double[values.size()];
        for (int i = 0; i < flat.length; i++) flat[i] = values.get(i).isBoolean() ? (values.get(i).booleanValue() ? 1 : 0) : values.get(i).doubleValue();
        return Torch.tensor(flat, Torch.float64).to(dtype).reshape(longs(n.get("shape")));
    }

    private static Object primitiveArray(JsonNode n) {
        long[] shape = longs(n.get("shape"));
        Class<?> leaf = switch (n.get("ndarray").asText()) {
            case "float64" -> double.class;
            case "float32" -> float.class;
            case "int64" -> long.class;
            case "int32" -> int.class;
            case "bool" -> boolean.class;
            default -> throw new IllegalArgumentException("no primitive array for " + n.get("ndarray"));
        };
        int[] dims = Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
        Object array = Array.newInstance(leaf, dims);
        JsonNode values = n.get("values");
        for (int i = 0; i < values.size(); i++) {
            Object row = array;
            int rest = i;
            for (int d = 0; d < dims.length - 1; d++) {
                int stride = Arrays.stream(dims, d + 1, dims.length).reduce(1, (a, b) -> a * b);
                row = Array.get(row, rest / stride);
                rest %= stride;
            }
            JsonNode v = values.get(i);
            switch (leaf.getName()) {
                case "double" -> Array.setDouble(row, rest, v.doubleValue());
                case "float" -> Array.setFloat(row, rest, (float) v.doubleValue());
                case "long" -> Array.setLong(row, rest, v.longValue());
                case "int" -> Array.setInt(row, rest, v.intValue());
                default -> Array.setBoolean(row, rest, v.booleanValue());
            }
        }
        return array;
    }

    private static long[] longs(JsonNode n) {
        long[] v = new long[n.size()];
        for (int i = 0; i < v.length; i++) v[i] = n.get(i).longValue();
        return v;
    }

    /** Requires {@code actual} to be what {@code expected} encodes: same types, tensor dtypes, shapes and values, map key order. */
    static void assertMatches(JsonNode expected, Object actual, String where) {
        if (expected.isNull()) {
            assertNull(actual, where);
        } else if (expected.isObject() && expected.has("tensor")) {
            Tensor t = assertInstanceOf(Tensor.class, actual, where + ": expected a tensor");
            Tensor want = tensor(expected);
            assertEquals(want.dtype(), t.dtype(), where + ": dtype");
            assertArrayEquals(want.shape(), t.shape(), where + ": shape");
            assertArrayEquals(want.toDoubleArray(), t.toDoubleArray(), where + ": values");
        } else if (expected.isObject() && expected.has("dict")) {
            Map<?, ?> map = assertInstanceOf(Map.class, actual, where + ": expected a map");
            List<String> keys = new ArrayList<>();
            expected.get("dict").forEach(kv -> keys.add(kv.get(0).asText()));
            assertEquals(keys, new ArrayList<>(map.keySet()), where + ": keys in order");
            expected.get("dict").forEach(kv -> assertMatches(kv.get(1), map.get(kv.get(0).asText()), where + "." + kv.get(0).asText()));
        } else if (expected.isObject() && expected.has("record")) {
            Point p = assertInstanceOf(Point.class, actual, where + ": expected a Point record");
            assertMatches(expected.get("fields").get(0), p.x(), where + ".x");
            assertMatches(expected.get("fields").get(1), p.y(), where + ".y");
        } else if (expected.isArray() || (expected.isObject() && expected.has("tuple"))) {
            JsonNode items = expected.isArray() ? expected : expected.get("tuple");
            List<?> list = assertInstanceOf(List.class, actual, where + ": expected a list");
            assertEquals(items.size(), list.size(), where + ": length");
            for (int i = 0; i < items.size(); i++) assertMatches(items.get(i), list.get(i), where + "[" + i + "]");
        } else if (expected.isObject()) {
            Map<?, ?> map = assertInstanceOf(Map.class, actual, where + ": expected a map of " + expected.size() + " fields");
            expected.properties().forEach(e -> assertMatches(e.getValue(), map.get(e.getKey()), where + "." + e.getKey()));
        } else if (expected.isIntegralNumber()) {
            assertEquals(expected.longValue(), assertInstanceOf(Long.class, actual, where + ": expected a Long"), where);
        } else if (expected.isNumber()) {
            assertEquals(expected.doubleValue(), assertInstanceOf(Double.class, actual, where + ": expected a Double"), where);
        } else if (expected.isBoolean()) {
            assertEquals(expected.booleanValue(), actual, where);
        } else if (expected.isTextual()) {
            assertEquals(expected.textValue(), actual, where);
        } else {
            fail(where + ": cannot compare with " + expected);
        }
    }
}
