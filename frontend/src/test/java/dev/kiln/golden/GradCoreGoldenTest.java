package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of add, mul and sum, the ops the autograd core was built with. */
class GradCoreGoldenTest {
    @TestFactory
    Stream<DynamicTest> core() { return GradGoldenCases.load("grad_core").tests(); }
}
