package dev.kiln.ir.op;

import dev.kiln.ir.op.aten.ConvOps;
import dev.kiln.ir.op.aten.CreationOps;
import dev.kiln.ir.op.aten.EmbeddingOps;
import dev.kiln.ir.op.aten.IndexingOps;
import dev.kiln.ir.op.aten.LinalgOps;
import dev.kiln.ir.op.aten.LossOps;
import dev.kiln.ir.op.aten.NnOps;
import dev.kiln.ir.op.aten.NormOps;
import dev.kiln.ir.op.aten.PointwiseOps;
import dev.kiln.ir.op.aten.PoolOps;
import dev.kiln.ir.op.aten.ReductionOps;
import dev.kiln.ir.op.aten.ResampleOps;
import dev.kiln.ir.op.aten.ShapeOps;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every op Kiln knows, by schema name. Ops are declared as static fields of the family classes listed in
 * {@link #FAMILIES}; looking anything up first initialises all of them. Overloads keep declaration order,
 * which is the order overload resolution tries them in.
 */
public final class OpCatalogue {
    private OpCatalogue() {}

    private static final List<Class<?>> FAMILIES = List.of(
            PointwiseOps.class, ReductionOps.class, ShapeOps.class, IndexingOps.class, CreationOps.class, LinalgOps.class,
            ConvOps.class, ResampleOps.class, EmbeddingOps.class, PoolOps.class, NormOps.class, NnOps.class, LossOps.class);

    private static final Map<String, OpDef> BY_FULL_NAME = new LinkedHashMap<>();
    private static final Map<String, List<OpDef>> BY_NAME = new LinkedHashMap<>();
    private static volatile boolean loaded;

    /**
     * Registration and loading use different locks: a family registers while its class initialiser runs, and a
     * thread loading all families waits for that initialiser, so one lock for both could deadlock.
     */
    private static final Object REGISTRY_LOCK = new Object();
    private static final Object LOAD_LOCK = new Object();

    static void register(OpDef op) {
        synchronized (REGISTRY_LOCK) {
            String full = op.name();
            if (BY_FULL_NAME.putIfAbsent(full, op) != null) throw new IllegalStateException("op declared twice: " + full);
            BY_NAME.computeIfAbsent(op.schema().qualifiedName(), k -> new ArrayList<>()).add(op);
        }
    }

    private static void ensureLoaded() {
        if (loaded) return;
        synchronized (LOAD_LOCK) {
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

    /** All ops in declaration order. */
    public static Collection<OpDef> all() {
        ensureLoaded();
        synchronized (REGISTRY_LOCK) {
            return List.copyOf(BY_FULL_NAME.values());
        }
    }

    /** Looks up {@code aten::add.Tensor}, {@code add.Tensor} or {@code aten::relu}. */
    public static Optional<OpDef> lookup(String name) {
        ensureLoaded();
        synchronized (REGISTRY_LOCK) {
            return Optional.ofNullable(BY_FULL_NAME.get(name.contains("::") ? name : "aten::" + name));
        }
    }

    /** The overloads of {@code aten::add} (or {@code add}), in declaration order; empty if unknown. */
    public static List<OpDef> overloads(String qualifiedName) {
        ensureLoaded();
        String key = qualifiedName.contains("::") ? qualifiedName : "aten::" + qualifiedName;
        synchronized (REGISTRY_LOCK) {
            return List.copyOf(BY_NAME.getOrDefault(key, List.of()));
        }
    }
}
