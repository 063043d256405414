package dev.kiln.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code Tensor.toString()} against PyTorch 1.13's {@code repr} of the tensors in golden/repr.json (tools/golden/gen_creation.py). */
class PrintingTest {

    @TestFactory
    Stream<DynamicTest> matchesPyTorchRepr() throws IOException {
        JsonNode root;
        try (InputStream in = PrintingTest.class.getResourceAsStream("/golden/repr.json")) {
            root = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.get("cases")) {
            String expected = c.get("repr").asText();
            Tensor input = (Tensor) GoldenCases.decode(c.get("input"));
            String name = (i++) + ": " + expected.lines().findFirst().orElse("").strip();
            tests.add(DynamicTest.dynamicTest(name, () -> assertEquals(expected, input.toString())));
        }
        return tests.stream();
    }

    @Test
    void factoriesPrintLikePyTorch() {
        assertEquals("tensor([[1., 0.],\n        [0., 1.]])", Torch.eye(2).toString());
        assertEquals("tensor([0, 1, 2], dtype=torch.int32)", Torch.arange(0, 3, 1, Torch.int32).toString());
        assertEquals("tensor([], size=(0, 3), dtype=torch.int64)", Torch.zeros(new long[]{0, 3}, Torch.int64).toString());
        assertEquals("tensor(True)", Torch.full(new long[0], true).toString());
    }
}
