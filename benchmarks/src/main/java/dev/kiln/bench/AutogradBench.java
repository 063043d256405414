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
 * The cost of autograd on small tensors, next to PyTorch's identical cases in benchmarks/pytorch_bench.py.
 * <ul>
 *   <li>{@code chain}: a 16-element float32 leaf requiring grad goes through {@code ops} small ops, repeating
 *   {@code y * c}, {@code y + d}, {@code tanh(y)}, {@code sin(y)} (constant tensors {@code c} and {@code d}), then
 *   {@code y.sum().backward()}; {@code chainForward} is the same forward, recorded, without the backward. Their
 *   difference over {@code ops} is the backward cost per op (compare.py prints it).</li>
 *   <li>{@code mlp}: one training step's forward and backward of a 3-layer perceptron, batch 32,
 *   64 → 128 → 128 → 10, {@code x.matmul(w).add(b).relu()} per hidden layer and a sum as the loss;
 *   {@code mlpForward} is its forward alone.</li>
 * </ul>
 * Each backward starts with the gradients cleared ({@code x.grad = None}), as {@code zero_grad(set_to_none=True)}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class AutogradBench {
    /** The chain's leaf, its constants and its length. */
    @State(Scope.Thread)
    public static class Chain {
        /** The number of ops in the chain. */
        @Param({"32"})
        public int ops;

        Tensor x, c, d;

        @Setup
        public void setup() {
            x = BenchData.randn(16, 11).requiresGrad_();
            c = BenchData.randn(16, 12).mul(0.1).add(1.0);
            d = BenchData.randn(16, 13);
        }

        Tensor loss() {
            Tensor y = x;
            for (int i = 0; i < ops; i++) {
                y = switch (i % 4) {
                    case 0 -> y.mul(c);
                    case 1 -> y.add(d);
                    case 2 -> y.tanh();
                    default -> y.sin();
                };
            }
            return y.sum();
        }
    }

    /** The perceptron's input batch and parameters. */
    @State(Scope.Thread)
    public static class Mlp {
        Tensor input, w1, b1, w2, b2, w3, b3;
        Tensor[] parameters;

        @Setup
        public void setup() {
            input = BenchData.randn(32, 64, 20);
            w1 = weight(64, 128, 21);
            b1 = bias(128, 22);
            w2 = weight(128, 128, 23);
            b2 = bias(128, 24);
            w3 = weight(128, 10, 25);
            b3 = bias(10, 26);
            parameters = new Tensor[]{w1, b1, w2, b2, w3, b3};
        }

        private static Tensor weight(int in, int out, long seed) {
            return BenchData.randn(in, out, seed).mul(1 / Math.sqrt(in)).requiresGrad_();
        }

        private static Tensor bias(int n, long seed) { return BenchData.randn(n, seed).mul(0.1).requiresGrad_(); }

        Tensor loss() {
            Tensor h = input.matmul(w1).add(b1).relu();
            h = h.matmul(w2).add(b2).relu();
            return h.matmul(w3).add(b3).sum();
        }
    }

    /** Forward through the chain and backward to {@code x}; returns {@code x.grad}. */
    @Benchmark
    public Tensor chain(Chain s) {
        s.x.setGrad(null);
        s.loss().backward();
        return s.x.grad();
    }

    /** The chain's forward with its graph recorded, and no backward. */
    @Benchmark
    public Tensor chainForward(Chain s) { return s.loss(); }

    /** One step's forward and backward of the perceptron; returns the last layer's weight gradient. */
    @Benchmark
    public Tensor mlp(Mlp s) {
        for (Tensor p : s.parameters) p.setGrad(null);
        s.loss().backward();
        return s.w3.grad();
    }

    /** The perceptron's forward with its graph recorded, and no backward. */
    @Benchmark
    public Tensor mlpForward(Mlp s) { return s.loss(); }
}
