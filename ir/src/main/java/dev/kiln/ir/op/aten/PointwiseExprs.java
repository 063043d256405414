package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.ScalarExpr.Build.add;
import static dev.kiln.ir.op.ScalarExpr.Build.ap;
import static dev.kiln.ir.op.ScalarExpr.Build.div;
import static dev.kiln.ir.op.ScalarExpr.Build.in;
import static dev.kiln.ir.op.ScalarExpr.Build.lit;
import static dev.kiln.ir.op.ScalarExpr.Build.mul;
import static dev.kiln.ir.op.ScalarExpr.Build.param;
import static dev.kiln.ir.op.ScalarExpr.Build.sub;
import static dev.kiln.ir.op.ScalarExpr.Build.where;

import dev.kiln.ir.op.ScalarExpr;
import dev.kiln.ir.op.ScalarOp;

/**
 * The expressions of the composite pointwise ops (activations, clamping, interpolation), written from
 * {@link ScalarOp} primitives the way PyTorch's CPU kernels compute them, so results match to the last bits
 * where the kernels round the same way.
 */
final class PointwiseExprs {
    private PointwiseExprs() {}

    /** The op's self argument. */
    static final ScalarExpr X = in(0);

    /** The op's second argument. */
    static final ScalarExpr Y = in(1);

    static final ScalarExpr ZERO = lit(0), ONE = lit(1);

    static ScalarExpr unary(ScalarOp op) { return ap(op, X); }

    static ScalarExpr binary(ScalarOp op) { return ap(op, X, Y); }

    static ScalarExpr lt(ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.LT, a, b); }

    static ScalarExpr gt(ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.GT, a, b); }

    static ScalarExpr le(ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.LE, a, b); }

    static ScalarExpr max(ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.MAXIMUM, a, b); }

    static ScalarExpr min(ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.MINIMUM, a, b); }

    static ScalarExpr neg(ScalarExpr a) { return ap(ScalarOp.NEG, a); }

    static ScalarExpr exp(ScalarExpr a) { return ap(ScalarOp.EXP, a); }

    /** {@code (0 < x) - (x < 0)}: 0 for NaN and both zeros. */
    static final ScalarExpr SIGN = where(gt(X, ZERO), ONE, where(lt(X, ZERO), lit(-1), ZERO));

    /** {@code self - trunc(self)} */
    static final ScalarExpr FRAC = sub(X, unary(ScalarOp.TRUNC));

    /** {@code x * x} */
    static final ScalarExpr SQUARE = mul(X, X);

    /** Rounds to {@code decimals} (argument 1) digits: scale by {@code 10^|decimals|}, round half to even, unscale. */
    static final ScalarExpr ROUND_DECIMALS = roundDecimals();

    private static ScalarExpr roundDecimals() {
        ScalarExpr decimals = param(1), scale = ap(ScalarOp.POW, lit(10), ap(ScalarOp.ABS, decimals));
        return where(lt(decimals, ZERO), mul(ap(ScalarOp.ROUND, div(X, scale)), scale), div(ap(ScalarOp.ROUND, mul(X, scale)), scale));
    }

    /** {@code x < lo ? lo : x}: a NaN bound leaves x as it is (clamp with one scalar bound). */
    static ScalarExpr clampMin(ScalarExpr lo) { return where(lt(X, lo), lo, X); }

    /** {@code x > hi ? hi : x} */
    static ScalarExpr clampMax(ScalarExpr hi) { return where(gt(X, hi), hi, X); }

    /** {@code minimum(maximum(x, lo), hi)}: NaN bounds give NaN, and {@code hi} wins when {@code lo > hi}. */
    static ScalarExpr clamp(ScalarExpr lo, ScalarExpr hi) { return min(max(X, lo), hi); }

    /** {@code x - alpha * other} with alpha at argument 2. */
    static final ScalarExpr SUB_ALPHA = sub(X, mul(Y, param(2)));

    /** {@code self + weight * (end - self)} for small weights, {@code end - (end - self) * (1 - weight)} otherwise. */
    static ScalarExpr lerp(ScalarExpr weight) {
        ScalarExpr diff = sub(Y, X);
        return where(lt(ap(ScalarOp.ABS, weight), lit(0.5)), add(X, mul(weight, diff)), sub(Y, mul(diff, sub(ONE, weight))));
    }

    /** {@code x <= 0 ? (exp(x * input_scale) - 1) * alpha * scale : x * scale}, as PyTorch's elu kernel. */
    static ScalarExpr elu(ScalarExpr alpha, ScalarExpr scale, ScalarExpr inputScale) {
        return where(le(X, ZERO), mul(sub(exp(mul(X, inputScale)), ONE), mul(alpha, scale)), mul(X, scale));
    }

    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;

    /** {@code x * 0.5 * (1 + erf(x / sqrt(2)))} */
    static final ScalarExpr GELU = mul(mul(X, lit(0.5)), add(ONE, ap(ScalarOp.ERF, mul(X, lit(0.70710678118654752440)))));

    /** {@code 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))} */
    static final ScalarExpr GELU_TANH = mul(mul(lit(0.5), X), add(ONE, ap(ScalarOp.TANH,
            mul(lit(Math.sqrt(2) * (2 / Math.sqrt(Math.PI)) * 0.5), add(X, mul(lit(0.044715), mul(mul(X, X), X)))))));

    /** {@code x / (1 + exp(-x))} */
    static final ScalarExpr SILU = div(X, add(ONE, exp(neg(X))));

    /** {@code x * tanh(log1p(exp(x)))} */
    static final ScalarExpr MISH = mul(X, ap(ScalarOp.TANH, ap(ScalarOp.LOG1P, exp(X))));

    /** {@code x * beta > threshold ? x : log1p(exp(x * beta)) / beta} with beta, threshold at arguments 1, 2. */
    static final ScalarExpr SOFTPLUS = where(gt(mul(X, param(1)), param(2)), X,
            div(ap(ScalarOp.LOG1P, exp(mul(X, param(1)))), param(1)));

    /** {@code min(max(x + 3, 0), 6) / 6} */
    static final ScalarExpr HARDSIGMOID = div(min(max(add(X, lit(3)), ZERO), lit(6)), lit(6));

    /** {@code x * min(max(x + 3, 0), 6) / 6} */
    static final ScalarExpr HARDSWISH = div(mul(X, min(max(add(X, lit(3)), ZERO), lit(6))), lit(6));

    /** {@code -lambd <= x <= lambd ? 0 : x} */
    static final ScalarExpr HARDSHRINK = where(ap(ScalarOp.LOGICAL_AND, ap(ScalarOp.GE, X, neg(param(1))), le(X, param(1))), ZERO, X);

    /** {@code x > lambd ? x - lambd : x < -lambd ? x + lambd : 0} */
    static final ScalarExpr SOFTSHRINK = where(gt(X, param(1)), sub(X, param(1)), where(lt(X, neg(param(1))), add(X, param(1)), ZERO));

    /** {@code min(x, 0) - log1p(exp(-|x|))} */
    static final ScalarExpr LOG_SIGMOID = sub(min(X, ZERO), ap(ScalarOp.LOG1P, exp(neg(ap(ScalarOp.ABS, X)))));
}
