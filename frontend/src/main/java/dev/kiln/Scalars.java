package dev.kiln;

/** Normalises Java numbers to the scalar forms the op catalogue uses: Long, Double or Boolean. */
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
}
