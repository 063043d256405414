package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class ShapeGoldenTest {
    @TestFactory
    Stream<DynamicTest> shape() { return GoldenCases.load("shape").tests(); }
}
