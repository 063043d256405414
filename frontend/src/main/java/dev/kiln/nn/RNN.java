package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/**
 * {@code nn.RNN(input_size, hidden_size, num_layers, nonlinearity, bias, batch_first, dropout, bidirectional)}: the
 * Elman recurrence {@code h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)}, act tanh or relu. Forward takes a
 * [seq, batch, input_size] input (batch first, or a 2-D unbatched sequence) and an optional h0, and returns
 * {@code (output, h_n)}.
 */
public final class RNN extends RNNBase {
    private final String nonlinearity;

    public RNN(long inputSize, long hiddenSize) { this(inputSize, hiddenSize, 1); }

    public RNN(long inputSize, long hiddenSize, long numLayers) {
        this(inputSize, hiddenSize, numLayers, "tanh", true, false, 0, false, Torch.float32);
    }

    public RNN(long inputSize, long hiddenSize, long numLayers, String nonlinearity, boolean bias, boolean batchFirst, double dropout,
               boolean bidirectional, DType dtype) {
        super(mode(nonlinearity), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0, dtype);
        this.nonlinearity = nonlinearity;
    }

    private static Mode mode(String nonlinearity) {
        return switch (nonlinearity) {
            case "tanh" -> Mode.RNN_TANH;
            case "relu" -> Mode.RNN_RELU;
            default -> throw new IllegalArgumentException("RNN: Unknown nonlinearity '" + nonlinearity + "'");
        };
    }

    public String nonlinearity() { return nonlinearity; }

    /** {@code forward(input)} with zero initial state. */
    public Output forward(Tensor input) { return forwardHidden(input, null); }

    /** {@code forward(input, h_0)}; h0 is [layers * directions, batch, hidden] (2-D when unbatched), null for zeros. */
    public Output forward(Tensor input, Tensor h0) { return forwardHidden(input, h0); }

    /** {@code module(input)} with the hooks. */
    public Output call(Tensor input) { return asOutput(invoke(input)); }

    /** {@code module(input, h_0)} with the hooks. */
    public Output call(Tensor input, Tensor h0) { return asOutput(invoke(input, h0)); }

    @Override
    protected Object forwardArgs(Object... args) { return forwardHiddenArgs(args); }
}
