package dev.kiln.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.GradCheck;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays the golden gradients written by {@code tools/golden/gen_grad_*.py} (PyTorch 1.13): each case calls an
 * op by schema name with inputs that require grad, checks the backward function's name, back-propagates
 * PyTorch's output gradients and compares the input gradients; then it runs {@link GradCheck#gradcheck} (and
 * {@link GradCheck#gradgradcheck} unless the case opts out) on float64 copies of the inputs. A case marked
 * {@code nonleaf} (an in-place op, which may not write into a leaf that requires grad) passes the op
 * {@code zerosLike(leaf).add(leaf)} instead of each leaf.
 */
public final class GradGoldenCases {
    private final JsonNode root;

    private GradGoldenCases(JsonNode root) { this.root = root; }

    public static GradGoldenCases load(String family) { return new GradGoldenCases(GoldenCases.readFixture(family)); }

    /** The op names (e.g. {@code aten::mul.Tensor}) whose gradients this fixture checks. */
    public List<String> ops() { return GoldenCases.ops(root); }

    public Stream<DynamicTest> tests() {
        double rtol = root.get("rtol").asDouble(), atol = root.get("atol").asDouble();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            double r = c.has("rtol") ? c.get("rtol").asDouble() : rtol, a = c.has("atol") ? c.get("atol").asDouble() : atol;
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> compareWithPyTorch(c, r, a)));
            if (c.get("gradcheck").asBoolean()) tests.add(DynamicTest.dynamicTest(c.get("id").asText() + " gradcheck", () -> gradcheck(c)));
        }
        return tests.stream();
    }

    private static void compareWithPyTorch(JsonNode c, double rtol, double atol) {
        List<Object> args = decodeArgs(c, false);
        List<Tensor> wrt = leaves(c, args);
        List<Tensor> outputs = differentiable(call(c, nonLeaves(c, args)));
        assertEquals(c.get("grad_outputs").size(), outputs.size(), "number of outputs that require grad");
        assertEquals(c.get("grad_fn").asText(), outputs.getFirst().gradFn().name(), "grad_fn");
        List<Tensor> gradOutputs = new ArrayList<>();
        c.get("grad_outputs").forEach(g -> gradOutputs.add((Tensor) GoldenCases.decode(g)));
        List<Tensor> grads = Autograd.grad(outputs, wrt, gradOutputs, false, false, true);
        for (int i = 0; i < wrt.size(); i++) {
            JsonNode want = c.get("grads").get(i);
            Tensor got = grads.get(i);
            String where = "grad of input " + c.get("wrt").get(i);
            if (want.isNull()) {
                assertTrue(got == null || got.abs().sum().itemDouble() == 0, where + ": PyTorch has none, Kiln " + got);
            } else {
                assertTrue(got != null, where + ": Kiln has none");
                GoldenCases.compare(want, got, rtol, atol, where);
            }
        }
    }

    private static void gradcheck(JsonNode c) {
        List<Object> args = decodeArgs(c, true);
        List<Tensor> wrt = leaves(c, args);
        Function<List<Tensor>, List<Tensor>> fn = inputs -> {
            List<Object> a = new ArrayList<>(args);
            for (int i = 0; i < inputs.size(); i++) put(a, c.get("wrt").get(i), inputs.get(i));
            return call(c, nonLeaves(c, a));
        };
        GradCheck.gradcheck(fn, wrt);
        if (c.get("gradgrad").asBoolean()) GradCheck.gradgradcheck(fn, wrt);
    }

    private static List<Object> decodeArgs(JsonNode c, boolean float64) {
        List<Object> args = new ArrayList<>();
        c.get("args").forEach(a -> args.add(GoldenCases.decode(a)));
        if (float64) {
            for (JsonNode path : c.get("wrt")) put(args, path, Torch.zerosLike(at(args, path), DType.FLOAT64).add(at(args, path)));
        }
        return args;
    }

    private static List<Tensor> leaves(JsonNode c, List<Object> args) {
        List<Tensor> wrt = new ArrayList<>();
        for (JsonNode path : c.get("wrt")) wrt.add(at(args, path).requiresGrad_());
        return wrt;
    }

    /** The arguments to call the op with: for a {@code nonleaf} case, each input to differentiate as a non-leaf. */
    private static List<Object> nonLeaves(JsonNode c, List<Object> args) {
        if (!c.path("nonleaf").asBoolean()) return args;
        List<Object> a = new ArrayList<>(args);
        for (JsonNode path : c.get("wrt")) {
            Tensor leaf = at(args, path);
            put(a, path, Torch.zerosLike(leaf).add(leaf));
        }
        return a;
    }

    private static Tensor at(List<Object> args, JsonNode path) {
        Object a = args.get(path.get(0).asInt());
        int k = path.get(1).asInt();
        return (Tensor) (k < 0 ? a : ((List<?>) a).get(k));
    }

    @SuppressWarnings("unchecked")
    private static void put(List<Object> args, JsonNode path, Tensor t) {
        int i = path.get(0).asInt(), k = path.get(1).asInt();
        if (k < 0) {
            args.set(i, t);
        } else {
            List<Object> list = new ArrayList<>((List<Object>) args.get(i));
            list.set(k, t);
            args.set(i, list);
        }
    }

    private static List<Tensor> call(JsonNode c, List<Object> args) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        c.get("kwargs").properties().forEach(e -> kwargs.put(e.getKey(), GoldenCases.decode(e.getValue())));
        Object out = Dispatcher.callByName(c.get("op").asText(), args, kwargs);
        List<Tensor> outputs = new ArrayList<>();
        if (out instanceof Tensor t) outputs.add(t);
        else for (Object x : (List<?>) out) if (x instanceof Tensor t) outputs.add(t);
        return outputs;
    }

    private static List<Tensor> differentiable(List<Tensor> outputs) {
        List<Tensor> r = new ArrayList<>();
        for (Tensor t : outputs) if (t.requiresGrad()) r.add(t);
        return r;
    }
}
