package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import dev.kiln.golden.GoldenCases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The sequence modules against PyTorch (tools/golden/gen_nn_sequence.py builds the same ones): PyTorch's state dict is
 * loaded into Kiln's module, which must give the same outputs, and for seeded output gradients the same gradients of
 * the floating inputs and of every parameter. Cases run in float64 (tight tolerances) and float32.
 */
class SequenceGoldenTest {
    /** How a case builds its module and calls it on the named inputs (absent ones null), flattening the result. */
    private record Case(Supplier<Module> module, BiFunction<Module, Map<String, Tensor>, List<Tensor>> call) {}

    private static final Map<String, Case> CASES = new LinkedHashMap<>();
    private static final double NO_DROPOUT = 0;

    static {
        rnn("rnn_tanh", () -> new RNN(3, 4));
        rnn("rnn_relu_2layer_h0", () -> new RNN(3, 4, 2, "relu", true, false, NO_DROPOUT, false, Torch.float32));
        rnn("rnn_bidir_batch_first_h0", () -> new RNN(3, 4, 2, "tanh", true, true, NO_DROPOUT, true, Torch.float32));
        rnn("rnn_unbatched_no_bias", () -> new RNN(3, 4, 1, "tanh", false, false, NO_DROPOUT, false, Torch.float32));
        rnn("rnn_f32_bidir", () -> new RNN(3, 4, 1, "tanh", true, false, NO_DROPOUT, true, Torch.float32));
        lstm("lstm", () -> new LSTM(3, 4));
        lstm("lstm_2layer_bidir_h0c0", () -> new LSTM(3, 4, 2, true, false, NO_DROPOUT, true, 0, Torch.float32));
        lstm("lstm_batch_first_proj", () -> new LSTM(3, 5, 2, true, true, NO_DROPOUT, false, 2, Torch.float32));
        lstm("lstm_unbatched_bidir", () -> new LSTM(3, 4, 1, true, false, NO_DROPOUT, true, 0, Torch.float32));
        lstm("lstm_eval_dropout_no_bias", () -> new LSTM(3, 4, 3, false, false, 0.5, false, 0, Torch.float32));
        lstm("lstm_f32_2layer", () -> new LSTM(4, 6, 2));
        rnn("gru", () -> new GRU(3, 4));
        rnn("gru_bidir_2layer_batch_first_h0", () -> new GRU(3, 4, 2, true, true, NO_DROPOUT, true, Torch.float32));
        rnn("gru_unbatched_h0", () -> new GRU(3, 4));
        rnn("gru_f32_bidir_batch_first", () -> new GRU(4, 5, 1, true, true, NO_DROPOUT, true, Torch.float32));

        cell("rnn_cell", () -> new RNNCell(3, 4));
        cell("rnn_cell_relu_unbatched", () -> new RNNCell(3, 4, true, "relu", Torch.float32));
        cell("rnn_cell_no_state_no_bias", () -> new RNNCell(3, 4, false, "tanh", Torch.float32));
        lstmCell("lstm_cell", () -> new LSTMCell(3, 4));
        lstmCell("lstm_cell_no_state", () -> new LSTMCell(3, 4));
        lstmCell("lstm_cell_unbatched", () -> new LSTMCell(3, 4));
        cell("gru_cell", () -> new GRUCell(3, 4));
        cell("gru_cell_unbatched_no_bias", () -> new GRUCell(3, 4, false, Torch.float32));
        cell("gru_cell_f32", () -> new GRUCell(5, 3));

        attention("mha_self", () -> new MultiheadAttention(4, 2), true, true);
        attention("mha_cross_bool_masks", () -> new MultiheadAttention(4, 2), true, true);
        attention("mha_batch_first_float_masks_per_head", () -> new MultiheadAttention(6, 3, 0, true, false, false, null, null, true, Torch.float32),
                true, false);
        attention("mha_float_key_padding_mask", () -> new MultiheadAttention(4, 2), true, true);
        attention("mha_kdim_vdim_bias_kv_zero_attn", () -> new MultiheadAttention(4, 2, 0, true, true, true, 3L, 5L, false, Torch.float32),
                true, true);
        attention("mha_unbatched_no_bias_no_weights", () -> new MultiheadAttention(4, 2, 0, false, false, false, null, null, false,
                Torch.float32), false, true);
        attention("mha_f32_self_batch_first", () -> new MultiheadAttention(8, 4, 0, true, false, false, null, null, true, Torch.float32), true,
                true);

        encoder("encoder_layer_relu", () -> new TransformerEncoderLayer(4, 2, 8, 0, "relu", 1e-5, false, false, Torch.float32));
        encoder("encoder_layer_gelu_norm_first_batch_first", () -> new TransformerEncoderLayer(4, 2, 6, 0, "gelu", 1e-6, true, true,
                Torch.float32));
        encoder("encoder_2_layers_norm_eval", () -> new TransformerEncoder(new TransformerEncoderLayer(4, 2, 8, 0.1, "relu", 1e-5, false, false,
                Torch.float32), 2, new LayerNorm(4)));
        encoder("encoder_f32_batch_first", () -> new TransformerEncoder(new TransformerEncoderLayer(8, 4, 16, 0, "relu", 1e-5, true, false,
                Torch.float32), 3));
        decoder("decoder_layer", () -> new TransformerDecoderLayer(4, 2, 8, 0, "relu", 1e-5, false, false, Torch.float32));
        decoder("decoder_layer_gelu_norm_first_batch_first", () -> new TransformerDecoderLayer(4, 2, 6, 0, "gelu", 1e-5, true, true,
                Torch.float32));
    }

