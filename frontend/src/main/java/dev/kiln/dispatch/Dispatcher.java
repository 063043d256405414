package dev.kiln.dispatch;

import dev.kiln.Tensor;
import dev.kiln.autograd.GradMode;
import dev.kiln.autograd.Recorder;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.Lowering;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.schema.Binder;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.PointwiseEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The single entry point of every eager op: checks the call with the op's shape rule, runs its lowering on
 * the CPU, wraps the results as tensors and tells the observers of this thread. Tensor methods, the
 * {@code Torch} functions and calls by schema name all come through here.
 */
public final class Dispatcher {
    private Dispatcher() {}

    private static final ThreadLocal<List<DispatchObserver>> OBSERVERS = ThreadLocal.withInitial(ArrayList::new);

    /** The builder decompositions run against in eager mode: each call dispatches like a user's call. */
    public static final OpBuilder EAGER = new OpBuilder() {
        @Override
        public Object call(OpDef op, Object... args) { return Dispatcher.call(op, args); }

        @Override
        public TensorMeta meta(Object value) { return ((Tensor) value).data(); }
    };

    /** Observes this thread's ops until the returned scope is closed. */
    public static AutoCloseable observe(DispatchObserver observer) {
        List<DispatchObserver> list = OBSERVERS.get();
        list.add(observer);
        return () -> list.remove(observer);
    }

    /** Whether ops on this thread are observed now (autograd then keeps backward on this thread, where they are seen). */
    public static boolean isObserved() { return !OBSERVERS.get().isEmpty(); }

    /** Runs {@code op} on fully bound positional arguments and returns its single tensor result. */
    public static Tensor apply(OpDef op, Object... args) { return (Tensor) call(op, args); }

    /** Runs {@code op} and returns its tensor results as a list (tuple and list returns). */
    @SuppressWarnings("unchecked")
    public static List<Tensor> applyMulti(OpDef op, Object... args) { return (List<Tensor>) call(op, args); }

    /**
     * Resolves {@code name} against the catalogue, binds the arguments, and runs it: {@code add.Tensor} names one
     * overload; a bare {@code squeeze} tries all of them (the unnamed one included) in declaration order.
     */
    public static Object callByName(String name, List<?> positional, Map<String, ?> kwargs) {
        boolean qualified = name.substring(name.indexOf("::") + 1).contains(".");
        List<OpDef> candidates = qualified ? OpCatalogue.lookup(name).map(List::of).orElse(List.of()) : OpCatalogue.overloads(name);
        if (candidates.isEmpty()) throw new IllegalArgumentException("unknown op '" + name + "'");
        List<String> reasons = new ArrayList<>();
        for (OpDef op : candidates) {
            Object[] bound;
            try {
                bound = Binder.bind(op.schema(), positional, kwargs);
            } catch (Binder.Mismatch m) {
                reasons.add("  " + op.schema() + ": " + m.getMessage());
                continue;
            }
            return call(op, bound);
        }
        throw new IllegalArgumentException(name + "() received an invalid combination of arguments; tried:\n" + String.join("\n", reasons));
    }

    /** Runs {@code op} on fully bound positional arguments; returns a Tensor, a List of Tensors or a scalar. */
    public static Object call(OpDef op, Object... args) {
        boolean recordsItself = !(op.lowering() instanceof Lowering.Composite) || op.derivative() != null;
        Recorder.Recording recording = recordsItself ? Recorder.begin(op, args) : null;
        Object result = switch (op.lowering()) {
            case Lowering.Composite c -> composite(op, c, args, recording != null);
            case Lowering.Pointwise p -> pointwise(op, p, args);
            case Lowering.View v -> view(op, v, args);
            case Lowering.Library l -> library(op, args);
        };
        if (recording != null) result = recording.finish(result);
        List<DispatchObserver> observers = OBSERVERS.get();
        if (!observers.isEmpty()) {
            for (DispatchObserver o : List.copyOf(observers)) o.onOp(op, args, result);
        }
        return result;
    }

    /**
     * Checks the call with the op's own rule (so errors name it), then runs its decomposition; when the op
     * itself is recorded for autograd (it declares a derivative), the ops it expands into are not.
     */
    private static Object composite(OpDef op, Lowering.Composite c, Object[] args, boolean recorded) {
        op.infer(unwrap(args));
        if (!recorded) return c.decomposition().expand(EAGER, args);
        try (GradMode.Scope ignored = GradMode.set(false)) {
            return c.decomposition().expand(EAGER, args);
        }
    }

    private static Object pointwise(OpDef op, Lowering.Pointwise p, Object[] args) {
        Object[] raw = unwrap(args);
        TensorSpec[] specs = op.infer(raw);
        if (op.isInplace()) {
            Tensor self = (Tensor) args[0];
            PointwiseEngine.run(op.name(), p, raw, self.data());
            self.data().storage().bumpVersion();
            return self;
        }
        Shapes.checkedNumel(op.name(), specs[0].sizes());
        TensorData out = TensorData.zeros(specs[0].dtype(), specs[0].sizes());
        PointwiseEngine.run(op.name(), p, raw, out);
        return new Tensor(out);
    }

    private static Object view(OpDef op, Lowering.View v, Object[] args) {
        Object[] raw = unwrap(args);
        op.infer(raw);
        TensorData self = (TensorData) raw[0];
        Geometry[] geometries = v.function().apply(self.geometry(), raw);
        if (op.schema().returns().getFirst().type().list() || geometries.length != 1) {
            List<Tensor> views = new ArrayList<>(geometries.length);
            for (Geometry g : geometries) views.add(new Tensor(self.withGeometry(g)));
            return views;
        }
        return new Tensor(self.withGeometry(geometries[0]));
    }

    private static Object library(OpDef op, Object[] args) {
        Object[] raw = unwrap(args);
        op.infer(raw);
        checkIndexable(op, raw);
        Object result = Kernels.of(op).run(raw);
        if (op.schema().isMutating()) {
            for (int i = 0; i < args.length; i++) {
                if (op.schema().arguments().get(i).type().mutable() && args[i] instanceof Tensor t) t.data().storage().bumpVersion();
            }
        }
        for (int i = 0; i < raw.length; i++) {
            if (result == raw[i] && raw[i] instanceof TensorData) return args[i];
        }
        return wrap(result);
    }

    /**
     * Library kernels index elements with ints. A view may be larger than that (an expanded tensor), so such an
     * input is refused here, naming the op, instead of being truncated by a kernel.
     */
    private static void checkIndexable(OpDef op, Object[] raw) {
        for (Object a : raw) {
            if (a instanceof TensorData t) Shapes.checkedNumel(op.name(), t.sizes());
            else if (a instanceof List<?> l) {
                for (Object x : l) {
                    if (x instanceof TensorData t) Shapes.checkedNumel(op.name(), t.sizes());
                }
            }
        }
    }

    private static Object[] unwrap(Object[] args) {
        Object[] raw = args.clone();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] instanceof Tensor t) raw[i] = t.data();
            else if (raw[i] instanceof List<?> l && !l.isEmpty() && (l.getFirst() instanceof Tensor || l.contains(null))) {
                List<Object> u = new ArrayList<>(l.size());
                for (Object x : l) u.add(x instanceof Tensor t ? t.data() : x);
                raw[i] = u;
            }
        }
        return raw;
    }

    private static Object wrap(Object result) {
        return switch (result) {
            case null -> null;
            case TensorData d -> new Tensor(d);
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object x : l) out.add(wrap(x));
                yield out;
            }
            default -> result;
        };
    }
}
