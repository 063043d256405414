package dev.kiln.optim;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.GradMode;
import dev.kiln.ir.schema.PythonFloats;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedCollection;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The base of all optimizers, as {@code torch.optim.Optimizer}: parameter groups (each the group's own options over
 * the optimizer's defaults), per-parameter state, {@code zeroGrad}, {@code step} with an optional closure, and
 * {@code stateDict}/{@code loadStateDict} in PyTorch's layout, so that checkpoints written by either side load in the
 * other. Options are maps with PyTorch's keyword names ({@code Map.of("lr", 0.1, "momentum", 0.9)}); a parameter
 * group is a map with a {@code "params"} entry and the options it overrides.
 *
 * <p>Subclasses implement {@link #update(ParamGroup)}, PyTorch 1.13's single-tensor algorithm for one group; it runs
 * under {@code no_grad} and updates the parameters in place.
 */
public abstract class Optimizer {
    /** The default of an option every group must set itself (SGD's {@code lr}), PyTorch's {@code required}. */
    public static final Object REQUIRED = new Object() {
        @Override
        public String toString() { return "<required parameter>"; }
    };

    private final Map<String, Object> defaults;
    private final List<ParamGroup> groups = new ArrayList<>();
    private Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();

    /**
     * @param paramGroups maps with a {@code "params"} entry (a tensor or an ordered collection of tensors) and the
     *                    options that group overrides
     * @param defaults    every option with its default (checked and normalised by {@link #options})
     */
    protected Optimizer(List<? extends Map<String, ?>> paramGroups, Map<String, Object> defaults) {
        this.defaults = new LinkedHashMap<>(defaults);
        if (paramGroups.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        for (Map<String, ?> group : paramGroups) addParamGroup(group);
    }

    /** An ordered map of option names and defaults from alternating keys and values (values may be null). */
    protected static Map<String, Object> defaultsOf(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return Collections.unmodifiableMap(out);
    }

    /** PyTorch's constructor check {@code 0.0 <= option}: "Invalid learning rate: -0.1". */
    protected static void requireNonNegative(Map<String, Object> options, String key, String what) {
        if (options.get(key) instanceof Double v && !(v >= 0)) {
            throw new IllegalArgumentException("Invalid " + what + ": " + PythonFloats.repr(v));
        }
    }

    /** The single group holding {@code params}, as PyTorch wraps a plain iterable of tensors. */
    protected static List<Map<String, ?>> singleGroup(Iterable<? extends Tensor> params) {
        List<Tensor> list = new ArrayList<>();
        params.forEach(list::add);
        return list.isEmpty() ? List.of() : List.of(Map.of("params", list));
    }

    /**
     * The defaults of {@code optimizer} with the options the user {@code given} laid over them: unknown names are
     * rejected as Python rejects an unexpected keyword argument, numbers become doubles, pairs lists of two doubles.
     */
    protected static Map<String, Object> options(String optimizer, Map<String, Object> defaults, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        given.forEach((key, value) -> {
            if (!defaults.containsKey(key)) {
                throw new IllegalArgumentException(optimizer + "() got an unexpected keyword argument '" + key + "'");
            }
            out.put(key, normalise(optimizer, key, value, defaults.get(key)));
        });
        return out;
    }

    private static Object normalise(String owner, String key, Object value, Object defaultValue) {
        if (defaultValue instanceof Double || defaultValue == REQUIRED) {
            if (value instanceof Number n && !(value instanceof Double)) return n.doubleValue();
            if (!(value instanceof Double)) throw badOption(owner, key, "a number", value);
        } else if (defaultValue instanceof Boolean) {
            if (!(value instanceof Boolean)) throw badOption(owner, key, "a boolean", value);
        } else if (defaultValue instanceof List<?>) {
            if (!(value instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number a) || !(l.get(1) instanceof Number b)) {
                throw badOption(owner, key, "a list of two numbers", value);
            }
            return List.of(a.doubleValue(), b.doubleValue());
        } else if (defaultValue == null && value != null && !(value instanceof Boolean)) {
            throw badOption(owner, key, "a boolean or null", value);
        }
        return value;
    }

    private static IllegalArgumentException badOption(String owner, String key, String expected, Object value) {
        return new IllegalArgumentException(owner + ": option '" + key + "' should be " + expected + ", but got " + value);
    }

    /** The optimizer's defaults ({@code optimizer.defaults}), read-only. */
    public Map<String, Object> defaults() { return Collections.unmodifiableMap(defaults); }

    /** The parameter groups ({@code optimizer.param_groups}); their options can be changed in place. */
    public List<ParamGroup> paramGroups() { return Collections.unmodifiableList(groups); }

    /**
     * {@code add_param_group}: adds a group (a map with {@code "params"} and the options it overrides), filling in
     * the defaults. Rejects unordered sets, non-tensors, non-leaf tensors, a missing required option and parameters
     * that another group already holds, with PyTorch's messages.
     */
    public void addParamGroup(Map<String, ?> group) {
        if (!group.containsKey("params")) throw new IllegalArgumentException("param group must have a 'params' entry");
        List<Tensor> params = paramList(group.get("params"));
        Map<String, Object> options = new LinkedHashMap<>();
        group.forEach((key, value) -> {
            if (key.equals("params")) return;
            options.put(key, defaults.containsKey(key) ? normalise(getClass().getSimpleName(), key, value, defaults.get(key)) : value);
        });
        defaults.forEach((name, value) -> {
            if (value == REQUIRED && !options.containsKey(name)) {
                throw new IllegalArgumentException("parameter group didn't specify a value of required optimization parameter " + name);
            }
            options.putIfAbsent(name, value);
        });
        Set<Tensor> existing = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : groups) existing.addAll(g.params());
        for (Tensor p : params) {
            if (existing.contains(p)) throw new IllegalArgumentException("some parameters appear in more than one parameter group");
        }
        groups.add(new ParamGroup(params, options));
    }

    private static List<Tensor> paramList(Object params) {
        if (params instanceof Tensor t) return List.of(t);
        if (params instanceof Set<?> && !(params instanceof SequencedCollection<?>)) {
            throw new IllegalArgumentException("optimizer parameters need to be organized in ordered collections, but the "
                    + "ordering of tensors in sets will change between runs. Please use a list instead.");
        }
        if (!(params instanceof Iterable<?> items)) {
            throw new IllegalArgumentException("params argument given to the optimizer should be an iterable of Tensors or dicts, but got "
                    + (params == null ? "null" : params.getClass().getName()));
        }
        List<Tensor> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Tensor p)) {
                throw new IllegalArgumentException("optimizer can only optimize Tensors, but one of the params is "
                        + (item == null ? "null" : item.getClass().getName()));
            }
            if (!(p.isLeaf() || p.retainsGrad())) throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            out.add(p);
        }
        return out;
    }

    /**
     * The state of {@code param} ({@code optimizer.state[param]}): a live map, created empty on first access as
     * PyTorch's {@code defaultdict} does.
     */
    public Map<String, Object> state(Tensor param) { return state.computeIfAbsent(param, p -> new LinkedHashMap<>()); }

    /** {@code zero_grad(set_to_none=True)}: clears every parameter's gradient. */
    public void zeroGrad() { zeroGrad(true); }

    /** {@code zero_grad(set_to_none)}: clears the gradients, or fills them with zeros (detached from any graph). */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup group : groups) {
            for (Tensor p : group.params()) {
                Tensor grad = p.grad();
                if (grad == null) continue;
                if (setToNone) {
                    p.setGrad(null);
                } else {
                    if (grad.gradFn() != null) p.setGrad(grad = grad.detach());
                    else grad.requiresGrad_(false);
                    try (GradMode.Scope noGrad = Autograd.noGrad()) {
                        grad.zero_();
                    }
                }
            }
        }
    }

    /** One optimization step over every group; parameters without a gradient are left alone. */
    public void step() { step(null); }

    /**
     * One optimization step after running {@code closure} (with gradients enabled) to re-evaluate the loss, which is
     * returned; a null closure is allowed and returns null.
     */
    public Tensor step(Supplier<Tensor> closure) {
        Tensor loss = null;
        if (closure != null) {
            try (GradMode.Scope enableGrad = Autograd.enableGrad()) {
                loss = closure.get();
            }
        }
        try (GradMode.Scope noGrad = Autograd.noGrad()) {
            for (ParamGroup group : groups) update(group);
        }
        return loss;
    }

    /** Updates the parameters of one group that have a gradient, in place; runs under {@code no_grad}. */
    protected abstract void update(ParamGroup group);

    /**
     * {@code state_dict()}: {@code {"state": {index: {...}}, "param_groups": [{options..., "params": [indices]}]}},
     * parameters numbered in group order. The state tensors are the optimizer's own, not copies.
     */
    public Map<String, Object> stateDict() {
        Map<Tensor, Integer> index = new IdentityHashMap<>();
        List<Tensor> order = new ArrayList<>();
        List<Object> packedGroups = new ArrayList<>();
        int start = 0;
        for (ParamGroup group : groups) {
            Map<String, Object> packed = new LinkedHashMap<>(group.options());
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < group.params().size(); i++) {
                Tensor p = group.params().get(i);
                if (!index.containsKey(p)) {
                    index.put(p, start + i);
                    order.add(p);
                }
                ids.add(index.get(p));
            }
            packed.put("params", ids);
            start += ids.size();
            packedGroups.add(packed);
        }
        Map<Integer, Object> packedState = new LinkedHashMap<>();
        for (Tensor p : order) {
            if (state.containsKey(p)) packedState.put(index.get(p), new LinkedHashMap<>(state.get(p)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", packedState);
        out.put("param_groups", packedGroups);
        return out;
    }

    /**
     * {@code load_state_dict(sd)}: takes a deep copy of the saved state and options; tensors in the state are cast to
     * their parameter's floating dtype (except {@code step}). The groups must match this optimizer's in number and
     * size. Options the saved groups lack get this optimizer's defaults; state saved for no parameter is dropped.
     */
    public void loadStateDict(Map<String, ?> stateDict) {
        if (!(stateDict.get("param_groups") instanceof List<?> savedGroups) || !(stateDict.get("state") instanceof Map<?, ?> savedState)) {
            throw new IllegalArgumentException("optimizer state dict should hold 'state' (a map) and 'param_groups' (a list), but has keys "
                    + stateDict.keySet());
        }
        if (savedGroups.size() != groups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        Map<Object, Tensor> idMap = new HashMap<>();
        List<ParamGroup> loaded = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            if (!(savedGroups.get(g) instanceof Map<?, ?> saved) || !(saved.get("params") instanceof List<?> ids)) {
                throw new IllegalArgumentException("loaded state dict's parameter group " + g + " should be a map with a 'params' list");
            }
            List<Tensor> params = groups.get(g).params();
            if (ids.size() != params.size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
            }
            for (int i = 0; i < ids.size(); i++) idMap.put(key(ids.get(i)), params.get(i));
            Map<String, Object> options = new LinkedHashMap<>();
            saved.forEach((k, v) -> {
                if (!"params".equals(k)) options.put(String.valueOf(k), deepCopy(v));
            });
            defaults.forEach(options::putIfAbsent);
            loaded.add(new ParamGroup(params, options));
        }
        Map<Tensor, Map<String, Object>> newState = new IdentityHashMap<>();
        savedState.forEach((id, value) -> {
            Tensor param = idMap.get(key(id));
            if (param == null || !(value instanceof Map<?, ?> entries)) return;
            Map<String, Object> paramState = new LinkedHashMap<>();
            entries.forEach((k, v) -> paramState.put(String.valueOf(k), castTo(param, String.valueOf(k), deepCopy(v))));
            upgradeLoadedState(paramState);
            newState.put(param, paramState);
        });
        groups.clear();
        groups.addAll(loaded);
        state = newState;
    }

    /** Brings one parameter's loaded state to this optimizer's current form (Adam's numeric {@code step} to a tensor). */
    protected void upgradeLoadedState(Map<String, Object> paramState) {}

    /** Turns a numeric {@code step} saved by an older PyTorch into the float32 scalar tensor Adam and Adagrad keep. */
    protected static void stepAsTensor(Map<String, Object> paramState) {
        if (paramState.get("step") instanceof Number n) paramState.put("step", Torch.scalarTensor(n.doubleValue(), DType.FLOAT32));
    }

    private static Object key(Object id) { return id instanceof Number n ? (Object) n.longValue() : id; }

    private static Object deepCopy(Object v) {
        if (v instanceof Tensor t) return t.detach().clone();
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, deepCopy(x)));
            return out;
        }
        if (v instanceof List<?> l) return new ArrayList<>(l.stream().map(Optimizer::deepCopy).toList());
        return v;
    }

    private static Object castTo(Tensor param, String key, Object value) {
        if (value instanceof Tensor t && !key.equals("step") && param.isFloatingPoint() && t.dtype() != param.dtype()) {
            return t.to(param.dtype());
        }
        return value;
    }

    /** PyTorch's repr: the class name, then each group's options sorted by name. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int i = 0; i < groups.size(); i++) {
            out.append("\nParameter Group ").append(i).append('\n');
            new TreeMap<>(groups.get(i).options())
                    .forEach((k, v) -> out.append("    ").append(k).append(": ").append(PythonRepr.of(v)).append('\n'));
        }
        return out.append(')').toString();
    }
}
