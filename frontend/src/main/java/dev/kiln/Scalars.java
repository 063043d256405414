package dev.kiln;

/** Normalises Java arguments to the forms the op catalogue uses: Long, Double or Boolean scalars, long[] dim lists. */
final class Scalars {
    private Scalars() {}

    static Object of(Object n) {
        return switch (n) {
            case Double d -> d;
            case Float f -> f.doubleValue();
            case Long l -> l;
            case Number x -> x.longValue();
            case Boolean b -> b;
            default -> throw new IllegalArgumentException("expected a number or a bool, got " + n);
        };
    }

    /** A Java {@code int[]} of dims as the catalogue's {@code int[]} (a long[]). */
    static long[] dims(int... dims) {
        long[] r = new long[dims.length];
        for (int i = 0; i < dims.length; i++) r[i] = dims[i];
        return r;
    }
}
