package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of the poolings and their backward ops, gradchecked to the second order. */
class GradPoolGoldenTest {
    @TestFactory
    Stream<DynamicTest> pool() { return GradGoldenCases.load("grad_pool").tests(); }
}
