package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code nn.RNNBase}: the multi-layer, optionally bidirectional recurrence that {@link RNN}, {@link LSTM} and {@link GRU}
 * share. It registers, per layer {@code k} and direction, {@code weight_ih_l{k}}, {@code weight_hh_l{k}},
 * {@code bias_ih_l{k}}, {@code bias_hh_l{k}} (and LSTM's {@code weight_hr_l{k}}), with {@code _reverse} for the backward
 * direction, all drawn from U(-1/sqrt(hidden), 1/sqrt(hidden)). Forward runs each layer's input projection for the whole
 * sequence at once and then steps the cell ({@link RNNCells}) through time; dropout applies between layers in training.
 */
public abstract class RNNBase extends Module {
    /** The recurrence a layer runs, with its number of gates (PyTorch's {@code mode}). */
    enum Mode {
        RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);

        final int gates;

        Mode(int gates) { this.gates = gates; }
    }

    /** {@code (output, h_n)}: the last layer's outputs for every step, and every layer's final hidden state. */
    public record Output(Tensor output, Tensor hN) {}

    private final Mode mode;
    private final long inputSize;
    private final long hiddenSize;
    private final long numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;
    private final long projSize;

    RNNBase(Mode mode, long inputSize, long hiddenSize, long numLayers, boolean bias, boolean batchFirst, double dropout,
            boolean bidirectional, long projSize, DType dtype) {
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException(getName() + ": dropout should be a number in range [0, 1] representing the probability of an "
                    + "element being zeroed, got " + dropout);
        }
        if (projSize < 0) throw new IllegalArgumentException(getName() + ": proj_size should be a positive integer or zero to disable projections");
        if (projSize > 0 && projSize >= hiddenSize) throw new IllegalArgumentException(getName() + ": proj_size has to be smaller than hidden_size");
        if (numLayers < 1) throw new IllegalArgumentException(getName() + ": num_layers must be at least 1, got " + numLayers);
        this.mode = mode;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        this.projSize = projSize;
        long gateSize = mode.gates * hiddenSize;
        long realHidden = outputHiddenSize();
        for (long layer = 0; layer < numLayers; layer++) {
            for (int direction = 0; direction < directions(); direction++) {
                long layerInput = layer == 0 ? inputSize : realHidden * directions();
                String suffix = layer + (direction == 1 ? "_reverse" : "");
                registerParameter("weight_ih_l" + suffix, new Parameter(Torch.empty(new long[]{gateSize, layerInput}, dtype)));
                registerParameter("weight_hh_l" + suffix, new Parameter(Torch.empty(new long[]{gateSize, realHidden}, dtype)));
                if (bias) {
                    registerParameter("bias_ih_l" + suffix, new Parameter(Torch.empty(new long[]{gateSize}, dtype)));
                    registerParameter("bias_hh_l" + suffix, new Parameter(Torch.empty(new long[]{gateSize}, dtype)));
                }
                if (projSize > 0) registerParameter("weight_hr_l" + suffix, new Parameter(Torch.empty(new long[]{projSize, hiddenSize}, dtype)));
            }
        }
        resetParameters();
    }

    /** PyTorch's default initialisation: every parameter from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)). */
    public void resetParameters() { RNNCells.initUniform(this, hiddenSize); }

    public long inputSize() { return inputSize; }

    public long hiddenSize() { return hiddenSize; }

    public long numLayers() { return numLayers; }

    public boolean batchFirst() { return batchFirst; }

    public boolean bidirectional() { return bidirectional; }

    final int directions() { return bidirectional ? 2 : 1; }

    /** The size of h: proj_size when the LSTM projects, else hidden_size. */
    final long outputHiddenSize() { return projSize > 0 ? projSize : hiddenSize; }

    /** Whether {@code input} is a batch (3-D), checking its rank as PyTorch does: 2-D inputs are one unbatched sequence. */
    final boolean isBatched(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException(getName() + ": input must have 2 (unbatched) or 3 dimensions, got " + input.dim());
        }
        return input.dim() == 3;
    }

    /** The batch dim of a batched input. */
    final int batchDim() { return batchFirst ? 0 : 1; }

    /**
     * Runs every layer over a batched input and the initial states (each [layers * directions, batch, size]; null for
     * zeros) and returns the output ([seq, batch, directions * h] or batch first) and the final states, stacked alike.
     */
    final Tensor[] run(Tensor input, Tensor... initial) {
        if (input.size(-1) != inputSize) {
            throw new IllegalArgumentException(getName() + ": input.size(-1) must be equal to input_size. Expected " + inputSize + ", got "
                    + input.size(-1));
        }
        long batch = input.size(batchDim());
        Tensor[] states = new Tensor[initial.length];
        for (int s = 0; s < initial.length; s++) {
            long size = s == 0 ? outputHiddenSize() : hiddenSize;
            long[] expected = {numLayers * directions(), batch, size};
            if (initial[s] == null) {
                states[s] = Torch.zeros(expected, input.dtype());
            } else if (!Arrays.equals(initial[s].sizes(), expected)) {
                String which = initial.length == 1 ? "hidden" : "hidden[" + s + "]";
                throw new IllegalArgumentException(getName() + ": Expected " + which + " size " + PyRepr.tuple(expected) + ", got "
                        + Arrays.toString(initial[s].sizes()));
            } else {
                states[s] = initial[s];
            }
        }
        Tensor layerInput = batchFirst ? input.transpose(0, 1) : input;
        List<List<Tensor>> finals = new ArrayList<>();
        for (Tensor ignored : states) finals.add(new ArrayList<>());
        for (long layer = 0; layer < numLayers; layer++) {
            List<Tensor> outputs = new ArrayList<>();
            for (int direction = 0; direction < directions(); direction++) {
                int index = (int) (layer * directions() + direction);
                Tensor[] state = new Tensor[states.length];
                for (int s = 0; s < states.length; s++) state[s] = states[s].select(0, index);
                String suffix = layer + (direction == 1 ? "_reverse" : "");
                outputs.add(runDirection(layerInput, state, suffix, direction == 1));
                for (int s = 0; s < states.length; s++) finals.get(s).add(state[s]);
            }
            layerInput = outputs.size() == 1 ? outputs.getFirst() : Torch.cat(outputs, 2);
            if (dropout > 0 && isTraining() && layer < numLayers - 1) layerInput = F.dropout(layerInput, dropout, true);
        }
        Tensor[] result = new Tensor[1 + states.length];
        result[0] = batchFirst ? layerInput.transpose(0, 1) : layerInput;
        for (int s = 0; s < states.length; s++) result[1 + s] = Torch.stack(finals.get(s), 0);
        return result;
    }

    /** One direction of one layer over the time-major sequence; {@code state} is updated to the final state. */
    private Tensor runDirection(Tensor input, Tensor[] state, String suffix, boolean reverse) {
        Tensor wHh = param("weight_hh_l" + suffix), bHh = param("bias_hh_l" + suffix);
        Tensor wHr = projSize > 0 ? param("weight_hr_l" + suffix) : null;
        List<Tensor> inputGates = F.linear(input, param("weight_ih_l" + suffix), param("bias_ih_l" + suffix)).unbind(0);
        int steps = inputGates.size();
        Tensor[] outputs = new Tensor[steps];
        for (int i = 0; i < steps; i++) {
            int t = reverse ? steps - 1 - i : i;
            Tensor gi = inputGates.get(t);
            switch (mode) {
                case RNN_TANH, RNN_RELU -> state[0] = RNNCells.rnn(gi, state[0], wHh, bHh, mode == Mode.RNN_RELU);
                case GRU -> state[0] = RNNCells.gru(gi, state[0], wHh, bHh);
                case LSTM -> {
                    Tensor[] next = RNNCells.lstm(gi, state[0], state[1], wHh, bHh, wHr);
                    state[0] = next[0];
                    state[1] = next[1];
                }
            }
            outputs[t] = state[0];
        }
        return Torch.stack(Arrays.asList(outputs), 0);
    }

    /** RNN's and GRU's forward: {@code (output, h_n)} for a batched (3-D) or unbatched (2-D) input and an optional h0. */
    final Output forwardHidden(Tensor input, Tensor hx) {
        boolean batched = isBatched(input);
        Tensor[] r = run(batched ? input : input.unsqueeze(batchDim()), batchedState(hx, batched, "hx"));
        return batched ? new Output(r[0], r[1]) : new Output(r[0].squeeze(batchDim()), r[1].squeeze(1));
    }

    /**
     * RNN's and GRU's forward on the arguments {@link #invoke} passes, {@code (input)} or {@code (input, hx)} (hx possibly
     * null), as the {@code [output, h_n]} list the hook path carries.
     */
    final List<Object> forwardHiddenArgs(Object... args) {
        if (args.length < 1 || args.length > 2 || !(args[0] instanceof Tensor input) || (args.length == 2 && args[1] != null
                && !(args[1] instanceof Tensor))) {
            throw new IllegalArgumentException(getName() + ".forward: expected (input) or (input, hx) tensors, got " + args.length + " arguments");
        }
        Output out = forwardHidden(input, args.length == 2 ? (Tensor) args[1] : null);
        return Arrays.asList(out.output(), out.hN());
    }

    /** The {@code [output, h_n]} list of {@link #forwardHiddenArgs} (or a hook's replacement) as an {@link Output}. */
    static Output asOutput(Object result) {
        List<?> r = (List<?>) result;
        return new Output((Tensor) r.get(0), (Tensor) r.get(1));
    }

    /** An initial state given for an input of {@code batched} rank: 3-D, or 2-D and then given a batch dim. */
    final Tensor batchedState(Tensor hx, boolean batched, String what) {
        if (hx == null) return null;
        if (batched && hx.dim() != 3) {
            throw new IllegalArgumentException(getName() + ": For batched 3-D input, " + what + " should also be 3-D but got " + hx.dim() + "-D tensor");
        }
        if (!batched && hx.dim() != 2) {
            throw new IllegalArgumentException(getName() + ": For unbatched 2-D input, " + what + " should also be 2-D but got " + hx.dim()
                    + "-D tensor");
        }
        return batched ? hx : hx.unsqueeze(1);
    }

    @Override
    public String extraRepr() {
        StringBuilder s = new StringBuilder(inputSize + ", " + hiddenSize);
        if (projSize != 0) s.append(", proj_size=").append(projSize);
        if (numLayers != 1) s.append(", num_layers=").append(numLayers);
        if (!bias) s.append(", bias=False");
        if (batchFirst) s.append(", batch_first=True");
        if (dropout != 0) s.append(", dropout=").append(PyRepr.number(dropout));
        if (bidirectional) s.append(", bidirectional=True");
        return s.toString();
    }
}
