package dev.kiln.runtime.conv;

import dev.kiln.ir.op.aten.ConvRules.Conv2dShape;
import dev.kiln.ir.type.DType;

/**
 * How the forward pass of a (non-transposed) 2-D convolution is computed, chosen per shape and compute type by
 * {@link #choose}. Every algorithm gives what im2col + GEMM gives, up to rounding.
 */
enum ConvAlgorithm {
    /** Depthwise (one input channel per group) on float32: {@link Depthwise}'s direct vectorised kernel. */
    DEPTHWISE,
    /** 3x3, stride 1, no dilation, one group, float32 and enough channels and tiles: {@link Winograd} F(2x2, 3x3). */
    WINOGRAD,
    /**
     * Everything else: {@link ConvPlan}'s GEMM per sample and group on the im2col matrix. A 1x1 kernel without padding
     * needs no im2col: at stride 1 the image is its own column matrix, at a larger stride the matrix is a strided
     * gather of the image's rows.
     */
    GEMM;

    static ConvAlgorithm choose(Conv2dShape s, DType computeType) {
        if (computeType != DType.FLOAT32) return GEMM;
        if (Depthwise.accepts(s)) return DEPTHWISE;
        if (Winograd.accepts(s)) return WINOGRAD;
        return GEMM;
    }
}
