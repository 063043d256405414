package dev.kiln;

/** Reduction methods: sums, means, extrema, statistics, scans, softmax. */
public sealed interface TensorReductions permits Tensor {
    Tensor self();
}
