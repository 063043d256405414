package dev.kiln.runtime.creation;

import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.op.aten.CreationOps;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.random.RandomKernels;

/**
 * CPU kernels of the factories declared in {@link CreationOps}; registered with {@link Kernels}. Each kernel
 * takes the result's dtype and shape from the op's own rule and fills freshly allocated memory. The random
 * sampling kernels live in {@link RandomKernels}.
 */
public final class CreationKernels {
    private CreationKernels() {}

    static {
        Kernels.register(CreationOps.EMPTY, a -> allocate(CreationOps.EMPTY, a, (String) a[5]));
        Kernels.register(CreationOps.ZEROS, a -> allocate(CreationOps.ZEROS, a, null));
        Kernels.register(CreationOps.ONES, a -> filled(allocate(CreationOps.ONES, a, null), 1L));
        Kernels.register(CreationOps.FULL, a -> filled(allocate(CreationOps.FULL, a, null), a[1]));
        Kernels.register(CreationOps.SCALAR_TENSOR, a -> filled(allocate(CreationOps.SCALAR_TENSOR, a, null), a[0]));
        Kernels.register(CreationOps.EMPTY_LIKE, a -> like(CreationOps.EMPTY_LIKE, a, 1));
        Kernels.register(CreationOps.ZEROS_LIKE, a -> like(CreationOps.ZEROS_LIKE, a, 1));
        Kernels.register(CreationOps.ONES_LIKE, a -> filled(like(CreationOps.ONES_LIKE, a, 1), 1L));
        Kernels.register(CreationOps.FULL_LIKE, a -> filled(like(CreationOps.FULL_LIKE, a, 2), a[1]));
        Kernels.register(CreationOps.ARANGE, a -> arange(CreationOps.ARANGE, a, 0L, 1L));
        Kernels.register(CreationOps.ARANGE_START, a -> arange(CreationOps.ARANGE_START, a, a[0], 1L));
        Kernels.register(CreationOps.ARANGE_START_STEP, a -> arange(CreationOps.ARANGE_START_STEP, a, a[0], a[2]));
        Kernels.register(CreationOps.LINSPACE, a -> {
            TensorData out = allocate(CreationOps.LINSPACE, a, null);
            Ranges.linspace(out.dtype(), out.storage(), a[0], a[1]);
            return out;
        });
        Kernels.register(CreationOps.LOGSPACE, a -> {
            TensorData out = allocate(CreationOps.LOGSPACE, a, null);
            Ranges.logspace(CreationOps.LOGSPACE.name(), out.dtype(), out.storage(), a[0], a[1], (Double) a[3]);
            return out;
        });
        Kernels.register(CreationOps.EYE, a -> eye(CreationOps.EYE, a));
        Kernels.register(CreationOps.EYE_M, a -> eye(CreationOps.EYE_M, a));
        RandomKernels.register();
    }

    /** A zero-filled result of {@code op} (shape and dtype from its rule) in the given memory format. */
    public static TensorData allocate(OpDef op, Object[] args, String memoryFormat) {
        return MemoryLayouts.allocate(op.name(), op.infer(args)[0], memoryFormat);
    }

    /** A zero-filled result of a {@code *_like} op, in the memory format at {@code args[at + 4]} (default: preserve). */
    public static TensorData like(OpDef op, Object[] args, int at) {
        TensorSpec spec = op.infer(args)[0];
        return MemoryLayouts.allocateLike(op.name(), spec, (String) args[at + 4], (TensorData) args[0]);
    }

    private static TensorData filled(TensorData out, Object value) {
        Fill.fill(out.dtype(), out.storage(), value);
        return out;
    }

    private static TensorData arange(OpDef op, Object[] args, Object start, Object step) {
        TensorData out = allocate(op, args, null);
        Ranges.arange(out.dtype(), out.storage(), start, step);
        return out;
    }

    private static TensorData eye(OpDef op, Object[] args) {
        TensorData out = allocate(op, args, null);
        Ranges.eye(out.dtype(), out.storage(), out.sizes()[0], out.sizes()[1]);
        return out;
    }
}
