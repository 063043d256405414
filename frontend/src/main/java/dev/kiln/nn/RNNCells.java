package dev.kiln.nn;

import dev.kiln.Tensor;
import java.util.List;

/**
 * One time step of each recurrent cell, in PyTorch's arithmetic (aten/src/ATen/native/RNN.cpp), built from catalogue ops
 * so that autograd differentiates it. Each step takes the input gates {@code x W_ih^T + b_ih} already computed (the
 * layers compute them for the whole sequence in one matmul) and the previous state, and adds {@code h W_hh^T + b_hh}.
 */
final class RNNCells {
    private RNNCells() {}

    /** The recurrent modules' default initialisation: every parameter from U(-1/sqrt(hidden), 1/sqrt(hidden)). */
    static void initUniform(Module module, long hiddenSize) {
        double stdv = hiddenSize > 0 ? 1 / Math.sqrt(hiddenSize) : 0;
        for (Parameter p : module.parameters()) Init.uniform_(p, -stdv, stdv);
    }

    /** Elman cell: {@code h' = act(gi + h W_hh^T + b_hh)}, act tanh or relu. */
    static Tensor rnn(Tensor inputGates, Tensor h, Tensor wHh, Tensor bHh, boolean relu) {
        Tensor pre = F.linear(h, wHh, bHh).add(inputGates);
        return relu ? pre.relu() : pre.tanh();
    }

    /**
     * LSTM cell: gates (i, f, g, o) = chunk4(gi + h W_hh^T + b_hh); {@code c' = σ(f) c + σ(i) tanh(g)},
     * {@code h' = σ(o) tanh(c')}, then projected by {@code W_hr} when the LSTM has {@code proj_size} (null: none).
     * Returns {h', c'}.
     */
    static Tensor[] lstm(Tensor inputGates, Tensor h, Tensor c, Tensor wHh, Tensor bHh, Tensor wHr) {
        List<Tensor> gates = F.linear(h, wHh, bHh).add(inputGates).chunk(4, 1);
        Tensor in = gates.get(0).sigmoid(), forget = gates.get(1).sigmoid(), cell = gates.get(2).tanh(), out = gates.get(3).sigmoid();
        Tensor cNext = forget.mul(c).add(in.mul(cell));
        Tensor hNext = out.mul(cNext.tanh());
        return new Tensor[]{wHr == null ? hNext : F.linear(hNext, wHr, null), cNext};
    }

    /**
     * GRU cell: (r, z, n) gates from chunk3 of the input and hidden projections, {@code r = σ(i_r + h_r)},
     * {@code z = σ(i_z + h_z)}, {@code n = tanh(i_n + r h_n)}, {@code h' = (h - n) z + n}.
     */
    static Tensor gru(Tensor inputGates, Tensor h, Tensor wHh, Tensor bHh) {
        List<Tensor> ig = inputGates.chunk(3, 1);
        List<Tensor> hg = F.linear(h, wHh, bHh).chunk(3, 1);
        Tensor reset = hg.get(0).add(ig.get(0)).sigmoid();
        Tensor update = hg.get(1).add(ig.get(1)).sigmoid();
        Tensor candidate = ig.get(2).add(hg.get(2).mul(reset)).tanh();
        return h.sub(candidate).mul(update).add(candidate);
    }
}
