package dev.kiln.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code nn.ParameterDict}: parameters by key, in insertion order; it cannot be called. */
public final class ParameterDict extends Module {

    public ParameterDict() {}

    public ParameterDict(Map<String, Parameter> parameters) { parameters.forEach(this::put); }

    public void put(String key, Parameter parameter) { registerParameter(key, parameter); }

    public Parameter get(String key) {
        if (!parameterNames().contains(key)) throw new IllegalArgumentException("ParameterDict: no parameter under key '" + key + "'");
        return param(key);
    }

    public Set<String> keys() { return parameterNames(); }

    public int size() { return parameterNames().size(); }

    public Map<String, Parameter> items() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (String k : parameterNames()) out.put(k, param(k));
        return out;
    }

    @Override
    protected Object forwardArgs(Object... args) { throw new UnsupportedOperationException("ParameterDict should not be called."); }

    /** Each entry as PyTorch prints it, with {@code torch.typename}: {@code torch.FloatTensor}. */
    @Override
    public String extraRepr() {
        return parameterNames().stream().map(k -> Containers.parameterLine(k, param(k), "torch." + param(k).dtype().legacyName() + "Tensor"))
                .collect(Collectors.joining("\n"));
    }
}
