package dev.kiln.data;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Indices {@code 0 .. len(weights)-1} drawn with probabilities proportional to the weights
 * ({@code torch.utils.data.WeightedRandomSampler}, through {@code torch.multinomial}); with replacement by default.
 */
public final class WeightedRandomSampler implements Sampler<Long> {
    private final Tensor weights;
    private final long numSamples;
    private final boolean replacement;
    private final Generator generator;

    public WeightedRandomSampler(double[] weights, long numSamples) { this(weights, numSamples, true, null); }

    public WeightedRandomSampler(double[] weights, long numSamples, boolean replacement, Generator generator) {
        this(Torch.tensor(weights, Torch.float64), numSamples, replacement, generator);
    }

    /**
     * @param weights a 1-d tensor of non-negative weights, not necessarily summing to one
     * @param generator the generator to draw from; null for the default generator
     */
    public WeightedRandomSampler(Tensor weights, long numSamples, boolean replacement, Generator generator) {
        if (numSamples <= 0) {
            throw new IllegalArgumentException("WeightedRandomSampler: num_samples should be a positive integer value, but got num_samples=" + numSamples);
        }
        if (weights.dim() != 1) {
            throw new IllegalArgumentException("WeightedRandomSampler: weights should be a 1d sequence but given weights have shape "
                    + Arrays.toString(weights.shape()));
        }
        this.weights = weights.to(Torch.float64);
        this.numSamples = numSamples;
        this.replacement = replacement;
        this.generator = generator;
    }

    @Override
    public Iterator<Long> iterator() {
        return new ChunkIterator(numSamples, remaining -> weights.multinomial(numSamples, replacement, generator).toLongArray());
    }

    @Override
    public long len() { return numSamples; }
}
