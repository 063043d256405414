package dev.kiln.ir.op.aten;

/** Reductions over dimensions, scans and softmax. */
public final class ReductionOps {
    private ReductionOps() {}
}
