package dev.kiln.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker threads of one {@link WorkerIterator}, each with its own queue of requests and all answering on one
 * result queue ({@code _worker_loop}). Holds no reference to the iterator, so that a cleaner can stop the threads
 * once an abandoned iterator is collected.
 */
final class Workers {
    private static final AtomicLong SERIAL = new AtomicLong();
    private static final long JOIN_MILLIS = 5_000;

    /** What the iterator sends a worker: a batch to load, the start of a new pass, or the end. */
    sealed interface Request {}

    record Load(long taskIndex, Object index) implements Request {}

    record Resume() implements Request {}

    record Stop() implements Request {}

    /** What a worker sends back: a batch, an exception, the end of its iterable stream, or the acknowledgement of a resume. */
    sealed interface Reply {
        int workerId();
    }

    record Loaded(long taskIndex, int workerId, Object batch) implements Reply {}

    record Failed(long taskIndex, int workerId, Throwable error) implements Reply {}

    record Exhausted(long taskIndex, int workerId) implements Reply {}

    record Resumed(int workerId) implements Reply {}

    final List<BlockingQueue<Request>> requests = new ArrayList<>();
    final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final DataLoader<?> loader;

    Workers(DataLoader<?> loader, long baseSeed) {
        this.loader = loader;
        long serial = SERIAL.incrementAndGet();
        for (int id = 0; id < loader.numWorkers; id++) {
            BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
            requests.add(queue);
            WorkerInfo info = new WorkerInfo(id, loader.numWorkers, baseSeed + id, loader.dataset());
            Thread thread = new Thread(() -> loop(info, queue), "kiln-data-worker-" + serial + "-" + id);
            thread.setDaemon(true);
            threads.add(thread);
        }
        loader.running.add(this);
        threads.forEach(Thread::start);
    }

    private void loop(WorkerInfo info, BlockingQueue<Request> queue) {
        WorkerInfo.set(info);
        int id = info.id();
        Throwable initError = null;
        Fetcher fetcher = null;
        try {
            if (loader.workerInitFn != null) loader.workerInitFn.accept(id);
            fetcher = loader.newFetcher();
        } catch (Throwable e) {
            initError = e;
        }
        boolean iterationEnd = false;
        try {
            while (true) {
                Request request = queue.take();
                switch (request) {
                    case Stop stop -> {
                        return;
                    }
                    case Resume resume -> {
                        iterationEnd = false;
                        try {
                            if (initError == null) fetcher = loader.newFetcher();
                        } catch (Throwable e) {
                            initError = e;
                        }
                        replies.put(new Resumed(id));
                    }
                    case Load load -> {
                        if (done.get() || iterationEnd) continue;
                        Reply reply;
                        if (initError != null) {
                            reply = new Failed(load.taskIndex(), id, initError);
                        } else {
                            try {
                                reply = new Loaded(load.taskIndex(), id, fetcher.fetch(load.index()));
                            } catch (Fetcher.End end) {
                                reply = new Exhausted(load.taskIndex(), id);
                                iterationEnd = true;
                            } catch (Throwable e) {
                                reply = new Failed(load.taskIndex(), id, e);
                            }
                        }
                        replies.put(reply);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            WorkerInfo.set(null);
        }
    }

    /** Asks worker {@code id} to stop once it has answered what it was sent. */
    void stop(int id) { requests.get(id).add(new Stop()); }

    boolean isShutDown() { return done.get(); }

    /** Stops every worker and waits for each to end (interrupting one that is still busy after five seconds). */
    void shutdown() {
        if (!done.compareAndSet(false, true)) return;
        for (int id = 0; id < threads.size(); id++) stop(id);
        try {
            for (Thread thread : threads) {
                thread.join(JOIN_MILLIS);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(JOIN_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loader.running.remove(this);
        }
    }
}
