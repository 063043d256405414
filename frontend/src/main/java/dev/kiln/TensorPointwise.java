package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;
import static dev.kiln.ir.op.aten.PointwiseOps.*;

import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.aten.PointwiseOps;
import dev.kiln.ir.type.DType;

/**
 * Element-wise tensor methods: arithmetic, math functions, activations, comparisons, logic, dtype conversion
 * and fills (see {@link PointwiseOps}). Binary methods broadcast and promote like PyTorch; the methods ending in
 * {@code _} write into this tensor and return it. Scalar arguments are any {@link Number}.
 *
 * <p>Dtype conversions: PyTorch's {@code x.float()}, {@code x.double()}, {@code x.long()}, {@code x.int()},
 * {@code x.short()}, {@code x.char()} and {@code x.byte()} are Java keywords, so every conversion is named after its
 * dtype as {@link Torch} spells it: {@code x.float32()}, {@code float64()}, {@code float16()}, {@code bfloat16()},
 * {@code int64()}, {@code int32()}, {@code int16()}, {@code int8()}, {@code uint8()}, {@code bool()}, plus PyTorch's
 * {@code half()}. Like {@code x.to(dtype)}, each returns this tensor when the dtype already matches.
 */
public sealed interface TensorPointwise permits Tensor {
    Tensor self();

    private static Object num(Number n) { return n == null ? null : Scalars.of(n); }

    /** Runs the in-place variant of {@code op} on {@code args}, {@code self()} first. */
    private Tensor inplace(OpDef op, Object... args) { return apply(PointwiseOps.inplace(op), args); }

    // ---- arithmetic ----

