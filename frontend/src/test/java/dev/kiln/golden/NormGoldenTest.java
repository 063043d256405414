package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden values of batch_norm, layer_norm, group_norm, instance_norm and their native ops from PyTorch 1.13,
 * with the running statistics a training call leaves behind.
 */
class NormGoldenTest {
    @TestFactory
    Stream<DynamicTest> norm() { return GoldenCases.load("norm").tests(); }
}
