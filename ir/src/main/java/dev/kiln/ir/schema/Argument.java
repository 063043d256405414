package dev.kiln.ir.schema;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One formal argument (or named return) of a schema.
 *
 * @param defaultValue the parsed default ({@link #NO_DEFAULT} when the argument is required); Java values:
 *                     Long, Double, Boolean, String (quoted strings and bare names such as
 *                     {@code contiguous_format}), long[], double[] or null for None
 */
public record Argument(String name, SchemaType type, Object defaultValue, boolean kwargOnly) {

    /** Marks an argument without a default. */
    public static final Object NO_DEFAULT = new Object() {
        @Override
        public String toString() { return "<required>"; }
    };

    public boolean hasDefault() { return defaultValue != NO_DEFAULT; }

    @Override
    public String toString() {
        String s = type + (name.isEmpty() ? "" : " " + name);
        return hasDefault() ? s + "=" + formatDefault(defaultValue) : s;
    }

    private String formatDefault(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case long[] a -> Arrays.toString(a).replace(" ", "");
            case double[] a -> Arrays.stream(a).mapToObj(PythonFloats::repr).collect(Collectors.joining(",", "[", "]"));
            case String str -> type.base() == SchemaType.Base.STR ? "\"" + str + "\"" : str;
            case Double d -> PythonFloats.repr(d);
            default -> v.toString();
        };
    }
}
