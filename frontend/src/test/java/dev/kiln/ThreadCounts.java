package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.function.Supplier;

/** Test helper: checks that kernels give bit-identical results on one thread and on several. */
public final class ThreadCounts {
    private ThreadCounts() {}

    /** Runs {@code products} with one thread and with several, and requires equal results, product by product. */
    public static void assertIndependent(Supplier<double[][]> products) {
        int threads = Torch.getNumThreads();
        double[][] one, many;
        try {
            Torch.setNumThreads(1);
            one = products.get();
            Torch.setNumThreads(Math.max(2, threads));
            many = products.get();
        } finally {
            Torch.setNumThreads(threads);
        }
        for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], many[i], "product " + i);
    }
}
