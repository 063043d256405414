package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.util.Arrays;
import java.util.List;

/**
 * {@code nn.LSTM(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, proj_size)}: long
 * short-term memory layers (gates i, f, g, o stacked in that order in the weights); with {@code proj_size > 0} each
 * step's h is projected by {@code weight_hr_l{k}} to proj_size. Forward takes the input and optional (h0, c0) and
 * returns {@code (output, (h_n, c_n))} as an {@link Output}.
 */
public final class LSTM extends RNNBase {
    /** {@code (output, (h_n, c_n))}. */
    public record Output(Tensor output, Tensor hN, Tensor cN) {}

    public LSTM(long inputSize, long hiddenSize) { this(inputSize, hiddenSize, 1); }

    public LSTM(long inputSize, long hiddenSize, long numLayers) { this(inputSize, hiddenSize, numLayers, true, false, 0, false, 0, Torch.float32); }

    public LSTM(long inputSize, long hiddenSize, long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
                long projSize, DType dtype) {
        super(Mode.LSTM, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, dtype);
    }

    public Output forward(Tensor input) { return forward(input, null, null); }

    /**
     * {@code forward(input, (h_0, c_0))}: h0 [layers * directions, batch, proj_size or hidden], c0 [layers * directions,
     * batch, hidden] (2-D when unbatched); both null for zeros.
     */
    public Output forward(Tensor input, Tensor h0, Tensor c0) {
        if ((h0 == null) != (c0 == null)) throw new IllegalArgumentException("LSTM: give both h_0 and c_0 or neither");
        boolean batched = isBatched(input);
        if (h0 != null && (h0.dim() != (batched ? 3 : 2) || c0.dim() != (batched ? 3 : 2))) {
            throw new IllegalArgumentException("LSTM: For " + (batched ? "batched 3-D" : "unbatched 2-D") + " input, hx and cx should also be "
                    + (batched ? "3-D" : "2-D") + " but got (" + h0.dim() + "-D, " + c0.dim() + "-D) tensors");
        }
        Tensor[] r = run(batched ? input : input.unsqueeze(batchDim()), batchedState(h0, batched, "hx"), batchedState(c0, batched, "cx"));
        return batched ? new Output(r[0], r[1], r[2]) : new Output(r[0].squeeze(batchDim()), r[1].squeeze(1), r[2].squeeze(1));
    }

    /** {@code module(input)} with the hooks. */
    public Output call(Tensor input) { return lstmOutput(invoke(input)); }

    /** {@code module(input, (h_0, c_0))} with the hooks (the state travels as one tuple argument, as in PyTorch). */
    public Output call(Tensor input, Tensor h0, Tensor c0) { return lstmOutput(invoke(input, Arrays.asList(h0, c0))); }

    private static Output lstmOutput(Object result) {
        List<?> r = (List<?>) result;
        List<?> hidden = (List<?>) r.get(1);
        return new Output((Tensor) r.get(0), (Tensor) hidden.get(0), (Tensor) hidden.get(1));
    }

    /** {@code (input)} or {@code (input, [h_0, c_0])} (or a null state); returns {@code [output, [h_n, c_n]]}. */
    @Override
    protected Object forwardArgs(Object... args) {
        if (args.length < 1 || args.length > 2 || !(args[0] instanceof Tensor input)
                || (args.length == 2 && args[1] != null && !(args[1] instanceof List<?> hx && hx.size() == 2))) {
            throw new IllegalArgumentException("LSTM.forward: expected (input) or (input, (h_0, c_0)), got " + args.length + " arguments");
        }
        List<?> hx = args.length == 2 ? (List<?>) args[1] : null;
        Output out = hx == null ? forward(input) : forward(input, (Tensor) hx.get(0), (Tensor) hx.get(1));
        return Arrays.asList(out.output(), Arrays.asList(out.hN(), out.cN()));
    }
}
