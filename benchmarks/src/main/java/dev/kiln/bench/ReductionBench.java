package dev.kiln.bench;

import dev.kiln.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full reduction of contiguous float32 vectors of 1K to 16M elements: one {@code sum()} call from the Java
 * API (reads 4 bytes per element, writes one scalar). Compare with {@code torch.sum(a)} in pytorch_bench.py.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class ReductionBench {
    @Param({"1024", "65536", "1048576", "4194304", "16777216"})
    public int size;

    private Tensor a;

    @Setup
    public void setup() { a = BenchData.randn(size, 3); }

    /** {@code a.sum()} over every element. */
    @Benchmark
    public Tensor sum() { return a.sum(); }
}