    default Tensor add(Tensor other) { return apply(ADD, self(), other, 1L); }
    default Tensor add(Tensor other, Number alpha) { return apply(ADD, self(), other, num(alpha)); }
    default Tensor add(Number other) { return apply(ADD_SCALAR, self(), num(other), 1L); }
    default Tensor add(Number other, Number alpha) { return apply(ADD_SCALAR, self(), num(other), num(alpha)); }
    default Tensor add_(Tensor other) { return inplace(ADD, self(), other, 1L); }
    default Tensor add_(Tensor other, Number alpha) { return inplace(ADD, self(), other, num(alpha)); }
    default Tensor add_(Number other) { return inplace(ADD_SCALAR, self(), num(other), 1L); }
    default Tensor add_(Number other, Number alpha) { return inplace(ADD_SCALAR, self(), num(other), num(alpha)); }
    default Tensor sub(Tensor other) { return apply(SUB, self(), other, 1L); }
    default Tensor sub(Tensor other, Number alpha) { return apply(SUB, self(), other, num(alpha)); }
    default Tensor sub(Number other) { return apply(SUB_SCALAR, self(), num(other), 1L); }
    default Tensor sub(Number other, Number alpha) { return apply(SUB_SCALAR, self(), num(other), num(alpha)); }
    default Tensor sub_(Tensor other) { return inplace(SUB, self(), other, 1L); }
    default Tensor sub_(Tensor other, Number alpha) { return inplace(SUB, self(), other, num(alpha)); }
    default Tensor sub_(Number other) { return inplace(SUB_SCALAR, self(), num(other), 1L); }
    default Tensor sub_(Number other, Number alpha) { return inplace(SUB_SCALAR, self(), num(other), num(alpha)); }
    /** {@code other - alpha * self} */
    default Tensor rsub(Tensor other, Number alpha) { return apply(RSUB, self(), other, num(alpha)); }
    default Tensor rsub(Tensor other) { return apply(RSUB, self(), other, 1L); }
    /** {@code other - self}, like Python's {@code other - tensor} */
    default Tensor rsub(Number other) { return apply(RSUB_SCALAR, self(), num(other), 1L); }
    default Tensor rsub(Number other, Number alpha) { return apply(RSUB_SCALAR, self(), num(other), num(alpha)); }
    default Tensor mul(Tensor other) { return apply(MUL, self(), other); }
    default Tensor mul(Number other) { return apply(MUL_SCALAR, self(), num(other)); }
    default Tensor mul_(Tensor other) { return inplace(MUL, self(), other); }
    default Tensor mul_(Number other) { return inplace(MUL_SCALAR, self(), num(other)); }
    /** True division: integers divide to the default float dtype. */
    default Tensor div(Tensor other) { return apply(DIV, self(), other); }
    default Tensor div(Number other) { return apply(DIV_SCALAR, self(), num(other)); }
    /** Division with {@code roundingMode} null (true division), {@code "trunc"} or {@code "floor"}. */
    default Tensor div(Tensor other, String roundingMode) { return apply(DIV_MODE, self(), other, roundingMode); }
    default Tensor div(Number other, String roundingMode) { return apply(DIV_SCALAR_MODE, self(), num(other), roundingMode); }
    default Tensor div_(Tensor other) { return inplace(DIV, self(), other); }
    default Tensor div_(Number other) { return inplace(DIV_SCALAR, self(), num(other)); }
    default Tensor div_(Tensor other, String roundingMode) { return inplace(DIV_MODE, self(), other, roundingMode); }
    default Tensor div_(Number other, String roundingMode) { return inplace(DIV_SCALAR_MODE, self(), num(other), roundingMode); }
    /** Python's {@code //}: the quotient rounded toward negative infinity. */
    default Tensor floorDivide(Tensor other) { return apply(FLOOR_DIVIDE, self(), other); }
    default Tensor floorDivide(Number other) { return apply(FLOOR_DIVIDE_SCALAR, self(), num(other)); }
    default Tensor floorDivide_(Tensor other) { return inplace(FLOOR_DIVIDE, self(), other); }
    default Tensor floorDivide_(Number other) { return inplace(FLOOR_DIVIDE_SCALAR, self(), num(other)); }
    /** Python's {@code %}: the result has the sign of {@code other}. */
    default Tensor remainder(Tensor other) { return apply(REMAINDER, self(), other); }
    default Tensor remainder(Number other) { return apply(REMAINDER_SCALAR, self(), num(other)); }
    default Tensor remainder_(Tensor other) { return inplace(REMAINDER, self(), other); }
    default Tensor remainder_(Number other) { return inplace(REMAINDER_SCALAR, self(), num(other)); }
    /** C's {@code fmod}: the result has the sign of this tensor. */
    default Tensor fmod(Tensor other) { return apply(FMOD, self(), other); }
    default Tensor fmod(Number other) { return apply(FMOD_SCALAR, self(), num(other)); }
    default Tensor fmod_(Tensor other) { return inplace(FMOD, self(), other); }
    default Tensor fmod_(Number other) { return inplace(FMOD_SCALAR, self(), num(other)); }
    default Tensor pow(Tensor exponent) { return apply(POW, self(), exponent); }
    default Tensor pow(Number exponent) { return apply(POW_TENSOR_SCALAR, self(), num(exponent)); }
    default Tensor pow_(Tensor exponent) { return inplace(POW, self(), exponent); }
    default Tensor pow_(Number exponent) { return inplace(POW_TENSOR_SCALAR, self(), num(exponent)); }
    default Tensor atan2(Tensor other) { return apply(ATAN2, self(), other); }
    default Tensor atan2_(Tensor other) { return inplace(ATAN2, self(), other); }
    /** Element-wise maximum; NaN propagates. */
    default Tensor maximum(Tensor other) { return apply(MAXIMUM, self(), other); }
    /** Element-wise minimum; NaN propagates. */
    default Tensor minimum(Tensor other) { return apply(MINIMUM, self(), other); }
    /** {@code self + value * tensor1 * tensor2} */
    default Tensor addcmul(Tensor tensor1, Tensor tensor2) { return apply(ADDCMUL, self(), tensor1, tensor2, 1L); }
    default Tensor addcmul(Tensor tensor1, Tensor tensor2, Number value) { return apply(ADDCMUL, self(), tensor1, tensor2, num(value)); }
    default Tensor addcmul_(Tensor tensor1, Tensor tensor2) { return inplace(ADDCMUL, self(), tensor1, tensor2, 1L); }
    default Tensor addcmul_(Tensor tensor1, Tensor tensor2, Number value) { return inplace(ADDCMUL, self(), tensor1, tensor2, num(value)); }
    /** {@code self + value * tensor1 / tensor2} */
    default Tensor addcdiv(Tensor tensor1, Tensor tensor2) { return apply(ADDCDIV, self(), tensor1, tensor2, 1L); }
    default Tensor addcdiv(Tensor tensor1, Tensor tensor2, Number value) { return apply(ADDCDIV, self(), tensor1, tensor2, num(value)); }
    default Tensor addcdiv_(Tensor tensor1, Tensor tensor2) { return inplace(ADDCDIV, self(), tensor1, tensor2, 1L); }
    default Tensor addcdiv_(Tensor tensor1, Tensor tensor2, Number value) { return inplace(ADDCDIV, self(), tensor1, tensor2, num(value)); }
    /** {@code self + weight * (end - self)} */
    default Tensor lerp(Tensor end, Number weight) { return apply(LERP, self(), end, num(weight)); }
    default Tensor lerp(Tensor end, Tensor weight) { return apply(LERP_TENSOR, self(), end, weight); }
    default Tensor lerp_(Tensor end, Number weight) { return inplace(LERP, self(), end, num(weight)); }
    default Tensor lerp_(Tensor end, Tensor weight) { return inplace(LERP_TENSOR, self(), end, weight); }

