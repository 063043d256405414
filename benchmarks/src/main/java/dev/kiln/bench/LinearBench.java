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
 * The linear layers of a perceptron, {@code Torch.linear(x, w, b)} with x [batch, in], w [out, in] (so the GEMM
 * reads B transposed) and b [out], at batch 1 (a matrix-vector product) and 32, on all worker threads:
 * 2 * batch * in * out flops per call. PyTorch's counterpart is {@code F.linear(x, w, b)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class LinearBench {
    @Param({"1", "32"})
    public int batch;

    /** in x out features. */
    @Param({"784x512", "512x512", "512x10", "1024x1024"})
    public String shape;

    private Tensor x, w, b;

    @Setup
    public void setup() {
        String[] io = shape.split("x");
        int in = Integer.parseInt(io[0]), out = Integer.parseInt(io[1]);
        x = BenchData.randn(batch, in, 7);
        w = BenchData.randn(out, in, 8);
        b = BenchData.randn(out, 9);
    }

    /** {@code F.linear(x, w, b)}: {@code x @ w.T + b} with a freshly allocated result. */
    @Benchmark
    public Tensor linear() { return Torch.linear(x, w, b); }
}
