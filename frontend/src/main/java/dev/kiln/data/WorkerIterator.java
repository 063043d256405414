package dev.kiln.data;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A pass whose batches worker threads load ({@code _MultiProcessingDataLoaderIter}): requests go to the workers in
 * turn, {@code prefetchFactor} per worker outstanding, and replies are handed out in request order whatever order they
 * arrive in. An iterable dataset's worker that runs dry is retired and the others carry on.
 */
final class WorkerIterator<B> extends PassIterator<B> {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final long STATUS_CHECK_MILLIS = 1_000;

    /** A request sent and, once it has come back out of order, its reply. */
    private static final class Task {
        final int workerId;
        Workers.Reply reply;

        Task(int workerId) { this.workerId = workerId; }
    }

    private final DataLoader<B> loader;
    private final Workers workers;
    private final Cleaner.Cleanable cleanable;
    private final Map<Long, Task> tasks = new HashMap<>();
    private final boolean[] workerActive;
    private Iterator<?> indices;
    private long sendIndex;
    private long receiveIndex;
    private int nextWorker;

    WorkerIterator(DataLoader<B> loader) {
        this.loader = loader;
        indices = loader.indexIterator();
        workers = new Workers(loader, Seeds.draw(loader.generator));
        cleanable = CLEANER.register(this, workers::shutdown);
        workerActive = new boolean[loader.numWorkers];
        reset(true);
    }

    /** Starts a new pass on the same workers (persistent workers): a fresh sampler pass and fresh fetchers. */
    void restart() {
        indices = loader.indexIterator();
        reset(false);
    }

    private void reset(boolean firstPass) {
        sendIndex = 0;
        receiveIndex = 0;
        tasks.clear();
        discardPending(false);
        Arrays.fill(workerActive, true);
        nextWorker = 0;
        if (!firstPass) {
            for (int id = 0; id < loader.numWorkers; id++) workers.requests.get(id).add(new Workers.Resume());
            int waiting = loader.numWorkers;
            while (waiting > 0) {
                if (nextReply() instanceof Workers.Resumed) waiting--;
            }
        }
        for (int i = 0; i < loader.prefetchFactor * loader.numWorkers; i++) sendNext();
    }

    boolean isClosed() { return workers.isShutDown(); }

    /** The next batch in request order, or END ({@code _next_data}). */
    @Override
    Object advance() {
        if (workers.isShutDown()) return END;
        while (true) {
            while (receiveIndex < sendIndex) {
                Task task = tasks.get(receiveIndex);
                if (task.reply != null || workerActive[task.workerId]) break;
                tasks.remove(receiveIndex++);
            }
            if (receiveIndex >= sendIndex) {
                if (!loader.persistentWorkers) close();
                return END;
            }
            Task current = tasks.get(receiveIndex);
            if (current.reply != null) {
                tasks.remove(receiveIndex);
                return process(current.reply);
            }
            Workers.Reply reply = nextReply();
            if (reply instanceof Workers.Exhausted exhausted) {
                workerActive[exhausted.workerId()] = false;
                if (!loader.persistentWorkers) workers.stop(exhausted.workerId());
                sendNext();
                continue;
            }
            long index = switch (reply) {
                case Workers.Loaded loaded -> loaded.taskIndex();
                case Workers.Failed failed -> failed.taskIndex();
                default -> throw new IllegalStateException("DataLoader: unexpected reply from worker " + reply.workerId() + ": " + reply);
            };
            if (index != receiveIndex) {
                tasks.get(index).reply = reply;
            } else {
                tasks.remove(index);
                return process(reply);
            }
        }
    }

    /** Hands out a reply in order, sending the next request first as PyTorch does; a worker's exception is rethrown. */
    private Object process(Workers.Reply reply) {
        receiveIndex++;
        sendNext();
        if (reply instanceof Workers.Failed failed) throw new DataLoaderWorkerException(failed.workerId(), failed.error());
        return ((Workers.Loaded) reply).batch();
    }

    /** Sends the sampler's next step to the next active worker in turn ({@code _try_put_index}). */
    private void sendNext() {
        if (!indices.hasNext()) return;
        Object index = indices.next();
        int worker = -1;
        for (int i = 0; i < workerActive.length && worker < 0; i++) {
            int candidate = nextWorker;
            nextWorker = (nextWorker + 1) % workerActive.length;
            if (workerActive[candidate]) worker = candidate;
        }
        if (worker < 0) return;
        workers.requests.get(worker).add(new Workers.Load(sendIndex, index));
        tasks.put(sendIndex++, new Task(worker));
    }

    /** The next reply from any worker, waiting at most the loader's timeout, and failing if a worker thread died. */
    private Workers.Reply nextReply() {
        try {
            if (loader.timeout > 0) {
                Workers.Reply reply = workers.replies.poll((long) (loader.timeout * 1e9), TimeUnit.NANOSECONDS);
                if (reply == null) throw new IllegalStateException("DataLoader timed out after " + loader.timeout + " seconds");
                return reply;
            }
            while (true) {
                Workers.Reply reply = workers.replies.poll(STATUS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (reply != null) return reply;
                for (int id = 0; id < workerActive.length; id++) {
                    if (workerActive[id] && !workers.threads.get(id).isAlive()) {
                        workerActive[id] = false;
                        throw new IllegalStateException("DataLoader worker " + id + " exited unexpectedly");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("DataLoader: interrupted while waiting for a batch from the workers", e);
        }
    }

    @Override
    public void close() {
        discardPending(true);
        cleanable.clean();
    }
}
