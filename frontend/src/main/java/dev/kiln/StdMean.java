package dev.kiln;

import java.util.List;

/** The {@code (std, mean)} pair {@code torch.std_mean} returns. */
public record StdMean(Tensor std, Tensor mean) {

    static StdMean of(List<Tensor> pair) { return new StdMean(pair.get(0), pair.get(1)); }
}
