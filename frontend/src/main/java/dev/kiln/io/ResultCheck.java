package dev.kiln.io;

import dev.kiln.Tensor;
import dev.kiln.ir.type.DType;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks what a pickle produced before it is handed out: only values {@link Checkpoints} documents (no bare
 * classes or storages), no container that contains itself, and no nesting deeper than {@link Pickle#MAX_DEPTH},
 * so code that walks the result recursively cannot overflow the stack. The walk is iterative and visits each
 * container once, however often it is shared.
 */
final class ResultCheck {
    private ResultCheck() {}

    private record Frame(Object container, Iterator<Object> children) {}

    static void check(Object result, PickleReader.Failure failure) throws CheckpointFormatException {
        Map<Object, Boolean> finished = new IdentityHashMap<>();
        Map<Object, Boolean> onPath = new IdentityHashMap<>();
        Deque<Frame> path = new ArrayDeque<>();
        visit(result, path, onPath, finished, failure);
        while (!path.isEmpty()) {
            Frame top = path.peek();
            if (top.children().hasNext()) {
                visit(top.children().next(), path, onPath, finished, failure);
            } else {
                path.pop();
                onPath.remove(top.container());
                finished.put(top.container(), Boolean.TRUE);
            }
        }
    }

    private static void visit(Object v, Deque<Frame> path, Map<Object, Boolean> onPath, Map<Object, Boolean> finished,
                              PickleReader.Failure failure) throws CheckpointFormatException {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
                || v instanceof BigInteger || v instanceof byte[] || v instanceof DType || v instanceof Tensor) {
            return;
        }
        if (!(v instanceof Tuple || v instanceof Collection<?> || v instanceof Map<?, ?>)) {
            throw failure.fail("the pickle's result holds a " + PickleReader.typeName(v) + ", which is not a value Kiln loads");
        }
        if (finished.containsKey(v)) return;
        if (onPath.containsKey(v)) throw failure.fail("the pickle's result contains itself (a " + PickleReader.typeName(v) + ")");
        if (path.size() >= Pickle.MAX_DEPTH) throw failure.fail("the pickle's result nests deeper than " + Pickle.MAX_DEPTH + " levels");
        onPath.put(v, Boolean.TRUE);
        path.push(new Frame(v, children(v).iterator()));
    }

    private static List<Object> children(Object container) {
        List<Object> children = new ArrayList<>();
        switch (container) {
            case Tuple t -> children.addAll(t.items());
            case Collection<?> c -> children.addAll(c);
            case Map<?, ?> m -> {
                m.forEach((k, v) -> {
                    children.add(k);
                    children.add(v);
                });
                if (m instanceof OrderedDict d) children.add(d.attributes());
            }
            default -> throw new IllegalStateException("not a container: " + container);
        }
        return children;
    }
}
