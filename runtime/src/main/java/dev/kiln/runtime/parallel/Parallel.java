package dev.kiln.runtime.parallel;

/**
 * The process-wide worker pool that kernels split work over, sized to the machine and settable like
 * {@code torch.set_num_threads}. Work below the grain size runs on the caller's thread with no hand-off,
 * so small tensors pay nothing for parallelism.
 */
public final class Parallel {
    private Parallel() {}

    /** A piece of work over the index range {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(long start, long end);
    }

    private static volatile WorkerPool pool = new WorkerPool(Runtime.getRuntime().availableProcessors());

    public static int getNumThreads() { return pool.threads(); }

    /** Sets the number of threads kernels use (including the calling thread). */
    public static synchronized void setNumThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("set_num_threads: number of threads must be positive, got " + threads);
        if (threads == pool.threads()) return;
        WorkerPool old = pool;
        pool = new WorkerPool(threads);
        old.shutdown();
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most one piece per thread, each at least {@code grain}
     * long. Returns after every piece has run; the first exception thrown by a piece is rethrown.
     */
    public static void forRange(long n, long grain, RangeBody body) {
        if (n <= 0) return;
        WorkerPool p = pool;
        long pieces = Math.min(p.threads(), Math.max(1, n / Math.max(grain, 1)));
        if (pieces <= 1) {
            body.run(0, n);
            return;
        }
        p.run((int) pieces, i -> body.run(n * i / pieces, n * (i + 1) / pieces));
    }
}
