package dev.kiln.bench;

import dev.kiln.Tensor;
import dev.kiln.Torch;
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
 * Square float32 matrix products (SGEMM) of order 64 to 2048 through {@code Torch.mm} and
 * {@code Torch.matmul}, on all worker threads: 2n^3 flops per call, so GFLOP/s = 2n^3 / time. PyTorch's
 * counterpart is {@code torch.mm(a, b)} on OpenBLAS.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class MatmulBench {
    @Param({"64", "128", "256", "512", "1024", "2048"})
    public int n;

    private Tensor a, b;

    @Setup
    public void setup() {
        a = BenchData.randn(n, n, 5);
        b = BenchData.randn(n, n, 6);
    }

    /** {@code torch.mm(a, b)}: the GEMM with a freshly allocated result. */
    @Benchmark
    public Tensor mm() { return Torch.mm(a, b); }

    /** {@code torch.matmul(a, b)}: the same product through matmul's case analysis. */
    @Benchmark
    public Tensor matmul() { return Torch.matmul(a, b); }
}
