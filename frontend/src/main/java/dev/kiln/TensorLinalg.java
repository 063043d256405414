package dev.kiln;

/** Matrix-multiply methods: mm, matmul, bmm, addmm, dot, mv, outer. */
public sealed interface TensorLinalg permits Tensor {
    Tensor self();
}
