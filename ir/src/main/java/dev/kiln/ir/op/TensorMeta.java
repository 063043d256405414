package dev.kiln.ir.op;

import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;

/**
 * What shape rules and the schema binder need to know about a tensor: dtype, sizes and device. Eager tensors,
 * runtime buffers and IR tensor types all present themselves this way, so one rule serves all of them.
 * A size of -1 means "not known until run time" (data-dependent outputs such as {@code nonzero}).
 */
public interface TensorMeta {
    DType dtype();

    /** The sizes; callers must not modify the returned array. */
    long[] sizes();

    Device device();

    default int dim() { return sizes().length; }

    default long size(int dim) { return sizes()[dim]; }

    default long numel() {
        long n = 1;
        for (long s : sizes()) n *= s;
        return n;
    }
}
