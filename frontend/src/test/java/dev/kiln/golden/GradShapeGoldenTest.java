package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of the shape ops, and the forward values of their backward ops (slice_backward, pad backwards ...). */
class GradShapeGoldenTest {
    @TestFactory
    Stream<DynamicTest> gradients() { return GradGoldenCases.load("grad_shape").tests(); }

    @TestFactory
    Stream<DynamicTest> backwardOps() { return GoldenCases.load("shape_backward").tests(); }
}
