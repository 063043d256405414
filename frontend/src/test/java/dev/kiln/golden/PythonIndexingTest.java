package dev.kiln.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.Tensor;
import dev.kiln.TensorIndex;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays Python's {@code x[...]} and {@code x[...] = v} as recorded from PyTorch 1.13 by
 * {@code tools/golden/gen_indexing.py} through {@link Tensor#index(Object...)} and {@link Tensor#set}: values,
 * errors, and whether the result is a view of x.
 */
class PythonIndexingTest {

    @TestFactory
    Stream<DynamicTest> subscripts() throws IOException {
        JsonNode root;
        try (InputStream in = PythonIndexingTest.class.getResourceAsStream("/subscripts/python_indexing.json")) {
            root = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> run(c)));
        return tests.stream();
    }

    private static void run(JsonNode c) {
        Tensor self = (Tensor) GoldenCases.decode(c.get("self"));
        List<Object> items = new ArrayList<>();
        c.get("index").forEach(i -> items.add(item(i)));
        Object[] index = items.toArray();
        Tensor value = c.has("value") ? (Tensor) GoldenCases.decode(c.get("value")) : null;
        if (c.has("error")) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> {
                if (value == null) self.index(index);
                else self.set(index, value);
            }, () -> "PyTorch raised " + c.get("error").asText());
            assertTrue(e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException, () -> "not a user-facing error: " + e);
            return;
        }
        if (value == null) {
            Tensor out = self.index(index);
            GoldenCases.compare(c.get("out"), out, 0, 0, "out");
            if (c.get("view").asBoolean()) assertSame(self.data().storage(), out.data().storage(), "a view of self");
            else assertNotSame(self.data().storage(), out.data().storage(), "a copy");
        } else {
            int version = self.version();
            assertSame(self, self.set(index, value));
            GoldenCases.compare(c.get("out"), self, 0, 0, "self");
            assertEquals(version + 1, self.version(), "one in-place write");
        }
    }

    private static Object item(JsonNode i) {
        if (i.has("none")) return TensorIndex.NONE;
        if (i.has("ellipsis")) return TensorIndex.ELLIPSIS;
        if (i.has("bool")) return i.get("bool").booleanValue();
        if (i.has("int")) return i.get("int").longValue();
        if (i.has("slice")) {
            JsonNode s = i.get("slice");
            return TensorIndex.slice(bound(s.get(0)), bound(s.get(1)), s.get(2).isNull() ? 1 : s.get(2).longValue());
        }
        if (i.has("list")) {
            long[] v = new long[i.get("list").size()];
            for (int k = 0; k < v.length; k++) v[k] = i.get("list").get(k).longValue();
            return v;
        }
        if (i.has("bools")) {
            boolean[] v = new boolean[i.get("bools").size()];
            for (int k = 0; k < v.length; k++) v[k] = i.get("bools").get(k).booleanValue();
            return v;
        }
        return GoldenCases.decode(i);
    }

    private static Long bound(JsonNode n) { return n.isNull() ? null : n.longValue(); }
}
