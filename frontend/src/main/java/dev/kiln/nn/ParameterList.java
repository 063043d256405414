package dev.kiln.nn;

import java.util.Iterator;
import java.util.stream.Collectors;

/** {@code nn.ParameterList}: parameters in a list, registered as "0", "1" ...; it cannot be called. */
public final class ParameterList extends Module implements Iterable<Parameter> {

    public ParameterList(Parameter... parameters) {
        for (Parameter p : parameters) append(p);
    }

    public ParameterList append(Parameter parameter) {
        registerParameter(Integer.toString(size()), parameter);
        return this;
    }

    public int size() { return parameterNames().size(); }

    public Parameter get(int index) { return param(Containers.nameAt(parameterNames(), index)); }

    @Override
    public Iterator<Parameter> iterator() { return parameterNames().stream().map(this::param).iterator(); }

    @Override
    protected Object forwardArgs(Object... args) { throw new UnsupportedOperationException("ParameterList should not be called."); }

    @Override
    public String extraRepr() {
        return parameterNames().stream().map(k -> Containers.parameterLine(k, param(k), param(k).dtype().toString()))
                .collect(Collectors.joining("\n"));
    }
}
