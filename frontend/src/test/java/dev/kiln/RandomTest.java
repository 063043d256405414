package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.random.Philox;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RandomTest {
    private static final int N = 100_000;

    /** Known-answer vectors of Philox4x32-10 from the Random123 distribution (kat_vectors). */
    @Test
    void philoxMatchesRandom123KnownAnswers() {
        assertArrayEquals(new int[]{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, Philox.block(0, 0, 0, 0, 0, 0));
        assertArrayEquals(new int[]{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, Philox.block(-1, -1, -1, -1, -1, -1));
        assertArrayEquals(new int[]{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                Philox.block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
    }

    @Test
    void vectorisedBlocksMatchTheScalarFunction() {
        long key = 0x0123456789ABCDEFL, first = (1L << 32) - 5;
        int[] words = new int[4 * 37];
        Philox.blocks(key, first, 37, words);
        for (int b = 0; b < 37; b++) {
            long counter = first + b;
            int[] expected = Philox.block((int) counter, (int) (counter >>> 32), 0, 0, (int) key, (int) (key >>> 32));
            assertArrayEquals(expected, Arrays.copyOfRange(words, 4 * b, 4 * b + 4), "block " + b);
        }
    }

    @Test
    void sameSeedSameNumbersForEveryThreadCount() {
        List<Function<Generator, Tensor>> samplers = List.of(
                g -> Torch.rand(new long[]{N}, g),
                g -> Torch.randn(new long[]{N}, g),
                g -> Torch.randn(new long[]{N + 1}, Torch.float64, g),
                g -> Torch.rand(new long[]{N}, Torch.bfloat16, g),
                g -> Torch.randint(-7, 1L << 40, new long[]{N}, null, g),
                g -> Torch.randperm(N, null, g),
                g -> Torch.bernoulli(Torch.full(new long[]{N}, 0.3), g),
                g -> Torch.multinomial(Torch.ones(50, 40), 20, false, g),
                g -> Torch.multinomial(Torch.arange(40.0), 5000, true, g),
                g -> Torch.normal(Torch.zeros(3, 1), Torch.ones(N / 4), g),
                g -> transposed(Torch.zeros(N / 2, 2)).uniform_(-1, 3, g));
        int threads = Parallel.getNumThreads();
        try {
            for (Function<Generator, Tensor> sampler : samplers) {
                Parallel.setNumThreads(1);
                Tensor one = sampler.apply(new Generator().manualSeed(42));
                Parallel.setNumThreads(2);
                Tensor two = sampler.apply(new Generator().manualSeed(42));
                Tensor again = sampler.apply(new Generator().manualSeed(42));
                assertEquals(values(one), values(two), "one thread vs two: " + one.dtype() + Arrays.toString(one.shape()));
                assertEquals(values(two), values(again));
                assertNotEquals(values(one), values(sampler.apply(new Generator().manualSeed(43))), "another seed, other numbers");
            }
        } finally {
            Parallel.setNumThreads(threads);
        }
    }

    @Test
    void generatorStateAdvancesAndRestores() {
        Generator g = new Generator();
        assertEquals(67280421310721L, g.initialSeed());
        g.manualSeed(7);
        Tensor state = g.getState();
        List<Object> first = values(Torch.rand(new long[]{10}, g));
        List<Object> second = values(Torch.rand(new long[]{10}, g));
        assertNotEquals(first, second, "each call advances the offset");
        g.setState(state);
        assertEquals(first, values(Torch.rand(new long[]{10}, g)));
        g.manualSeed(7);
        assertEquals(first, values(Torch.rand(new long[]{10}, g)));
        assertEquals(7, g.initialSeed());
        long seed = g.seed();
        assertEquals(seed, g.initialSeed());
        assertThrows(IllegalArgumentException.class, () -> g.setState(Torch.zeros(16)));
    }

    @Test
    void defaultGeneratorIsSeededByManualSeed() {
        assertSame(Torch.defaultGenerator(), Torch.manualSeed(123));
        List<Object> a = values(Torch.randn(5));
        Tensor state = Torch.getRngState();
        List<Object> b = values(Torch.randn(5));
        Torch.manualSeed(123);
        assertEquals(a, values(Torch.randn(5)));
        Torch.setRngState(state);
        assertEquals(b, values(Torch.randn(5)));
        assertEquals(123, Torch.initialSeed());
        Torch.manualSeed(123);
        Object byName = Dispatcher.callByName("aten::rand", List.of(new long[]{5}), Map.of());
        Torch.manualSeed(123);
        assertEquals(values((Tensor) byName), values(Torch.rand(5)));
        Generator g = new Generator().manualSeed(5);
        Object withGenerator = Dispatcher.callByName("rand.generator", List.of(new long[]{5}), Map.of("generator", g));
        assertEquals(values(Torch.rand(new long[]{5}, new Generator().manualSeed(5))), values((Tensor) withGenerator));
    }

    @Test
    void uniformSamplesHaveTheRightMoments() {
        Generator g = new Generator().manualSeed(1);
        for (DType dtype : new DType[]{DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16}) {
            double[] v = doubles(Torch.rand(new long[]{N}, dtype, g));
            assertTrue(Arrays.stream(v).allMatch(x -> x >= 0 && x < 1), dtype + " in [0, 1)");
            assertEquals(0.5, mean(v), 0.01, dtype + " mean");
            assertEquals(1.0 / 12, variance(v), 0.005, dtype + " variance");
        }
        double[] u = doubles(Torch.empty(N).uniform_(-2, 6, g));
        assertTrue(Arrays.stream(u).allMatch(x -> x >= -2 && x < 6));
        assertEquals(2, mean(u), 0.05);
    }

    @Test
    void normalSamplesHaveTheRightMoments() {
        Generator g = new Generator().manualSeed(2);
        for (DType dtype : new DType[]{DType.FLOAT32, DType.FLOAT64, DType.FLOAT16}) {
            double[] v = doubles(Torch.randn(new long[]{N + 1}, dtype, g));
            assertTrue(Arrays.stream(v).allMatch(Double::isFinite));
            assertEquals(0, mean(v), 0.02, dtype + " mean");
            assertEquals(1, variance(v), 0.03, dtype + " variance");
        }
        double[] scaled = doubles(Torch.normal(3, 0.5, new long[]{N}, g));
        assertEquals(3, mean(scaled), 0.01);
        assertEquals(0.25, variance(scaled), 0.01);
        double[] inPlace = doubles(Torch.zeros(N).normal_(-1, 2, g));
        assertEquals(-1, mean(inPlace), 0.04);
        assertEquals(4, variance(inPlace), 0.1);
        Tensor perElement = Torch.normal(Torch.tensor(new double[]{-100, 0, 100}), Torch.tensor(new double[]{0, 1, 0}), g);
        assertEquals(-100, ((Number) values(perElement).get(0)).doubleValue());
        assertEquals(100, ((Number) values(perElement).get(2)).doubleValue());
    }

    @Test
    void randintCoversItsRange() {
        Generator g = new Generator().manualSeed(3);
        long[] counts = new long[10];
        for (Object v : values(Torch.randint(-3, 7, new long[]{N}, null, g))) counts[(int) ((Long) v + 3)]++;
        for (long c : counts) assertEquals(N / 10.0, c, N / 100.0);
        double[] wide = doubles(Torch.randint(Long.MIN_VALUE, Long.MAX_VALUE, new long[]{1000}, null, g));
        assertTrue(Arrays.stream(wide).anyMatch(x -> x < -1e18) && Arrays.stream(wide).anyMatch(x -> x > 1e18));
        Tensor asFloat = Torch.randint(0, 4, new long[]{100}, Torch.float32, g);
        assertEquals(DType.FLOAT32, asFloat.dtype());
        assertTrue(Arrays.stream(doubles(asFloat)).allMatch(x -> x == Math.rint(x) && x >= 0 && x < 4));
    }

    @Test
    void randpermIsAPermutation() {
        Generator g = new Generator().manualSeed(4);
        for (int n : new int[]{1, 2, 17, 10_000}) {
            long[] p = values(Torch.randperm(n, null, g)).stream().mapToLong(x -> (Long) x).sorted().toArray();
            for (int i = 0; i < n; i++) assertEquals(i, p[i]);
        }
        Tensor small = Torch.randperm(100, Torch.int8, g);
        assertEquals(DType.INT8, small.dtype());
        assertEquals(100, new HashSet<>(values(small)).size());
        assertNotEquals(values(Torch.randperm(50, null, g)), values(Torch.arange(50)), "shuffled");
    }

    @Test
    void bernoulliFrequencies() {
        Generator g = new Generator().manualSeed(5);
        assertEquals(0.3, mean(doubles(Torch.bernoulli(Torch.full(new long[]{N}, 0.3), g))), 0.01);
        assertEquals(0.7, mean(doubles(Torch.zeros(new long[]{N}, Torch.int32).bernoulli_(0.7, g))), 0.01);
        Tensor p = Torch.tensor(new double[]{0.1, 0.9});
        double[] v = doubles(Torch.zeros(N / 2, 2).bernoulli_(p, g));
        double even = 0, odd = 0;
        for (int i = 0; i < v.length; i += 2) {
            even += v[i];
            odd += v[i + 1];
        }
        assertEquals(0.1, even / (N / 2.0), 0.01);
        assertEquals(0.9, odd / (N / 2.0), 0.01);
        Tensor bools = Torch.zeros(new long[]{100}, Torch.bool).bernoulli_(0.5, g);
        assertTrue(values(bools).stream().allMatch(x -> (Long) x == 0 || (Long) x == 1));
    }

    @Test
    void multinomialWithoutReplacementNeverRepeats() {
        Generator g = new Generator().manualSeed(6);
        Tensor probs = Torch.rand(new long[]{200, 30}, g);
        Tensor samples = Torch.multinomial(probs, 30, false, g);
        assertArrayEquals(new long[]{200, 30}, samples.shape());
        List<Object> v = values(samples);
        for (int r = 0; r < 200; r++) assertEquals(30, new HashSet<>(v.subList(30 * r, 30 * r + 30)).size(), "row " + r);
        Tensor sparse = Torch.tensor(new double[]{0, 5, 0, 1, 0, 2});
        for (int i = 0; i < 50; i++) {
            assertEquals(Set.of(1L, 3L, 5L), new HashSet<>(values(sparse.multinomial(3, false, g))), "positive categories first");
        }
    }

    @Test
    void multinomialDrawsFollowTheProbabilities() {
        Generator g = new Generator().manualSeed(7);
        Tensor probs = Torch.tensor(new double[]{1, 0, 3});
        assertFrequencies(values(Torch.multinomial(probs, N, true, g)));
        double[][] rows = new double[N / 4][];
        Arrays.fill(rows, new double[]{1, 0, 3});
        assertFrequencies(values(Torch.multinomial(Torch.tensor(rows), 1, false, g)));
    }

    private static void assertFrequencies(List<Object> draws) {
        long[] counts = new long[3];
        for (Object x : draws) counts[(int) (long) (Long) x]++;
        assertEquals(0, counts[1], "zero probability is never drawn");
        assertEquals(0.25, counts[0] / (double) draws.size(), 0.015);
        assertEquals(0.75, counts[2] / (double) draws.size(), 0.015);
    }

    private static List<Object> values(Tensor t) { return TensorValues.of(t); }

    /** A transposed (non-contiguous) view of a matrix. */
    private static Tensor transposed(Tensor m) {
        TensorData d = m.data();
        return new Tensor(new TensorData(d.dtype(), d.storage(), new long[]{d.sizes()[1], d.sizes()[0]},
                new long[]{d.strides()[1], d.strides()[0]}, d.offset()));
    }

    private static double[] doubles(Tensor t) { return values(t).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray(); }

    private static double mean(double[] v) { return Arrays.stream(v).average().orElseThrow(); }

    private static double variance(double[] v) {
        double m = mean(v);
        return Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1);
    }
}
