package dev.kiln.data;

/**
 * An exception thrown in a {@link DataLoader} worker thread while it loaded a batch, rethrown in the thread that
 * iterates, where PyTorch re-raises a worker's exception: the original is the cause.
 */
public final class DataLoaderWorkerException extends RuntimeException {
    private final int workerId;

    DataLoaderWorkerException(int workerId, Throwable cause) {
        super("Caught " + cause.getClass().getSimpleName() + " in DataLoader worker " + workerId + ": " + cause.getMessage(), cause);
        this.workerId = workerId;
    }

    /** The id of the worker that threw. */
    public int workerId() { return workerId; }
}
