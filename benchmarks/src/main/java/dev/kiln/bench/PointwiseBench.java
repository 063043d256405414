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
 * Eager element-wise ops on contiguous float32 vectors of 1K to 16M elements: the time of one op call from the
 * Java API, including dispatch, allocating the result and (from 32K elements) fanning out to the worker pool.
 * Compare with PyTorch's {@code torch.add(a, b)}, {@code torch.relu(a)} and {@code torch.exp(a)} in benchmarks/pytorch_bench.py.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class PointwiseBench {
    @Param({"1024", "65536", "1048576", "4194304", "16777216"})
    public int size;

    private Tensor a, b, c;

    @Setup
    public void setup() {
        a = BenchData.randn(size, 1);
        b = BenchData.randn(size, 2);
        c = BenchData.randn(size, 4);
    }

    /** {@code a + b}: reads two vectors, writes one (12 bytes per element). */
    @Benchmark
    public Tensor add() { return a.add(b); }

    /** {@code c.add_(b)}: the same kernel without allocating the result, separating kernel speed from allocation. */
    @Benchmark
    public Tensor add_() { return c.add_(b); }

    /** {@code relu(a)}: a cheap unary op (8 bytes per element). */
    @Benchmark
    public Tensor relu() { return a.relu(); }

    /** {@code exp(a)}: one transcendental per element (8 bytes per element). */
    @Benchmark
    public Tensor exp() { return a.exp(); }
}
