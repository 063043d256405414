package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;

import dev.kiln.ir.op.aten.CreationOps;

/**
 * Random sampling tensor methods: in-place fills ({@code uniform_}, {@code normal_}, {@code bernoulli_}) and
 * sampling from a tensor of probabilities (see {@link CreationOps}). Each takes an optional {@link Generator}.
 */
public sealed interface TensorRandom permits Tensor {
    Tensor self();

    /** Fills with samples uniform on [0, 1). */
    default Tensor uniform_() { return uniform_(0, 1, null); }

    default Tensor uniform_(double from, double to) { return uniform_(from, to, null); }

    default Tensor uniform_(double from, double to, Generator generator) { return apply(CreationOps.UNIFORM_, self(), from, to, generator); }

    /** Fills with standard normal samples. */
    default Tensor normal_() { return normal_(0, 1, null); }

    default Tensor normal_(double mean, double std) { return normal_(mean, std, null); }

    default Tensor normal_(double mean, double std, Generator generator) {
        return apply(CreationOps.NORMAL_, self(), mean, std, generator);
    }

    /** Fills with 1 with probability p, else 0. */
    default Tensor bernoulli_(double p) { return bernoulli_(p, null); }

    default Tensor bernoulli_(double p, Generator generator) { return apply(CreationOps.BERNOULLI_FLOAT_, self(), p, generator); }

    /** Fills with 1 with the probabilities in {@code p} (broadcast to this tensor's shape), else 0. */
    default Tensor bernoulli_(Tensor p) { return bernoulli_(p, null); }

    default Tensor bernoulli_(Tensor p, Generator generator) { return apply(CreationOps.BERNOULLI_TENSOR_, self(), p, generator); }

    /** 0 or 1 drawn with the probabilities held in this tensor. */
    default Tensor bernoulli() { return bernoulli((Generator) null); }

    default Tensor bernoulli(Generator generator) { return apply(CreationOps.BERNOULLI, self(), generator); }

    /** This tensor's shape and dtype, 1 with probability p. */
    default Tensor bernoulli(double p) { return bernoulli(p, null); }

    default Tensor bernoulli(double p, Generator generator) { return apply(CreationOps.BERNOULLI_P, self(), p, generator); }

    /** {@code n} category indices per row of probabilities, without replacement. */
    default Tensor multinomial(long n) { return multinomial(n, false, null); }

    default Tensor multinomial(long n, boolean replacement) { return multinomial(n, replacement, null); }

    default Tensor multinomial(long n, boolean replacement, Generator generator) {
        return apply(CreationOps.MULTINOMIAL, self(), n, replacement, generator);
    }
}
