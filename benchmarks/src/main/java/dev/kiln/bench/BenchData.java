package dev.kiln.bench;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;

/** Seeded random inputs for the benchmarks, drawn with Kiln's own generator. */
final class BenchData {
    private BenchData() {}

    /** The JVM options every benchmark fork runs with (the Vector API module, and a heap for 64 MB tensors). */
    static final String VECTOR = "--add-modules=jdk.incubator.vector";
    static final String GC = "-XX:+UseParallelGC";
    static final String HEAP = "-Xmx4g";

    /** A float32 vector of {@code n} standard normal values. */
    static Tensor randn(int n, long seed) { return Torch.randn(new long[]{n}, new Generator().manualSeed(seed)); }

    /** A float32 {@code rows x cols} matrix of standard normal values. */
    static Tensor randn(int rows, int cols, long seed) {
        return Torch.randn(new long[]{rows, cols}, new Generator().manualSeed(seed));
    }
}
