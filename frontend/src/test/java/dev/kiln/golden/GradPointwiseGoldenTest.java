package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of the pointwise ops: arithmetic, math functions, activations, clamping, selection and copies. */
class GradPointwiseGoldenTest {
    @TestFactory
    Stream<DynamicTest> pointwise() { return GradGoldenCases.load("grad_pointwise").tests(); }
}
