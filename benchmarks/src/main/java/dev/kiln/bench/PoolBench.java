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
 * The poolings of a ResNet on float32 NCHW inputs, on all worker threads: the stem's 3x3 stride-2 max pooling
 * (padding 1) of 8x64x112x112, and on the last stage's 8x512x7x7 a 3x3 stride-1 average pooling (padding 1), the
 * global average pooling (a 1x1 adaptive average: a mean) and a 2x2 adaptive average pooling. PyTorch's counterparts
 * in pytorch_bench.py call the same {@code torch.nn.functional} poolings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class PoolBench {
    private Tensor stem, last;

    @Setup
    public void setup() {
        stem = Torch.randn(new long[]{8, 64, 112, 112}, new Generator().manualSeed(7));
        last = Torch.randn(new long[]{8, 512, 7, 7}, new Generator().manualSeed(8));
    }

    /** {@code F.max_pool2d(stem, 3, 2, 1)}. */
    @Benchmark
    public Tensor maxPool2d() { return Torch.maxPool2d(stem, 3, 2, 1); }

    /** {@code F.avg_pool2d(last, 3, 1, 1)}. */
    @Benchmark
    public Tensor avgPool2d() { return Torch.avgPool2d(last, 3, 1, 1); }

    /** {@code F.adaptive_avg_pool2d(last, 1)}. */
    @Benchmark
    public Tensor adaptiveAvgPool2dGlobal() { return Torch.adaptiveAvgPool2d(last, 1); }

    /** {@code F.adaptive_avg_pool2d(last, 2)}. */
    @Benchmark
    public Tensor adaptiveAvgPool2d() { return Torch.adaptiveAvgPool2d(last, 2); }
}
