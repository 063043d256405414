package dev.kiln.ir.schema;

/**
 * The type of a schema argument or return, as written in TorchScript schemas: a base type, optionally a
 * list ({@code int[]}, {@code int[2]}), optionally {@code ?}, and an alias annotation ({@code Tensor(a!)}).
 *
 * @param base        the element type
 * @param list        whether this is a list of {@code base}
 * @param fixedLength the declared list length ({@code int[2]}), or -1
 * @param elementOptional for {@code Tensor?[]}: the list elements may be None
 * @param optional    whether None is accepted
 * @param alias       the alias set name ({@code a} in {@code Tensor(a!)}), or null
 * @param mutable     whether the alias annotation has {@code !} (the op writes this argument)
 */
public record SchemaType(Base base, boolean list, int fixedLength, boolean elementOptional, boolean optional,
                         String alias, boolean mutable) {

    /** The base types TorchScript schemas use. */
    public enum Base {
        TENSOR("Tensor"), INT("int"), FLOAT("float"), BOOL("bool"), STR("str"), SCALAR("Scalar"),
        SCALAR_TYPE("ScalarType"), LAYOUT("Layout"), DEVICE("Device"), MEMORY_FORMAT("MemoryFormat"),
        GENERATOR("Generator"), ANY("Any");

        private final String spelling;

        Base(String spelling) { this.spelling = spelling; }

        public String spelling() { return spelling; }

        static Base parse(String word) {
            if (word.equals("SymInt")) return INT;
            for (Base b : values()) {
                if (b.spelling.equals(word)) return b;
            }
            throw new IllegalArgumentException("unknown schema type '" + word + "'");
        }
    }

    public static SchemaType of(Base base) { return new SchemaType(base, false, -1, false, false, null, false); }

    public boolean isTensor() { return base == Base.TENSOR && !list; }

    public boolean isTensorList() { return base == Base.TENSOR && list; }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(base.spelling);
        if (alias != null) sb.append('(').append(alias).append(mutable ? "!" : "").append(')');
        if (elementOptional) sb.append('?');
        if (list) sb.append('[').append(fixedLength >= 0 ? String.valueOf(fixedLength) : "").append(']');
        if (optional) sb.append('?');
        return sb.toString();
    }
}
