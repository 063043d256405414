package dev.kiln.runtime.creation;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.cuda.Cuda;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/**
 * Allocation of factory results with PyTorch's memory formats: row-major ({@code contiguous_format}),
 * {@code channels_last} (NHWC order for 4-d sizes), {@code channels_last_3d}, and {@code preserve_format}
 * (the {@code *_like} default), which keeps the input's strides when it is dense and otherwise orders the
 * dense result's dimensions like the input's.
 */
public final class MemoryLayouts {
    private MemoryLayouts() {}

    /** A new zero-filled tensor for {@code spec} laid out in {@code format} (null: row-major). */
    public static TensorData allocate(String op, TensorSpec spec, String format) {
        return allocate(op, spec, format == null ? Geometry.contiguousStrides(spec.sizes()) : strides(spec.sizes(), format, null));
    }

    /** A new zero-filled tensor shaped like {@code like} in {@code format} (null: preserve_format). */
    public static TensorData allocateLike(String op, TensorSpec spec, String format, TensorData like) {
        return allocate(op, spec, strides(spec.sizes(), format == null ? "preserve_format" : format, like));
    }

    private static TensorData allocate(String op, TensorSpec spec, long[] strides) {
        if (spec.device().isCuda()) {
            Cuda.require(op + " on " + spec.device());
            throw OpError.of(op, "CUDA tensors are not supported by Kiln's eager runtime yet (got device " + spec.device() + ")");
        }
        DType dtype = spec.dtype();
        long n = 1;
        for (long s : spec.sizes()) n *= s;
        return new TensorData(dtype, Storage.allocate(dtype, n), spec.sizes(), strides, 0);
    }

    static long[] strides(long[] sizes, String format, TensorData like) {
        long[] s = new long[sizes.length];
        switch (format) {
            case "channels_last" -> {
                s[1] = 1;
                s[3] = sizes[1];
                s[2] = s[3] * sizes[3];
                s[0] = s[2] * sizes[2];
            }
            case "channels_last_3d" -> {
                s[1] = 1;
                s[4] = sizes[1];
                s[3] = s[4] * sizes[4];
                s[2] = s[3] * sizes[3];
                s[0] = s[2] * sizes[2];
            }
            case "preserve_format" -> s = nonOverlappingAndDense(like.sizes(), like.strides()) ? like.strides().clone()
                    : denseStrides(like.sizes(), like.strides());
            default -> s = Geometry.contiguousStrides(sizes);
        }
        return s;
    }

    /** Whether the elements cover a contiguous block of memory exactly once, in any dimension order. */
    static boolean nonOverlappingAndDense(long[] sizes, long[] strides) {
        int dim = sizes.length;
        if (dim == 1) return sizes[0] < 2 || strides[0] == 1;
        Integer[] perm = new Integer[dim];
        for (int i = 0; i < dim; i++) perm[i] = i;
        Arrays.sort(perm, (a, b) -> {
            if (sizes[a] < 2) return sizes[b] < 2 ? 0 : 1;
            if (sizes[b] < 2) return -1;
            return Long.compare(strides[a], strides[b]);
        });
        long required = 1;
        for (int i = 0; i < dim; i++) {
            long size = sizes[perm[i]];
            if (size < 2) return true;
            if (strides[perm[i]] != required) return false;
            required *= size;
        }
        return true;
    }

    /**
     * Dense strides ordering the dimensions like {@code strides} (PyTorch's {@code infer_dense_strides}): a
     * stable insertion sort from the innermost dimension outwards that never moves stride-0 dimensions.
     */
    static long[] denseStrides(long[] sizes, long[] strides) {
        int dim = sizes.length;
        int[] perm = new int[dim];
        for (int i = 0; i < dim; i++) perm[i] = dim - 1 - i;
        for (int i = 1; i < dim; i++) {
            int dim1 = i;
            for (int j = 1; j <= i; j++) {
                int dim0 = i - j;
                int cmp = compareForOrder(sizes, strides, perm[dim0], perm[dim1]);
                if (cmp > 0) {
                    int t = perm[dim0];
                    perm[dim0] = perm[dim1];
                    perm[dim1] = t;
                    dim1 = dim0;
                } else if (cmp < 0) {
                    break;
                }
            }
        }
        long[] out = new long[dim];
        long stride = 1;
        for (int i = 0; i < dim; i++) {
            out[perm[i]] = stride;
            if (sizes[perm[i]] > 1) stride *= sizes[perm[i]];
        }
        return out;
    }

    private static int compareForOrder(long[] sizes, long[] strides, int a, int b) {
        if (strides[a] == 0 || strides[b] == 0) return 0;
        if (strides[a] != strides[b]) return Long.compare(strides[a], strides[b]);
        return sizes[a] > sizes[b] ? 1 : 0;
    }
}
