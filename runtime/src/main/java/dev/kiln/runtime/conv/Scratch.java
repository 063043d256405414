package dev.kiln.runtime.conv;

/**
 * Per-thread float buffers that the convolution kernels reuse from call to call: a fresh array of a few MiB costs
 * more to allocate and zero (and to collect) than the work done in it. A buffer handed out holds whatever its last
 * user left; callers write before they read. Each slot serves one purpose, so one kernel's buffers never alias.
 */
final class Scratch {
    private Scratch() {}

    static final int WEIGHTS = 0, INPUT = 1, PRODUCT = 2, ROWS = 3, PLANE = 4, TAIL = 5;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[6][0]);

    /** This thread's buffer of slot {@code slot}, at least {@code length} floats long. */
    static float[] get(int slot, int length) {
        float[][] buffers = BUFFERS.get();
        if (buffers[slot].length < length) buffers[slot] = new float[length];
        return buffers[slot];
    }
}