    // ---- unary math ----

    default Tensor neg() { return apply(NEG, self()); }
    default Tensor neg_() { return inplace(NEG, self()); }
    default Tensor abs() { return apply(ABS, self()); }
    default Tensor abs_() { return inplace(ABS, self()); }
    default Tensor sign() { return apply(SIGN, self()); }
    default Tensor sign_() { return inplace(SIGN, self()); }
    default Tensor square() { return apply(SQUARE, self()); }
    default Tensor square_() { return inplace(SQUARE, self()); }
    default Tensor floor() { return apply(FLOOR, self()); }
    default Tensor floor_() { return inplace(FLOOR, self()); }
    default Tensor ceil() { return apply(CEIL, self()); }
    default Tensor ceil_() { return inplace(CEIL, self()); }
    /** Rounds half to even. */
    default Tensor round() { return apply(ROUND, self()); }
    default Tensor round_() { return inplace(ROUND, self()); }
    /** Rounds half to even at {@code decimals} decimal digits (negative: to tens, hundreds ...). */
    default Tensor round(int decimals) { return apply(ROUND_DECIMALS, self(), (long) decimals); }
    default Tensor round_(int decimals) { return inplace(ROUND_DECIMALS, self(), (long) decimals); }
    default Tensor trunc() { return apply(TRUNC, self()); }
    default Tensor trunc_() { return inplace(TRUNC, self()); }
    default Tensor frac() { return apply(FRAC, self()); }
    default Tensor frac_() { return inplace(FRAC, self()); }
    default Tensor reciprocal() { return apply(RECIPROCAL, self()); }
    default Tensor reciprocal_() { return inplace(RECIPROCAL, self()); }
    default Tensor exp() { return apply(EXP, self()); }
    default Tensor exp_() { return inplace(EXP, self()); }
    default Tensor exp2() { return apply(EXP2, self()); }
    default Tensor exp2_() { return inplace(EXP2, self()); }
    default Tensor expm1() { return apply(EXPM1, self()); }
    default Tensor expm1_() { return inplace(EXPM1, self()); }
    default Tensor log() { return apply(LOG, self()); }
    default Tensor log_() { return inplace(LOG, self()); }
    default Tensor log1p() { return apply(LOG1P, self()); }
    default Tensor log1p_() { return inplace(LOG1P, self()); }
    default Tensor log2() { return apply(LOG2, self()); }
    default Tensor log2_() { return inplace(LOG2, self()); }
    default Tensor log10() { return apply(LOG10, self()); }
    default Tensor log10_() { return inplace(LOG10, self()); }
    default Tensor sqrt() { return apply(SQRT, self()); }
    default Tensor sqrt_() { return inplace(SQRT, self()); }
    default Tensor rsqrt() { return apply(RSQRT, self()); }
    default Tensor rsqrt_() { return inplace(RSQRT, self()); }
    default Tensor sin() { return apply(SIN, self()); }
    default Tensor sin_() { return inplace(SIN, self()); }
    default Tensor cos() { return apply(COS, self()); }
    default Tensor cos_() { return inplace(COS, self()); }
    default Tensor tan() { return apply(TAN, self()); }
    default Tensor tan_() { return inplace(TAN, self()); }
    default Tensor asin() { return apply(ASIN, self()); }
    default Tensor asin_() { return inplace(ASIN, self()); }
    default Tensor acos() { return apply(ACOS, self()); }
    default Tensor acos_() { return inplace(ACOS, self()); }
    default Tensor atan() { return apply(ATAN, self()); }
    default Tensor atan_() { return inplace(ATAN, self()); }
    default Tensor sinh() { return apply(SINH, self()); }
    default Tensor sinh_() { return inplace(SINH, self()); }
    default Tensor cosh() { return apply(COSH, self()); }
    default Tensor cosh_() { return inplace(COSH, self()); }
    default Tensor tanh() { return apply(TANH, self()); }
    default Tensor tanh_() { return inplace(TANH, self()); }
    default Tensor asinh() { return apply(ASINH, self()); }
    default Tensor asinh_() { return inplace(ASINH, self()); }
    default Tensor acosh() { return apply(ACOSH, self()); }
    default Tensor acosh_() { return inplace(ACOSH, self()); }
    default Tensor atanh() { return apply(ATANH, self()); }
    default Tensor atanh_() { return inplace(ATANH, self()); }
    default Tensor erf() { return apply(ERF, self()); }
    default Tensor erf_() { return inplace(ERF, self()); }
    default Tensor erfc() { return apply(ERFC, self()); }
    default Tensor erfc_() { return inplace(ERFC, self()); }

