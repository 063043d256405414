package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/**
 * {@code nn.GRU(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional)}: gated recurrent
 * units ({@code r, z, n} gates, {@code h' = (1 - z) n + z h}); weights stack the gates as [W_ir | W_iz | W_in].
 * Forward takes the input and an optional h0 like {@link RNN} and returns {@code (output, h_n)}.
 */
public final class GRU extends RNNBase {

    public GRU(long inputSize, long hiddenSize) { this(inputSize, hiddenSize, 1); }

    public GRU(long inputSize, long hiddenSize, long numLayers) { this(inputSize, hiddenSize, numLayers, true, false, 0, false, Torch.float32); }

    public GRU(long inputSize, long hiddenSize, long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
               DType dtype) {
        super(Mode.GRU, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0, dtype);
    }

    public Output forward(Tensor input) { return forwardHidden(input, null); }

    /** {@code forward(input, h_0)}; h0 null for zeros. */
    public Output forward(Tensor input, Tensor h0) { return forwardHidden(input, h0); }

    public Output call(Tensor input) { return asOutput(invoke(input)); }

    public Output call(Tensor input, Tensor h0) { return asOutput(invoke(input, h0)); }

    @Override
    protected Object forwardArgs(Object... args) { return forwardHiddenArgs(args); }
}