    /** Self-attention cases pass one tensor "x" as query, key and value (PyTorch's packed projection); value defaults to key. */
    private static void attention(String id, Supplier<Module> module, boolean needWeights, boolean average) {
        CASES.put(id, new Case(module, (m, in) -> {
            Tensor x = in.get("x");
            Tensor q = x != null ? x : in.get("query"), k = x != null ? x : in.get("key");
            Tensor v = x != null ? x : in.getOrDefault("value", k);
            MultiheadAttention.Output out = ((MultiheadAttention) m).call(q, k, v, in.get("key_padding_mask"), needWeights, in.get("attn_mask"),
                    average);
            return Arrays.asList(out.output(), out.weights());
        }));
    }

    private static void encoder(String id, Supplier<Module> module) {
        CASES.put(id, new Case(module, (m, in) -> List.of((Tensor) m.invoke(in.get("src"), in.get("mask"), in.get("src_key_padding_mask")))));
    }

    private static void decoder(String id, Supplier<Module> module) {
        CASES.put(id, new Case(module, (m, in) -> List.of(((TransformerDecoderLayer) m).call(in.get("tgt"), in.get("memory"), in.get("tgt_mask"),
                in.get("memory_mask"), in.get("tgt_key_padding_mask"), in.get("memory_key_padding_mask")))));
    }

    private static void rnn(String id, Supplier<Module> module) {
        CASES.put(id, new Case(module, (m, in) -> {
            RNNBase.Output out = RNNBase.asOutput(m.invoke(in.get("input"), in.get("h0")));
            return List.of(out.output(), out.hN());
        }));
    }

    private static void lstm(String id, Supplier<Module> module) {
        CASES.put(id, new Case(module, (m, in) -> {
            LSTM lstm = (LSTM) m;
            LSTM.Output out = in.get("h0") == null ? lstm.call(in.get("input")) : lstm.call(in.get("input"), in.get("h0"), in.get("c0"));
            return List.of(out.output(), out.hN(), out.cN());
        }));
    }

    private static void cell(String id, Supplier<Module> module) {
        CASES.put(id, new Case(module, (m, in) -> List.of((Tensor) m.invoke(in.get("input"), in.get("hx")))));
    }

    private static void lstmCell(String id, Supplier<Module> module) {
        CASES.put(id, new Case(module, (m, in) -> {
            LSTMCell cell = (LSTMCell) m;
            LSTMCell.State s = in.get("h") == null ? cell.call(in.get("input")) : cell.call(in.get("input"), in.get("h"), in.get("c"));
            return List.of(s.h(), s.c());
        }));
    }

    @TestFactory
    Stream<DynamicTest> modules() {
        JsonNode root = GoldenCases.readFixture("nn_sequence");
        double rtol = root.get("rtol").asDouble(), atol = root.get("atol").asDouble();
        List<String> ids = new ArrayList<>();
        root.get("cases").forEach(c -> ids.add(c.get("id").asText()));
        assertEquals(List.copyOf(CASES.keySet()), ids, "the Java cases and the generator's");
        return root.get("cases").valueStream().map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> run(c,
                c.has("rtol") ? c.get("rtol").asDouble() : rtol, c.has("atol") ? c.get("atol").asDouble() : atol)));
    }

    private static void run(JsonNode c, double rtol, double atol) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        c.get("state").properties().forEach(e -> state.put(e.getKey(), (Tensor) GoldenCases.decode(e.getValue())));
        Module module = CASES.get(c.get("id").asText()).module().get();
        module.to(state.values().iterator().next().dtype());
        assertEquals("<All keys matched successfully>", module.loadStateDict(state).toString());
        module.train(c.get("train").asBoolean());
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        c.get("inputs").properties().forEach(e -> {
            Tensor x = (Tensor) GoldenCases.decode(e.getValue());
            if (x != null && c.get("input_grads").has(e.getKey())) x.requiresGrad_();
            inputs.put(e.getKey(), x);
        });
        List<Tensor> outputs = CASES.get(c.get("id").asText()).call().apply(module, inputs);
        JsonNode want = c.get("outputs");
        assertEquals(want.size(), outputs.size(), "number of outputs");
        List<Tensor> differentiated = new ArrayList<>(), grads = new ArrayList<>();
        for (int i = 0; i < want.size(); i++) {
            Tensor out = outputs.get(i);
            GoldenCases.compare(want.get(i), out == null ? null : out.detach(), rtol, atol, "output " + i);
            if (out != null) {
                differentiated.add(out);
                grads.add((Tensor) GoldenCases.decode(c.get("grad_outs").get(i)));
            }
        }
        Autograd.backward(differentiated, grads, null, false, null);
        c.get("input_grads").properties().forEach(e -> GoldenCases.compare(e.getValue(), inputs.get(e.getKey()).grad(), rtol, atol,
                "grad of input " + e.getKey()));
        Map<String, Parameter> params = module.namedParameters();
        List<String> names = new ArrayList<>();
        c.get("param_grads").fieldNames().forEachRemaining(names::add);
        assertEquals(names, List.copyOf(params.keySet()), "parameter names");
        c.get("param_grads").properties().forEach(e -> GoldenCases.compare(e.getValue(), params.get(e.getKey()).grad(), rtol, atol,
                "grad of " + e.getKey()));
    }
}
