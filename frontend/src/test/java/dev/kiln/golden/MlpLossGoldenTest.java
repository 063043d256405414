package dev.kiln.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Small models trained one step in PyTorch (tools/golden/gen_autograd_models.py): the same model built here from
 * the fixture's parameters must give PyTorch's loss and parameter gradients.
 */
class MlpLossGoldenTest {
    @TestFactory
    Stream<DynamicTest> mlpLossAndGradientsMatchPyTorch() {
        JsonNode root = GoldenCases.readFixture("mlp_loss");
        double rtol = root.get("rtol").doubleValue(), atol = root.get("atol").doubleValue();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode model : root.get("cases")) {
            tests.add(DynamicTest.dynamicTest(model.get("id").asText(), () -> check(model, rtol, atol)));
        }
        return tests.stream();
    }

    private static void check(JsonNode model, double rtol, double atol) {
        List<Tensor> params = new ArrayList<>();
        for (JsonNode p : model.get("params")) params.add(tensor(p.get("value")).requiresGrad_());
        Tensor h = tensor(model.get("input"));
        int layers = model.get("sizes").size() - 1;
        for (int i = 0; i < layers; i++) {
            h = Torch.linear(h, params.get(2 * i), params.get(2 * i + 1));
            if (i < layers - 1) h = activation(model.get("activation").asText(), h);
        }
        Tensor loss = loss(model.get("loss").asText(), h.sub(tensor(model.get("target"))));
        loss.backward();
        double want = model.get("loss_value").doubleValue();
        assertTrue(GoldenCases.close(want, loss.itemDouble(), rtol, atol), "loss: expected " + want + " but was " + loss.itemDouble());
        for (int k = 0; k < params.size(); k++) {
            JsonNode p = model.get("params").get(k);
            GoldenCases.compare(p.get("grad"), params.get(k).grad(), rtol, atol, p.get("name").asText() + ".grad");
        }
    }

    private static Tensor activation(String name, Tensor x) {
        return switch (name) {
            case "relu" -> x.relu();
            case "tanh" -> x.tanh();
            case "identity" -> x;
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }

    private static Tensor loss(String name, Tensor err) {
        return switch (name) {
            case "mse_mean" -> err.mul(err).mean();
            case "mse_sum" -> err.mul(err).sum();
            default -> throw new IllegalArgumentException("unknown loss " + name);
        };
    }

    private static Tensor tensor(JsonNode n) { return new Tensor(GoldenCases.decodeTensor(n)); }
}
