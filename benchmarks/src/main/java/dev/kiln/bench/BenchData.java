package dev.kiln.bench;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.SplittableRandom;

/** Seeded random inputs for the benchmarks, built through the public API. */
final class BenchData {
    private BenchData() {}

    /** The JVM options every benchmark fork runs with (the Vector API module, and a heap for 64 MB tensors). */
    static final String VECTOR = "--add-modules=jdk.incubator.vector";
    static final String GC = "-XX:+UseParallelGC";
    static final String HEAP = "-Xmx4g";

    /** A float32 vector of {@code n} standard normal values. */
    static Tensor randn(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) gaussian(r);
        return Torch.tensor(x);
    }

    /** A float32 {@code rows x cols} matrix of standard normal values. */
    static Tensor randn(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int j = 0; j < cols; j++) row[j] = (float) gaussian(r);
        }
        return Torch.tensor(x);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
