package dev.kiln.nn;

import dev.kiln.golden.GoldenCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The ops torch.nn adds to the catalogue (bilinear, dropout) against PyTorch (tools/golden/gen_nn_ops.py). */
class NnOpsGoldenTest {
    @TestFactory
    Stream<DynamicTest> nnOps() { return GoldenCases.load("nn_ops").tests(); }
}
