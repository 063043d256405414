package dev.kiln.nn.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.golden.GoldenCases;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link ClipGrad} against PyTorch 1.13's results ({@code golden/clip_grad.json}) and its edge cases. */
class ClipGradTest {
    private static final JsonNode FIXTURE = GoldenCases.readFixture("clip_grad");

    @TestFactory
    Stream<DynamicTest> clipsLikePyTorch() {
        double rtol = FIXTURE.get("rtol").asDouble(), atol = FIXTURE.get("atol").asDouble();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> {
                List<Tensor> params = new ArrayList<>();
                for (JsonNode g : c.get("grads")) {
                    Tensor grad = (Tensor) GoldenCases.decode(g);
                    Tensor p = (grad == null ? Torch.zeros(1) : Torch.zerosLike(grad)).requiresGrad_();
                    p.setGrad(grad);
                    params.add(p);
                }
                if (c.get("fn").asText().equals("clip_grad_norm_")) {
                    Tensor total = ClipGrad.clipGradNorm_(params, c.get("max_norm").asDouble(), c.get("norm_type").asDouble());
                    GoldenCases.compare(c.get("total_norm"), total, rtol, atol, "total norm");
                } else {
                    ClipGrad.clipGradValue_(params, c.get("clip_value").asDouble());
                }
                GoldenCases.compare(c.get("after"), params.stream().map(Tensor::grad).toList(), rtol, atol, "gradients after");
            }));
        }
        return tests.stream();
    }

    @Test
    void noGradientsGiveAZeroNorm() {
        Tensor total = ClipGrad.clipGradNorm_(List.of(Torch.ones(3).requiresGrad_()), 1.0);
        assertEquals(0.0, total.itemDouble());
        assertEquals(0, total.dim());
    }

    @Test
    void nonFiniteNormIsAnErrorOnlyWhenAsked() {
        Tensor p = Torch.zeros(2).requiresGrad_();
        p.setGrad(Torch.tensor(new double[] {1, Double.NaN}).float32());
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> ClipGrad.clipGradNorm_(List.of(p), 1.0, 2.0, true));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertTrue(Double.isNaN(ClipGrad.clipGradNorm_(List.of(p), 1.0).itemDouble()));
        assertTrue(Double.isNaN(p.grad().toDoubleArray()[0]), "scaled by the NaN norm, as PyTorch does");
    }

    @Test
    void clipsInPlaceOnNonContiguousGradients() {
        Tensor p = Torch.zeros(3, 2).requiresGrad_();
        Tensor grad = Torch.tensor(new double[][] {{3, -4, 0}, {0, 0, 0}}).float32().t();
        p.setGrad(grad);
        Tensor total = ClipGrad.clipGradNorm_(List.of(p), 1.0);
        assertEquals(5.0, total.itemDouble(), 1e-6);
        assertSame(grad, p.grad());
        assertArrayEquals(new double[] {0.6, 0, -0.8, 0, 0, 0}, grad.toDoubleArray(), 1e-6);
        ClipGrad.clipGradValue_(List.of(p), 0.7);
        assertArrayEquals(new double[] {0.6, 0, -0.7, 0, 0, 0}, grad.toDoubleArray(), 1e-6);
    }
}
