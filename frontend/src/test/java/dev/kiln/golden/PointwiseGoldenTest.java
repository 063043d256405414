package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class PointwiseGoldenTest {
    @TestFactory
    Stream<DynamicTest> pointwise() { return GoldenCases.load("pointwise").tests(); }
}
