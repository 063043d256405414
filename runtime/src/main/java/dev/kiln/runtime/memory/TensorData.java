package dev.kiln.runtime.memory;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;

/**
 * A strided view of typed storage: what kernels read and write. Immutable geometry; the storage contents
 * are mutable and may be shared with other views.
 */
public final class TensorData implements TensorMeta {
    private final DType dtype;
    private final Storage storage;
    private final long[] sizes;
    private final long[] strides;
    private final long offset;

    public TensorData(DType dtype, Storage storage, long[] sizes, long[] strides, long offset) {
        this.dtype = dtype;
        this.storage = storage;
        this.sizes = sizes;
        this.strides = strides;
        this.offset = offset;
    }

    /** A new zero-filled contiguous tensor. */
    public static TensorData zeros(DType dtype, long[] sizes) {
        long n = 1;
        for (long s : sizes) n = Math.multiplyExact(n, s);
        return new TensorData(dtype, Storage.allocate(dtype, n), sizes, Geometry.contiguousStrides(sizes), 0);
    }

    /** A view of the same storage with other geometry. */
    public TensorData withGeometry(Geometry g) { return new TensorData(dtype, storage, g.sizes(), g.strides(), g.offset()); }

    @Override
    public DType dtype() { return dtype; }

    @Override
    public long[] sizes() { return sizes; }

    @Override
    public Device device() { return storage.device(); }

    public long[] strides() { return strides; }

    public long offset() { return offset; }

    public Storage storage() { return storage; }

    public Geometry geometry() { return new Geometry(sizes, strides, offset); }

    public boolean isContiguous() { return Geometry.isContiguous(sizes, strides); }
}