    // ---- activations ----

    default Tensor sigmoid() { return apply(SIGMOID, self()); }
    default Tensor sigmoid_() { return inplace(SIGMOID, self()); }
    default Tensor relu() { return apply(RELU, self()); }
    default Tensor relu_() { return inplace(RELU, self()); }
    default Tensor relu6() { return apply(RELU6, self()); }
    default Tensor relu6_() { return inplace(RELU6, self()); }
    default Tensor leakyRelu() { return leakyRelu(0.01); }
    default Tensor leakyRelu(Number negativeSlope) { return apply(LEAKY_RELU, self(), num(negativeSlope)); }
    default Tensor leakyRelu_() { return leakyRelu_(0.01); }
    default Tensor leakyRelu_(Number negativeSlope) { return inplace(LEAKY_RELU, self(), num(negativeSlope)); }
    default Tensor elu() { return elu(1L); }
    default Tensor elu(Number alpha) { return apply(ELU, self(), num(alpha), 1L, 1L); }
    default Tensor elu_() { return elu_(1L); }
    default Tensor elu_(Number alpha) { return inplace(ELU, self(), num(alpha), 1L, 1L); }
    default Tensor selu() { return apply(SELU, self()); }
    default Tensor selu_() { return inplace(SELU, self()); }
    default Tensor celu() { return celu(1.0); }
    default Tensor celu(Number alpha) { return apply(CELU, self(), num(alpha)); }
    default Tensor celu_() { return celu_(1.0); }
    default Tensor celu_(Number alpha) { return inplace(CELU, self(), num(alpha)); }
    default Tensor gelu() { return gelu("none"); }
    /** GELU with {@code approximate} {@code "none"} (exact, with erf) or {@code "tanh"}. */
    default Tensor gelu(String approximate) { return apply(GELU, self(), approximate); }
    default Tensor gelu_() { return gelu_("none"); }
    default Tensor gelu_(String approximate) { return inplace(GELU, self(), approximate); }
    default Tensor silu() { return apply(SILU, self()); }
    default Tensor silu_() { return inplace(SILU, self()); }
    default Tensor mish() { return apply(MISH, self()); }
    default Tensor mish_() { return inplace(MISH, self()); }
    default Tensor softplus() { return softplus(1L, 20L); }
    default Tensor softplus(Number beta, Number threshold) { return apply(SOFTPLUS, self(), num(beta), num(threshold)); }
    /** {@code x / (1 + |x|)} */
    default Tensor softsign() { return self().div(self().abs().add(1L)); }
    default Tensor hardtanh() { return hardtanh(-1L, 1L); }
    default Tensor hardtanh(Number minVal, Number maxVal) { return apply(HARDTANH, self(), num(minVal), num(maxVal)); }
    default Tensor hardtanh_() { return hardtanh_(-1L, 1L); }
    default Tensor hardtanh_(Number minVal, Number maxVal) { return inplace(HARDTANH, self(), num(minVal), num(maxVal)); }
    default Tensor hardsigmoid() { return apply(HARDSIGMOID, self()); }
    default Tensor hardsigmoid_() { return inplace(HARDSIGMOID, self()); }
    default Tensor hardswish() { return apply(HARDSWISH, self()); }
    default Tensor hardswish_() { return inplace(HARDSWISH, self()); }
    default Tensor hardshrink() { return hardshrink(0.5); }
    default Tensor hardshrink(Number lambd) { return apply(HARDSHRINK, self(), num(lambd)); }
    default Tensor softshrink() { return softshrink(0.5); }
    default Tensor softshrink(Number lambd) { return apply(SOFTSHRINK, self(), num(lambd)); }
    /** {@code x <= threshold ? value : x} */
    default Tensor threshold(Number threshold, Number value) { return apply(THRESHOLD, self(), num(threshold), num(value)); }
    default Tensor threshold_(Number threshold, Number value) { return inplace(THRESHOLD, self(), num(threshold), num(value)); }
    default Tensor logSigmoid() { return apply(LOG_SIGMOID, self()); }

