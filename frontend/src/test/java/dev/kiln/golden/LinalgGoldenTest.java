package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class LinalgGoldenTest {
    @TestFactory
    Stream<DynamicTest> linalg() { return GoldenCases.load("linalg").tests(); }
}
