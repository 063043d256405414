package dev.kiln.nn;

import dev.kiln.Tensor;
import java.util.Map;

/**
 * {@code nn.Sequential}: modules run one after the other, each on the previous one's output; named "0", "1" ... or
 * by the keys of the map it was built from.
 */
public final class Sequential extends Module {

    public Sequential(Module... modules) {
        for (Module m : modules) append(m);
    }

    /** {@code Sequential(OrderedDict(...))}: the modules under their keys, in the map's order. */
    public Sequential(Map<String, ? extends Module> modules) { modules.forEach(this::registerModule); }

    /** Adds a module at the end, named by its position; returns this. */
    public Sequential append(Module module) {
        registerModule(Integer.toString(size()), module);
        return this;
    }

    public int size() { return moduleNames().size(); }

    /** {@code sequential[index]}; negative indices count from the end. */
    public Module get(int index) { return module(Containers.nameAt(moduleNames(), index)); }

    public Tensor forward(Tensor input) { return (Tensor) forwardArgs(input); }

    /** {@code sequential(input)} with the hooks. */
    public Tensor call(Tensor input) { return (Tensor) invoke(input); }

    /** Passes the one argument through every module in order (any value a module takes and returns). */
    @Override
    protected Object forwardArgs(Object... args) {
        if (args.length != 1) throw new IllegalArgumentException("Sequential.forward: expected one argument, got " + args.length);
        Object x = args[0];
        for (String name : moduleNames()) x = module(name).invoke(x);
        return x;
    }
}
