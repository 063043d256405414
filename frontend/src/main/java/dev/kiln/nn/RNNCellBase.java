package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/**
 * {@code nn.RNNCellBase}: the parameters one recurrent step uses, {@code weight_ih} [chunks * hidden, input],
 * {@code weight_hh} [chunks * hidden, hidden] and, with bias, {@code bias_ih} and {@code bias_hh}, all drawn from
 * U(-1/sqrt(hidden), 1/sqrt(hidden)). Cells take a [batch, input] input or an unbatched [input] one.
 */
public abstract class RNNCellBase extends Module {
    private final long inputSize;
    private final long hiddenSize;
    private final boolean bias;

    RNNCellBase(long inputSize, long hiddenSize, boolean bias, int chunks, DType dtype) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        registerParameter("weight_ih", new Parameter(Torch.empty(new long[]{chunks * hiddenSize, inputSize}, dtype)));
        registerParameter("weight_hh", new Parameter(Torch.empty(new long[]{chunks * hiddenSize, hiddenSize}, dtype)));
        registerParameter("bias_ih", bias ? new Parameter(Torch.empty(new long[]{chunks * hiddenSize}, dtype)) : null);
        registerParameter("bias_hh", bias ? new Parameter(Torch.empty(new long[]{chunks * hiddenSize}, dtype)) : null);
        resetParameters();
    }

    /** PyTorch's default initialisation: every parameter from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)). */
    public void resetParameters() { RNNCells.initUniform(this, hiddenSize); }

    public long inputSize() { return inputSize; }

    public long hiddenSize() { return hiddenSize; }

    public Parameter weightIh() { return param("weight_ih"); }

    public Parameter weightHh() { return param("weight_hh"); }

    /** The input bias, null without bias. */
    public Parameter biasIh() { return param("bias_ih"); }

    public Parameter biasHh() { return param("bias_hh"); }

    /** {@code x W_ih^T + b_ih} for a batched input. */
    final Tensor inputGates(Tensor input) {
        if (input.size(-1) != inputSize) {
            throw new IllegalArgumentException(getName() + ": input has inconsistent input_size: got " + input.size(-1) + " expected " + inputSize);
        }
        return F.linear(input, weightIh(), biasIh());
    }

    /** Whether {@code input} is batched (2-D) or a single [input_size] vector (1-D), PyTorch's assertion otherwise. */
    final boolean isBatched(Tensor input) {
        if (input.dim() != 1 && input.dim() != 2) {
            throw new IllegalArgumentException(getName() + ": Expected input to be 1-D or 2-D but received " + input.dim() + "-D tensor");
        }
        return input.dim() == 2;
    }

    /** A state for a batched step: given (2-D, or 1-D for an unbatched input, then unsqueezed) or zeros. */
    final Tensor state(Tensor hx, Tensor batchedInput, boolean batched) {
        if (hx == null) return Torch.zeros(new long[]{batchedInput.size(0), hiddenSize}, batchedInput.dtype());
        if (hx.dim() != (batched ? 2 : 1)) {
            throw new IllegalArgumentException(getName() + ": Expected hidden to be " + (batched ? "2-D" : "1-D") + " for " + (batched ? "batched"
                    : "unbatched") + " input, got " + hx.dim() + "-D tensor");
        }
        Tensor h = batched ? hx : hx.unsqueeze(0);
        if (h.size(0) != batchedInput.size(0) || h.size(1) != hiddenSize) {
            throw new IllegalArgumentException(getName() + ": hidden has inconsistent size: got [" + h.size(0) + ", " + h.size(1) + "] expected ["
                    + batchedInput.size(0) + ", " + hiddenSize + "]");
        }
        return h;
    }

    /** The input of the arguments {@link #invoke} passes, {@code (input)} or {@code (input, state)}. */
    final Tensor inputArg(Object[] args) {
        if (args.length < 1 || args.length > 2 || !(args[0] instanceof Tensor input)) {
            throw new IllegalArgumentException(getName() + ".forward: expected (input) or (input, hx), got " + args.length + " arguments");
        }
        return input;
    }

    /** The state argument of {@code (input, state)}, null when absent. */
    static Object stateArg(Object[] args) { return args.length == 2 ? args[1] : null; }

    @Override
    public String extraRepr() { return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=False"); }
}
