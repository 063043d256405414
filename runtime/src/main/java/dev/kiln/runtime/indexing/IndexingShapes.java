package dev.kiln.runtime.indexing;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;

/** Small shape helpers of the indexing kernels. */
final class IndexingShapes {
    private IndexingShapes() {}

    /** {@code sizes} (or strides) without dimension {@code dim}. */
    static long[] without(long[] sizes, int dim) {
        long[] r = new long[sizes.length - 1];
        for (int i = 0, j = 0; i < sizes.length; i++) {
            if (i != dim) r[j++] = sizes[i];
        }
        return r;
    }

    /** A 1-D int64 tensor over {@code values} (not copied). */
    static TensorData vector(long[] values) {
        return new TensorData(DType.INT64, Storage.wrap(values), new long[]{values.length}, new long[]{1}, 0);
    }

    /** An int64 tensor of {@code sizes} over {@code values} (not copied). */
    static TensorData longs(long[] values, long[] sizes) {
        return new TensorData(DType.INT64, Storage.wrap(values), sizes, Geometry.contiguousStrides(sizes), 0);
    }
}
