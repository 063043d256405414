package dev.kiln.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of the matrix products, matmul, linear and einsum, with gradcheck and gradgradcheck. */
class GradLinalgGoldenTest {
    @TestFactory
    Stream<DynamicTest> linalg() { return GradGoldenCases.load("grad_linalg").tests(); }
}
