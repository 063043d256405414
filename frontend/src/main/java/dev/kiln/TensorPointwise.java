package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;

import dev.kiln.ir.op.aten.PointwiseOps;

/** Element-wise tensor methods: arithmetic, math functions, comparisons, logic (see {@link PointwiseOps}). */
public sealed interface TensorPointwise permits Tensor {
    Tensor self();

    default Tensor add(Tensor other) { return apply(PointwiseOps.ADD, self(), other, 1L); }

    default Tensor add(Tensor other, Number alpha) { return apply(PointwiseOps.ADD, self(), other, Scalars.of(alpha)); }

    default Tensor add(Number other) { return apply(PointwiseOps.ADD_SCALAR, self(), Scalars.of(other), 1L); }

    default Tensor mul(Tensor other) { return apply(PointwiseOps.MUL, self(), other); }

    default Tensor exp() { return apply(PointwiseOps.EXP, self()); }

    default Tensor eq(Tensor other) { return apply(PointwiseOps.EQ, self(), other); }
}
