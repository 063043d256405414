package dev.kiln;

import java.util.List;

/** The {@code (values, indices)} pair PyTorch returns as a named tuple from max(dim), min(dim), median(dim), kthvalue. */
public record ValuesIndices(Tensor values, Tensor indices) {

    static ValuesIndices of(List<Tensor> pair) { return new ValuesIndices(pair.get(0), pair.get(1)); }
}
