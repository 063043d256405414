package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of the reductions, scans and softmax, with gradcheck and gradgradcheck. */
class GradReductionsGoldenTest {
    @TestFactory
    Stream<DynamicTest> reductions() { return GradGoldenCases.load("grad_reductions").tests(); }
}
