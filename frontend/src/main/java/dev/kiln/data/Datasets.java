package dev.kiln.data;

import dev.kiln.Generator;
import dev.kiln.Torch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The dataset functions of {@code torch.utils.data}: {@link #randomSplit}. */
public final class Datasets {
    private Datasets() {}

    /**
     * {@code random_split(dataset, lengths, generator)}: non-overlapping subsets of the given lengths, which must add
     * up to the dataset's length, from one random permutation of its indices.
     *
     * @param generator the generator of the permutation; null for the default generator
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, long[] lengths, Generator generator) {
        for (long length : lengths) {
            if (length < 0) throw new IllegalArgumentException("random_split: lengths must be non-negative, got " + Arrays.toString(lengths));
        }
        long total = Arrays.stream(lengths).sum();
        if (total != dataset.len()) {
            throw new IllegalArgumentException("random_split: Sum of input lengths does not equal the length of the input dataset! (lengths "
                    + Arrays.toString(lengths) + " for a dataset of length " + dataset.len() + ")");
        }
        long[] permutation = Torch.randperm(total, null, generator).toLongArray();
        List<Subset<T>> splits = new ArrayList<>(lengths.length);
        int offset = 0;
        for (long length : lengths) {
            splits.add(new Subset<>(dataset, Arrays.copyOfRange(permutation, offset, offset + (int) length)));
            offset += (int) length;
        }
        return splits;
    }

    /**
     * {@code random_split(dataset, fractions, generator)}: fractions that add up to 1 become lengths
     * {@code floor(fraction * len)}, the remainder handed out one by one from the first split on, as PyTorch does.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, Generator generator) {
        return randomSplit(dataset, splitLengths(dataset.len(), fractions), generator);
    }

    /** The lengths {@link #randomSplit(Dataset, double[], Generator)} gives {@code fractions} of {@code n} samples. */
    public static long[] splitLengths(long n, double[] fractions) {
        double sum = Arrays.stream(fractions).sum();
        if (!(Math.abs(sum - 1) <= 1e-9 * Math.max(1, Math.abs(sum)) && sum <= 1)) {
            throw new IllegalArgumentException("random_split: Sum of input lengths does not equal the length of the input dataset! (fractions "
                    + Arrays.toString(fractions) + " add up to " + sum + ", not 1)");
        }
        long[] lengths = new long[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            if (fractions[i] < 0 || fractions[i] > 1) {
                throw new IllegalArgumentException("random_split: Fraction at index " + i + " is not between 0 and 1");
            }
            lengths[i] = (long) Math.floor(n * fractions[i]);
        }
        long remainder = n - Arrays.stream(lengths).sum();
        for (long i = 0; i < remainder; i++) lengths[(int) (i % lengths.length)]++;
        return lengths;
    }
}
