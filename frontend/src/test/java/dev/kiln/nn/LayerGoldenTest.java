package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.golden.GoldenCases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer against PyTorch (tools/golden/gen_nn_layers.py builds the same layers): the PyTorch state dict is loaded
 * into Kiln's layer, which must give the same output, the same gradients of the floating inputs and of every
 * parameter for a seeded output gradient, and the same buffers after the call. Inputs are passed as non-contiguous
 * views, as the generator does.
 */
class LayerGoldenTest {
    private static final Map<String, Supplier<Module>> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("linear", () -> new Linear(4, 3));
        LAYERS.put("linear_no_bias_3d", () -> new Linear(4, 3, false));
        LAYERS.put("bilinear", () -> new Bilinear(3, 4, 2));
        LAYERS.put("conv1d", () -> new Conv1d(2, 4, 3, 2, 1, 1, 1, true, "zeros", Torch.float32));
        LAYERS.put("conv1d_same_dilated", () -> new Conv1d(2, 3, 4, 1, "same", 2, 1, true, "zeros", Torch.float32));
        LAYERS.put("conv2d", () -> new Conv2d(3, 4, 3, 1, 1));
        LAYERS.put("conv2d_groups_reflect", () -> new Conv2d(4, 6, new long[]{3, 2}, new long[]{2, 1}, new long[]{1, 1}, new long[]{1}, 2,
                true, "reflect", Torch.float32));
        LAYERS.put("conv2d_circular_no_bias", () -> new Conv2d(2, 3, new long[]{3}, new long[]{1}, new long[]{1}, new long[]{1}, 1, false,
                "circular", Torch.float32));
        LAYERS.put("conv_transpose2d", () -> new ConvTranspose2d(3, 2, 3, 2, 1, 1));
        LAYERS.put("max_pool1d", () -> new MaxPool1d(3, 2L, 1, 1, false));
        LAYERS.put("max_pool2d", () -> new MaxPool2d(2));
        LAYERS.put("max_pool2d_ceil", () -> new MaxPool2d(new long[]{3}, new long[]{2}, new long[]{1}, new long[]{1}, true));
        LAYERS.put("avg_pool1d", () -> new AvgPool1d(3, 2L, 1, false, true));
        LAYERS.put("avg_pool2d_exclude_pad", () -> new AvgPool2d(new long[]{3}, new long[]{2}, new long[]{1}, false, false, null));
        LAYERS.put("adaptive_avg_pool1d", () -> new AdaptiveAvgPool1d(4));
        LAYERS.put("adaptive_avg_pool2d", () -> new AdaptiveAvgPool2d(3, 2));
        LAYERS.put("adaptive_max_pool1d", () -> new AdaptiveMaxPool1d(4));
        LAYERS.put("adaptive_max_pool2d", () -> new AdaptiveMaxPool2d(3));
        LAYERS.put("batch_norm1d_train", () -> new BatchNorm1d(4));
        LAYERS.put("batch_norm1d_eval_3d", () -> new BatchNorm1d(3));
        LAYERS.put("batch_norm2d_cumulative", () -> new BatchNorm2d(3, 1e-5, null, true, true, Torch.float32));
        LAYERS.put("batch_norm2d_untracked_no_affine", () -> new BatchNorm2d(3, 1e-5, 0.1, false, false, Torch.float32));
        LAYERS.put("layer_norm", () -> new LayerNorm(3, 4));
        LAYERS.put("group_norm", () -> new GroupNorm(2, 4));
        LAYERS.put("embedding_padding", () -> new Embedding(10, 3, 1L));
        LAYERS.put("embedding_max_norm", () -> new Embedding(10, 3, null, 1.0, 2.0, false, Torch.float32));
        LAYERS.put("embedding_bag_sum", () -> new EmbeddingBag(10, 3, "sum"));
        LAYERS.put("embedding_bag_mean_2d", () -> new EmbeddingBag(10, 3));
        LAYERS.put("flatten", Flatten::new);
        LAYERS.put("unflatten", () -> new Unflatten(1, 2, 3));
        LAYERS.put("identity", Identity::new);
        LAYERS.put("relu", ReLU::new);
        LAYERS.put("relu6", ReLU6::new);
        LAYERS.put("leaky_relu", () -> new LeakyReLU(0.2));
        LAYERS.put("elu", () -> new ELU(0.7));
        LAYERS.put("selu", SELU::new);
        LAYERS.put("celu", () -> new CELU(1.5));
        LAYERS.put("gelu", GELU::new);
        LAYERS.put("gelu_tanh", () -> new GELU("tanh"));
        LAYERS.put("silu", SiLU::new);
        LAYERS.put("mish", Mish::new);
        LAYERS.put("softplus", () -> new Softplus(2L, 3L));
        LAYERS.put("hardtanh", () -> new Hardtanh(-0.5, 1.5));
        LAYERS.put("hardsigmoid", Hardsigmoid::new);
        LAYERS.put("hardswish", Hardswish::new);
        LAYERS.put("hardshrink", () -> new Hardshrink(0.7));
        LAYERS.put("softshrink", () -> new Softshrink(0.3));
        LAYERS.put("threshold", () -> new Threshold(0.1, 20.0));
        LAYERS.put("log_sigmoid", LogSigmoid::new);
        LAYERS.put("sigmoid", Sigmoid::new);
        LAYERS.put("tanh", Tanh::new);
        LAYERS.put("softmax", () -> new Softmax(1));
        LAYERS.put("log_softmax", () -> new LogSoftmax(0));
        LAYERS.put("dropout_eval", () -> new Dropout(0.3));
        LAYERS.put("dropout_p0", () -> new Dropout(0.0));
        LAYERS.put("sequential", () -> new Sequential(new Linear(4, 3), new Tanh(), new Linear(3, 2)));
    }

    @TestFactory
    Stream<DynamicTest> layers() {
        JsonNode root = GoldenCases.readFixture("nn_layers");
        double rtol = root.get("rtol").asDouble(), atol = root.get("atol").asDouble();
        List<String> ids = new ArrayList<>();
        root.get("cases").forEach(c -> ids.add(c.get("id").asText()));
        assertEquals(List.copyOf(LAYERS.keySet()), ids, "the Java layers and the generator's cases");
        return root.get("cases").valueStream().map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> run(c, rtol, atol)));
    }

    private static void run(JsonNode c, double rtol, double atol) {
        Module layer = LAYERS.get(c.get("id").asText()).get();
        Map<String, Tensor> state = new LinkedHashMap<>();
        c.get("state").properties().forEach(e -> state.put(e.getKey(), (Tensor) GoldenCases.decode(e.getValue())));
        assertEquals("<All keys matched successfully>", layer.loadStateDict(state).toString());
        layer.train(c.get("train").asBoolean());
        List<Tensor> leaves = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (JsonNode n : c.get("inputs")) {
            Tensor x = (Tensor) GoldenCases.decode(n);
            if (x.isFloatingPoint()) x.requiresGrad_();
            leaves.add(x);
            args.add(x.isFloatingPoint() && x.dim() >= 2 ? noncontiguous(x) : x);
        }
        Tensor out = (Tensor) layer.invoke(args.toArray());
        GoldenCases.compare(c.get("out"), out.detach(), rtol, atol, "output");
        if (out.requiresGrad()) out.backward((Tensor) GoldenCases.decode(c.get("grad_out")));
        for (int i = 0; i < leaves.size(); i++) {
            JsonNode want = c.get("input_grads").get(i);
            if (!want.isNull()) GoldenCases.compare(want, leaves.get(i).grad(), rtol, atol, "grad of input " + i);
        }
        Map<String, Parameter> params = layer.namedParameters();
        assertEquals(iterableNames(c.get("param_grads")), List.copyOf(params.keySet()), "parameter names");
        c.get("param_grads").properties().forEach(e -> GoldenCases.compare(e.getValue(), params.get(e.getKey()).grad(), rtol, atol,
                "grad of " + e.getKey()));
        Map<String, Tensor> after = layer.stateDict();
        c.get("buffers_after").properties().forEach(e -> GoldenCases.compare(e.getValue(), after.get(e.getKey()), rtol, atol,
                e.getKey() + " after the call"));
        assertTrue(after.keySet().containsAll(iterableNames(c.get("buffers_after"))));
    }

    private static List<String> iterableNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The same values through a transposed copy: a non-contiguous view, as the generator's {@code noncontig}. */
    private static Tensor noncontiguous(Tensor x) { return x.transpose(-1, -2).contiguous().transpose(-1, -2); }
}
