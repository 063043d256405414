package dev.kiln;

import java.util.List;

/** The {@code (var, mean)} pair {@code torch.var_mean} returns. */
public record VarMean(Tensor var, Tensor mean) {

    static VarMean of(List<Tensor> pair) { return new VarMean(pair.get(0), pair.get(1)); }
}
