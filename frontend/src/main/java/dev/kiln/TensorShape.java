package dev.kiln;

/** View and shape methods: view, reshape, permute, slicing, joining and splitting. */
public sealed interface TensorShape permits Tensor {
    Tensor self();
}
