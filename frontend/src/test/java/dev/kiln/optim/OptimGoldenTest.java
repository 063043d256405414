package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.golden.GoldenCases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code golden/optim.json} ({@code tools/golden/gen_optim.py}): five steps of every optimizer, under
 * several option combinations and parameter groups, on the same parameters and gradients as PyTorch 1.13; compares
 * the parameters after every step and the final {@code stateDict()} (state tensors and group options).
 */
class OptimGoldenTest {
    private static final JsonNode FIXTURE = GoldenCases.readFixture("optim");

    @TestFactory
    Stream<DynamicTest> fiveStepsLikePyTorch() {
        double rtol = FIXTURE.get("rtol").asDouble(), atol = FIXTURE.get("atol").asDouble();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> replay(c,
                    c.has("rtol") ? c.get("rtol").asDouble() : rtol, c.has("atol") ? c.get("atol").asDouble() : atol)));
        }
        return tests.stream();
    }

    private static void replay(JsonNode c, double rtol, double atol) {
        List<Tensor> params = new ArrayList<>();
        c.get("initial").forEach(p -> params.add(((Tensor) GoldenCases.decode(p)).requiresGrad_()));
        Optimizer optimizer = create(c.get("optimizer").asText(), groups(c.get("groups"), params), options(c.get("kwargs")));
        for (int step = 0; step < c.get("grads").size(); step++) {
            for (int i = 0; i < params.size(); i++) params.get(i).setGrad((Tensor) GoldenCases.decode(c.get("grads").get(step).get(i)));
            optimizer.step();
            GoldenCases.compare(c.get("params").get(step), params, rtol, atol, "parameters after step " + (step + 1));
        }
        compareTree(c.get("state_dict"), optimizer.stateDict(), rtol, atol, "stateDict");
    }

    static Optimizer create(String name, List<Map<String, Object>> groups, Map<String, Object> options) {
        return switch (name) {
            case "SGD" -> new SGD(groups, options);
            case "Adam" -> new Adam(groups, options);
            case "AdamW" -> new AdamW(groups, options);
            case "RMSprop" -> new RMSprop(groups, options);
            case "Adagrad" -> new Adagrad(groups, options);
            default -> throw new IllegalArgumentException("no optimizer " + name);
        };
    }

    private static List<Map<String, Object>> groups(JsonNode spec, List<Tensor> params) {
        if (spec.isNull()) return List.of(Map.of("params", params));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (JsonNode g : spec) {
            Map<String, Object> group = options(g);
            List<Tensor> members = new ArrayList<>();
            g.get("params").forEach(i -> members.add(params.get(i.asInt())));
            group.put("params", members);
            groups.add(group);
        }
        return groups;
    }

    static Map<String, Object> options(JsonNode kwargs) {
        Map<String, Object> out = new LinkedHashMap<>();
        kwargs.properties().forEach(e -> out.put(e.getKey(), GoldenCases.decode(e.getValue())));
        return out;
    }

    /** Compares nested maps key by key (keys as strings) and lists item by item, and leaves (tensors, numbers, lists) as GoldenCases does. */
    static void compareTree(JsonNode expected, Object actual, double rtol, double atol, String where) {
        if (expected.isArray() && actual instanceof List<?> list) {
            assertEquals(expected.size(), list.size(), where + ": length");
            for (int i = 0; i < list.size(); i++) compareTree(expected.get(i), list.get(i), rtol, atol, where + "[" + i + "]");
            return;
        }
        if (!expected.isObject() || expected.has("t")) {
            GoldenCases.compare(expected, actual, rtol, atol, where);
            return;
        }
        Map<?, ?> map = assertInstanceOf(Map.class, actual, where + ": expected a map");
        TreeSet<String> actualKeys = new TreeSet<>();
        map.keySet().forEach(k -> actualKeys.add(String.valueOf(k)));
        TreeSet<String> expectedKeys = new TreeSet<>();
        expected.fieldNames().forEachRemaining(expectedKeys::add);
        assertEquals(expectedKeys, actualKeys, where + ": keys");
        map.forEach((k, v) -> compareTree(expected.get(String.valueOf(k)), v, rtol, atol, where + "." + k));
    }
}
