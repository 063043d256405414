package dev.kiln.ir.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A TorchScript function schema such as {@code add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor}:
 * the qualified name, the overload name, the arguments and the returns. Parsed by {@link SchemaParser};
 * {@link #toString()} prints it back in the same syntax.
 */
public record Schema(String namespace, String name, String overload, List<Argument> arguments, List<Argument> returns) {

    public Schema {
        arguments = List.copyOf(arguments);
        returns = List.copyOf(returns);
    }

    public static Schema parse(String text) { return SchemaParser.parse(text); }

    /** {@code aten::add} */
    public String qualifiedName() { return namespace + "::" + name; }

    /** {@code aten::add.Tensor}, or {@code aten::relu} when the overload name is empty. */
    public String fullName() { return overload.isEmpty() ? qualifiedName() : qualifiedName() + "." + overload; }

    /** Whether the op writes one of its arguments in place (an alias annotation with {@code !}). */
    public boolean isMutating() {
        for (Argument a : arguments) {
            if (a.type().mutable()) return true;
        }
        return false;
    }

    public int indexOf(String argumentName) {
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).name().equals(argumentName)) return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        if (!overload.isEmpty()) sb.append('.').append(overload);
        sb.append('(');
        boolean kwMarked = false;
        for (int i = 0; i < arguments.size(); i++) {
            Argument a = arguments.get(i);
            if (i > 0) sb.append(", ");
            if (a.kwargOnly() && !kwMarked) {
                sb.append("*, ");
                kwMarked = true;
            }
            sb.append(a);
        }
        sb.append(") -> ");
        if (returns.size() == 1 && returns.getFirst().name().isEmpty()) {
            sb.append(returns.getFirst());
        } else {
            sb.append(returns.stream().map(Argument::toString).collect(Collectors.joining(", ", "(", ")")));
        }
        return sb.toString();
    }
}
