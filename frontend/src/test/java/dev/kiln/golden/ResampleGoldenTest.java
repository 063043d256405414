package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden values of nearest and bilinear upsampling (and their backward ops) and pixel_shuffle from PyTorch 1.13. */
class ResampleGoldenTest {
    @TestFactory
    Stream<DynamicTest> resample() { return GoldenCases.load("resample").tests(); }
}
