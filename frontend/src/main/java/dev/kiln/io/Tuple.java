package dev.kiln.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Python tuple (and {@code torch.Size}) as {@link Checkpoints} reads and writes it: an immutable list of items
 * (which may be null), kept apart from {@link List}, which stands for a Python list, so that a round trip keeps
 * the difference PyTorch code relies on.
 */
public record Tuple(List<Object> items) {
    public Tuple {
        items = Collections.unmodifiableList(Arrays.asList(items.toArray()));
    }

    public static Tuple of(Object... items) { return new Tuple(Arrays.asList(items)); }

    public Object get(int index) { return items.get(index); }

    public int size() { return items.size(); }

    @Override
    public String toString() {
        if (items.size() == 1) return "(" + items.getFirst() + ",)";
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) s.append(i == 0 ? "" : ", ").append(items.get(i));
        return s.append(')').toString();
    }
}
