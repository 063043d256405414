package dev.kiln.nn;

import dev.kiln.Tensor;

/**
 * A module whose forward takes one tensor and returns one, as most layers do: subclasses implement
 * {@link #forward(Tensor)}, callers use {@link #call(Tensor)}, which runs the hooks around it.
 */
public abstract class TensorModule extends Module {

    /** The computation; {@link #call} runs it with the module's hooks. */
    public abstract Tensor forward(Tensor input);

    /** {@code module(input)}: {@link #forward} with the forward and backward hooks. */
    public Tensor call(Tensor input) { return (Tensor) invoke(input); }

    @Override
    protected Object forwardArgs(Object... args) {
        if (args.length != 1 || !(args[0] instanceof Tensor input)) {
            throw new IllegalArgumentException(getName() + ".forward: expected one Tensor argument, got " + args.length + " arguments");
        }
        return forward(input);
    }
}
