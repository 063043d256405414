package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.Shapes;

/** Pieces of the reduction derivatives: undoing a reduction's dropped dims so a gradient broadcasts back. */
final class ReductionGrads {
    private ReductionGrads() {}

    /**
     * The gradient of a sum over {@code dims} (null or empty: all): {@code grad} with the reduced dims put back as
     * size 1 when they were dropped, expanded to the input's sizes.
     */
    static Object expandBack(Grad g, Object grad, long[] dims, boolean keepdim) {
        long[] in = GradOps.sizes(g, "self");
        return GradOps.expand(g, unsqueezeReduced(g, grad, in.length, dims, keepdim), in);
    }

    /** {@code grad} reshaped so that the reduced dims are present with size 1. */
    static Object unsqueezeReduced(Grad g, Object grad, int rank, long[] dims, boolean keepdim) {
        if (keepdim || rank == 0) return grad;
        boolean[] reduced = new boolean[rank];
        if (dims == null || dims.length == 0) java.util.Arrays.fill(reduced, true);
        else for (long d : dims) reduced[Shapes.wrapDim("sum", d, rank)] = true;
        long[] have = GradOps.meta(g, grad).sizes();
        long[] shape = new long[rank];
        for (int i = 0, k = 0; i < rank; i++) shape[i] = reduced[i] ? 1 : have[k++];
        return GradOps.reshape(g, grad, shape);
    }
}
