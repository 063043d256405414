package dev.kiln.nn;

import dev.kiln.Tensor;
import java.util.Collection;

/** Indexing and printing that the containers share. */
final class Containers {
    private Containers() {}

    /** The name at {@code index} (negative from the end), with PyTorch's IndexError text. */
    static String nameAt(Collection<String> names, int index) {
        int size = names.size();
        if (index < -size || index >= size) throw new IndexOutOfBoundsException("index " + index + " is out of range");
        return names.stream().skip(index < 0 ? index + size : index).findFirst().orElseThrow();
    }

    /** The lines ParameterList and ParameterDict print: {@code (key): Parameter containing: [type of size 2x3]}. */
    static String parameterLine(String key, Tensor p, String type) {
        StringBuilder size = new StringBuilder();
        for (long s : p.sizes()) size.append(size.isEmpty() ? "" : "x").append(s);
        return "  (" + key + "): " + (p instanceof Parameter ? "Parameter" : "Tensor") + " containing: [" + type + " of size " + size + "]";
    }
}
