package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.aten.GradOps;
import dev.kiln.runtime.parallel.Parallel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the backward graph: finds the functions reachable from the roots, counts how many gradients each
 * waits for, and executes each once all have arrived, latest-created first, in a loop (no recursion, so a
 * chain of any length works). When only some inputs' gradients are wanted, only the functions on a path to
 * them run.
 *
 * <p>When the next two ready functions are both large, they are computed at once, one on a worker of the shared pool
 * (so independent branches advance together). Their gradients go into {@link GradBuffers.Ordered}, which sums every
 * slot in the sequential order, so results are bitwise the same for any number of threads. Graphs with hooks, or
 * built with {@code createGraph}, or observed by a tracer, run on the calling thread only.
 */
final class Engine {
    private Engine() {}

    /**
     * The gradient elements each of two functions must produce before they are computed at once: tens of
     * microseconds of work or more, against a hand-off of about 0.2 µs to the spinning pool.
     */
    static final long PARALLEL_MIN_ELEMENTS = 1 << 15;
    /** How many pairs of functions were computed at once (for tests and profiling). */
    static final LongAdder PARALLEL_PAIRS = new LongAdder();

    /** A function's gradients along its edges (null where none goes), or the error computing them raised. */
    private record Computed(List<Tensor> out, Throwable failure) {}

