package dev.kiln.runtime.eager;

import dev.kiln.ir.op.OpDef;
import dev.kiln.runtime.conv.ConvKernels;
import dev.kiln.runtime.creation.CreationKernels;
import dev.kiln.runtime.embedding.EmbeddingKernels;
import dev.kiln.runtime.indexing.IndexingKernels;
import dev.kiln.runtime.linalg.LinalgKernels;
import dev.kiln.runtime.norm.NormKernels;
import dev.kiln.runtime.pool.PoolKernels;
import dev.kiln.runtime.reduction.ReductionKernels;
import dev.kiln.runtime.resample.ResampleKernels;
import dev.kiln.runtime.shape.ShapeKernels;
import java.lang.invoke.MethodHandles;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU kernels of library ops, keyed by op. Kernel families register themselves in their static
 * initialisers; {@link #FAMILIES} lists them so that a lookup sees all of them. The catalogue test checks
 * that every library op has one.
 */
public final class Kernels {
    private Kernels() {}

    private static final List<Class<?>> FAMILIES = List.of(
            ReductionKernels.class, ShapeKernels.class, IndexingKernels.class, CreationKernels.class, LinalgKernels.class,
            ConvKernels.class, ResampleKernels.class, EmbeddingKernels.class, PoolKernels.class, NormKernels.class);

    private static final Map<OpDef, Kernel> KERNELS = new IdentityHashMap<>();
    private static volatile boolean loaded;

    /** Called by kernel families while they initialise. */
    public static void register(OpDef op, Kernel kernel) {
        synchronized (KERNELS) {
            if (KERNELS.putIfAbsent(op, kernel) != null) throw new IllegalStateException("kernel registered twice: " + op.name());
        }
    }

    public static Kernel of(OpDef op) {
        if (!loaded) load();
        Kernel k;
        synchronized (KERNELS) {
            k = KERNELS.get(op);
        }
        if (k == null) throw new UnsupportedOperationException(op.name() + " has no CPU kernel");
        return k;
    }

    public static boolean has(OpDef op) {
        if (!loaded) load();
        synchronized (KERNELS) {
            return KERNELS.containsKey(op);
        }
    }

    /** Not the registry's lock: a family registers from its class initialiser, which this method waits for. */
    private static synchronized void load() {
        if (loaded) return;
        for (Class<?> family : FAMILIES) {
            try {
                MethodHandles.lookup().ensureInitialized(family);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        loaded = true;
    }
}
