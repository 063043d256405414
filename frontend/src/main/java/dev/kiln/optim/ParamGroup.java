package dev.kiln.optim;

import dev.kiln.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of an optimizer's parameter groups ({@code optimizer.param_groups[i]}): its parameters and its options
 * ({@code lr}, {@code momentum} ...), with the optimizer's defaults filled in for the options the group did not
 * set. Options are live: a scheduler or the user changes the learning rate with {@code group.set("lr", 0.01)}.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options;

    ParamGroup(List<Tensor> params, Map<String, Object> options) {
        this.params = List.copyOf(params);
        this.options = new LinkedHashMap<>(options);
    }

    /** The group's parameters, in the order they were given. */
    public List<Tensor> params() { return params; }

    /** The options without {@code params}, in PyTorch's order: the group's own keys first, then the defaults. */
    public Map<String, Object> options() { return Collections.unmodifiableMap(options); }

    public boolean has(String key) { return options.containsKey(key); }

    /** The option {@code key}; fails naming the option when the group has none. */
    public Object get(String key) {
        if (!options.containsKey(key)) throw new IllegalArgumentException("param group has no option '" + key + "'");
        return options.get(key);
    }

    public double getDouble(String key) {
        if (!(get(key) instanceof Number n)) {
            throw new IllegalArgumentException("param group option '" + key + "' should be a number, but is " + get(key));
        }
        return n.doubleValue();
    }

    public boolean getBoolean(String key) {
        if (!(get(key) instanceof Boolean b)) {
            throw new IllegalArgumentException("param group option '" + key + "' should be a boolean, but is " + get(key));
        }
        return b;
    }

    /** A pair option such as Adam's {@code betas}: a list of two numbers. */
    public double[] getPair(String key) {
        if (!(get(key) instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number a) || !(l.get(1) instanceof Number b)) {
            throw new IllegalArgumentException("param group option '" + key + "' should be a list of two numbers, but is " + get(key));
        }
        return new double[] {a.doubleValue(), b.doubleValue()};
    }

    /** Sets (or adds) an option, as {@code group[key] = value} does. */
    public void set(String key, Object value) { options.put(key, value); }

    /** {@code setdefault}: sets the option only when the group has none. */
    public void setDefault(String key, Object value) { options.putIfAbsent(key, value); }

    public double lr() { return getDouble("lr"); }

    public void setLr(double lr) { set("lr", lr); }

    @Override
    public String toString() { return "ParamGroup" + options + " with " + params.size() + " params"; }
}
