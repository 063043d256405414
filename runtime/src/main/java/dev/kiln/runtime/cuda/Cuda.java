package dev.kiln.runtime.cuda;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Whether CUDA can be used in this process. JCuda's natives fail to link without a driver; that failure is
 * caught once and turned into a one-line reason, so a CUDA request on a machine without a GPU gets a clear
 * message instead of an UnsatisfiedLinkError.
 */
public final class Cuda {
    private Cuda() {}

    private static final class Probe {
        static final String UNAVAILABLE_REASON = probe();
        static final int DEVICE_COUNT = UNAVAILABLE_REASON == null ? countDevices() : 0;

        private static String probe() {
            try {
                JCudaDriver.setExceptionsEnabled(false);
                int rc = JCudaDriver.cuInit(0);
                return rc == CUresult.CUDA_SUCCESS ? null : "cuInit failed: " + CUresult.stringFor(rc);
            } catch (LinkageError e) {
                String msg = String.valueOf(e.getMessage());
                int nl = msg.indexOf('\n');
                return "the CUDA driver could not be loaded (" + (nl < 0 ? msg : msg.substring(0, nl)).trim() + ")";
            }
        }

        private static int countDevices() {
            int[] count = new int[1];
            return JCudaDriver.cuDeviceGetCount(count) == CUresult.CUDA_SUCCESS ? count[0] : 0;
        }
    }

    /** {@code torch.cuda.is_available()}. */
    public static boolean isAvailable() { return Probe.UNAVAILABLE_REASON == null && Probe.DEVICE_COUNT > 0; }

    /** {@code torch.cuda.device_count()}. */
    public static int deviceCount() { return isAvailable() ? Probe.DEVICE_COUNT : 0; }

    /** Throws a clear error naming {@code what} when CUDA cannot be used. */
    public static void require(String what) {
        if (!isAvailable()) {
            String reason = Probe.UNAVAILABLE_REASON != null ? Probe.UNAVAILABLE_REASON : "no CUDA devices were found";
            throw new IllegalStateException(what + ": CUDA is not available: " + reason);
        }
    }
}
