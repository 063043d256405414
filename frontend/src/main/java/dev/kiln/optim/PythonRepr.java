package dev.kiln.optim;

import dev.kiln.ir.schema.PythonFloats;
import java.util.List;
import java.util.stream.Collectors;

/** Python's {@code repr} of option values, for optimizer printouts that read like PyTorch's. */
final class PythonRepr {
    private PythonRepr() {}

    static String of(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) return PythonFloats.repr(d);
        if (v instanceof List<?> l) return l.stream().map(PythonRepr::of).collect(Collectors.joining(", ", "(", l.size() == 1 ? ",)" : ")"));
        return String.valueOf(v);
    }
}
