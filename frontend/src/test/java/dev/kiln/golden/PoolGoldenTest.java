package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden values of the max, average and adaptive poolings (1-D and 2-D) and their backward ops from PyTorch 1.13. */
class PoolGoldenTest {
    @TestFactory
    Stream<DynamicTest> pool() { return GoldenCases.load("pool").tests(); }
}
