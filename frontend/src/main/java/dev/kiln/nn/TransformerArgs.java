package dev.kiln.nn;

import dev.kiln.Tensor;
import java.util.function.Function;

/** The positional arguments the transformer modules' forwards take through {@link Module#invoke}: tensors, the optional ones possibly null. */
final class TransformerArgs {
    private TransformerArgs() {}

    /**
     * Checks {@code args} (at least {@code required} tensors, at most {@code max} arguments, the optional ones tensors or
     * null), pads them with nulls to {@code max}, and runs {@code forward} on them.
     */
    static Tensor forward(Module module, Object[] args, int required, int max, Function<Tensor[], Tensor> forward) {
        boolean ok = args.length >= required && args.length <= max;
        Tensor[] tensors = new Tensor[max];
        for (int i = 0; ok && i < args.length; i++) {
            if (args[i] instanceof Tensor t) tensors[i] = t;
            else ok = args[i] == null && i >= required;
        }
        if (!ok) {
            throw new IllegalArgumentException(module.getName() + ".forward: expected " + required + " to " + max
                    + " tensor arguments (optional masks may be null), got " + args.length + " arguments");
        }
        return forward.apply(tensors);
    }
}
