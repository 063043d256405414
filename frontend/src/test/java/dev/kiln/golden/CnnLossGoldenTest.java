package dev.kiln.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Two small CNNs trained-step style: the loss and {@code loss.backward()}'s parameter gradients must match PyTorch's
 * (tools/golden/gen_cnn_loss.py, which defines the same models).
 */
class CnnLossGoldenTest {
    private static final Map<String, BiFunction<Map<String, Tensor>, Tensor, Tensor>> MODELS = Map.of(
            "square_cnn", CnnLossGoldenTest::squareCnn,
            "depthwise_transposed_cnn", CnnLossGoldenTest::depthwiseTransposedCnn);

    /** conv 3x3 pad 1, square, conv 3x3 stride 2, sum of squares. */
    private static Tensor squareCnn(Map<String, Tensor> p, Tensor x) {
        Tensor h = Torch.conv2d(x, p.get("w1"), p.get("b1"), 1, 1, 1, 1);
        h = h.mul(h);
        Tensor y = Torch.conv2d(h, p.get("w2"), p.get("b2"), 2, 0, 1, 1);
        return y.mul(y).sum();
    }

    /** depthwise conv 3x3 (dilation 2, pad 2), square, 1x1 conv, transposed conv stride 2, weighted sum. */
    private static Tensor depthwiseTransposedCnn(Map<String, Tensor> p, Tensor x) {
        Tensor h = Torch.conv2d(x, p.get("w1"), null, 1, 2, 2, 4);
        h = h.mul(h);
        h = Torch.conv2d(h, p.get("w2"), p.get("b2"));
        Tensor y = Torch.convTranspose2d(h, p.get("w3"), p.get("b3"), 2, 1, 1, 1, 1);
        return y.mul(p.get("target")).sum();
    }

    @TestFactory
    Stream<DynamicTest> cnnLoss() {
        JsonNode root = GoldenCases.readFixture("cnn_loss");
        double rtol = root.get("rtol").asDouble(), atol = root.get("atol").asDouble();
        return root.get("cases").valueStream().map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> run(c, rtol, atol)));
    }

    private static void run(JsonNode c, double rtol, double atol) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        c.get("params").properties().forEach(e -> params.put(e.getKey(), (Tensor) GoldenCases.decode(e.getValue())));
        c.get("grads").properties().forEach(e -> params.get(e.getKey()).requiresGrad_());
        Tensor loss = MODELS.get(c.get("model").asText()).apply(params, (Tensor) GoldenCases.decode(c.get("input")));
        double want = c.get("loss").asDouble();
        assertTrue(GoldenCases.close(want, loss.itemDouble(), rtol, atol), "loss: expected " + want + " but was " + loss.itemDouble());
        assertEquals("SumBackward0", loss.gradFn().name());
        loss.backward();
        c.get("grads").properties().forEach(e -> GoldenCases.compare(e.getValue(), params.get(e.getKey()).grad(), rtol, atol,
                "grad of " + e.getKey()));
    }
}
