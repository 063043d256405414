package dev.kiln.bench;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Float32 2-D convolutions of ResNet-18 and MobileNetV2 on all worker threads, padding k / 2, no bias. A case
 * {@code NxCxHxW-OkKsS[dw]} is a batch of N images of C channels, H x W, into O channels with a K x K kernel at
 * stride S; {@code dw} makes it depthwise (groups = C). {@code conv} is the forward pass (2·N·O·OH·OW·C/groups·K²
 * flops); {@code convBackward} the forward plus the input and weight gradients of a ResNet 3x3 layer through
 * autograd (three times the forward's flops). PyTorch's counterparts in pytorch_bench.py's "conv" group call
 * {@code F.conv2d} on the same shapes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchData.VECTOR, BenchData.GC, BenchData.HEAP})
public class ConvBench {
    private static final Pattern CASE = Pattern.compile("(\\d+)x(\\d+)x(\\d+)x(\\d+)-(\\d+)k(\\d+)s(\\d+)(dw)?");

    /** Shared with the backward state: the cases it times are the ones named here. */
    @State(Scope.Benchmark)
    public static class Forward {
        @Param({
                "1x64x56x56-64k3s1", "8x64x56x56-64k3s1", "1x128x28x28-128k3s1", "8x128x28x28-128k3s1",
                "1x256x14x14-256k3s1", "8x256x14x14-256k3s1", "1x512x7x7-512k3s1", "8x512x7x7-512k3s1",
                "1x64x56x56-64k1s1", "8x64x56x56-64k1s1", "1x128x28x28-128k1s1", "8x128x28x28-128k1s1",
                "1x256x14x14-256k1s1", "8x256x14x14-256k1s1", "1x512x7x7-512k1s1", "8x512x7x7-512k1s1",
                "1x64x56x56-128k1s2", "8x64x56x56-128k1s2",
                "1x32x112x112-32k3s1dw", "8x32x112x112-32k3s1dw", "1x96x112x112-96k3s2dw", "8x96x112x112-96k3s2dw",
                "1x144x56x56-144k3s1dw", "8x144x56x56-144k3s1dw", "1x192x28x28-192k3s1dw", "8x192x28x28-192k3s1dw",
                "1x384x14x14-384k3s1dw", "8x384x14x14-384k3s1dw", "1x576x14x14-576k3s2dw", "8x576x14x14-576k3s2dw",
                "1x960x7x7-960k3s1dw", "8x960x7x7-960k3s1dw"})
        public String shape;

        Tensor input, weight;
        long stride, padding, groups;

        @Setup
        public void setup() {
            Matcher m = CASE.matcher(shape);
            if (!m.matches()) throw new IllegalArgumentException("ConvBench: expected a case like 8x64x56x56-64k3s1[dw], got " + shape);
            long n = Long.parseLong(m.group(1)), c = Long.parseLong(m.group(2)), h = Long.parseLong(m.group(3));
            long w = Long.parseLong(m.group(4)), out = Long.parseLong(m.group(5)), k = Long.parseLong(m.group(6));
            stride = Long.parseLong(m.group(7));
            padding = k / 2;
            groups = m.group(8) != null ? c : 1;
            input = Torch.randn(new long[]{n, c, h, w}, new Generator().manualSeed(1));
            weight = Torch.randn(new long[]{out, c / groups, k, k}, new Generator().manualSeed(2)).mul(1 / Math.sqrt(c / groups * k * k));
        }

        Tensor conv(Tensor x, Tensor w) { return Torch.conv2d(x, w, null, stride, padding, 1, groups); }
    }

    /** The backward case: a ResNet 3x3 layer with input and weight requiring gradients, and a seeded output gradient. */
    @State(Scope.Benchmark)
    public static class Backward {
        @Param({"8x64x56x56-64k3s1"})
        public String backwardShape;

        Forward layer;
        Tensor input, weight, gradOutput;

        @Setup
        public void setup() {
            layer = new Forward();
            layer.shape = backwardShape;
            layer.setup();
            input = layer.input.detach().requiresGrad_();
            weight = layer.weight.detach().requiresGrad_();
            gradOutput = Torch.randn(layer.conv(layer.input, layer.weight).sizes(), new Generator().manualSeed(3));
        }
    }

    /** {@code F.conv2d(x, w, None, stride, k // 2, 1, groups)}. */
    @Benchmark
    public Tensor conv(Forward f) { return f.conv(f.input, f.weight); }

    /** {@code torch.autograd.grad(F.conv2d(x, w, padding=1), (x, w), g)}: forward, input gradient and weight gradient. */
    @Benchmark
    public List<Tensor> convBackward(Backward b) {
        Tensor y = b.layer.conv(b.input, b.weight);
        return Autograd.grad(List.of(y), List.of(b.input, b.weight), List.of(b.gradOutput), null, false, false);
    }
}
