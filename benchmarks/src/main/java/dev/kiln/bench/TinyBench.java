package dev.kiln.bench;

import dev.kiln.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fixed cost of one eager op: adding two 1-element float32 tensors is all dispatch (binding, shape rule,
 * output allocation, kernel selection) and no arithmetic. PyTorch's counterpart is {@code a + b} on two
 * 1-element tensors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class TinyBench {
    private Tensor a, b;

    @Setup
    public void setup() {
        a = BenchData.randn(1, 3);
        b = BenchData.randn(1, 4);
    }

    /** {@code a + b} for two 1-element tensors. */
    @Benchmark
    public Tensor add() { return a.add(b); }
}
