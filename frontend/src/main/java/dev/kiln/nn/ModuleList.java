package dev.kiln.nn;

import java.util.Iterator;
import java.util.List;

/** {@code nn.ModuleList}: submodules in a list, named "0", "1" ...; it has no forward of its own. */
public final class ModuleList extends Module implements Iterable<Module> {

    public ModuleList(Module... modules) {
        for (Module m : modules) append(m);
    }

    public ModuleList append(Module module) {
        registerModule(Integer.toString(size()), module);
        return this;
    }

    public ModuleList extend(List<? extends Module> modules) {
        for (Module m : modules) append(m);
        return this;
    }

    public int size() { return moduleNames().size(); }

    /** {@code list[index]}; negative indices count from the end. */
    public Module get(int index) { return module(Containers.nameAt(moduleNames(), index)); }

    @Override
    public Iterator<Module> iterator() { return moduleNames().stream().map(this::module).iterator(); }
}
