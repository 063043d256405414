package dev.kiln.ir.op;

/**
 * How a pointwise op's compute and result dtypes follow from its arguments, after PyTorch's
 * {@code ELEMENTWISE_TYPE_PROMOTION_KIND}. Unless stated otherwise the compute dtype is the promoted dtype of
 * the {@link ScalarExpr.Input} operands (tensors by dimension group, then scalars, bool scalars counting as
 * integers as in PyTorch 1.13) and the result has the compute dtype.
 */
public enum PromotionKind {
    /** result = promoted operands ({@code add}, {@code maximum}) */
    DEFAULT,
    /** integral and bool operands compute in the default float dtype ({@code exp}, {@code div}) */
    INT_TO_FLOAT,
    /** result is bool, computed in the promoted dtype ({@code eq}, {@code isnan}, {@code logical_and}) */
    ALWAYS_BOOL,
    /** bool operands compute in int64, others as DEFAULT ({@code square}, which is {@code pow(self, 2)}) */
    BOOL_TO_LONG,
    /** like INT_TO_FLOAT when the selected expression divides exactly (has a floating point primitive), else
     *  DEFAULT: {@code div} without and with a rounding mode */
    FLOAT_FOR_TRUE_DIVISION,
    /** computed in and resulting in the dtype of argument 0, other operands converted to it ({@code masked_fill},
     *  {@code copy}, {@code fill}, {@code clone}) */
    KEEP_FIRST,
    /** computed in argument 0's dtype, resulting in the ScalarType at argument 1 (argument 0's when None):
     *  {@code _to_copy} */
    TO_DTYPE
}
