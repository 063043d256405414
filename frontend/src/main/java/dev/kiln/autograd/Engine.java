package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.aten.CreationOps;
import dev.kiln.ir.op.aten.GradOps;
import dev.kiln.ir.op.aten.IndexingOps;
import dev.kiln.ir.op.aten.PointwiseOps;
import dev.kiln.ir.op.aten.ReductionOps;
import dev.kiln.ir.op.aten.ShapeOps;
import dev.kiln.ir.type.DType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Runs the backward graph: finds the functions reachable from the roots, counts how many gradients each
 * waits for, and executes each once all have arrived, latest-created first, in a loop (no recursion, so a
 * chain of any length works). When only some inputs' gradients are wanted, only the functions on a path to
 * them run.
 */
final class Engine {
    private Engine() {}

    private static final Ops OPS = new Ops(Dispatcher.EAGER);

    static Ops ops() { return OPS; }

    /** What the engine asks of tensors, as catalogue ops so that {@code createGraph} records them. */
    static final class Ops {
        private final OpBuilder b;

        Ops(OpBuilder b) { this.b = b; }

        Tensor add(Tensor x, Tensor y) { return (Tensor) b.call(PointwiseOps.ADD, x, y, 1L); }

        void addInPlace(Tensor x, Tensor y) { b.call(PointwiseOps.inplace(PointwiseOps.ADD), x, y, 1L); }

        Tensor clone(Tensor x) { return (Tensor) b.call(PointwiseOps.CLONE, x, null); }

        Tensor onesLike(Tensor x) { return (Tensor) b.call(CreationOps.ONES_LIKE, x, null, null, null, null, null); }

        Tensor zerosLike(Tensor x) { return (Tensor) b.call(CreationOps.ZEROS_LIKE, x, null, null, null, null, null); }

        void copyInto(Tensor dst, Tensor src) { b.call(PointwiseOps.inplace(PointwiseOps.COPY), dst, src, false); }

        Tensor strided(Tensor x, Geometry g) { return (Tensor) b.call(ShapeOps.AS_STRIDED, x, g.sizes(), g.strides(), g.offset()); }

        boolean hasNaN(Tensor x) {
            return (Boolean) ((Tensor) b.call(ReductionOps.ANY, b.call(PointwiseOps.ISNAN, x))).item();
        }

        /** Sums a gradient down to the sizes and converts it to the dtype its destination expects. */
        Tensor conform(Tensor grad, TensorMeta want) {
            Object g = GradOps.sumToSize(b, grad, want.sizes());
            return (Tensor) GradOps.toDType(b, g, want.dtype());
        }

        /** A zero tensor over the base's whole storage holding {@code grad} at {@code base}'s geometry. */
        Tensor flatCopy(Tensor grad, Geometry base, int storageLength) {
            Tensor flat = (Tensor) b.call(CreationOps.ZEROS, new long[]{storageLength}, grad.dtype(), null, null, null);
            copyInto(strided(flat, base), grad);
            return flat;
        }

        /** The gradient of a base from the gradient of its view {@code view}: zeros elsewhere, sums where the view overlaps. */
        Tensor scatterToBase(Tensor grad, Geometry view, Geometry base, int storageLength) {
            Tensor flat = (Tensor) b.call(CreationOps.ZEROS, new long[]{storageLength}, grad.dtype(), null, null, null);
            Tensor positions = (Tensor) b.call(CreationOps.ARANGE, (long) storageLength, DType.INT64, null, null, null);
            Tensor index = (Tensor) b.call(ShapeOps.RESHAPE, strided(positions, view), new long[]{-1});
            Tensor values = (Tensor) b.call(ShapeOps.RESHAPE, grad, new long[]{-1});
            Tensor summed = (Tensor) b.call(IndexingOps.INDEX_ADD, flat, 0L, index, values, 1L);
            return strided(summed, base);
        }
    }

    /** One backward call: the roots, what is wanted, and the state of the execution. */
    static final class Task {
        final boolean keepGraph;
        final boolean createGraph;
        /** Gradients wanted at these edges (Autograd.grad, or backward with inputs); null: accumulate everywhere. */
        final List<Edge> targets;
        /** Whether leaf accumulators among the targets run (backward with inputs) or are only read (grad). */
        final boolean accumulateTargets;
        final Tensor[] captured;
        final Map<Node, Boolean> executes = new IdentityHashMap<>();
        final Map<Node, Integer> dependencies = new IdentityHashMap<>();
        final Map<Node, Tensor[]> buffers = new IdentityHashMap<>();
        /** Gradients someone else may hold: the caller's root gradients and those already stored in a leaf. */
        final Set<Tensor> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
        /** {@code .grad} tensors stored in this task without a copy: they may still sit in a buffer, so add out of place. */
        final Set<Tensor> borrowed = Collections.newSetFromMap(new IdentityHashMap<>());

        Task(boolean keepGraph, boolean createGraph, List<Edge> targets, boolean accumulateTargets) {
            this.keepGraph = keepGraph;
            this.createGraph = createGraph;
            this.targets = targets;
            this.accumulateTargets = accumulateTargets;
            this.captured = targets == null ? null : new Tensor[targets.size()];
        }
    }

