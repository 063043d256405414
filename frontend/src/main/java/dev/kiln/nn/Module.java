package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.RemovableHandle;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code torch.nn.Module}: a tree of layers that owns parameters, buffers and submodules, each registered by name in
 * registration order ({@link #registerParameter}, {@link #registerBuffer}, {@link #registerModule}: Java has no
 * {@code __setattr__}). It lists them as PyTorch does (dotted names, duplicates such as tied weights once), moves and
 * converts them, saves and loads them as a state dict, switches train/eval mode, prints as PyTorch's repr, and runs
 * forward pre-hooks, forward hooks and full backward hooks around {@link #invoke} (PyTorch's {@code __call__}).
 *
 * <p>Forward takes positional arguments of any kind ({@link #forwardArgs}), so multi-input layers and tuple
 * results use the same hook path; {@link TensorModule} is the usual one-tensor-in, one-tensor-out layer.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> nonPersistent = new LinkedHashSet<>();
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private boolean training = true;

    private final List<ForwardPreHook> forwardPreHooks = new CopyOnWriteArrayList<>();
    private final List<ForwardHook> forwardHooks = new CopyOnWriteArrayList<>();
    private final List<BackwardHook> backwardHooks = new CopyOnWriteArrayList<>();
    private static final List<ForwardPreHook> GLOBAL_FORWARD_PRE_HOOKS = new CopyOnWriteArrayList<>();
    private static final List<ForwardHook> GLOBAL_FORWARD_HOOKS = new CopyOnWriteArrayList<>();
    private static final List<BackwardHook> GLOBAL_BACKWARD_HOOKS = new CopyOnWriteArrayList<>();

    /** {@code hook(module, args)} before forward; a non-null result replaces the arguments. */
    @FunctionalInterface
    public interface ForwardPreHook {
        List<Object> apply(Module module, List<Object> args);
    }

    /** {@code hook(module, args, output)} after forward; a non-null result replaces the output. */
    @FunctionalInterface
    public interface ForwardHook {
        Object apply(Module module, List<Object> args, Object output);
    }

    /**
     * {@code hook(module, grad_input, grad_output)} once the gradients of the module's tensor inputs are computed
     * (one entry per forward argument, null for non-tensors and inputs without a gradient); a non-null result
     * replaces {@code grad_input}.
     */
    @FunctionalInterface
    public interface BackwardHook {
        List<Tensor> apply(Module module, List<Tensor> gradInput, List<Tensor> gradOutput);
    }

    /** What {@link #loadStateDict} did not match: PyTorch's {@code _IncompatibleKeys}. */
    public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
        @Override
        public String toString() {
            if (missingKeys.isEmpty() && unexpectedKeys.isEmpty()) return "<All keys matched successfully>";
            return "_IncompatibleKeys(missing_keys=" + quoted(missingKeys) + ", unexpected_keys=" + quoted(unexpectedKeys) + ")";
        }

        private static String quoted(List<String> keys) { return keys.stream().map(k -> "'" + k + "'").toList().toString(); }
    }

    // ---- forward and hooks ----

    /**
     * The computation, on the positional arguments {@link #invoke} received (after the pre-hooks). Layers override it
     * to call their typed {@code forward}; a module without one (a container) raises PyTorch's error.
     */
    protected Object forwardArgs(Object... args) {
        throw new UnsupportedOperationException("Module [" + getName() + "] is missing the required \"forward\" function");
    }

    /**
     * PyTorch's {@code module(*args)}: runs the global then the module's forward pre-hooks, {@link #forwardArgs},
     * the forward hooks, and arranges for the full backward hooks to see the gradients of inputs and outputs.
     */
    public final Object invoke(Object... args) {
        List<BackwardHook> backward = concat(GLOBAL_BACKWARD_HOOKS, backwardHooks);
        List<Object> input = Arrays.asList(args.clone());
        for (ForwardPreHook hook : concat(GLOBAL_FORWARD_PRE_HOOKS, forwardPreHooks)) {
            List<Object> replaced = hook.apply(this, Collections.unmodifiableList(input));
            if (replaced != null) input = new ArrayList<>(replaced);
        }
        ModuleBackwardHooks bw = backward.isEmpty() ? null : new ModuleBackwardHooks(this, backward);
        if (bw != null) input = bw.setupInputs(input);
        Object result = forwardArgs(input.toArray());
        for (ForwardHook hook : concat(GLOBAL_FORWARD_HOOKS, forwardHooks)) {
            Object replaced = hook.apply(this, Collections.unmodifiableList(input), result);
            if (replaced != null) result = replaced;
        }
        return bw != null ? bw.setupOutputs(result) : result;
    }

    private static <T> List<T> concat(List<T> global, List<T> local) {
        if (global.isEmpty()) return local;
        List<T> all = new ArrayList<>(global);
        all.addAll(local);
        return all;
    }

    public RemovableHandle registerForwardPreHook(ForwardPreHook hook) { return add(forwardPreHooks, hook); }

    public RemovableHandle registerForwardHook(ForwardHook hook) { return add(forwardHooks, hook); }

    /** {@code register_full_backward_hook}: see {@link BackwardHook}. */
    public RemovableHandle registerFullBackwardHook(BackwardHook hook) { return add(backwardHooks, hook); }

    /** {@code torch.nn.modules.module.register_module_forward_pre_hook}: a pre-hook for every module, run before their own. */
    public static RemovableHandle registerModuleForwardPreHook(ForwardPreHook hook) { return add(GLOBAL_FORWARD_PRE_HOOKS, hook); }

    public static RemovableHandle registerModuleForwardHook(ForwardHook hook) { return add(GLOBAL_FORWARD_HOOKS, hook); }

    public static RemovableHandle registerModuleFullBackwardHook(BackwardHook hook) { return add(GLOBAL_BACKWARD_HOOKS, hook); }

    /** Adds a hook; its handle removes that one registration, once. */
    private static <T> RemovableHandle add(List<T> hooks, T hook) {
        hooks.add(hook);
        boolean[] removed = {false};
        return () -> {
            if (!removed[0]) removed[0] = hooks.remove(hook);
        };
    }

    // ---- registration ----

    /** {@code register_parameter(name, param)}: a null parameter is registered as absent (PyTorch's None). */
    public void registerParameter(String name, Parameter param) {
        checkName("parameter", name, parameters);
        parameters.put(name, param);
    }

    /** {@code register_buffer(name, tensor)}: a persistent buffer (part of the state dict); null registers it absent. */
    public void registerBuffer(String name, Tensor tensor) { registerBuffer(name, tensor, true); }

    /** {@code register_buffer(name, tensor, persistent)}. */
    public void registerBuffer(String name, Tensor tensor, boolean persistent) {
        checkName("buffer", name, buffers);
        buffers.put(name, tensor);
        if (persistent) nonPersistent.remove(name);
        else nonPersistent.add(name);
    }

    /** {@code register_module(name, module)}; null registers it absent. Returns the module. */
    public <M extends Module> M registerModule(String name, M module) {
        checkName("module", name, modules);
        modules.put(name, module);
        return module;
    }

    /** {@code add_module(name, module)}, the same as {@link #registerModule}. */
    public <M extends Module> M addModule(String name, M module) { return registerModule(name, module); }

    private void checkName(String kind, String name, Map<String, ?> own) {
        if (name == null) throw new IllegalArgumentException(kind + " name should be a string. Got null");
        if (name.contains(".")) throw new IllegalArgumentException(kind + " name can't contain \".\", got: " + name);
        if (name.isEmpty()) throw new IllegalArgumentException(kind + " name can't be empty string \"\"");
        boolean taken = parameters.containsKey(name) || buffers.containsKey(name) || modules.containsKey(name);
        if (taken && !own.containsKey(name)) throw new IllegalArgumentException("attribute '" + name + "' already exists");
    }

    /** This module's own parameter {@code name} (null when registered absent). */
    protected Parameter param(String name) { return parameters.get(name); }

    /** This module's own buffer {@code name}. */
    protected Tensor buffer(String name) { return buffers.get(name); }

    /** This module's own submodule {@code name}. */
    protected Module module(String name) { return modules.get(name); }

    /** The names of this module's own parameters (absent ones included), in registration order. */
    protected Set<String> parameterNames() { return Collections.unmodifiableSet(parameters.keySet()); }

    /** The names of this module's own submodules (absent ones included), in registration order. */
    protected Set<String> moduleNames() { return Collections.unmodifiableSet(modules.keySet()); }

    // ---- traversal ----

    /** {@code named_children()}: the direct submodules, each once. */
    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        Set<Module> memo = Collections.newSetFromMap(new IdentityHashMap<>());
        modules.forEach((name, m) -> {
            if (m != null && memo.add(m)) out.put(name, m);
        });
        return out;
    }

    public List<Module> children() { return List.copyOf(namedChildren().values()); }

    /** {@code named_modules()}: this module (named "") and every submodule depth-first, each once. */
    public Map<String, Module> namedModules() { return namedModules("", true); }

    /** {@code named_modules(prefix=prefix, remove_duplicate=removeDuplicate)}. */
    public Map<String, Module> namedModules(String prefix, boolean removeDuplicate) {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules(Collections.newSetFromMap(new IdentityHashMap<>()), prefix, removeDuplicate, out);
        return out;
    }

    private void collectModules(Set<Module> memo, String prefix, boolean removeDuplicate, Map<String, Module> out) {
        if (removeDuplicate && !memo.add(this)) return;
        out.put(prefix, this);
        modules.forEach((name, m) -> {
            if (m != null) m.collectModules(memo, prefix.isEmpty() ? name : prefix + "." + name, removeDuplicate, out);
        });
    }

    public List<Module> modules() { return List.copyOf(namedModules().values()); }

    /** {@code named_parameters()}: every parameter of the tree with its dotted name, each tensor once. */
    public Map<String, Parameter> namedParameters() { return namedParameters("", true); }

    /** {@code named_parameters(prefix, recurse)}. */
    public Map<String, Parameter> namedParameters(String prefix, boolean recurse) {
        return namedMembers(prefix, recurse, m -> m.parameters);
    }

    public List<Parameter> parameters() { return parameters(true); }

    /** {@code parameters(recurse)}: with {@code recurse} false, only this module's own. */
    public List<Parameter> parameters(boolean recurse) { return List.copyOf(namedParameters("", recurse).values()); }

    /** {@code named_buffers()}: every buffer of the tree (persistent or not) with its dotted name, each tensor once. */
    public Map<String, Tensor> namedBuffers() { return namedBuffers("", true); }

    public Map<String, Tensor> namedBuffers(String prefix, boolean recurse) { return namedMembers(prefix, recurse, m -> m.buffers); }

    public List<Tensor> buffers() { return List.copyOf(namedBuffers().values()); }

    private <T extends Tensor> Map<String, T> namedMembers(String prefix, boolean recurse,
                                                           java.util.function.Function<Module, Map<String, T>> members) {
        Map<String, T> out = new LinkedHashMap<>();
        Set<Tensor> memo = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Module> tree = recurse ? namedModules(prefix, true) : Map.of(prefix, this);
        tree.forEach((modulePrefix, m) -> members.apply(m).forEach((name, t) -> {
            if (t != null && memo.add(t)) out.put(modulePrefix.isEmpty() ? name : modulePrefix + "." + name, t);
        }));
        return out;
    }

    /** {@code get_submodule("a.b")}; "" is this module. */
    public Module getSubmodule(String target) {
        Module m = this;
        if (target.isEmpty()) return m;
        for (String item : target.split("\\.", -1)) {
            if (!m.modules.containsKey(item)) {
                boolean other = m.parameters.containsKey(item) || m.buffers.containsKey(item);
                throw new IllegalArgumentException(other ? "`" + item + "` is not an nn.Module" : m.getName() + " has no attribute `" + item + "`");
            }
            m = m.modules.get(item);
            if (m == null) throw new IllegalArgumentException("`" + item + "` is not an nn.Module");
        }
        return m;
    }

    /** {@code get_parameter("a.b.weight")}. */
    public Parameter getParameter(String target) {
        int dot = target.lastIndexOf('.');
        Module m = getSubmodule(dot < 0 ? "" : target.substring(0, dot));
        String name = target.substring(dot + 1);
        if (!m.parameters.containsKey(name)) {
            boolean other = m.buffers.containsKey(name) || m.modules.containsKey(name);
            throw new IllegalArgumentException(other ? "`" + name + "` is not an nn.Parameter" : m.getName() + " has no attribute `" + name + "`");
        }
        return m.parameters.get(name);
    }

    /** {@code get_buffer("a.b.running_mean")}. */
    public Tensor getBuffer(String target) {
        int dot = target.lastIndexOf('.');
        Module m = getSubmodule(dot < 0 ? "" : target.substring(0, dot));
        String name = target.substring(dot + 1);
        if (!m.buffers.containsKey(name)) {
            boolean other = m.parameters.containsKey(name) || m.modules.containsKey(name);
            throw new IllegalArgumentException(other ? "`" + name + "` is not a buffer" : m.getName() + " has no attribute `" + name + "`");
        }
        return m.buffers.get(name);
    }

    // ---- modes, apply, conversion, gradients ----

    public boolean isTraining() { return training; }

    /** {@code train()}: training mode for this module and every submodule. */
    public Module train() { return train(true); }

    public Module train(boolean mode) {
        training = mode;
        for (Module m : children()) m.train(mode);
        return this;
    }

    /** {@code eval()}: the same as {@code train(false)}. */
    public Module eval() { return train(false); }

    /** {@code apply(fn)}: calls {@code fn} on every submodule (children first, depth-first) and then this module. */
    public Module apply(Consumer<Module> fn) {
        for (Module m : children()) m.apply(fn);
        fn.accept(this);
        return this;
    }

    /** {@code requires_grad_(requiresGrad)} on every parameter. */
    public Module requiresGrad_(boolean requiresGrad) {
        for (Parameter p : parameters()) p.requiresGrad_(requiresGrad);
        return this;
    }

    /**
     * {@code to(dtype)}: converts the floating-point parameters, their gradients and floating-point buffers. Each
     * converted parameter is a new {@link Parameter} that replaces the old one wherever the tree registered it, so
     * tied weights stay tied (make optimizers after converting, as PyTorch advises).
     */
    public Module to(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=" + dtype);
        }
        return convert(t -> t.isFloatingPoint() ? t.to(dtype) : t);
    }

    /** {@code to(device)}: Kiln's tensors live on the CPU, so only "cpu" is accepted (a no-op). */
    public Module to(Device device) {
        if (device.isCuda()) throw new IllegalArgumentException("Module.to: Kiln has no CUDA tensors yet, got device " + device);
        return this;
    }

    public Module to(String device) { return to(Device.parse(device)); }

    /** PyTorch's {@code _apply(fn)}: {@code fn} on every parameter, gradient and buffer, keeping shared tensors shared. */
    private Module convert(UnaryOperator<Tensor> fn) {
        Map<Tensor, Tensor> done = new IdentityHashMap<>();
        try (var ignored = Autograd.noGrad()) {
            for (Module m : namedModules("", true).values()) {
                m.parameters.replaceAll((name, p) -> p == null ? null : (Parameter) done.computeIfAbsent(p, old -> {
                    Tensor converted = fn.apply(p);
                    if (converted == p) return p;
                    Parameter q = new Parameter(converted.detach(), p.requiresGrad());
                    if (p.grad() != null) q.setGrad(fn.apply(p.grad()));
                    return q;
                }));
                m.buffers.replaceAll((name, b) -> b == null ? null : done.computeIfAbsent(b, fn));
            }
        }
        return this;
    }

    /** {@code zero_grad()}: every parameter's gradient set to none. */
    public void zeroGrad() { zeroGrad(true); }

    /** {@code zero_grad(set_to_none)}: with false the gradients are detached and filled with zeros in place. */
    public void zeroGrad(boolean setToNone) {
        try (var ignored = Autograd.noGrad()) {
            for (Parameter p : parameters()) {
                Tensor g = p.grad();
                if (g == null) continue;
                if (setToNone) {
                    p.setGrad(null);
                } else {
                    if (g.gradFn() != null) {
                        g = g.detach();
                        p.setGrad(g);
                    }
                    g.zero_();
                }
            }
        }
    }

    // ---- state dict ----

    /** {@code state_dict()}: parameters and persistent buffers by dotted name, detached (they share storage with the module). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        saveTo(out, "");
        return out;
    }

    private void saveTo(Map<String, Tensor> out, String prefix) {
        parameters.forEach((name, p) -> {
            if (p != null) out.put(prefix + name, p.detach());
        });
        buffers.forEach((name, b) -> {
            if (b != null && !nonPersistent.contains(name)) out.put(prefix + name, b.detach());
        });
        modules.forEach((name, m) -> {
            if (m != null) m.saveTo(out, prefix + name + ".");
        });
    }

    /** {@code load_state_dict(state_dict)} with {@code strict=True}. */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict) { return loadStateDict(stateDict, true); }

    /**
     * {@code load_state_dict(state_dict, strict)}: copies each matching entry into the parameter or buffer of the same
     * dotted name in place (without recording gradients) and returns the missing and unexpected keys; a shape mismatch,
     * or with {@code strict} any missing or unexpected key, raises PyTorch's error listing them all.
     */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), errors = new ArrayList<>();
        loadFrom(stateDict, "", missing, unexpected, errors);
        if (strict) {
            if (!unexpected.isEmpty()) errors.addFirst("Unexpected key(s) in state_dict: " + listed(unexpected) + ". ");
            if (!missing.isEmpty()) errors.addFirst("Missing key(s) in state_dict: " + listed(missing) + ". ");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + getName() + ":\n\t" + String.join("\n\t", errors));
        }
        return new IncompatibleKeys(List.copyOf(missing), List.copyOf(unexpected));
    }

    private static String listed(List<String> keys) { return String.join(", ", keys.stream().map(k -> "\"" + k + "\"").toList()); }

    private void loadFrom(Map<String, Tensor> stateDict, String prefix, List<String> missing, List<String> unexpected, List<String> errors) {
        Map<String, Tensor> local = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            if (p != null) local.put(name, p);
        });
        buffers.forEach((name, b) -> {
            if (b != null && !nonPersistent.contains(name)) local.put(name, b);
        });
        local.forEach((name, target) -> {
            String key = prefix + name;
            if (!stateDict.containsKey(key)) {
                missing.add(key);
                return;
            }
            Tensor source = stateDict.get(key);
            if (target.dim() == 0 && source.dim() == 1) source = source.select(0, 0);
            if (!Arrays.equals(source.sizes(), target.sizes())) {
                errors.add("size mismatch for " + key + ": copying a param with shape " + torchSize(source) + " from checkpoint, "
                        + "the shape in current model is " + torchSize(target) + ".");
                return;
            }
            try (var ignored = Autograd.noGrad()) {
                target.copy_(source);
            }
        });
        for (String key : stateDict.keySet()) {
            if (!key.startsWith(prefix)) continue;
            String rest = key.substring(prefix.length());
            String first = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
            if (!modules.containsKey(first) && !local.containsKey(first)) unexpected.add(key);
        }
        modules.forEach((name, m) -> {
            if (m == null) return;
            String childPrefix = prefix + name + ".";
            Map<String, Tensor> childState = new LinkedHashMap<>();
            stateDict.forEach((k, v) -> {
                if (k.startsWith(childPrefix)) childState.put(k, v);
            });
            m.loadFrom(childState, childPrefix, missing, unexpected, errors);
        });
    }

    private static String torchSize(Tensor t) {
        return "torch.Size(" + Arrays.toString(t.sizes()) + ")";
    }

    // ---- printing ----

    /** PyTorch's {@code _get_name()}: the class's simple name. */
    public String getName() { return getClass().getSimpleName(); }

    /** {@code extra_repr()}: the layer's settings printed inside its parentheses ("" for none). */
    public String extraRepr() { return ""; }

    /** PyTorch's repr: the name, the settings from {@link #extraRepr()}, and each submodule indented under its name. */
    @Override
    public String toString() {
        List<String> extra = extraRepr().isEmpty() ? List.of() : List.of(extraRepr().split("\n", -1));
        List<String> children = new ArrayList<>();
        modules.forEach((name, m) -> children.add("(" + name + "): " + indent(String.valueOf(m == null ? "None" : m))));
        List<String> lines = new ArrayList<>(extra);
        lines.addAll(children);
        StringBuilder s = new StringBuilder(getName()).append('(');
        if (!lines.isEmpty()) {
            if (extra.size() == 1 && children.isEmpty()) s.append(extra.getFirst());
            else s.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        }
        return s.append(')').toString();
    }

    /** PyTorch's {@code _addindent(s, 2)}: every line but the first indented by two spaces. */
    static String indent(String s) { return s.replace("\n", "\n  "); }
}
