package dev.kiln;

/** Indexing methods: gather/scatter, advanced indexing, sorting and selection. */
public sealed interface TensorIndexing permits Tensor {
    Tensor self();
}
