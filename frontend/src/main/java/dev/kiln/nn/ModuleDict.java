package dev.kiln.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code nn.ModuleDict}: submodules by key, in insertion order; it has no forward of its own. */
public final class ModuleDict extends Module {

    public ModuleDict() {}

    public ModuleDict(Map<String, ? extends Module> modules) { modules.forEach(this::put); }

    /** {@code dict[key] = module}. */
    public void put(String key, Module module) { registerModule(key, module); }

    public Module get(String key) {
        if (!moduleNames().contains(key)) throw new IllegalArgumentException("ModuleDict: no module under key '" + key + "'");
        return module(key);
    }

    public Set<String> keys() { return moduleNames(); }

    public int size() { return moduleNames().size(); }

    public boolean containsKey(String key) { return moduleNames().contains(key); }

    /** The entries in order. */
    public Map<String, Module> items() {
        Map<String, Module> out = new LinkedHashMap<>();
        for (String k : moduleNames()) out.put(k, module(k));
        return out;
    }
}
