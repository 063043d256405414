package dev.kiln.optim.lr;

import java.util.Map;
import java.util.Set;

/** A scheduler's keyword arguments as a map with PyTorch's names; unknown names fail as in Python. */
final class Kwargs {
    private final String owner;
    private final Map<String, ?> given;

    Kwargs(String owner, Map<String, ?> given, Set<String> known) {
        this.owner = owner;
        this.given = given;
        for (String key : given.keySet()) {
            if (!known.contains(key)) throw new IllegalArgumentException(owner + "() got an unexpected keyword argument '" + key + "'");
        }
    }

    boolean has(String key) { return given.containsKey(key) && given.get(key) != null; }

    Object get(String key, Object fallback) { return has(key) ? given.get(key) : fallback; }

    double getDouble(String key, double fallback) {
        Object v = get(key, fallback);
        if (!(v instanceof Number n)) throw new IllegalArgumentException(owner + ": '" + key + "' should be a number, but got " + v);
        return n.doubleValue();
    }

    /** An integer argument; a number with a fraction is rejected, as PyTorch's isinstance(x, int) checks do. */
    int getInt(String key, int fallback) {
        Object v = get(key, fallback);
        if (!(v instanceof Number n) || n.doubleValue() != n.longValue()) {
            throw new IllegalArgumentException(owner + ": '" + key + "' should be an integer, but got " + v);
        }
        return n.intValue();
    }

    boolean getBoolean(String key, boolean fallback) {
        Object v = get(key, fallback);
        if (!(v instanceof Boolean b)) throw new IllegalArgumentException(owner + ": '" + key + "' should be a boolean, but got " + v);
        return b;
    }

    String getString(String key, String fallback) { return String.valueOf(get(key, fallback)); }
}
