package dev.kiln.runtime.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Spin-then-park workers: a job is handed over through a volatile field that idle workers poll for a few
 * microseconds before parking, so back-to-back kernels cost well under a microsecond to fan out (an
 * ExecutorService costs ~30 µs here). One job runs at a time; a caller that finds the pool busy (a nested
 * or concurrent kernel) runs its pieces itself.
 */
final class WorkerPool {
    private static final int SPINS = 20_000;

    private final int threads;
    private final Thread[] workers;
    private final ReentrantLock busy = new ReentrantLock();
    private volatile Job job;
    private volatile boolean stopped;

    private static final class Job {
        final int pieces;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int pieces, IntConsumer body) {
            this.pieces = pieces;
            this.body = body;
        }

        void work() {
            for (int i; (i = next.getAndIncrement()) < pieces; ) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    WorkerPool(int threads) {
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = Thread.ofPlatform().daemon().name("kiln-worker-" + i).start(this::loop);
        }
    }

    int threads() { return threads; }

    void run(int pieces, IntConsumer body) {
        Job j = new Job(pieces, body);
        if (!busy.tryLock()) {
            j.work();
            rethrow(j);
            return;
        }
        try {
            job = j;
            for (Thread w : workers) LockSupport.unpark(w);
            j.work();
            while (j.done.get() < pieces) Thread.onSpinWait();
            job = null;
        } finally {
            busy.unlock();
        }
        rethrow(j);
    }

    private static void rethrow(Job j) {
        Throwable t = j.failure.get();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
    }

    private void loop() {
        Job last = null;
        while (!stopped) {
            Job j = job;
            for (int spin = 0; (j == null || j == last) && spin < SPINS; spin++) {
                Thread.onSpinWait();
                j = job;
            }
            if (j == null || j == last) {
                LockSupport.parkNanos(this, 50_000_000L);
                continue;
            }
            last = j;
            j.work();
        }
    }

    void shutdown() {
        stopped = true;
        for (Thread w : workers) LockSupport.unpark(w);
    }
}
