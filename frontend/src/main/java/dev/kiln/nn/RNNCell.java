package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/** {@code nn.RNNCell(input_size, hidden_size, bias, nonlinearity)}: one Elman step, {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)}. */
public final class RNNCell extends RNNCellBase {
    private final String nonlinearity;

    public RNNCell(long inputSize, long hiddenSize) { this(inputSize, hiddenSize, true, "tanh", Torch.float32); }

    public RNNCell(long inputSize, long hiddenSize, boolean bias, String nonlinearity, DType dtype) {
        super(inputSize, hiddenSize, bias, 1, dtype);
        if (!nonlinearity.equals("tanh") && !nonlinearity.equals("relu")) {
            throw new IllegalArgumentException("RNNCell: Unknown nonlinearity: " + nonlinearity);
        }
        this.nonlinearity = nonlinearity;
    }

    public Tensor forward(Tensor input) { return forward(input, null); }

    /** {@code forward(input, hx)}: hx [batch, hidden] ([hidden] when unbatched), null for zeros; returns h'. */
    public Tensor forward(Tensor input, Tensor hx) {
        boolean batched = isBatched(input);
        Tensor x = batched ? input : input.unsqueeze(0);
        Tensor h = RNNCells.rnn(inputGates(x), state(hx, x, batched), weightHh(), biasHh(), nonlinearity.equals("relu"));
        return batched ? h : h.squeeze(0);
    }

    public Tensor call(Tensor input) { return (Tensor) invoke(input); }

    public Tensor call(Tensor input, Tensor hx) { return (Tensor) invoke(input, hx); }

    @Override
    protected Object forwardArgs(Object... args) { return forward(inputArg(args), (Tensor) stateArg(args)); }

    @Override
    public String extraRepr() { return super.extraRepr() + (nonlinearity.equals("tanh") ? "" : ", nonlinearity=" + nonlinearity); }
}
