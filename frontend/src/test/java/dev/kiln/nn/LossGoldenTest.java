package dev.kiln.nn;

import dev.kiln.golden.GoldenCases;
import dev.kiln.golden.GradGoldenCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden values and gradients of the loss ops from PyTorch 1.13 ({@code tools/golden/gen_losses.py}): every loss with
 * each reduction, weights, ignored targets, label smoothing, probability targets, N-D inputs, edge values and PyTorch's
 * errors; the gradients are gradchecked to the second order.
 */
class LossGoldenTest {
    @TestFactory
    Stream<DynamicTest> values() { return GoldenCases.load("losses").tests(); }

    @TestFactory
    Stream<DynamicTest> gradients() { return GradGoldenCases.load("grad_losses").tests(); }
}
