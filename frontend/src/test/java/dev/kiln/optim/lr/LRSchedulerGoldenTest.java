package dev.kiln.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Torch;
import dev.kiln.golden.GoldenCases;
import dev.kiln.optim.Adam;
import dev.kiln.optim.Optimizer;
import dev.kiln.optim.ParamGroup;
import dev.kiln.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code golden/lr_scheduler.json} ({@code tools/golden/gen_optim.py}): every scheduler's learning rates
 * (and the momentum OneCycleLR cycles) after construction and after each of 12+ steps, on two parameter groups, as
 * PyTorch 1.13 computes them.
 */
class LRSchedulerGoldenTest {
    private static final JsonNode FIXTURE = GoldenCases.readFixture("lr_scheduler");
    private static final Map<String, IntToDoubleFunction> LAMBDAS = Map.of("square", e -> (e + 1) * (e + 1), "linear", e -> e + 1,
            "decay", e -> Math.pow(0.95, e), "warmup", e -> Math.min(1.0, (e + 1) / 4.0));

    @TestFactory
    Stream<DynamicTest> learningRatesLikePyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases")) tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> replay(c)));
        return tests.stream();
    }

    private static void replay(JsonNode c) {
        double rtol = FIXTURE.get("rtol").asDouble(), atol = FIXTURE.get("atol").asDouble();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (JsonNode lr : c.get("group_lrs")) groups.add(Map.of("params", List.of(Torch.zeros(1).requiresGrad_()), "lr", lr.asDouble()));
        Optimizer optimizer = c.get("optimizer").asText().equals("SGD")
                ? new SGD(groups, Map.of("lr", groups.getFirst().get("lr"), "momentum", 0.9))
                : new Adam(groups, Map.of());
        String name = c.get("scheduler").asText();
        if (name.equals("ReduceLROnPlateau")) {
            ReduceLROnPlateau plateau = new ReduceLROnPlateau(optimizer, kwargs(c.get("kwargs")));
            check(c, 0, plateau.getLastLr(), optimizer, rtol, atol);
            for (int step = 0; step < c.get("metrics").size(); step++) {
                plateau.step(c.get("metrics").get(step).asDouble());
                check(c, step + 1, plateau.getLastLr(), optimizer, rtol, atol);
            }
            return;
        }
        LRScheduler scheduler;
        if (name.equals("SequentialLR")) {
            List<LRScheduler> children = new ArrayList<>();
            for (JsonNode child : c.get("children")) children.add(create(child.get("scheduler").asText(), child.get("kwargs"), null, optimizer));
            scheduler = new SequentialLR(optimizer, children, ints(c.get("kwargs").get("milestones")));
        } else {
            scheduler = create(name, c.get("kwargs"), c.get("lambdas"), optimizer);
        }
        check(c, 0, scheduler.getLastLr(), optimizer, rtol, atol);
        for (int step = 1; step < c.get("lrs").size(); step++) {
            optimizer.step();
            scheduler.step();
            check(c, step, scheduler.getLastLr(), optimizer, rtol, atol);
        }
    }

    private static LRScheduler create(String name, JsonNode kw, JsonNode lambdas, Optimizer optimizer) {
        return switch (name) {
            case "LambdaLR" -> lambdas.size() == 1 ? new LambdaLR(optimizer, LAMBDAS.get(lambdas.get(0).asText()))
                    : new LambdaLR(optimizer, ints(lambdas.size()).stream().map(i -> LAMBDAS.get(lambdas.get(i).asText())).toList());
            case "StepLR" -> new StepLR(optimizer, kw.get("step_size").asInt(), kw.path("gamma").asDouble(0.1));
            case "MultiStepLR" -> new MultiStepLR(optimizer, ints(kw.get("milestones")), kw.path("gamma").asDouble(0.1));
            case "ExponentialLR" -> new ExponentialLR(optimizer, kw.get("gamma").asDouble());
            case "CosineAnnealingLR" -> new CosineAnnealingLR(optimizer, kw.get("T_max").asInt(), kw.path("eta_min").asDouble(0));
            case "LinearLR" -> new LinearLR(optimizer, kw.path("start_factor").asDouble(1.0 / 3), kw.path("end_factor").asDouble(1.0),
                    kw.path("total_iters").asInt(5));
            case "ConstantLR" -> new ConstantLR(optimizer, kw.get("factor").asDouble(), kw.get("total_iters").asInt());
            case "OneCycleLR" -> new OneCycleLR(optimizer, kwargs(kw));
            default -> throw new IllegalArgumentException("no scheduler " + name);
        };
    }

    private static void check(JsonNode c, int step, List<Double> lastLr, Optimizer optimizer, double rtol, double atol) {
        GoldenCases.compare(c.get("lrs").get(step), lastLr, rtol, atol, "lrs after step " + step);
        List<Double> groupLrs = optimizer.paramGroups().stream().map(ParamGroup::lr).toList();
        assertEquals(lastLr, groupLrs, "getLastLr() is what the groups hold");
        List<Double> momenta = optimizer.paramGroups().stream()
                .map(g -> g.has("betas") ? g.getPair("betas")[0] : g.getDouble("momentum")).toList();
        GoldenCases.compare(c.get("momenta").get(step), momenta, rtol, atol, "momentum after step " + step);
    }

    private static Map<String, Object> kwargs(JsonNode kw) {
        Map<String, Object> out = new LinkedHashMap<>();
        kw.properties().forEach(e -> {
            Object v = GoldenCases.decode(e.getValue());
            out.put(e.getKey(), v instanceof long[] l ? Arrays.stream(l).boxed().toList() : v);
        });
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asInt()));
        return out;
    }

    private static List<Integer> ints(int n) { return IntStream.range(0, n).boxed().toList(); }

}
