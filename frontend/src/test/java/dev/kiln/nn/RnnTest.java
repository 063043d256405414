package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recurrent layers' structure, initialisation, printing, errors, training-mode dropout, hooks and thread independence. */
class RnnTest {

    private static Map<String, List<Long>> shapes(Module m) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        m.namedParameters().forEach((name, p) -> out.put(name, Arrays.stream(p.sizes()).boxed().toList()));
        return out;
    }

    @Test
    void parameterNamesAndShapesArePyTorchs() {
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse", "weight_hh_l0_reverse",
                "bias_ih_l0_reverse", "bias_hh_l0_reverse", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1", "weight_ih_l1_reverse",
                "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                List.copyOf(new GRU(3, 4, 2, true, false, 0, true, Torch.float32).namedParameters().keySet()));
        assertEquals(Map.of("weight_ih_l0", List.of(20L, 3L), "weight_hh_l0", List.of(20L, 2L), "bias_ih_l0", List.of(20L), "bias_hh_l0",
                List.of(20L), "weight_hr_l0", List.of(2L, 5L)), shapes(new LSTM(3, 5, 1, true, false, 0, false, 2, Torch.float32)));
        assertEquals(List.of(12L, 8L), shapes(new GRU(3, 4, 2, true, false, 0, true, Torch.float32)).get("weight_ih_l1"));
        assertEquals(List.of("weight_ih", "weight_hh"), List.copyOf(new GRUCell(3, 4, false, Torch.float32).namedParameters().keySet()));
        assertEquals(List.of(16L, 3L), shapes(new LSTMCell(3, 4)).get("weight_ih"));
    }

    @Test
    void everyParameterIsDrawnWithinOneOverSqrtHidden() {
        for (Module m : List.of(new LSTM(3, 16, 2), new GRUCell(5, 9), new RNN(2, 25))) {
            double bound = 1 / Math.sqrt(m instanceof RNNBase r ? r.hiddenSize() : ((RNNCellBase) m).hiddenSize());
            for (Parameter p : m.parameters()) {
                double[] v = p.toDoubleArray();
                assertTrue(Arrays.stream(v).allMatch(x -> Math.abs(x) <= bound), m.getName());
                assertTrue(Arrays.stream(v).max().orElseThrow() > bound / 2, "spread over the range: " + m.getName());
            }
        }
    }

    @Test
    void printsAsPyTorch() {
        assertEquals("LSTM(3, 4, proj_size=2, num_layers=2, batch_first=True, dropout=0.25, bidirectional=True)",
                new LSTM(3, 4, 2, true, true, 0.25, true, 2, Torch.float32).toString());
        assertEquals("RNN(3, 4, bias=False)", new RNN(3, 4, 1, "relu", false, false, 0, false, Torch.float32).toString());
        assertEquals("RNNCell(3, 4, nonlinearity=relu)", new RNNCell(3, 4, true, "relu", Torch.float32).toString());
        assertEquals("GRUCell(3, 4, bias=False)", new GRUCell(3, 4, false, Torch.float32).toString());
    }

    @Test
    void rejectsWhatPyTorchRejects() {
        LSTM lstm = new LSTM(3, 4);
        assertThrows(IllegalArgumentException.class, () -> lstm.forward(Torch.randn(5, 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> lstm.forward(Torch.randn(5, 2, 3), Torch.zeros(1, 3, 4), Torch.zeros(1, 2, 4)));
        assertThrows(IllegalArgumentException.class, () -> lstm.forward(Torch.randn(5, 2, 3), Torch.zeros(1, 4), Torch.zeros(1, 4)));
        assertThrows(IllegalArgumentException.class, () -> lstm.forward(Torch.randn(5, 2, 3, 1)));
        assertThrows(IllegalArgumentException.class, () -> new RNN(3, 4).forward(Torch.randn(5, 3), Torch.zeros(1, 1, 4)));
        assertThrows(IllegalArgumentException.class, () -> new LSTM(3, 4, 1, true, false, 0, false, 4, Torch.float32));
        assertThrows(IllegalArgumentException.class, () -> new RNN(3, 4, 1, "sigmoid", true, false, 0, false, Torch.float32));
        assertThrows(IllegalArgumentException.class, () -> new GRU(3, 4, 1, true, false, 1.5, false, Torch.float32));
        assertThrows(IllegalArgumentException.class, () -> new GRUCell(3, 4).forward(Torch.randn(2, 2, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GRU(3, 4).forward(Torch.randn(5, 2, 3),
                Torch.zeros(2, 2, 4)));
        assertTrue(e.getMessage().contains("GRU") && e.getMessage().contains("Expected hidden size (1, 2, 4)"), e.getMessage());
    }

    @Test
    void dropoutActsBetweenLayersOnlyInTraining() {
        LSTM lstm = new LSTM(3, 4, 2, true, false, 1.0, false, 0, Torch.float32);
        Tensor a = Torch.randn(5, 2, 3), b = Torch.randn(5, 2, 3);
        // p = 1 zeroes the first layer's output, so the second layer no longer sees the input
        assertArrayEquals(lstm.forward(a).output().toDoubleArray(), lstm.forward(b).output().toDoubleArray());
        lstm.eval();
        assertFalse(Arrays.equals(lstm.forward(a).output().toDoubleArray(), lstm.forward(b).output().toDoubleArray()));
    }

    @Test
    void batchFirstIsTheTransposeOfTimeMajor() {
        GRU timeMajor = new GRU(3, 4, 2, true, false, 0, true, Torch.float64);
        GRU batchFirst = new GRU(3, 4, 2, true, true, 0, true, Torch.float64);
        batchFirst.loadStateDict(timeMajor.stateDict());
        Tensor x = Torch.randn(6, 2, 3).to(Torch.float64);
        RNNBase.Output tm = timeMajor.forward(x), bf = batchFirst.forward(x.transpose(0, 1));
        assertArrayEquals(tm.output().transpose(0, 1).contiguous().toDoubleArray(), bf.output().contiguous().toDoubleArray(), 1e-12);
        assertArrayEquals(tm.hN().toDoubleArray(), bf.hN().toDoubleArray(), 1e-12);
    }

    @Test
    void sameResultsOnOneAndTwoThreads() {
        LSTM lstm = new LSTM(17, 33, 2, true, false, 0, true, 0, Torch.float32);
        Tensor x = Torch.randn(9, 7, 17);
        int threads = Torch.getNumThreads();
        try {
            Torch.setNumThreads(1);
            double[] one = lstm.forward(x).output().toDoubleArray();
            Torch.setNumThreads(2);
            assertArrayEquals(one, lstm.forward(x).output().toDoubleArray(), 1e-6);
        } finally {
            Torch.setNumThreads(threads);
        }
    }

    @Test
    void hooksSeeTupleOutputsAndGradients() {
        LSTM lstm = new LSTM(3, 4);
        List<Object> seen = new ArrayList<>();
        lstm.registerForwardHook((m, args, output) -> {
            seen.add(output);
            return null;
        });
        List<List<Tensor>> gradOutputs = new ArrayList<>();
        lstm.registerFullBackwardHook((m, gradIn, gradOut) -> {
            gradOutputs.add(gradOut);
            return null;
        });
        Tensor x = Torch.randn(5, 2, 3).requiresGrad_();
        LSTM.Output out = lstm.call(x, Torch.zeros(1, 2, 4), Torch.zeros(1, 2, 4));
        List<?> result = assertInstanceOf(List.class, seen.getFirst());
        assertEquals(2, result.size());
        assertEquals(2, assertInstanceOf(List.class, result.get(1)).size());
        out.output().sum().backward();
        assertEquals(1, gradOutputs.size());
        assertNotNull(gradOutputs.getFirst().getFirst());
        assertNotNull(x.grad());
    }

    @Test
    void convertsToFloat64() {
        RNN rnn = new RNN(3, 4);
        rnn.to(Torch.float64);
        assertEquals(Torch.float64, rnn.forward(Torch.randn(2, 3).to(Torch.float64)).output().dtype());
    }
}
