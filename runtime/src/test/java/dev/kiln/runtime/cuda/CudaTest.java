package dev.kiln.runtime.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CudaTest {
    @Test
    void probingNeverThrowsALinkageError() {
        boolean available = Cuda.isAvailable();
        assertEquals(available, Cuda.deviceCount() > 0);
        if (!available) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Cuda.require("tensor.cuda()"));
            assertTrue(e.getMessage().startsWith("tensor.cuda(): CUDA is not available: "), e.getMessage());
        }
    }
}
