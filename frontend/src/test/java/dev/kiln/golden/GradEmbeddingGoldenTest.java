package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of embedding, embedding_dense_backward and _embedding_bag, gradchecked to the second order. */
class GradEmbeddingGoldenTest {
    @TestFactory
    Stream<DynamicTest> embedding() { return GradGoldenCases.load("grad_embedding").tests(); }
}