    // ---- clamping and selection ----

    /** Clamps to {@code [min, max]}; either bound may be null (not both). */
    default Tensor clamp(Number min, Number max) { return apply(CLAMP, self(), num(min), num(max)); }
    default Tensor clamp_(Number min, Number max) { return inplace(CLAMP, self(), num(min), num(max)); }
    /** Clamps to tensors of bounds (broadcast); either may be null (not both). NaN bounds give NaN. */
    default Tensor clamp(Tensor min, Tensor max) { return apply(CLAMP_TENSOR, self(), min, max); }
    default Tensor clamp_(Tensor min, Tensor max) { return inplace(CLAMP_TENSOR, self(), min, max); }
    default Tensor clampMin(Number min) { return apply(CLAMP_MIN, self(), num(min)); }
    default Tensor clampMin(Tensor min) { return apply(CLAMP_MIN_TENSOR, self(), min); }
    default Tensor clampMin_(Number min) { return inplace(CLAMP_MIN, self(), num(min)); }
    default Tensor clampMin_(Tensor min) { return inplace(CLAMP_MIN_TENSOR, self(), min); }
    default Tensor clampMax(Number max) { return apply(CLAMP_MAX, self(), num(max)); }
    default Tensor clampMax(Tensor max) { return apply(CLAMP_MAX_TENSOR, self(), max); }
    default Tensor clampMax_(Number max) { return inplace(CLAMP_MAX, self(), num(max)); }
    default Tensor clampMax_(Tensor max) { return inplace(CLAMP_MAX_TENSOR, self(), max); }
    /** {@code condition ? self : other} ({@code tensor.where(condition, other)}). */
    default Tensor where(Tensor condition, Tensor other) { return apply(WHERE, condition, self(), other); }
    default Tensor where(Tensor condition, Number other) { return apply(WHERE_SCALAR_OTHER, condition, self(), num(other)); }
    /** {@code mask ? value : self}, the mask broadcast; the value converted to this tensor's dtype. */
    default Tensor maskedFill(Tensor mask, Number value) { return apply(MASKED_FILL, self(), mask, num(value)); }
    default Tensor maskedFill(Tensor mask, Tensor value) { return apply(MASKED_FILL_TENSOR, self(), mask, value); }
    default Tensor maskedFill_(Tensor mask, Number value) { return inplace(MASKED_FILL, self(), mask, num(value)); }
    default Tensor maskedFill_(Tensor mask, Tensor value) { return inplace(MASKED_FILL_TENSOR, self(), mask, value); }