    /** Runs {@code task} from the root edges with their gradients. */
    static void execute(Task task, List<Edge> roots, List<Tensor> rootGrads) {
        List<Node> order = discover(roots);
        markExecution(task, order);
        for (Node n : order) {
            if (!runs(task, n)) continue;
            for (Edge e : n.nextEdges) {
                if (e.isValid() && waitsFor(task, e.function())) task.dependencies.merge(e.function(), 1, Integer::sum);
            }
        }
        for (int i = 0; i < roots.size(); i++) {
            Edge e = roots.get(i);
            task.handedOut.add(rootGrads.get(i));
            addToBuffer(task, e, rootGrads.get(i));
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
                Tensor[] buffer = task.buffers.remove(n);
                List<Tensor> grads = buffer == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(buffer));
                run(task, n, grads, ready, queued);
            }
        }
    }

    private static void run(Task task, Node n, List<Tensor> received, PriorityQueue<Node> ready, Set<Node> queued) {
        List<Tensor> grads = n.runTensorPreHooks(received);
        if (task.targets != null) capture(task, n, grads);
        if (!runs(task, n)) return;
        if (n instanceof AccumulateGrad acc) {
            Tensor g = grads.isEmpty() ? null : grads.getFirst();
            if (g != null) acc.accumulate(g, task);
            return;
        }
        List<Tensor> out = n.call(grads);
        if (!task.keepGraph) n.release();
        for (int i = 0; i < n.nextEdges.length; i++) {
            Edge e = n.nextEdges[i];
            if (!e.isValid() || !waitsFor(task, e.function())) continue;
            Tensor g = i < out.size() ? out.get(i) : null;
            if (g != null) {
                g = validate(n, i, g);
                if (GradMode.isAnomalyEnabled() && g.isFloatingPoint() && OPS.hasNaN(g)) {
                    IllegalStateException error = new IllegalStateException(
                            "Function '" + n.name() + "' returned nan values in its " + i + "th output.");
                    if (n.forwardTrace != null) error.initCause(n.forwardTrace);
                    throw error;
                }
                addToBuffer(task, e, g);
            }
            Node f = e.function();
            if (task.dependencies.merge(f, -1, Integer::sum) == 0 && queued.add(f)) ready.add(f);
        }
    }

    /** A gradient must match its destination: summed over broadcast dims and converted to its dtype, else an error. */
    private static Tensor validate(Node n, int i, Tensor g) {
        TensorMeta want = n.inputMetas[i];
        if (want == null) return g;
        if (!Arrays.equals(want.sizes(), g.sizes())) {
            if (!GradOps.isExpandableTo(want.sizes(), g.sizes())) {
                throw new IllegalStateException("Function " + n.name() + " returned an invalid gradient at index " + i + " - got "
                        + Arrays.toString(g.sizes()) + " but expected shape compatible with " + Arrays.toString(want.sizes()));
            }
        }
        return OPS.conform(g, want);
    }

    private static void addToBuffer(Task task, Edge e, Tensor g) {
        Node f = e.function();
        Tensor[] buffer = task.buffers.computeIfAbsent(f, k -> new Tensor[Math.max(1, inputCount(k))]);
        Tensor have = buffer[e.inputNr()];
        buffer[e.inputNr()] = have == null ? g : OPS.add(have, g);
    }

    private static int inputCount(Node n) { return n.numInputs(); }

    private static void capture(Task task, Node n, List<Tensor> grads) {
        if (n instanceof AccumulateGrad && task.accumulateTargets) return;
        for (int i = 0; i < task.targets.size(); i++) {
            Edge t = task.targets.get(i);
            if (t.function() != n) continue;
            Tensor g = t.inputNr() < grads.size() ? grads.get(t.inputNr()) : null;
            if (g != null) task.captured[i] = task.captured[i] == null ? g : OPS.add(task.captured[i], g);
        }
    }

    private static boolean runs(Task task, Node n) { return task.targets == null || task.executes.getOrDefault(n, false); }

    /** Whether {@code f} must wait for this gradient: it runs, or a target gradient is read at it. */
    private static boolean waitsFor(Task task, Node f) {
        if (task.targets == null) return true;
        if (runs(task, f)) return true;
        for (Edge t : task.targets) {
            if (t.function() == f) return true;
        }
        return false;
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

    /** With targets, a function runs if a target is reachable through it (children are decided before parents). */
    private static void markExecution(Task task, List<Node> topological) {
        if (task.targets == null) return;
        Map<Node, Boolean> isTargetFn = new IdentityHashMap<>();
        Set<Edge> targetEdges = new java.util.HashSet<>(task.targets);
        for (Edge t : task.targets) isTargetFn.put(t.function(), true);
        for (int k = topological.size() - 1; k >= 0; k--) {
            Node n = topological.get(k);
            boolean runs;
            if (n instanceof AccumulateGrad) {
                runs = task.accumulateTargets && isTargetFn.containsKey(n);
            } else {
                runs = false;
                for (Edge e : n.nextEdges) {
                    if (e.isValid() && (targetEdges.contains(e) || task.executes.getOrDefault(e.function(), false))) {
                        runs = true;
                        break;
                    }
                }
            }
            task.executes.put(n, runs);
        }
    }
}
