package dev.kiln.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.Tensor;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.Lowering;
import dev.kiln.ir.op.OpCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Views must have exactly PyTorch's geometry, not only its values: later views and reshapes depend on the
 * strides. For every successful shape-fixture case of a view op (and of the ops that return views), compares
 * the sizes, strides and storage offset of each result with PyTorch's.
 */
class ViewGeometryGoldenTest {
    private static final Set<String> VIEW_RETURNING = Set.of("aten::reshape", "aten::_reshape_alias", "aten::as_strided",
            "aten::flatten.using_ints");

    @TestFactory
    Stream<DynamicTest> viewGeometry() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/golden/shape.json")) {
            root = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String op = c.get("op").asText();
            boolean view = OpCatalogue.lookup(op).map(d -> d.lowering() instanceof Lowering.View).orElse(false);
            if (c.has("error") || !(view || VIEW_RETURNING.contains(op))) continue;
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        List<Object> args = new ArrayList<>();
        c.get("args").forEach(a -> args.add(GoldenCases.decode(a)));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        c.get("kwargs").properties().forEach(e -> kwargs.put(e.getKey(), GoldenCases.decode(e.getValue())));
        Object result = Dispatcher.callByName(c.get("op").asText(), args, kwargs);
        JsonNode out = c.get("out");
        List<?> results = result instanceof List<?> l ? l : List.of(result);
        List<JsonNode> expected = new ArrayList<>();
        if (out.isArray()) out.forEach(expected::add);
        else expected.add(out);
        assertEquals(expected.size(), results.size(), "number of results");
        for (int i = 0; i < expected.size(); i++) {
            Tensor t = (Tensor) results.get(i);
            JsonNode e = expected.get(i);
            String where = "result " + i + " ";
            assertEquals(e.get("size").toString(), Arrays.toString(t.shape()).replace(" ", ""), where + "sizes");
            assertEquals(e.get("stride").toString(), Arrays.toString(t.stride()).replace(" ", ""), where + "strides");
            assertEquals(e.get("offset").asLong(), t.storageOffset(), where + "storage offset");
        }
    }
}
