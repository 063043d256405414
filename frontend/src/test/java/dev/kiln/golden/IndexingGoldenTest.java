package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class IndexingGoldenTest {
    @TestFactory
    Stream<DynamicTest> indexing() { return GoldenCases.load("indexing").tests(); }
}
