package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of conv2d, conv_transpose2d and convolution_backward, gradchecked to the second order. */
class GradConvGoldenTest {
    @TestFactory
    Stream<DynamicTest> conv() { return GradGoldenCases.load("grad_conv").tests(); }
}
