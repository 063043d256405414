package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.TensorIndex;
import dev.kiln.autograd.Autograd;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MultiheadAttention's and the transformer layers' structure, initialisation, masks, errors and the encoder's layer copies. */
class TransformerTest {

    @Test
    void attentionParametersAreNamedAndInitialisedAsPyTorch() {
        MultiheadAttention separate = new MultiheadAttention(4, 2, 0, true, true, false, 3L, null, false, Torch.float32);
        assertEquals(List.of("q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "bias_k", "bias_v", "out_proj.weight",
                "out_proj.bias"), List.copyOf(separate.namedParameters().keySet()));
        MultiheadAttention packed = new MultiheadAttention(6, 3);
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"), List.copyOf(packed.stateDict().keySet()));
        assertTrue(Arrays.stream(packed.stateDict().get("in_proj_bias").toDoubleArray()).allMatch(x -> x == 0));
        assertTrue(Arrays.stream(packed.outProj().bias().toDoubleArray()).allMatch(x -> x == 0));
        double xavier = Math.sqrt(6.0 / (6 + 18));
        assertTrue(Arrays.stream(packed.stateDict().get("in_proj_weight").toDoubleArray()).allMatch(x -> Math.abs(x) <= xavier));
    }

    @Test
    void attentionRejectsBadShapesAndMaskTypes() {
        assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(5, 2));
        MultiheadAttention mha = new MultiheadAttention(4, 2);
        Tensor x = Torch.randn(3, 2, 4);
        assertThrows(IllegalArgumentException.class, () -> mha.forward(x, x, x, null, true, Torch.zeros(3, 4), true));
        assertThrows(IllegalArgumentException.class, () -> mha.forward(x, x, x, Torch.zeros(new long[]{2, 3}, Torch.int64), true, null, true));
        assertThrows(IllegalArgumentException.class, () -> mha.forward(x, x, x, null, true, Torch.zeros(new long[]{3, 3}, Torch.int64), true));
        assertThrows(IllegalArgumentException.class, () -> mha.forward(x, Torch.randn(3, 4), Torch.randn(3, 4)));
        assertNull(mha.forward(x, x, x, null, false, null, true).weights());
    }

    @Test
    void attentionWeightsAreADistributionThatMasksZero() {
        MultiheadAttention mha = new MultiheadAttention(4, 2);
        Tensor x = Torch.randn(3, 2, 4);
        Tensor padding = Torch.tensor(new boolean[][]{{false, false, true}, {false, false, false}});
        Tensor w = mha.forward(x, x, x, padding, true, null, false).weights();
        assertArrayEquals(new long[]{2, 2, 3, 3}, w.sizes());
        assertArrayEquals(Torch.ones(2, 2, 3).toDoubleArray(), w.sum(new int[]{-1}, false).toDoubleArray(), 1e-6);
        assertTrue(Arrays.stream(w.index(0L, TensorIndex.ellipsis(), 2L).toDoubleArray()).allMatch(v -> v == 0));
    }

    @Test
    void causalMaskHidesTheFuture() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(4, 2, 8, 0, "relu", 1e-5, false, false, Torch.float64);
        Tensor causal = Torch.ones(new long[]{5, 5}, Torch.bool).triu(1);
        Tensor a = Torch.randn(5, 1, 4).to(Torch.float64);
        Tensor b = a.clone();
        try (var noGrad = Autograd.noGrad()) {
            b.index(4L).fill_(3.0);
        }
        Tensor first = layer.forward(a, causal, null).narrow(0, 0, 4), second = layer.forward(b, causal, null).narrow(0, 0, 4);
        assertArrayEquals(first.contiguous().toDoubleArray(), second.contiguous().toDoubleArray(), 1e-12);
    }

    @Test
    void encoderCopiesItsLayerIntoIndependentLayers() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(4, 2, 8, 0.1, "gelu", 1e-5, true, false, Torch.float32);
        layer.eval();
        TransformerEncoder encoder = new TransformerEncoder(layer, 3, new LayerNorm(4));
        assertEquals(3, encoder.layers().size());
        assertEquals(3 * layer.parameters().size() + 2, encoder.parameters().size());
        assertTrue(encoder.namedParameters().containsKey("layers.2.self_attn.in_proj_weight"));
        Module copy = encoder.layers().get(1);
        assertNotSame(layer, copy);
        assertFalse(copy.isTraining());
        assertArrayEquals(layer.linear1().weight().toDoubleArray(), ((TransformerEncoderLayer) copy).linear1().weight().toDoubleArray());
        try (var noGrad = Autograd.noGrad()) {
            ((TransformerEncoderLayer) encoder.layers().get(0)).linear1().weight().fill_(0.5);
        }
        assertFalse(Arrays.stream(((TransformerEncoderLayer) copy).linear1().weight().toDoubleArray()).allMatch(v -> v == 0.5));
        assertEquals(List.of(2L, 5L, 4L), Arrays.stream(encoder.call(Torch.randn(2, 5, 4)).sizes()).boxed().toList());
    }

    @Test
    void decoderLayerRegistersPyTorchsSubmodules() {
        TransformerDecoderLayer layer = new TransformerDecoderLayer(4, 2);
        assertEquals(List.of("self_attn", "multihead_attn", "linear1", "dropout", "linear2", "norm1", "norm2", "norm3", "dropout1", "dropout2",
                "dropout3"), List.copyOf(layer.namedChildren().keySet()));
        assertThrows(IllegalArgumentException.class, () -> new TransformerDecoderLayer(4, 2, 8, 0, "tanh", 1e-5, false, false, Torch.float32));
        assertThrows(IllegalArgumentException.class, () -> layer.invoke(Torch.randn(3, 2, 4)));
    }
}
