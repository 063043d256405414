package dev.kiln.ir.op;

/**
 * How a pointwise op's result dtype follows from its promoted operands, after PyTorch's
 * {@code ELEMENTWISE_TYPE_PROMOTION_KIND}. The compute dtype is always the promoted operand dtype,
 * except that {@link #INT_TO_FLOAT} computes integers in the default float dtype.
 */
public enum PromotionKind {
    /** result = promoted operands ({@code add}, {@code maximum}) */
    DEFAULT,
    /** integral and bool results become the default float dtype ({@code exp}, {@code div}) */
    INT_TO_FLOAT,
    /** result is bool, computed in the promoted dtype ({@code eq}, {@code isnan}, {@code logical_and}) */
    ALWAYS_BOOL,
    /** result = the dtype of the first tensor argument, computed in it ({@code where}'s float scalars are cast) */
    KEEP_FIRST
}
