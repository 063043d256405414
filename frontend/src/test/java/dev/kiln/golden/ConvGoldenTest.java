package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden values of conv2d, conv_transpose2d and convolution_backward from PyTorch 1.13. */
class ConvGoldenTest {
    @TestFactory
    Stream<DynamicTest> conv() { return GoldenCases.load("conv").tests(); }
}
