package dev.kiln.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Python's {@code collections.OrderedDict} as {@link Checkpoints} reads and writes it: a {@link LinkedHashMap}
 * (any other Map is written as a plain dict) plus the instance attributes pickled with it, which for a module's
 * {@code state_dict()} hold {@code _metadata} (each submodule's version, read by layers such as BatchNorm).
 */
public final class OrderedDict extends LinkedHashMap<Object, Object> {
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    public OrderedDict() {}

    public OrderedDict(Map<?, ?> entries) { super(entries); }

    /** The instance attributes ({@code __dict__}), e.g. {@code _metadata}; mutable. */
    public Map<String, Object> attributes() { return attributes; }
}