    // ---- comparisons and predicates (bool results; in-place variants store 0/1 in this dtype) ----

    default Tensor eq(Tensor other) { return apply(EQ, self(), other); }
    default Tensor eq(Number other) { return apply(EQ_SCALAR, self(), num(other)); }
    default Tensor eq_(Tensor other) { return inplace(EQ, self(), other); }
    default Tensor eq_(Number other) { return inplace(EQ_SCALAR, self(), num(other)); }
    default Tensor ne(Tensor other) { return apply(NE, self(), other); }
    default Tensor ne(Number other) { return apply(NE_SCALAR, self(), num(other)); }
    default Tensor ne_(Tensor other) { return inplace(NE, self(), other); }
    default Tensor ne_(Number other) { return inplace(NE_SCALAR, self(), num(other)); }
    default Tensor lt(Tensor other) { return apply(LT, self(), other); }
    default Tensor lt(Number other) { return apply(LT_SCALAR, self(), num(other)); }
    default Tensor lt_(Tensor other) { return inplace(LT, self(), other); }
    default Tensor lt_(Number other) { return inplace(LT_SCALAR, self(), num(other)); }
    default Tensor le(Tensor other) { return apply(LE, self(), other); }
    default Tensor le(Number other) { return apply(LE_SCALAR, self(), num(other)); }
    default Tensor le_(Tensor other) { return inplace(LE, self(), other); }
    default Tensor le_(Number other) { return inplace(LE_SCALAR, self(), num(other)); }
    default Tensor gt(Tensor other) { return apply(GT, self(), other); }
    default Tensor gt(Number other) { return apply(GT_SCALAR, self(), num(other)); }
    default Tensor gt_(Tensor other) { return inplace(GT, self(), other); }
    default Tensor gt_(Number other) { return inplace(GT_SCALAR, self(), num(other)); }
    default Tensor ge(Tensor other) { return apply(GE, self(), other); }
    default Tensor ge(Number other) { return apply(GE_SCALAR, self(), num(other)); }
    default Tensor ge_(Tensor other) { return inplace(GE, self(), other); }
    default Tensor ge_(Number other) { return inplace(GE_SCALAR, self(), num(other)); }
    default Tensor isnan() { return apply(ISNAN, self()); }
    default Tensor isinf() { return apply(ISINF, self()); }
    default Tensor isfinite() { return apply(ISFINITE, self()); }

    // ---- logic and bits ----

