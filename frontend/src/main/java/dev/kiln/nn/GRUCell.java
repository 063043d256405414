package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/** {@code nn.GRUCell(input_size, hidden_size, bias)}: one GRU step (see {@link GRU}); weights stack the r, z, n gates. */
public final class GRUCell extends RNNCellBase {

    public GRUCell(long inputSize, long hiddenSize) { this(inputSize, hiddenSize, true, Torch.float32); }

    public GRUCell(long inputSize, long hiddenSize, boolean bias, DType dtype) { super(inputSize, hiddenSize, bias, 3, dtype); }

    public Tensor forward(Tensor input) { return forward(input, null); }

    /** {@code forward(input, hx)}: hx [batch, hidden] ([hidden] when unbatched), null for zeros; returns h'. */
    public Tensor forward(Tensor input, Tensor hx) {
        boolean batched = isBatched(input);
        Tensor x = batched ? input : input.unsqueeze(0);
        Tensor h = RNNCells.gru(inputGates(x), state(hx, x, batched), weightHh(), biasHh());
        return batched ? h : h.squeeze(0);
    }

    public Tensor call(Tensor input) { return (Tensor) invoke(input); }

    public Tensor call(Tensor input, Tensor hx) { return (Tensor) invoke(input, hx); }

    @Override
    protected Object forwardArgs(Object... args) { return forward(inputArg(args), (Tensor) stateArg(args)); }
}
