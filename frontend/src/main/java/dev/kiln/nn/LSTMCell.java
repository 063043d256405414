package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.util.Arrays;
import java.util.List;

/** {@code nn.LSTMCell(input_size, hidden_size, bias)}: one LSTM step (see {@link LSTM}), returning {@code (h', c')}. */
public final class LSTMCell extends RNNCellBase {
    /** {@code (h, c)}: an LSTM cell's hidden and cell state. */
    public record State(Tensor h, Tensor c) {}

    public LSTMCell(long inputSize, long hiddenSize) { this(inputSize, hiddenSize, true, Torch.float32); }

    public LSTMCell(long inputSize, long hiddenSize, boolean bias, DType dtype) { super(inputSize, hiddenSize, bias, 4, dtype); }

    public State forward(Tensor input) { return forward(input, null, null); }

    /** {@code forward(input, (h, c))}: each [batch, hidden] ([hidden] when unbatched), both null for zeros. */
    public State forward(Tensor input, Tensor h, Tensor c) {
        if ((h == null) != (c == null)) throw new IllegalArgumentException("LSTMCell: give both h and c or neither");
        boolean batched = isBatched(input);
        Tensor x = batched ? input : input.unsqueeze(0);
        Tensor[] next = RNNCells.lstm(inputGates(x), state(h, x, batched), state(c, x, batched), weightHh(), biasHh(), null);
        return batched ? new State(next[0], next[1]) : new State(next[0].squeeze(0), next[1].squeeze(0));
    }

    public State call(Tensor input) { return state(invoke(input)); }

    /** {@code module(input, (h, c))} with the hooks (the state travels as one tuple argument, as in PyTorch). */
    public State call(Tensor input, Tensor h, Tensor c) { return state(invoke(input, Arrays.asList(h, c))); }

    private static State state(Object result) {
        List<?> r = (List<?>) result;
        return new State((Tensor) r.get(0), (Tensor) r.get(1));
    }

    /** {@code (input)} or {@code (input, [h, c])}; returns {@code [h', c']}. */
    @Override
    protected Object forwardArgs(Object... args) {
        Tensor input = inputArg(args);
        Object hx = stateArg(args);
        if (hx != null && !(hx instanceof List<?> hc && hc.size() == 2)) {
            throw new IllegalArgumentException("LSTMCell.forward: the state must be a pair (h, c), got " + hx);
        }
        State s = hx == null ? forward(input) : forward(input, (Tensor) ((List<?>) hx).get(0), (Tensor) ((List<?>) hx).get(1));
        return Arrays.asList(s.h(), s.c());
    }
}
