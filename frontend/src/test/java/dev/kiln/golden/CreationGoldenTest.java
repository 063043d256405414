package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class CreationGoldenTest {
    @TestFactory
    Stream<DynamicTest> creation() { return GoldenCases.load("creation").tests(); }
}
