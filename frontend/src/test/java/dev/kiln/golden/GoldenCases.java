package dev.kiln.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.Tensor;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays the golden fixtures written by {@code tools/golden/gen_*.py} (PyTorch 1.13): each case calls an op
 * by its schema name through the dispatcher and compares dtype, shape and values with PyTorch's result (and, where
 * the fixture records them, the arguments as the call left them), or expects an error where PyTorch raised one.
 */
public final class GoldenCases {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final String family;
    private final JsonNode root;

    private GoldenCases(String family, JsonNode root) {
        this.family = family;
        this.root = root;
    }

    public static GoldenCases load(String family) { return new GoldenCases(family, readFixture(family)); }

    /** Reads {@code golden/<family>.json} from the test resources. */
    public static JsonNode readFixture(String family) {
        try (InputStream in = GoldenCases.class.getResourceAsStream("/golden/" + family + ".json")) {
            if (in == null) throw new IllegalStateException("missing fixture golden/" + family + ".json: run tools/golden/gen_" + family + ".py");
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The op names (e.g. {@code aten::add.Tensor}) this family's cases exercise. */
    public List<String> ops() { return ops(root); }

    /** The op of each case of a fixture; cases that test no single op (optimizer steps, lr schedules) name none. */
    static List<String> ops(JsonNode fixture) {
        List<String> ops = new ArrayList<>();
        fixture.get("cases").forEach(c -> {
            if (c.has("op")) ops.add(c.get("op").asText());
        });
        return ops;
    }

    public Stream<DynamicTest> tests() {
        double rtol = root.get("rtol").asDouble(), atol = root.get("atol").asDouble();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> run(c,
                    c.has("rtol") ? c.get("rtol").asDouble() : rtol, c.has("atol") ? c.get("atol").asDouble() : atol)));
        }
        return tests.stream();
    }

    private void run(JsonNode c, double rtol, double atol) {
        String op = c.get("op").asText();
        List<Object> args = new ArrayList<>();
        c.get("args").forEach(a -> args.add(decode(a)));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        c.get("kwargs").properties().forEach(e -> kwargs.put(e.getKey(), decode(e.getValue())));
        if (c.has("error")) {
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> Dispatcher.callByName(op, args, kwargs), () -> "PyTorch raised " + c.get("error").asText());
            assertTrue(e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException || e instanceof ArithmeticException,
                    () -> "expected a user-facing error like PyTorch's (" + c.get("error").asText() + "), got " + e);
            String shortName = op.substring(op.indexOf("::") + 2).replaceAll("\\..*", "").replaceAll("_$", "");
            assertTrue(e.getMessage() != null && e.getMessage().contains(shortName),
                    () -> "error message should name the op '" + shortName + "': " + e.getMessage());
            return;
        }
        Object actual = Dispatcher.callByName(op, args, kwargs);
        compare(c.get("out"), actual, rtol, atol, "out");
        if (c.has("args_after")) compare(c.get("args_after"), args, rtol, atol, "arguments after the call");
    }

    public static Object decode(JsonNode n) {
        if (n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.longValue();
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) return n.textValue();
        if (n.isArray()) {
            boolean allInts = n.size() > 0;
            for (JsonNode x : n) allInts &= x.isIntegralNumber();
            if (allInts) {
                long[] v = new long[n.size()];
                for (int i = 0; i < v.length; i++) v[i] = n.get(i).longValue();
                return v;
            }
            List<Object> items = new ArrayList<>();
            n.forEach(x -> items.add(decode(x)));
            if (!items.isEmpty() && items.stream().allMatch(x -> x instanceof Double || x instanceof Long)) {
                return items;
            }
            return items;
        }
        if (n.has("dtype")) return DType.parse(n.get("dtype").asText());
        if (n.has("device")) return Device.parse(n.get("device").asText());
        if (n.has("t")) return new Tensor(decodeTensor(n));
        throw new IllegalArgumentException("cannot decode " + n);
    }

    static TensorData decodeTensor(JsonNode n) {
        DType dtype = DType.parse(n.get("t").asText());
        JsonNode data = n.get("storage");
        Storage storage = Storage.allocate(dtype, data.size());
        for (int i = 0; i < data.size(); i++) {
            JsonNode x = data.get(i);
            if (x.isBoolean()) Elements.setLong(dtype, storage, i, x.booleanValue() ? 1 : 0);
            else if (dtype.isFloatingPoint()) Elements.setDouble(dtype, storage, i, x.doubleValue());
            else Elements.setLong(dtype, storage, i, x.longValue());
        }
        return new TensorData(dtype, storage, longs(n.get("size")), longs(n.get("stride")), n.get("offset").longValue());
    }

    private static long[] longs(JsonNode n) {
        long[] v = new long[n.size()];
        for (int i = 0; i < v.length; i++) v[i] = n.get(i).longValue();
        return v;
    }

    public static void compare(JsonNode expected, Object actual, double rtol, double atol, String where) {
        if (expected.isNull()) {
            assertNull(actual, where + ": PyTorch returned None");
        } else if (expected.isObject() && expected.has("t")) {
            Tensor t = assertInstanceOf(Tensor.class, actual, where + ": expected a tensor");
            TensorData want = decodeTensor(expected);
            assertEquals(want.dtype(), t.dtype(), where + ": dtype");
            assertEquals(Arrays.toString(want.sizes()), Arrays.toString(t.data().sizes()), where + ": shape");
            compareValues(want, t.data(), rtol, atol, where);
        } else if (expected.isArray()) {
            List<?> list = actual instanceof List<?> l ? l : null;
            if (list == null && actual instanceof long[] la) list = Arrays.stream(la).boxed().toList();
            if (list == null) fail(where + ": expected a list of " + expected.size() + ", got " + actual);
            assertEquals(expected.size(), list.size(), where + ": number of results");
            for (int i = 0; i < expected.size(); i++) compare(expected.get(i), list.get(i), rtol, atol, where + "[" + i + "]");
        } else if (expected.isBoolean()) {
            assertEquals(expected.booleanValue(), actual, where);
        } else if (expected.isIntegralNumber()) {
            assertEquals(expected.longValue(), ((Number) actual).longValue(), where);
        } else if (expected.isNumber()) {
            double w = expected.doubleValue(), a = ((Number) actual).doubleValue();
            assertTrue(close(w, a, rtol, atol), where + ": expected " + w + " but was " + a);
        } else {
            fail(where + ": cannot compare with " + expected);
        }
    }

    private static void compareValues(TensorData want, TensorData got, double rtol, double atol, String where) {
        long[] sizes = want.sizes();
        long n = want.numel();
        int[] idx = new int[sizes.length];
        for (long k = 0; k < n; k++) {
            long wi = want.offset(), gi = got.offset();
            for (int d = 0; d < sizes.length; d++) {
                wi += idx[d] * want.strides()[d];
                gi += idx[d] * got.strides()[d];
            }
            if (want.dtype().isFloatingPoint()) {
                double w = Elements.getDouble(want.dtype(), want.storage(), (int) wi);
                double a = Elements.getDouble(got.dtype(), got.storage(), (int) gi);
                if (!close(w, a, rtol, atol)) fail(where + " at " + Arrays.toString(idx) + ": expected " + w + " but was " + a);
            } else {
                long w = Elements.getLong(want.dtype(), want.storage(), (int) wi);
                long a = Elements.getLong(got.dtype(), got.storage(), (int) gi);
                if (w != a) fail(where + " at " + Arrays.toString(idx) + ": expected " + w + " but was " + a);
            }
            for (int d = sizes.length - 1; d >= 0; d--) {
                if (++idx[d] < sizes[d]) break;
                idx[d] = 0;
            }
        }
    }

    static boolean close(double want, double got, double rtol, double atol) {
        if (Double.isNaN(want)) return Double.isNaN(got);
        if (Double.isInfinite(want)) return want == got;
        return Math.abs(want - got) <= atol + rtol * Math.abs(want);
    }

    @Override
    public String toString() { return "golden/" + family; }
}