    /** Runs {@code task} from the root edges with their gradients. */
    static void execute(GraphTask task, List<Edge> roots, List<Tensor> rootGrads) {
        List<Node> order = discover(roots);
        markExecution(task, order);
        for (Node n : order) {
            if (!task.runs(n)) continue;
            for (Edge e : n.nextEdges) {
                if (e.isValid() && task.waitsFor(e.function())) task.dependencies.merge(e.function(), 1, Integer::sum);
            }
        }
        boolean parallel = mayRunInParallel(task, order);
        task.buffers = parallel ? new GradBuffers.Ordered(order, task) : new GradBuffers();
        for (int i = 0; i < roots.size(); i++) {
            task.handedOut.add(rootGrads.get(i));
            task.buffers.seed(roots.get(i), rootGrads.get(i));
        }
        PriorityQueue<Node> ready = new PriorityQueue<>((x, y) -> Long.compare(y.sequenceNr, x.sequenceNr));
        Set<Node> queued = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Edge e : roots) {
            Node f = e.function();
            if (task.dependencies.getOrDefault(f, 0) == 0 && queued.add(f)) ready.add(f);
        }
        try (GradMode.Scope ignored = GradMode.set(task.createGraph)) {
            while (!ready.isEmpty()) {
                Node n = ready.poll();
                List<Tensor> received = receive(task, n);
                if (!task.runs(n)) continue;
                if (n instanceof AccumulateGrad acc) {
                    accumulate(task, acc, received);
                    continue;
                }
                Node next = parallel && large(n) ? partner(task, ready) : null;
                if (next == null) {
                    commit(task, n, compute(task, n, received), ready, queued);
                } else {
                    List<Tensor> nextReceived = receive(task, next);
                    Computed[] results = new Computed[2];
                    Parallel.forRange(2, 1, (start, end) -> {
                        for (long i = start; i < end; i++) {
                            results[(int) i] = i == 0 ? compute(task, n, received) : compute(task, next, nextReceived);
                        }
                    });
                    PARALLEL_PAIRS.increment();
                    commit(task, n, results[0], ready, queued);
                    commit(task, next, results[1], ready, queued);
                }
            }
        } finally {
            task.returnBorrowed();
        }
    }

    /**
     * Whether functions may be computed two at a time: several threads, no graph being built, not in inference mode
     * (thread-local like grad mode), no tracer watching, no hook anywhere (their order stays the sequential one), and
     * at least two functions worth it.
     */
    private static boolean mayRunInParallel(GraphTask task, List<Node> order) {
        if (task.createGraph || Parallel.getNumThreads() < 2 || GradMode.isInferenceMode() || Dispatcher.isObserved()) return false;
        int large = 0;
        for (Node n : order) {
            if (n.hasHooks()) return false;
            if (large(n) && task.runs(n)) large++;
        }
        return large >= 2;
    }

    /** The next ready function, taken from the queue, if it is to be computed beside a large one. */
    private static Node partner(GraphTask task, PriorityQueue<Node> ready) {
        Node next = ready.peek();
        return next != null && large(next) && task.runs(next) ? ready.poll() : null;
    }

    /** A backward function of an op producing enough gradient elements to be worth a thread of its own. */
    private static boolean large(Node n) {
        if (!(n instanceof OpNode)) return false;
        long elements = 0;
        for (TensorMeta m : n.inputMetas) {
            if (m != null) elements += m.numel();
        }
        return elements >= PARALLEL_MIN_ELEMENTS;
    }

    /** Takes {@code n}'s complete gradients, capturing those that reach a target. */
    private static List<Tensor> receive(GraphTask task, Node n) {
        List<Tensor> received = task.buffers.take(n);
        if (task.captured != null) capture(task, n, received);
        return received;
    }

    private static void accumulate(GraphTask task, AccumulateGrad acc, List<Tensor> received) {
        List<Tensor> grads = acc.runPreHooks(received);
        Tensor g = grads.isEmpty() ? null : grads.getFirst();
        if (g != null) acc.accumulate(g, task);
        acc.runHooks(List.of(), grads);
    }

    /** Runs {@code n} on its gradients and checks what it returns; on any thread, in the task's grad mode. */
    private static Computed compute(GraphTask task, Node n, List<Tensor> received) {
        try (GradMode.Scope ignored = GradMode.set(task.createGraph)) {
            List<Tensor> out = n.call(received);
            if (!task.keepGraph) n.release();
            List<Tensor> checked = new ArrayList<>(n.nextEdges.length);
            for (int i = 0; i < n.nextEdges.length; i++) {
                Edge e = n.nextEdges[i];
                Tensor g = i < out.size() ? out.get(i) : null;
                checked.add(g == null || !e.isValid() || !task.waitsFor(e.function()) ? null : validate(task, n, i, g));
            }
            return new Computed(checked, null);
        } catch (RuntimeException | Error failure) {
            return new Computed(null, failure);
        }
    }

    /** Adds a computed function's gradients into the buffers of the functions it feeds and readies those complete. */
    private static void commit(GraphTask task, Node n, Computed c, PriorityQueue<Node> ready, Set<Node> queued) {
        if (c.failure() instanceof Error error) throw error;
        if (c.failure() != null) throw (RuntimeException) c.failure();
        for (int i = 0; i < n.nextEdges.length; i++) {
            Edge e = n.nextEdges[i];
            if (!e.isValid() || !task.waitsFor(e.function())) continue;
            task.buffers.add(n, i, c.out().get(i));
            Node f = e.function();
            if (task.dependencies.merge(f, -1, Integer::sum) == 0 && queued.add(f)) ready.add(f);
        }
    }

    /**
     * A gradient must match its destination: summed over broadcast dims and converted to its dtype, else an error;
     * under anomaly detection it must not hold NaN.
     */
    private static Tensor validate(GraphTask task, Node n, int i, Tensor g) {
        TensorMeta want = n.inputMetas[i];
        if (want == null) return g;
        if (!Arrays.equals(want.sizes(), g.sizes()) && !GradOps.isExpandableTo(want.sizes(), g.sizes())) {
            throw new IllegalStateException("Function " + n.name() + " returned an invalid gradient at index " + i + " - got "
                    + Arrays.toString(g.sizes()) + " but expected shape compatible with " + Arrays.toString(want.sizes()));
        }
        Tensor conformed = EngineOps.conform(g, want);
        if (task.anomaly && conformed.isFloatingPoint() && EngineOps.hasNaN(conformed)) {
            IllegalStateException error = new IllegalStateException("Function '" + n.name() + "' returned nan values in its " + i
                    + "th output.");
            if (n.forwardTrace != null) error.initCause(n.forwardTrace);
            throw error;
        }
        return conformed;
    }

    /** Keeps the gradients that reach a target, as they arrive (before the function's hooks, as PyTorch). */
    private static void capture(GraphTask task, Node n, List<Tensor> grads) {
        for (int i = 0; i < task.targets.size(); i++) {
            Edge t = task.targets.get(i);
            if (t.function() != n) continue;
            Tensor g = t.inputNr() < grads.size() ? grads.get(t.inputNr()) : null;
            if (g != null) task.captured[i] = task.captured[i] == null ? g : EngineOps.add(task.captured[i], g);
        }
    }

    /** All functions reachable from the roots, each after every function that feeds it (reverse post-order). */
    private static List<Node> discover(List<Edge> roots) {
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        List<Node> postOrder = new ArrayList<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        for (Edge r : roots) {
            if (seen.putIfAbsent(r.function(), true) != null) continue;
            stack.push(new Object[]{r.function(), 0});
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                Node n = (Node) top[0];
                int next = (Integer) top[1];
                if (next < n.nextEdges.length) {
                    top[1] = next + 1;
                    Edge e = n.nextEdges[next];
                    if (e.isValid() && seen.putIfAbsent(e.function(), true) == null) stack.push(new Object[]{e.function(), 0});
                } else {
                    stack.pop();
                    postOrder.add(n);
                }
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }

    /**
     * With targets, a function runs if a target is reachable through it (children are decided before parents);
     * when accumulating ({@code backward} with inputs), the targets' own functions run too, as PyTorch's do.
     */
    private static void markExecution(GraphTask task, List<Node> topological) {
        if (task.targets == null) return;
        Set<Node> targetFns = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Edge> targetEdges = new java.util.HashSet<>(task.targets);
        for (Edge t : task.targets) targetFns.add(t.function());
        for (int k = topological.size() - 1; k >= 0; k--) {
            Node n = topological.get(k);
            boolean runs = task.accumulateTargets && targetFns.contains(n);
            for (int i = 0; i < n.nextEdges.length && !runs; i++) {
                Edge e = n.nextEdges[i];
                runs = e.isValid() && (targetEdges.contains(e) || task.executes.getOrDefault(e.function(), false));
            }
            task.executes.put(n, runs);
        }
    }
}
