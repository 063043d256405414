package dev.kiln.autograd;

import dev.kiln.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradients waiting for each function of a backward task, one slot per function input, each slot the sum
 * of what has arrived: the roots' gradients first, then the contributions of the functions feeding it in the order
 * they are committed. Run one function at a time, the engine commits in decreasing sequence number, so that is
 * the order every slot is summed in; {@link Ordered} keeps that order when functions are committed out of turn.
 */
class GradBuffers {
    private final Map<Node, Tensor[]> slots = new IdentityHashMap<>();

    /** A root's gradient, added before any function runs. */
    final void seed(Edge e, Tensor g) { addTo(e, g); }

    /** The gradient {@code g} (null: none) that {@code producer} sends along its edge {@code edge}. */
    void add(Node producer, int edge, Tensor g) {
        if (g != null) addTo(producer.nextEdges[edge], g);
    }

    final void addTo(Edge e, Tensor g) {
        Tensor[] slot = slots.computeIfAbsent(e.function(), k -> new Tensor[Math.max(1, k.numInputs())]);
        Tensor have = slot[e.inputNr()];
        slot[e.inputNr()] = have == null ? g : EngineOps.add(have, g);
    }

    /** The complete gradients of {@code f}'s inputs (nulls where none arrived), removed from the buffers. */
    final List<Tensor> take(Node f) {
        Tensor[] slot = slots.remove(f);
        return slot == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(slot));
    }

    /**
     * Buffers that sum each slot in the sequential order whatever the order of commits: a contribution that comes
     * before its predecessors (by decreasing sequence number of the producer, then edge) waits until they have
     * come, so the sums are bitwise those of a sequential run.
     */
    static final class Ordered extends GradBuffers {
        /** Per producer and edge, its place among the contributions to the slot the edge leads to. */
        private final Map<Node, int[]> places = new IdentityHashMap<>();
        /** Per producer and edge, the slot's arrival state. */
        private final Map<Node, Arrivals[]> arrivals = new IdentityHashMap<>();

        private static final class Arrivals {
            int next;
            final Map<Integer, Tensor> early = new java.util.HashMap<>();
        }

        private record Contribution(Node producer, int edge) {}

        /** Orders, for every slot, the contributions the producers in {@code order} that run will send. */
        Ordered(List<Node> order, GraphTask task) {
            Map<Node, List<Contribution>[]> bySlot = new IdentityHashMap<>();
            for (Node n : order) {
                if (!task.runs(n)) continue;
                for (int i = 0; i < n.nextEdges.length; i++) {
                    Edge e = n.nextEdges[i];
                    if (!e.isValid() || !task.waitsFor(e.function())) continue;
                    List<Contribution>[] lists = bySlot.computeIfAbsent(e.function(), Ordered::newSlots);
                    lists[e.inputNr()].add(new Contribution(n, i));
                }
            }
            for (List<Contribution>[] lists : bySlot.values()) {
                for (List<Contribution> list : lists) {
                    list.sort((a, b) -> a.producer() != b.producer() ? Long.compare(b.producer().sequenceNr, a.producer().sequenceNr)
                            : Integer.compare(a.edge(), b.edge()));
                    Arrivals state = new Arrivals();
                    for (int k = 0; k < list.size(); k++) {
                        Contribution c = list.get(k);
                        places.computeIfAbsent(c.producer(), p -> new int[p.nextEdges.length])[c.edge()] = k;
                        arrivals.computeIfAbsent(c.producer(), p -> new Arrivals[p.nextEdges.length])[c.edge()] = state;
                    }
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static List<Contribution>[] newSlots(Node f) {
            List<Contribution>[] lists = new List[Math.max(1, f.numInputs())];
            for (int k = 0; k < lists.length; k++) lists[k] = new ArrayList<>();
            return lists;
        }

        @Override
        void add(Node producer, int edge, Tensor g) {
            Arrivals state = arrivals.get(producer)[edge];
            int place = places.get(producer)[edge];
            Edge e = producer.nextEdges[edge];
            if (place != state.next) {
                state.early.put(place, g);
                return;
            }
            if (g != null) addTo(e, g);
            state.next++;
            while (state.early.containsKey(state.next)) {
                Tensor waiting = state.early.remove(state.next++);
                if (waiting != null) addTo(e, waiting);
            }
        }
    }
}