    default Tensor logicalAnd(Tensor other) { return apply(LOGICAL_AND, self(), other); }
    default Tensor logicalAnd_(Tensor other) { return inplace(LOGICAL_AND, self(), other); }
    default Tensor logicalOr(Tensor other) { return apply(LOGICAL_OR, self(), other); }
    default Tensor logicalOr_(Tensor other) { return inplace(LOGICAL_OR, self(), other); }
    default Tensor logicalXor(Tensor other) { return apply(LOGICAL_XOR, self(), other); }
    default Tensor logicalXor_(Tensor other) { return inplace(LOGICAL_XOR, self(), other); }
    default Tensor logicalNot() { return apply(LOGICAL_NOT, self()); }
    default Tensor logicalNot_() { return inplace(LOGICAL_NOT, self()); }
    default Tensor bitwiseAnd(Tensor other) { return apply(BITWISE_AND, self(), other); }
    default Tensor bitwiseAnd(Number other) { return apply(BITWISE_AND_SCALAR, self(), num(other)); }
    default Tensor bitwiseAnd_(Tensor other) { return inplace(BITWISE_AND, self(), other); }
    default Tensor bitwiseAnd_(Number other) { return inplace(BITWISE_AND_SCALAR, self(), num(other)); }
    default Tensor bitwiseOr(Tensor other) { return apply(BITWISE_OR, self(), other); }
    default Tensor bitwiseOr(Number other) { return apply(BITWISE_OR_SCALAR, self(), num(other)); }
    default Tensor bitwiseOr_(Tensor other) { return inplace(BITWISE_OR, self(), other); }
    default Tensor bitwiseOr_(Number other) { return inplace(BITWISE_OR_SCALAR, self(), num(other)); }
    default Tensor bitwiseXor(Tensor other) { return apply(BITWISE_XOR, self(), other); }
    default Tensor bitwiseXor(Number other) { return apply(BITWISE_XOR_SCALAR, self(), num(other)); }
    default Tensor bitwiseXor_(Tensor other) { return inplace(BITWISE_XOR, self(), other); }
    default Tensor bitwiseXor_(Number other) { return inplace(BITWISE_XOR_SCALAR, self(), num(other)); }
    default Tensor bitwiseNot() { return apply(BITWISE_NOT, self()); }
    default Tensor bitwiseNot_() { return inplace(BITWISE_NOT, self()); }
    default Tensor bitwiseLeftShift(Tensor other) { return apply(LEFT_SHIFT, self(), other); }
    default Tensor bitwiseLeftShift(Number other) { return apply(LEFT_SHIFT_SCALAR, self(), num(other)); }
    default Tensor bitwiseLeftShift_(Tensor other) { return inplace(LEFT_SHIFT, self(), other); }
    default Tensor bitwiseLeftShift_(Number other) { return inplace(LEFT_SHIFT_SCALAR, self(), num(other)); }
    default Tensor bitwiseRightShift(Tensor other) { return apply(RIGHT_SHIFT, self(), other); }
    default Tensor bitwiseRightShift(Number other) { return apply(RIGHT_SHIFT_SCALAR, self(), num(other)); }
    default Tensor bitwiseRightShift_(Tensor other) { return inplace(RIGHT_SHIFT, self(), other); }
    default Tensor bitwiseRightShift_(Number other) { return inplace(RIGHT_SHIFT_SCALAR, self(), num(other)); }

    // ---- conversion, copies, fills ----

    /** This tensor when it already has {@code dtype}, else a converted copy. */
    default Tensor to(DType dtype) { return apply(TO, self(), dtype, false, false, null); }
    /** Like {@link #to(DType)}, always copying when {@code copy} is true. */
    default Tensor to(DType dtype, boolean copy) { return apply(TO, self(), dtype, false, copy, null); }
    default Tensor float32() { return to(DType.FLOAT32); }
    default Tensor float64() { return to(DType.FLOAT64); }
    default Tensor float16() { return to(DType.FLOAT16); }
    /** PyTorch's {@code x.half()}: the same as {@link #float16()}. */
    default Tensor half() { return float16(); }
    default Tensor bfloat16() { return to(DType.BFLOAT16); }
    default Tensor int64() { return to(DType.INT64); }
    default Tensor int32() { return to(DType.INT32); }
    default Tensor int16() { return to(DType.INT16); }
    default Tensor int8() { return to(DType.INT8); }
    default Tensor uint8() { return to(DType.UINT8); }
    default Tensor bool() { return to(DType.BOOL); }
    /** A copy with its own contiguous storage. */
    default Tensor clone() { return apply(CLONE, self(), null); }
    /** Writes {@code src}, broadcast to this shape and converted to this dtype, into this tensor. */
    default Tensor copy_(Tensor src) { return inplace(COPY, self(), src, false); }
    default Tensor fill_(Number value) { return inplace(FILL, self(), num(value)); }
    /** Fills with the value of a zero-dimensional tensor. */
    default Tensor fill_(Tensor value) { return inplace(FILL_TENSOR, self(), value); }
    default Tensor zero_() { return inplace(ZERO, self()); }
}
