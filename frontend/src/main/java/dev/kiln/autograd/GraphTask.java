package dev.kiln.autograd;

import dev.kiln.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One backward call: what is wanted, and the state of its execution (PyTorch's {@code GraphTask}). */
final class GraphTask {
    /** {@code .grad} tensors borrowed by the tasks now running on any thread; they must be added to out of place. */
    private static final Set<Tensor> BORROWED = ConcurrentHashMap.newKeySet();

    final boolean keepGraph;
    final boolean createGraph;
    /** Whether anomaly detection was on when the task started: then NaN gradients are an error. */
    final boolean anomaly = GradMode.isAnomalyEnabled();
    /** Gradients wanted at these edges (Autograd.grad, or backward with inputs); null: accumulate everywhere. */
    final List<Edge> targets;
    /** Whether leaf accumulators among the targets run (backward with inputs) or are only read (grad). */
    final boolean accumulateTargets;
    /** The gradients read at the targets, for {@code grad}; null when accumulating. */
    final Tensor[] captured;
    final Map<Node, Boolean> executes = new IdentityHashMap<>();
    final Map<Node, Integer> dependencies = new IdentityHashMap<>();
    /** Chosen by the engine once it has seen the graph: ordered when functions may be committed out of turn. */
    GradBuffers buffers;
    /** Gradients someone else may hold: the caller's root gradients and those already stored in a leaf. */
    final Set<Tensor> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
    /** {@code .grad} tensors this task stored without a copy, borrowed until it ends. */
    private final List<Tensor> borrowed = new ArrayList<>();

    GraphTask(boolean keepGraph, boolean createGraph, List<Edge> targets, boolean accumulateTargets) {
        this.keepGraph = keepGraph;
        this.createGraph = createGraph;
        this.targets = targets;
        this.accumulateTargets = accumulateTargets;
        this.captured = targets == null || accumulateTargets ? null : new Tensor[targets.size()];
    }

    /** Marks {@code grad}, just stored in a leaf, as sharing data that may still sit in this task's buffers. */
    void borrow(Tensor grad) {
        borrowed.add(grad);
        BORROWED.add(grad);
    }

    /** Ends the borrowing of this task's {@code .grad} tensors once nothing of the task holds their data. */
    void returnBorrowed() { borrowed.forEach(BORROWED::remove); }

    /** Whether a running task stored {@code grad} without a copy, so it must not be written in place. */
    static boolean isBorrowed(Tensor grad) { return BORROWED.contains(grad); }

    boolean runs(Node n) { return targets == null || executes.getOrDefault(n, false); }

    /** Whether {@code f} must wait for this gradient: it runs, or a target gradient is read at it. */
    boolean waitsFor(Node f) {
        if (targets == null || runs(f)) return true;
        for (Edge t : targets) {
            if (t.function() == f) return true;
        }
        return false;
    }
}
