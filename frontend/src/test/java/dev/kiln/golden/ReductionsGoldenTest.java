package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class ReductionsGoldenTest {
    @TestFactory
    Stream<DynamicTest> reductions() { return GoldenCases.load("reductions").tests(); }
}
