package dev.kiln;

import java.util.List;

/**
 * The {@code (values, indices)} named tuple PyTorch returns from max(dim), min(dim), median(dim), kthvalue, sort and
 * topk.
 */
public record ValuesIndices(Tensor values, Tensor indices) {

    static ValuesIndices of(List<Tensor> pair) { return new ValuesIndices(pair.get(0), pair.get(1)); }
}
