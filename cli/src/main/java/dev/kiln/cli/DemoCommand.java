package dev.kiln.cli;

import dev.kiln.Tensor;
import dev.kiln.TensorIndex;
import dev.kiln.Torch;
import dev.kiln.ValuesIndices;
import dev.kiln.io.Npy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kiln demo}: the main job. It shows the eager tensor core at work (views, broadcasting, type
 * promotion, reductions, indexing, seeded random numbers, {@code .npy} files) and fits a linear model by
 * gradient descent written with tensor ops. Later work grows it into training with autograd and compiling.
 */
@Command(name = "demo", description = "Show Kiln's eager tensors at work and fit a small linear model.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--steps", defaultValue = "300", description = "Gradient-descent steps for the linear fit (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the default generator (default: ${DEFAULT-VALUE}).")
    long seed;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        Torch.manualSeed(seed);
        section("Tensors, views and in-place writes");
        Tensor x = Torch.arange(12).reshape(3, 4).to(Torch.float32);
        show("x = torch.arange(12).reshape(3, 4).float()", x);
        Tensor firstColumn = x.index(TensorIndex.slice(null, null, 1), 0L);
        firstColumn.mul_(10);
        show("x[:, 0].mul_(10)  (a view: x changes too, version " + x.version() + ")", x);
        out.println("x.t() is a view with strides " + java.util.Arrays.toString(x.t().stride()) + "; contiguous: " + x.t().isContiguous());

        section("Broadcasting and type promotion");
        Tensor ints = Torch.tensor(new long[]{1, 2, 3});
        show("torch.tensor([1, 2, 3]) + 0.5", ints.add(0.5));
        show("x[:2, :3] * int64 row", x.index(TensorIndex.slice(null, 2L, 1), TensorIndex.slice(null, 3L, 1)).mul(ints));
        show("uint8 + int8 gives", Torch.tensor(new long[]{200}, Torch.uint8).add(Torch.tensor(new long[]{-1}, Torch.int8)));

        section("Reductions and selection");
        show("x.sum()", x.sum());
        show("x.mean(dim=0)", x.mean(0, false));
        ValuesIndices rowMax = x.max(1);
        show("x.max(dim=1).indices", rowMax.indices());
        show("x.softmax(dim=1)[0]", x.softmax(1).index(0L));
        show("x[[0, 2], None].shape", Torch.tensor(x.index(new long[]{0, 2}, TensorIndex.NONE).shape()));

        section("Seeded random numbers");
        Tensor a = Torch.randn(2, 3);
        Torch.manualSeed(seed);
        Tensor b = Torch.randn(2, 3);
        show("torch.manual_seed(" + seed + "); torch.randn(2, 3)  (twice: equal = " + a.eq(b).all().item() + ")", a);

        section("A linear model fitted by gradient descent");
        fitLine();

        section(".npy files");
        Path file = Files.createTempFile("kiln-demo", ".npy");
        try {
            Npy.save(x, file);
            show("saved x to " + file.getFileName() + " and read it back: equal = " + Npy.load(file).eq(x).all().item(), Npy.load(file));
        } finally {
            Files.deleteIfExists(file);
        }
        return 0;
    }

    /** Fits y = 3x - 2 (plus noise) with mean-squared-error gradients written out by hand: w -= lr * X^T (Xw - y) * 2/n. */
    private void fitLine() {
        int n = 256;
        Tensor inputs = Torch.linspace(-1, 1, n).reshape(n, 1);
        Tensor design = Torch.cat(java.util.List.of(inputs, Torch.ones(n, 1)), 1);
        Tensor targets = inputs.mul(3).sub(2).add(Torch.randn(n, 1).mul(0.1));
        Tensor weights = Torch.zeros(2, 1);
        double rate = 0.1;
        for (int step = 1; step <= steps; step++) {
            Tensor residual = design.mm(weights).sub(targets);
            Tensor gradient = design.t().mm(residual).mul(2.0 / n);
            weights.sub_(gradient.mul(rate));
            if (step == 1 || step % Math.max(1, steps / 4) == 0) {
                out.printf("  step %4d  loss %.5f  w = %.4f  b = %.4f%n", step, residual.pow(2).mean().itemDouble(),
                        weights.index(0L, 0L).itemDouble(), weights.index(1L, 0L).itemDouble());
            }
        }
        out.println("  (the data was made with w = 3, b = -2)");
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    private void show(String label, Tensor t) {
        out.println(label + ":");
        out.println("  " + t.toString().replace("\n", "\n  "));
    }
}
