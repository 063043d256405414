package dev.kiln.bench;

import dev.kiln.Torch;
import dev.kiln.cli.demo.DemoModel;
import dev.kiln.cli.demo.Splits;
import dev.kiln.cli.demo.Trainer;
import java.io.IOException;
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
 * One training epoch of {@code ./kiln demo}: the demo CNN over optdigits' 1,257 training images in shuffled batches
 * of 32, forward, cross-entropy, backward and an Adam step per batch (the model keeps training from call to call, as
 * epochs do). PyTorch's counterpart in benchmarks/pytorch_bench.py builds the same model, data and loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class DemoBench {
    private Trainer trainer;

    @Setup
    public void setup() throws IOException {
        Torch.manualSeed(0);
        Splits splits = Splits.optdigits(0);
        trainer = new Trainer(DemoModel.cnn(splits.side(), 10), splits.train(), 32, 1e-3, 0);
    }

    /** One epoch; returns its score so that nothing is optimised away. */
    @Benchmark
    public Trainer.Score epoch() { return trainer.epoch(null); }
}
