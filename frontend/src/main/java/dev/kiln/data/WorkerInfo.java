package dev.kiln.data;

/**
 * What a {@link DataLoader} worker thread knows about itself ({@code torch.utils.data.get_worker_info()}): its id in
 * {@code [0, numWorkers)}, the number of workers, its seed ({@code base_seed + id}, the base drawn from the loader's
 * generator each pass) and the dataset it reads. Kiln's workers are threads of one process, so the seed is not
 * applied to the shared default generator as PyTorch's worker processes apply it to theirs: a worker that wants its
 * own random stream makes one with {@code new Generator().manualSeed(WorkerInfo.get().seed())}.
 */
public record WorkerInfo(int id, int numWorkers, long seed, Object dataset) {
    private static final ThreadLocal<WorkerInfo> CURRENT = new ThreadLocal<>();

    /** The calling worker's information, or null outside a loader's worker threads (in the main thread). */
    public static WorkerInfo get() { return CURRENT.get(); }

    static void set(WorkerInfo info) { CURRENT.set(info); }

    @Override
    public String toString() { return "WorkerInfo(id=" + id + ", num_workers=" + numWorkers + ", seed=" + seed + ")"; }
}
