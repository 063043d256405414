package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden values of embedding, embedding_renorm_, embedding bags and their backward ops from PyTorch 1.13. */
class EmbeddingGoldenTest {
    @TestFactory
    Stream<DynamicTest> embedding() { return GoldenCases.load("embedding").tests(); }
}
