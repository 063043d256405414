package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** "Multithreaded Autograd" in PyTorch's notes: backward on several threads, with and without shared leaves. */
class MultithreadedBackwardTest {
    private static Tensor full(double value, long... sizes) { return Torch.ones(sizes).mul(Torch.tensor(new double[]{value})); }

    private static void onThreads(int threads, Runnable body) throws InterruptedException, ExecutionException {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) done.add(pool.submit(body));
            for (Future<?> f : done) f.get();
        }
    }

    @Test
    void independentGraphsOnTenThreads() throws Exception {
        // def train_fn(): x = torch.ones(5, 5, requires_grad=True); y = (x + 3) * (x + 4) * 0.5; y.sum().backward()
        // on 10 threads: each x.grad -> 4.5 everywhere ((2x + 7) / 2 at x = 1)
        List<Tensor> grads = java.util.Collections.synchronizedList(new ArrayList<>());
        onThreads(10, () -> {
            Tensor x = Torch.ones(5, 5).requiresGrad_();
            Tensor y = x.add(full(3, 5, 5)).mul(x.add(full(4, 5, 5))).mul(full(0.5, 5, 5));
            y.sum().backward();
            grads.add(x.grad());
        });
        double[] want = new double[25];
        java.util.Arrays.fill(want, 4.5);
        for (Tensor g : grads) assertArrayEquals(want, g.toDoubleArray());
    }

    @Test
    void sharedLeafAccumulatesEveryThreadsGradient() throws Exception {
        // a leaf shared by 4 threads, each running 200 backward calls of (w * c).sum() -> w.grad == 800 * c exactly
        Tensor w = Torch.ones(64).requiresGrad_();
        Tensor c = Torch.arange(64).float32();
        onThreads(4, () -> {
            for (int i = 0; i < 200; i++) w.mul(c).sum().backward();
        });
        assertArrayEquals(c.mul(Torch.tensor(new double[]{800})).toDoubleArray(), w.grad().toDoubleArray());
    }

    @Test
    void sharedGraphWithRetainGraph() throws Exception {
        // h = w.mul(w) shared; each thread: h.mul(c).sum().backward(retain_graph=True) -> w.grad == 8 threads * 2w * c
        Tensor w = Torch.arange(16).float32().requiresGrad_();
        Tensor h = w.mul(w);
        Tensor c = full(3, 16);
        onThreads(8, () -> h.mul(c).sum().backward(null, true, false, null));
        assertArrayEquals(w.detach().mul(full(48, 16)).toDoubleArray(), w.grad().toDoubleArray());
    }

}
