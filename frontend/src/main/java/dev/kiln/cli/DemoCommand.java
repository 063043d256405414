package dev.kiln.cli;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code kiln demo}: the main job. For now it shows eager tensors at work; training and compiling come next. */
@Command(name = "demo", description = "Show Kiln's eager tensors at work.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Tensor x = Torch.tensor(new float[][]{{1, 2, 3}, {4, 5, 6}});
        Tensor bias = Torch.tensor(new long[]{10, 20, 30});
        Tensor y = x.add(bias, 0.5);
        out.println("x    = " + describe(x));
        out.println("bias = " + describe(bias));
        out.println("x + 0.5 * bias (broadcast, int64 promoted to float32) = " + describe(y));
        out.println("exp(x) = " + describe(x.exp()));
        return 0;
    }

    private static String describe(Tensor t) {
        return Arrays.toString(t.shape()) + " " + t.dtype();
    }
}
