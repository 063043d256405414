package dev.kiln.runtime.linalg;

/** CPU kernels of the library ops declared in {@code dev.kiln.ir.op.aten}; registered with {@link dev.kiln.runtime.eager.Kernels}. */
public final class LinalgKernels {
    private LinalgKernels() {}
}
