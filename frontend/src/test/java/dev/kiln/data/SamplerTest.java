package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Torch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The samplers and random_split. Kiln's generator draws other streams than PyTorch's (Philox, not mt19937), so the
 * random orders are checked by their properties and their reproducibility under a seed, not against PyTorch's orders.
 */
class SamplerTest {
    private static final DataFixtures.ListDataset<Integer> TEN = new DataFixtures.ListDataset<>(Collections.nCopies(10, 0));

    private static List<Long> list(Iterable<Long> sampler) {
        List<Long> out = new ArrayList<>();
        sampler.forEach(out::add);
        return out;
    }

    private static void assertPermutation(List<Long> indices, long n) {
        List<Long> sorted = new ArrayList<>(indices);
        Collections.sort(sorted);
        assertEquals(LongStream.range(0, n).boxed().toList(), sorted, "a permutation of 0.." + (n - 1) + ": " + indices);
    }

    @Test
    void sequentialSamplerCounts() {
        assertEquals(LongStream.range(0, 10).boxed().toList(), list(new SequentialSampler(TEN)));
        assertEquals(10, new SequentialSampler(TEN).len());
    }

    @Test
    void randomSamplerGivesAFreshPermutationEachPass() {
        RandomSampler sampler = new RandomSampler(TEN, false, null, new Generator().manualSeed(3));
        List<Long> first = list(sampler), second = list(sampler);
        assertPermutation(first, 10);
        assertPermutation(second, 10);
        assertNotEquals(first, second, "each pass draws a new permutation");
        assertEquals(first, list(new RandomSampler(TEN, false, null, new Generator().manualSeed(3))), "the same seed gives the same order");
    }

    @Test
    void randomSamplerBeyondTheLengthTakesFurtherPermutations() {
        List<Long> indices = list(new RandomSampler(TEN, false, 23L, new Generator().manualSeed(1)));
        assertEquals(23, indices.size());
        assertPermutation(indices.subList(0, 10), 10);
        assertPermutation(indices.subList(10, 20), 10);
        assertEquals(3, new HashSet<>(indices.subList(20, 23)).size(), "the tail is a prefix of a permutation");
    }

    @Test
    void randomSamplerWithReplacementDrawsInRange() {
        RandomSampler sampler = new RandomSampler(TEN, true, 70L, new Generator().manualSeed(2));
        List<Long> indices = list(sampler);
        assertEquals(70, indices.size(), "two chunks of 32 and one of 6");
        assertEquals(70, sampler.len());
        assertTrue(indices.stream().allMatch(i -> i >= 0 && i < 10));
        assertTrue(new HashSet<>(indices).size() < 70, "with replacement indices repeat");
        assertEquals(indices, list(new RandomSampler(TEN, true, 70L, new Generator().manualSeed(2))));
    }

    @Test
    void randomSamplerWithoutAGeneratorFollowsTheDefaultGenerator() {
        Torch.manualSeed(11);
        List<Long> first = list(new RandomSampler(TEN));
        Torch.manualSeed(11);
        assertEquals(first, list(new RandomSampler(TEN)));
    }

    @Test
    void randomSamplerRejectsNoSamples() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RandomSampler(TEN, true, 0L, null));
        assertTrue(e.getMessage().contains("num_samples should be a positive integer value, but got num_samples=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RandomSampler(new DataFixtures.ListDataset<>(List.of())));
    }

    @Test
    void subsetRandomSamplerPermutesTheGivenIndices() {
        List<Long> indices = list(new SubsetRandomSampler(new long[]{4, 8, 15, 16}, new Generator().manualSeed(0)));
        assertEquals(Set.of(4L, 8L, 15L, 16L), new HashSet<>(indices));
        assertEquals(4, indices.size());
    }

    @Test
    void weightedRandomSamplerFollowsTheWeights() {
        List<Long> draws = list(new WeightedRandomSampler(new double[]{0, 1, 0, 3}, 4000, true, new Generator().manualSeed(5)));
        assertTrue(draws.stream().allMatch(i -> i == 1 || i == 3), "zero weights are never drawn");
        long threes = draws.stream().filter(i -> i == 3).count();
        assertTrue(threes > 2800 && threes < 3200, "about three quarters are 3, got " + threes);
        List<Long> distinct = list(new WeightedRandomSampler(new double[]{1, 1, 0, 1}, 3, false, new Generator().manualSeed(5)));
        assertEquals(Set.of(0L, 1L, 3L), new HashSet<>(distinct), "without replacement every draw differs");
    }

    @Test
    void weightedRandomSamplerRejectsWhatPyTorchRejects() {
        var count = assertThrows(IllegalArgumentException.class, () -> new WeightedRandomSampler(new double[]{1, 2}, 0));
        assertTrue(count.getMessage().contains("num_samples should be a positive integer value, but got num_samples=0"));
        var shape = assertThrows(IllegalArgumentException.class, () -> new WeightedRandomSampler(Torch.ones(2, 2), 1, true, null));
        assertTrue(shape.getMessage().contains("weights should be a 1d sequence but given weights have shape [2, 2]"), shape.getMessage());
    }

    @Test
    void batchSamplerGroupsAndRejectsEmptyBatches() {
        BatchSampler batches = new BatchSampler(new SequentialSampler(TEN), 4, false);
        assertEquals(List.of(List.of(0L, 1L, 2L, 3L), List.of(4L, 5L, 6L, 7L), List.of(8L, 9L)), list2(batches));
        assertEquals(3, batches.len());
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchSampler(new SequentialSampler(TEN), 0, false));
        assertTrue(e.getMessage().contains("batch_size should be a positive integer value, but got batch_size=0"));
    }

    @Test
    void aLambdaIsASamplerWithoutALength() {
        Sampler<List<Long>> batches = () -> List.of(List.of(1L)).iterator();
        assertEquals(List.of(List.of(1L)), list2(batches));
        assertThrows(UnsupportedOperationException.class, batches::len);
    }

    private static List<List<Long>> list2(Iterable<List<Long>> sampler) {
        List<List<Long>> out = new ArrayList<>();
        sampler.forEach(out::add);
        return out;
    }

    @Test
    void randomSplitPartitionsOnePermutation() {
        List<Subset<Integer>> parts = Datasets.randomSplit(TEN, new long[]{3, 7}, new Generator().manualSeed(42));
        assertEquals(3, parts.get(0).len());
        assertEquals(7, parts.get(1).len());
        List<Long> all = new ArrayList<>();
        for (Subset<Integer> part : parts) for (long i : part.indices()) all.add(i);
        assertPermutation(all, 10);
        List<Subset<Integer>> again = Datasets.randomSplit(TEN, new long[]{3, 7}, new Generator().manualSeed(42));
        assertArrayEquals(parts.get(0).indices(), again.get(0).indices(), "the same seed gives the same split");
    }

    @Test
    void randomSplitByFractions() {
        List<Subset<Integer>> parts = Datasets.randomSplit(TEN, new double[]{0.25, 0.25, 0.5}, new Generator().manualSeed(0));
        assertArrayEquals(new long[]{3, 2, 5}, parts.stream().mapToLong(Subset::len).toArray(), "floor(2.5)=2 each, the remainder to the first");
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.randomSplit(TEN, new long[]{3, 3}, null));
        assertTrue(e.getMessage().contains("Sum of input lengths does not equal the length of the input dataset!"));
        assertFalse(Datasets.randomSplit(TEN, new long[]{10}, null).isEmpty());
    }
}
