package dev.kiln.bench;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
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
 * The normalizations on 4M float32 elements: batch norm of a [32, 128, 32, 32] activation with weight, bias and
 * running statistics, in evaluation and in training (batch statistics, running statistics updated); layer norm,
 * softmax and log-softmax over the rows of a [4096, 1024] matrix, layer norm with weight and bias. Compare with
 * the same cases in pytorch_bench.py.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class NormBench {
    private Tensor image, weight, bias, runningMean, runningVar, rows, rowWeight, rowBias;

    @Setup
    public void setup() {
        image = Torch.randn(new long[]{32, 128, 32, 32}, new Generator().manualSeed(1));
        weight = BenchData.randn(128, 2);
        bias = BenchData.randn(128, 3);
        runningMean = BenchData.randn(128, 4);
        runningVar = BenchData.randn(128, 5).abs();
        rows = BenchData.randn(4096, 1024, 6);
        rowWeight = BenchData.randn(1024, 7);
        rowBias = BenchData.randn(1024, 8);
    }

    /** {@code F.batch_norm(image, running_mean, running_var, weight, bias, training=False)}. */
    @Benchmark
    public Tensor batchNormEval() { return Torch.batchNorm(image, runningMean, runningVar, weight, bias, false); }

    /** {@code F.batch_norm(image, running_mean, running_var, weight, bias, training=True)}. */
    @Benchmark
    public Tensor batchNormTrain() { return Torch.batchNorm(image, runningMean, runningVar, weight, bias, true); }

    /** {@code F.layer_norm(rows, [1024], weight, bias)}. */
    @Benchmark
    public Tensor layerNorm() { return Torch.layerNorm(rows, new long[]{1024}, rowWeight, rowBias); }

    /** {@code torch.softmax(rows, -1)}. */
    @Benchmark
    public Tensor softmax() { return rows.softmax(-1); }

    /** {@code torch.log_softmax(rows, -1)}. */
    @Benchmark
    public Tensor logSoftmax() { return rows.logSoftmax(-1); }
}
