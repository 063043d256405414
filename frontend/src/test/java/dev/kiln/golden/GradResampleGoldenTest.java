package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of upsampling, its backward ops and pixel_shuffle / pixel_unshuffle, gradchecked to the second order. */
class GradResampleGoldenTest {
    @TestFactory
    Stream<DynamicTest> resample() { return GradGoldenCases.load("grad_resample").tests(); }
}
