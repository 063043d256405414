package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of the normalizations and of their native backward ops, gradchecked to the second order. */
class GradNormGoldenTest {
    @TestFactory
    Stream<DynamicTest> norm() { return GradGoldenCases.load("grad_norm").tests(); }
}
