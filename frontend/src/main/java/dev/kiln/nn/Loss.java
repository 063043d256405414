package dev.kiln.nn;

import dev.kiln.Tensor;

/**
 * PyTorch's {@code nn.modules.loss._Loss}: a module computing a loss of an input against a target with a
 * {@code reduction} ("none", "mean" or "sum"), through the matching {@link F} function. Subclasses implement
 * {@link #forward(Tensor, Tensor)}; {@link #call(Tensor, Tensor)} runs it with the module's hooks.
 */
public abstract class Loss extends Module {
    protected final String reduction;

    protected Loss(String reduction) { this.reduction = reduction; }

    public String reduction() { return reduction; }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** {@code loss(input, target)} with the hooks. */
    public Tensor call(Tensor input, Tensor target) { return (Tensor) invoke(input, target); }

    @Override
    protected Object forwardArgs(Object... args) {
        Tensor[] t = tensors(getName(), 2, args);
        return forward(t[0], t[1]);
    }

    /** The {@code n} positional arguments as tensors, or PyTorch's kind of error naming the loss. */
    static Tensor[] tensors(String name, int n, Object... args) {
        if (args.length != n) throw new IllegalArgumentException(name + ".forward: expected " + n + " Tensor arguments, got " + args.length);
        Tensor[] out = new Tensor[n];
        for (int i = 0; i < n; i++) {
            if (!(args[i] instanceof Tensor t)) {
                throw new IllegalArgumentException(name + ".forward: argument " + i + " must be a Tensor, got "
                        + (args[i] == null ? "None" : args[i].getClass().getSimpleName()));
            }
            out[i] = t;
        }
        return out;
    }
}
