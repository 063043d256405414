package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.OpDef.declare;
import static dev.kiln.ir.op.PromotionKind.ALWAYS_BOOL;
import static dev.kiln.ir.op.PromotionKind.BOOL_TO_LONG;
import static dev.kiln.ir.op.PromotionKind.DEFAULT;
import static dev.kiln.ir.op.PromotionKind.FLOAT_FOR_TRUE_DIVISION;
import static dev.kiln.ir.op.PromotionKind.INT_TO_FLOAT;
import static dev.kiln.ir.op.PromotionKind.KEEP_FIRST;
import static dev.kiln.ir.op.PromotionKind.TO_DTYPE;
import static dev.kiln.ir.op.ScalarExpr.Build.add;
import static dev.kiln.ir.op.ScalarExpr.Build.ap;
import static dev.kiln.ir.op.ScalarExpr.Build.choice;
import static dev.kiln.ir.op.ScalarExpr.Build.div;
import static dev.kiln.ir.op.ScalarExpr.Build.ifPresent;
import static dev.kiln.ir.op.ScalarExpr.Build.in;
import static dev.kiln.ir.op.ScalarExpr.Build.lit;
import static dev.kiln.ir.op.ScalarExpr.Build.mask;
import static dev.kiln.ir.op.ScalarExpr.Build.mul;
import static dev.kiln.ir.op.ScalarExpr.Build.param;
import static dev.kiln.ir.op.ScalarExpr.Build.sub;
import static dev.kiln.ir.op.ScalarExpr.Build.where;
import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.aten.GradOps.addScalar;
import static dev.kiln.ir.op.aten.GradOps.div;
import static dev.kiln.ir.op.aten.GradOps.mul;
import static dev.kiln.ir.op.aten.GradOps.neg;
import static dev.kiln.ir.op.aten.GradOps.scale;
import static dev.kiln.ir.op.aten.PointwiseGrads.*;
import static dev.kiln.ir.op.aten.PointwiseChecks.condition;
import static dev.kiln.ir.op.aten.PointwiseChecks.floatingOnly;
import static dev.kiln.ir.op.aten.PointwiseChecks.integralAlpha;
import static dev.kiln.ir.op.aten.PointwiseChecks.noBool;
import static dev.kiln.ir.op.aten.PointwiseChecks.noBoolSubtraction;
import static dev.kiln.ir.op.aten.PointwiseChecks.scalarsFit;
import static dev.kiln.ir.op.aten.PointwiseChecks.someBound;
import static dev.kiln.ir.op.aten.PointwiseChecks.zeroDim;
import static dev.kiln.ir.op.aten.PointwiseExprs.ONE;
import static dev.kiln.ir.op.aten.PointwiseExprs.X;
import static dev.kiln.ir.op.aten.PointwiseExprs.Y;
import static dev.kiln.ir.op.aten.PointwiseExprs.binary;
import static dev.kiln.ir.op.aten.PointwiseExprs.clamp;
import static dev.kiln.ir.op.aten.PointwiseExprs.clampMax;
import static dev.kiln.ir.op.aten.PointwiseExprs.clampMin;
import static dev.kiln.ir.op.aten.PointwiseExprs.elu;
import static dev.kiln.ir.op.aten.PointwiseExprs.gt;
import static dev.kiln.ir.op.aten.PointwiseExprs.le;
import static dev.kiln.ir.op.aten.PointwiseExprs.max;
import static dev.kiln.ir.op.aten.PointwiseExprs.min;
import static dev.kiln.ir.op.aten.PointwiseExprs.unary;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.ScalarExpr;
import dev.kiln.ir.op.ScalarOp;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Element-wise arithmetic, math functions, activations, comparisons, logic and dtype conversion. Each op is
 * its aten schema, its promotion kind, its expression ({@link PointwiseExprs} for the composite ones) and its
 * derivative as PyTorch's {@code derivatives.yaml} gives it ({@link PointwiseGrads} holds the longer formulas).
 * Declaration order is overload resolution order, as in PyTorch.
 */
public final class PointwiseOps {
    private PointwiseOps() {}

    // ---- arithmetic ----

    private static final ScalarExpr ADD_ALPHA = add(X, mul(Y, param(2)));

    public static final OpDef ADD = declare("add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor")
            .pointwise(DEFAULT, ADD_ALPHA, integralAlpha(2))
            .derivative(wrt("self", g -> g.grad()), wrt("other", g -> scale(g, g.grad(), g.arg("alpha"))))
            .withInplace().build();
    public static final OpDef ADD_SCALAR = declare("add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor")
            .pointwise(DEFAULT, ADD_ALPHA, integralAlpha(2)).derivative(same("self")).withInplace().build();
    public static final OpDef SUB = declare("sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.SUB_ALPHA, noBoolSubtraction(), integralAlpha(2))
            .derivative(same("self"), negatedTimesAlpha("other")).withInplace().build();
    public static final OpDef SUB_SCALAR = declare("sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.SUB_ALPHA, noBoolSubtraction(), integralAlpha(2)).derivative(same("self")).withInplace().build();
    public static final OpDef RSUB = declare("rsub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor")
            .pointwise(DEFAULT, sub(Y, mul(X, param(2))), noBoolSubtraction(), integralAlpha(2))
            .derivative(negatedTimesAlpha("self"), same("other")).build();
    public static final OpDef RSUB_SCALAR = declare("rsub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor")
            .pointwise(DEFAULT, sub(Y, mul(X, param(2))), noBoolSubtraction(), integralAlpha(2)).derivative(negatedTimesAlpha("self")).build();
    public static final OpDef MUL = declare("mul.Tensor(Tensor self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, mul(X, Y))
            .derivative(wrt("self", uses("other"), g -> GradOps.mul(g, g.grad(), g.arg("other"))),
                    wrt("other", uses("self"), g -> GradOps.mul(g, g.grad(), g.arg("self"))))
            .withInplace().build();
    public static final OpDef MUL_SCALAR = declare("mul.Scalar(Tensor self, Scalar other) -> Tensor")
            .pointwise(DEFAULT, mul(X, Y)).derivative(wrt("self", g -> scale(g, g.grad(), g.arg("other")))).withInplace().build();
    public static final OpDef DIV = declare("div.Tensor(Tensor self, Tensor other) -> Tensor")
            .pointwise(INT_TO_FLOAT, div(X, Y)).derivative(DIV_SELF, DIV_OTHER).withInplace().build();
    public static final OpDef DIV_SCALAR = declare("div.Scalar(Tensor self, Scalar other) -> Tensor")
            .pointwise(INT_TO_FLOAT, div(X, Y)).derivative(DIV_SCALAR_SELF).withInplace().build();

    private static final ScalarExpr DIV_ROUNDING = choice(2, null, div(X, Y), "trunc", binary(ScalarOp.TRUNC_DIV),
            "floor", binary(ScalarOp.FLOOR_DIV));

    public static final OpDef DIV_MODE = declare("div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor")
            .pointwise(FLOAT_FOR_TRUE_DIVISION, DIV_ROUNDING).derivative(unlessRounded(DIV_SELF), unlessRounded(DIV_OTHER)).withInplace().build();
    public static final OpDef DIV_SCALAR_MODE = declare("div.Scalar_mode(Tensor self, Scalar other, *, str? rounding_mode) -> Tensor")
            .pointwise(FLOAT_FOR_TRUE_DIVISION, DIV_ROUNDING).derivative(unlessRounded(DIV_SCALAR_SELF)).withInplace().build();
    /** Not differentiable, as in PyTorch (whose autograd has no formula for it and fails in backward). */
    public static final OpDef FLOOR_DIVIDE = declare("floor_divide(Tensor self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.FLOOR_DIV)).nonDifferentiable().withInplace("floor_divide_.Tensor").build();
    public static final OpDef FLOOR_DIVIDE_SCALAR = declare("floor_divide.Scalar(Tensor self, Scalar other) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.FLOOR_DIV)).nonDifferentiable().withInplace().build();
    public static final OpDef REMAINDER = declare("remainder.Tensor(Tensor self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.REMAINDER))
            .derivative(Derivative.of(same("self"), quotientTimesGrad("floor")).named("RemainderBackward1")).withInplace().build();
    public static final OpDef REMAINDER_SCALAR = declare("remainder.Scalar(Tensor self, Scalar other) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.REMAINDER)).derivative(Derivative.of(same("self")).named("RemainderBackward0"))
            .withInplace().build();
    /** Not differentiable, as in PyTorch (whose autograd has no formula for it and fails in backward). */
    public static final OpDef REMAINDER_SCALAR_TENSOR = declare("remainder.Scalar_Tensor(Scalar self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.REMAINDER)).nonDifferentiable().build();
    public static final OpDef FMOD = declare("fmod.Tensor(Tensor self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.FMOD))
            .derivative(Derivative.of(same("self"), quotientTimesGrad("trunc")).named("FmodBackward1")).withInplace().build();
    public static final OpDef FMOD_SCALAR = declare("fmod.Scalar(Tensor self, Scalar other) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.FMOD)).derivative(Derivative.of(same("self")).named("FmodBackward0")).withInplace().build();
    public static final OpDef POW = declare("pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.POW))
            .derivative(Derivative.of(wrt("self", uses("self", "exponent"), PointwiseGrads::powSelf),
                    wrt("exponent", uses("self", "exponent", "result"), PointwiseGrads::powExponent)).named("PowBackward1"))
            .withInplace("pow_.Tensor").build();
    public static final OpDef POW_TENSOR_SCALAR = declare("pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.POW), PointwiseChecks.noNegativeIntegerPower(1))
            .derivative(Derivative.of(wrt("self", uses("self"), PointwiseGrads::powSelfScalar)).named("PowBackward0"))
            .withInplace("pow_.Scalar").build();
    public static final OpDef POW_SCALAR = declare("pow.Scalar(Scalar self, Tensor exponent) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.POW)).derivative(wrt("exponent", uses("exponent", "result"), PointwiseGrads::powScalarExponent))
            .build();
    public static final OpDef ATAN2 = declare("atan2(Tensor self, Tensor other) -> Tensor")
            .pointwise(INT_TO_FLOAT, binary(ScalarOp.ATAN2))
            .derivative(wrt("self", uses("self", "other"), g -> PointwiseGrads.atan2(g, true)),
                    wrt("other", uses("self", "other"), g -> PointwiseGrads.atan2(g, false)))
            .withInplace().build();
    public static final OpDef MAXIMUM = declare("maximum(Tensor self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.MAXIMUM)).derivative(selected("self", PointwiseGrads::lt), selected("other", PointwiseGrads::gt)).build();
    public static final OpDef MINIMUM = declare("minimum(Tensor self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, binary(ScalarOp.MINIMUM)).derivative(selected("self", PointwiseGrads::gt), selected("other", PointwiseGrads::lt)).build();

    // ---- unary math ----

    public static final OpDef NEG = declare("neg(Tensor self) -> Tensor").pointwise(DEFAULT, unary(ScalarOp.NEG),
            noBool("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the "
                    + "`~` or `logical_not()` operator instead.")).derivative(wrt("self", g -> neg(g, g.grad()))).withInplace().build();
    public static final OpDef ABS = declare("abs(Tensor self) -> Tensor").pointwise(DEFAULT, unary(ScalarOp.ABS))
            .derivative(timesSelf((g, x) -> call(g, PointwiseOps.SIGN, x))).withInplace().build();
    public static final OpDef SIGN = declare("sign(Tensor self) -> Tensor").pointwise(DEFAULT, PointwiseExprs.SIGN)
            .derivative(zeroGradient()).withInplace().build();
    /** Recorded as PyTorch records it, as {@code pow(self, 2)}. */
    public static final OpDef SQUARE = declare("square(Tensor self) -> Tensor").pointwise(BOOL_TO_LONG, PointwiseExprs.SQUARE)
            .derivative(Derivative.of(timesSelf((g, x) -> times(g, x, 2))).named("PowBackward0")).withInplace().build();
    public static final OpDef FLOOR = rounding("floor", ScalarOp.FLOOR);
    public static final OpDef CEIL = rounding("ceil", ScalarOp.CEIL);
    public static final OpDef ROUND = rounding("round", ScalarOp.ROUND);
    public static final OpDef ROUND_DECIMALS = declare("round.decimals(Tensor self, *, int decimals) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.ROUND_DECIMALS, floatingOnly()).derivative(zeroGradient()).withInplace().build();
    public static final OpDef TRUNC = rounding("trunc", ScalarOp.TRUNC);
    public static final OpDef FRAC = declare("frac(Tensor self) -> Tensor").pointwise(DEFAULT, PointwiseExprs.FRAC, floatingOnly())
            .derivative(same("self")).withInplace().build();
    public static final OpDef RECIPROCAL = floating("reciprocal", ScalarOp.RECIPROCAL,
            fromResult((g, r) -> mul(g, neg(g, g.grad()), mul(g, r, r))));
    public static final OpDef EXP = floating("exp", ScalarOp.EXP, timesResult((g, r) -> r));
    public static final OpDef EXP2 = floating("exp2", ScalarOp.EXP2, timesResult((g, r) -> times(g, r, LN2)));
    public static final OpDef EXPM1 = floating("expm1", ScalarOp.EXPM1, timesResult((g, r) -> addScalar(g, r, 1L)));
    public static final OpDef LOG = floating("log", ScalarOp.LOG, fromSelf((g, x) -> div(g, g.grad(), x)));
    public static final OpDef LOG1P = floating("log1p", ScalarOp.LOG1P,
            Derivative.of(fromSelf((g, x) -> div(g, g.grad(), addScalar(g, x, 1L)))).named("Log1PBackward0"));
    public static final OpDef LOG2 = floating("log2", ScalarOp.LOG2, fromSelf((g, x) -> div(g, g.grad(), times(g, x, LN2))));
    public static final OpDef LOG10 = floating("log10", ScalarOp.LOG10, fromSelf((g, x) -> div(g, g.grad(), times(g, x, LN10))));
    public static final OpDef SQRT = floating("sqrt", ScalarOp.SQRT, fromResult((g, r) -> div(g, g.grad(), times(g, r, 2))));
    public static final OpDef RSQRT = floating("rsqrt", ScalarOp.RSQRT, fromResult((g, r) -> times(g, mul(g, g.grad(), pow(g, r, 3)), -0.5)));
    public static final OpDef SIN = floating("sin", ScalarOp.SIN, timesSelf((g, x) -> call(g, PointwiseOps.COS, x)));
    public static final OpDef COS = floating("cos", ScalarOp.COS, timesSelf((g, x) -> neg(g, call(g, PointwiseOps.SIN, x))));
    public static final OpDef TAN = floating("tan", ScalarOp.TAN, timesResult((g, r) -> addScalar(g, pow(g, r, 2), 1L)));
    public static final OpDef ASIN = floating("asin", ScalarOp.ASIN, timesSelf((g, x) -> rsqrt(g, rsub(g, mul(g, x, x), 1))));
    public static final OpDef ACOS = floating("acos", ScalarOp.ACOS,
            timesSelf((g, x) -> neg(g, rsqrt(g, rsub(g, mul(g, x, x), 1)))));
    public static final OpDef ATAN = floating("atan", ScalarOp.ATAN, fromSelf((g, x) -> div(g, g.grad(), addScalar(g, mul(g, x, x), 1L))));
    public static final OpDef SINH = floating("sinh", ScalarOp.SINH, timesSelf((g, x) -> call(g, PointwiseOps.COSH, x)));
    public static final OpDef COSH = floating("cosh", ScalarOp.COSH, timesSelf((g, x) -> call(g, PointwiseOps.SINH, x)));
    public static final OpDef TANH = floating("tanh", ScalarOp.TANH, timesResult((g, r) -> rsub(g, mul(g, r, r), 1)));
    public static final OpDef ASINH = floating("asinh", ScalarOp.ASINH, timesSelf((g, x) -> rsqrt(g, addScalar(g, pow(g, x, 2), 1L))));
    public static final OpDef ACOSH = floating("acosh", ScalarOp.ACOSH, timesSelf((g, x) -> rsqrt(g, addScalar(g, pow(g, x, 2), -1L))));
    public static final OpDef ATANH = floating("atanh", ScalarOp.ATANH, fromSelf((g, x) -> div(g, g.grad(), rsub(g, pow(g, x, 2), 1))));
    public static final OpDef SIGMOID = floating("sigmoid", ScalarOp.SIGMOID, timesResult((g, r) -> mul(g, rsub(g, r, 1), r)));
    public static final OpDef ERF = floating("erf", ScalarOp.ERF, timesSelf((g, x) -> times(g, exp(g, neg(g, pow(g, x, 2))), TWO_BY_SQRT_PI)));
    public static final OpDef ERFC = floating("erfc", ScalarOp.ERFC,
            timesSelf((g, x) -> times(g, exp(g, neg(g, pow(g, x, 2))), -TWO_BY_SQRT_PI)));

    /** {@code name(Tensor self) -> Tensor} rounding to an integral value: piecewise constant, so its gradient is zero. */
    private static OpDef rounding(String name, ScalarOp op) {
        return declare(name + "(Tensor self) -> Tensor").pointwise(DEFAULT, unary(op)).derivative(zeroGradient()).withInplace().build();
    }

    /** {@code name(Tensor self) -> Tensor} computing {@code op} in floating point, with its in-place variant and derivative. */
    private static OpDef floating(String name, ScalarOp op, Derivative derivative) {
        return declare(name + "(Tensor self) -> Tensor").pointwise(INT_TO_FLOAT, unary(op)).derivative(derivative).withInplace().build();
    }

    private static OpDef floating(String name, ScalarOp op, Derivative.Term self) { return floating(name, op, Derivative.of(self)); }

    // ---- activations ----

    public static final OpDef RELU = declare("relu(Tensor self) -> Tensor")
            .pointwise(DEFAULT, clampMin(lit(0)), noBool("Boolean inputs not supported for relu"))
            .derivative(fromResult((g, r) -> drop(g, PointwiseGrads.le(g, r, 0L), g.grad()))).withInplace().build();
    /** Recorded as PyTorch records it, as {@code hardtanh(self, 0, 6)}. */
    public static final OpDef RELU6 = declare("relu6(Tensor self) -> Tensor")
            .pointwise(DEFAULT, clamp(lit(0), lit(6)), noBool("Bool inputs not supported for hardtanh"))
            .derivative(Derivative.of(fromSelf((g, x) -> PointwiseGrads.hardtanh(g, x, 0L, 6L))).named("HardtanhBackward0"))
            .withInplace().build();
    public static final OpDef LEAKY_RELU = declare("leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor")
            .pointwise(DEFAULT, where(gt(X, lit(0)), X, mul(X, param(1))), floatingOnly()).derivative(fromSelf(PointwiseGrads::leakyRelu))
            .withInplace().build();
    public static final OpDef ELU = declare("elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor")
            .pointwise(DEFAULT, elu(param(1), param(2), param(3)), floatingOnly())
            .derivative(wrt("self", uses("self"), g -> PointwiseGrads.elu(g, num(g.arg("alpha")), num(g.arg("scale")), num(g.arg("input_scale")))))
            .withInplace().build();
    /** Recorded as PyTorch records it, as {@code elu} with SELU's constants. */
    public static final OpDef SELU = declare("selu(Tensor self) -> Tensor")
            .pointwise(DEFAULT, elu(lit(PointwiseExprs.SELU_ALPHA), lit(PointwiseExprs.SELU_SCALE), ONE), floatingOnly())
            .derivative(Derivative.of(wrt("self", uses("self"), g -> PointwiseGrads.elu(g, PointwiseExprs.SELU_ALPHA, PointwiseExprs.SELU_SCALE, 1)))
                    .named("EluBackward0"))
            .withInplace().build();
    public static final OpDef CELU = declare("celu(Tensor self, Scalar alpha=1.) -> Tensor")
            .pointwise(DEFAULT, elu(param(1), ONE, div(ONE, param(1))), floatingOnly(),
                    PointwiseChecks.nonZero(1, "ZeroDivisionError: alpha cannot be 0 for CELU"))
            .derivative(wrt("self", uses("self"), g -> PointwiseGrads.elu(g, num(g.arg("alpha")), 1, 1 / (double) (float) num(g.arg("alpha")))))
            .withInplace().build();
    public static final OpDef GELU = declare("gelu(Tensor self, *, str approximate=\"none\") -> Tensor")
            .pointwise(DEFAULT, choice(1, "none", PointwiseExprs.GELU, "tanh", PointwiseExprs.GELU_TANH), floatingOnly())
            .derivative(fromSelf((g, x) -> "tanh".equals(g.arg("approximate")) ? PointwiseGrads.geluTanh(g, x) : PointwiseGrads.gelu(g, x)))
            .withInplace().build();
    public static final OpDef SILU = declare("silu(Tensor self) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.SILU, floatingOnly()).derivative(fromSelf(PointwiseGrads::silu)).withInplace().build();
    public static final OpDef MISH = declare("mish(Tensor self) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.MISH, floatingOnly()).derivative(fromSelf(PointwiseGrads::mish)).withInplace().build();
    public static final OpDef SOFTPLUS = declare("softplus(Tensor self, Scalar beta=1, Scalar threshold=20) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.SOFTPLUS, floatingOnly()).derivative(fromSelf(PointwiseGrads::softplus)).build();
    public static final OpDef HARDTANH = declare("hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor")
            .pointwise(KEEP_FIRST, clamp(param(1), param(2)), noBool("Bool inputs not supported for hardtanh"),
                    PointwiseChecks.unsignedLimits())
            .derivative(fromSelf((g, x) -> PointwiseGrads.hardtanh(g, x, g.arg("min_val"), g.arg("max_val")))).withInplace().build();
    public static final OpDef HARDSIGMOID = declare("hardsigmoid(Tensor self) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.HARDSIGMOID, floatingOnly()).derivative(fromSelf(PointwiseGrads::hardsigmoid))
            .withInplace().build();
    public static final OpDef HARDSWISH = declare("hardswish(Tensor self) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.HARDSWISH, floatingOnly()).derivative(fromSelf(PointwiseGrads::hardswish))
            .withInplace().build();
    public static final OpDef HARDSHRINK = declare("hardshrink(Tensor self, Scalar lambd=0.5) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.HARDSHRINK, floatingOnly()).derivative(fromSelf(PointwiseGrads::shrink)).build();
    public static final OpDef SOFTSHRINK = declare("softshrink(Tensor self, Scalar lambd=0.5) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.SOFTSHRINK, floatingOnly(), PointwiseChecks.nonNegativeLambda())
            .derivative(fromSelf(PointwiseGrads::shrink)).build();
    public static final OpDef THRESHOLD = declare("threshold(Tensor self, Scalar threshold, Scalar value) -> Tensor")
            .pointwise(KEEP_FIRST, where(le(X, param(1)), param(2), X), noBool("not implemented for 'Bool'"))
            .derivative(fromSelf((g, x) -> drop(g, PointwiseGrads.le(g, x, g.arg("threshold")), g.grad()))).withInplace().build();
    public static final OpDef LOG_SIGMOID = declare("log_sigmoid(Tensor self) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.LOG_SIGMOID, floatingOnly())
            .derivative(timesSelf((g, x) -> call(g, PointwiseOps.SIGMOID, neg(g, x)))).build();

    // ---- clamping, interpolation ----

    public static final OpDef CLAMP = declare("clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor")
            .pointwise(DEFAULT, ifPresent(1, ifPresent(2, clamp(Y, in(2)), clampMin(Y)), ifPresent(2, clampMax(in(2)), X)),
                    someBound(), scalarsFit(1, 2))
            .derivative(Derivative.of(wrt("self", uses("self"), PointwiseGrads::clampSelf)).named("ClampBackward1")).withInplace().build();
    public static final OpDef CLAMP_TENSOR = declare("clamp.Tensor(Tensor self, Tensor? min=None, Tensor? max=None) -> Tensor")
            .pointwise(DEFAULT, ifPresent(1, ifPresent(2, clamp(Y, in(2)), max(X, Y)), ifPresent(2, min(X, in(2)), X)),
                    someBound())
            .derivative(Derivative.of(wrt("self", uses("self", "min", "max"), PointwiseGrads::clampSelf),
                    wrt("min", uses("self", "min", "max"), g -> clampBound(g, true)),
                    wrt("max", uses("self", "min", "max"), g -> clampBound(g, false))).named("ClampBackward0"))
            .withInplace().build();
    public static final OpDef CLAMP_MIN = declare("clamp_min(Tensor self, Scalar min) -> Tensor")
            .pointwise(DEFAULT, clampMin(Y), scalarsFit(1)).derivative(passWhere("self", uses("self"), PointwiseGrads::ge, "min"))
            .withInplace().build();
    public static final OpDef CLAMP_MIN_TENSOR = declare("clamp_min.Tensor(Tensor self, Tensor min) -> Tensor")
            .pointwise(DEFAULT, max(X, Y)).derivative(passWhere("self", uses("self", "min"), PointwiseGrads::ge, "min"),
                    passWhere("min", uses("self", "min"), PointwiseGrads::lt, "min")).withInplace().build();
    public static final OpDef CLAMP_MAX = declare("clamp_max(Tensor self, Scalar max) -> Tensor")
            .pointwise(DEFAULT, clampMax(Y), scalarsFit(1)).derivative(passWhere("self", uses("self"), PointwiseGrads::le, "max"))
            .withInplace().build();
    public static final OpDef CLAMP_MAX_TENSOR = declare("clamp_max.Tensor(Tensor self, Tensor max) -> Tensor")
            .pointwise(DEFAULT, min(X, Y)).derivative(passWhere("self", uses("self", "max"), PointwiseGrads::le, "max"),
                    passWhere("max", uses("self", "max"), PointwiseGrads::gt, "max")).withInplace().build();
    public static final OpDef LERP = declare("lerp.Scalar(Tensor self, Tensor end, Scalar weight) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.lerp(param(2)), PointwiseChecks.sameDtypeAsSelf("end"), floatingOnly())
            .derivative(wrt("self", g -> lerpScalar(g, false)), wrt("end", g -> lerpScalar(g, true))).withInplace().build();
    public static final OpDef LERP_TENSOR = declare("lerp.Tensor(Tensor self, Tensor end, Tensor weight) -> Tensor")
            .pointwise(DEFAULT, PointwiseExprs.lerp(in(2)), PointwiseChecks.sameDtypeAsSelf("end", "weight"), floatingOnly())
            .derivative(wrt("self", uses("weight"), g -> mul(g, g.grad(), rsub(g, g.arg("weight"), 1))),
                    wrt("end", uses("weight"), g -> mul(g, g.grad(), g.arg("weight"))),
                    wrt("weight", uses("self", "end"), g -> mul(g, g.grad(), GradOps.sub(g, g.arg("end"), g.arg("self")))))
            .withInplace().build();
    public static final OpDef ADDCMUL = declare("addcmul(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor")
            .pointwise(DEFAULT, add(X, mul(mul(param(3), Y), in(2))), noBool("not implemented for 'Bool'"))
            .derivative(same("self"), wrt("tensor1", uses("tensor2"), g -> mul(g, g.grad(), scale(g, g.arg("tensor2"), g.arg("value")))),
                    wrt("tensor2", uses("tensor1"), g -> mul(g, g.grad(), scale(g, g.arg("tensor1"), g.arg("value")))))
            .withInplace().build();
    public static final OpDef ADDCDIV = declare("addcdiv(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor")
            .pointwise(DEFAULT, add(X, div(mul(param(3), Y), in(2))), PointwiseChecks.noIntegerDivision())
            .derivative(same("self"), wrt("tensor1", uses("tensor2"), g -> div(g, scale(g, g.grad(), g.arg("value")), g.arg("tensor2"))),
                    wrt("tensor2", uses("tensor1", "tensor2"), PointwiseGrads::addcdivDivisor))
            .withInplace().build();

    // ---- selection ----

    private static final ScalarExpr SELECT = where(mask(0), in(1), in(2));

    public static final OpDef WHERE = declare("where.self(Tensor condition, Tensor self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, SELECT, condition(0))
            .derivative(gradWhere("self", "condition"), gradWhereNot("other", "condition")).build();
    /** Recorded as PyTorch records it, as {@code where.self} with the scalar wrapped. */
    public static final OpDef WHERE_SCALAR_OTHER = declare("where.ScalarOther(Tensor condition, Tensor self, Scalar other) -> Tensor")
            .pointwise(DEFAULT, SELECT, condition(0), scalarsFit(2))
            .derivative(Derivative.of(gradWhere("self", "condition")).named("WhereBackward0")).build();
    /** Recorded as PyTorch records it, as {@code where.self} with the scalar wrapped. */
    public static final OpDef WHERE_SCALAR_SELF = declare("where.ScalarSelf(Tensor condition, Scalar self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, SELECT, condition(0), scalarsFit(1))
            .derivative(Derivative.of(gradWhereNot("other", "condition")).named("WhereBackward0")).build();
    public static final OpDef WHERE_SCALAR = declare("where.Scalar(Tensor condition, Scalar self, Scalar other) -> Tensor")
            .pointwise(DEFAULT, SELECT, condition(0), scalarsFit(1, 2)).nonDifferentiable().build();
    public static final OpDef MASKED_FILL = declare("masked_fill.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor")
            .pointwise(KEEP_FIRST, where(mask(1), param(2), X), condition(1))
            .derivative(gradWhereNot("self", "mask")).withInplace().build();
    public static final OpDef MASKED_FILL_TENSOR = declare("masked_fill.Tensor(Tensor self, Tensor mask, Tensor value) -> Tensor")
            .pointwise(KEEP_FIRST, where(mask(1), in(2), X), condition(1), zeroDim(2))
            .derivative(gradWhereNot("self", "mask"), wrt("value", uses("mask"), g -> call(g, ReductionOps.SUM, keep(g, g.arg("mask"), g.grad()), null)))
            .withInplace().build();

    // ---- comparisons, predicates, logic and bits ----

    public static final OpDef EQ = compare("eq.Tensor(Tensor self, Tensor other)", ScalarOp.EQ);
    public static final OpDef EQ_SCALAR = compare("eq.Scalar(Tensor self, Scalar other)", ScalarOp.EQ);
    public static final OpDef NE = compare("ne.Tensor(Tensor self, Tensor other)", ScalarOp.NE);
    public static final OpDef NE_SCALAR = compare("ne.Scalar(Tensor self, Scalar other)", ScalarOp.NE);
    public static final OpDef LT = compare("lt.Tensor(Tensor self, Tensor other)", ScalarOp.LT);
    public static final OpDef LT_SCALAR = compare("lt.Scalar(Tensor self, Scalar other)", ScalarOp.LT);
    public static final OpDef LE = compare("le.Tensor(Tensor self, Tensor other)", ScalarOp.LE);
    public static final OpDef LE_SCALAR = compare("le.Scalar(Tensor self, Scalar other)", ScalarOp.LE);
    public static final OpDef GT = compare("gt.Tensor(Tensor self, Tensor other)", ScalarOp.GT);
    public static final OpDef GT_SCALAR = compare("gt.Scalar(Tensor self, Scalar other)", ScalarOp.GT);
    public static final OpDef GE = compare("ge.Tensor(Tensor self, Tensor other)", ScalarOp.GE);
    public static final OpDef GE_SCALAR = compare("ge.Scalar(Tensor self, Scalar other)", ScalarOp.GE);

    private static OpDef compare(String signature, ScalarOp op) {
        return declare(signature + " -> Tensor").pointwise(ALWAYS_BOOL, binary(op)).nonDifferentiable().withInplace().build();
    }

    public static final OpDef ISNAN = predicate("isnan", ScalarOp.ISNAN);
    public static final OpDef ISINF = predicate("isinf", ScalarOp.ISINF);
    public static final OpDef ISFINITE = predicate("isfinite", ScalarOp.ISFINITE);

    private static OpDef predicate(String name, ScalarOp op) {
        return declare(name + "(Tensor self) -> Tensor").pointwise(ALWAYS_BOOL, unary(op)).nonDifferentiable().build();
    }

    public static final OpDef LOGICAL_AND = logical("logical_and", ScalarOp.LOGICAL_AND);
    public static final OpDef LOGICAL_OR = logical("logical_or", ScalarOp.LOGICAL_OR);
    public static final OpDef LOGICAL_XOR = logical("logical_xor", ScalarOp.LOGICAL_XOR);
    public static final OpDef LOGICAL_NOT = declare("logical_not(Tensor self) -> Tensor")
            .pointwise(ALWAYS_BOOL, ap(ScalarOp.LOGICAL_NOT, mask(0))).nonDifferentiable().withInplace().build();

    private static OpDef logical(String name, ScalarOp op) {
        return declare(name + "(Tensor self, Tensor other) -> Tensor").pointwise(ALWAYS_BOOL, ap(op, mask(0), mask(1))).nonDifferentiable()
                .withInplace().build();
    }

    public static final OpDef BITWISE_AND = bits("bitwise_and.Tensor(Tensor self, Tensor other)", ScalarOp.BITWISE_AND, "");
    public static final OpDef BITWISE_AND_SCALAR = bits("bitwise_and.Scalar(Tensor self, Scalar other)", ScalarOp.BITWISE_AND, "");
    public static final OpDef BITWISE_AND_SCALAR_TENSOR = bits("bitwise_and.Scalar_Tensor(Scalar self, Tensor other)", ScalarOp.BITWISE_AND, null);
    public static final OpDef BITWISE_OR = bits("bitwise_or.Tensor(Tensor self, Tensor other)", ScalarOp.BITWISE_OR, "");
    public static final OpDef BITWISE_OR_SCALAR = bits("bitwise_or.Scalar(Tensor self, Scalar other)", ScalarOp.BITWISE_OR, "");
    public static final OpDef BITWISE_OR_SCALAR_TENSOR = bits("bitwise_or.Scalar_Tensor(Scalar self, Tensor other)", ScalarOp.BITWISE_OR, null);
    public static final OpDef BITWISE_XOR = bits("bitwise_xor.Tensor(Tensor self, Tensor other)", ScalarOp.BITWISE_XOR, "");
    public static final OpDef BITWISE_XOR_SCALAR = bits("bitwise_xor.Scalar(Tensor self, Scalar other)", ScalarOp.BITWISE_XOR, "");
    public static final OpDef BITWISE_XOR_SCALAR_TENSOR = bits("bitwise_xor.Scalar_Tensor(Scalar self, Tensor other)", ScalarOp.BITWISE_XOR, null);
    public static final OpDef BITWISE_NOT = declare("bitwise_not(Tensor self) -> Tensor")
            .pointwise(DEFAULT, unary(ScalarOp.BITWISE_NOT)).nonDifferentiable().withInplace().build();
    public static final OpDef LEFT_SHIFT = bits("bitwise_left_shift.Tensor(Tensor self, Tensor other)", ScalarOp.SHIFT_LEFT, "");
    public static final OpDef LEFT_SHIFT_SCALAR = bits("bitwise_left_shift.Tensor_Scalar(Tensor self, Scalar other)", ScalarOp.SHIFT_LEFT, "");
    public static final OpDef LEFT_SHIFT_SCALAR_TENSOR = bits("bitwise_left_shift.Scalar_Tensor(Scalar self, Tensor other)", ScalarOp.SHIFT_LEFT, null);
    public static final OpDef RIGHT_SHIFT = bits("bitwise_right_shift.Tensor(Tensor self, Tensor other)", ScalarOp.SHIFT_RIGHT, "");
    public static final OpDef RIGHT_SHIFT_SCALAR = bits("bitwise_right_shift.Tensor_Scalar(Tensor self, Scalar other)", ScalarOp.SHIFT_RIGHT, "");
    public static final OpDef RIGHT_SHIFT_SCALAR_TENSOR = bits("bitwise_right_shift.Scalar_Tensor(Scalar self, Tensor other)", ScalarOp.SHIFT_RIGHT, null);
    public static final OpDef LSHIFT = bits("__lshift__.Tensor(Tensor self, Tensor other)", ScalarOp.SHIFT_LEFT, "__ilshift__.Tensor");
    public static final OpDef LSHIFT_SCALAR = bits("__lshift__.Scalar(Tensor self, Scalar other)", ScalarOp.SHIFT_LEFT, "__ilshift__.Scalar");
    public static final OpDef RSHIFT = bits("__rshift__.Tensor(Tensor self, Tensor other)", ScalarOp.SHIFT_RIGHT, "__irshift__.Tensor");
    public static final OpDef RSHIFT_SCALAR = bits("__rshift__.Scalar(Tensor self, Scalar other)", ScalarOp.SHIFT_RIGHT, "__irshift__.Scalar");

    /** A binary bit op; {@code inplace} is "" for the usual {@code name_}, a name for another one, null for none. */
    private static OpDef bits(String signature, ScalarOp op, String inplace) {
        OpDef.Builder b = declare(signature + " -> Tensor").pointwise(DEFAULT, binary(op)).nonDifferentiable();
        if (inplace != null) b = inplace.isEmpty() ? b.withInplace() : b.withInplace(inplace);
        return b.build();
    }

    // ---- conversion, copies, fills ----

    public static final OpDef TO_COPY = declare("_to_copy(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, "
            + "Device? device=None, bool? pin_memory=None, bool non_blocking=False, MemoryFormat? memory_format=None) -> Tensor")
            .pointwise(TO_DTYPE, X, PointwiseChecks.cpuStrided(2, 3)).derivative(same("self")).build();
    /** {@code self} itself when it already has {@code dtype} and no copy is asked for, else {@code _to_copy}. */
    public static final OpDef TO = declare("to.dtype(Tensor(a) self, ScalarType dtype, bool non_blocking=False, bool copy=False, "
            + "MemoryFormat? memory_format=None) -> Tensor(a)")
            .rule(a -> new TensorSpec[]{new TensorSpec((DType) a[1], ((TensorMeta) a[0]).sizes(), ((TensorMeta) a[0]).device())})
            .composite((b, a) -> !(Boolean) a[3] && b.meta(a[0]).dtype() == a[1] ? a[0]
                    : b.call(TO_COPY, a[0], a[1], null, null, null, a[2], a[4]))
            .build();
    public static final OpDef CLONE = declare("clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor")
            .pointwise(KEEP_FIRST, X).derivative(same("self")).build();
    /** Named after {@code copy_}'s backward function, the form autograd records ({@code src} is summed to its sizes). */
    public static final OpDef COPY = declare("copy(Tensor self, Tensor src, bool non_blocking=False) -> Tensor")
            .pointwise(KEEP_FIRST, Y, PointwiseChecks.broadcastsToSelf(1))
            .derivative(Derivative.of(zero("self"), same("src")).named("CopyBackwards")).withInplace().build();
    public static final OpDef FILL = declare("fill.Scalar(Tensor self, Scalar value) -> Tensor")
            .pointwise(KEEP_FIRST, param(1)).derivative(zero("self")).withInplace().build();
    public static final OpDef FILL_TENSOR = declare("fill.Tensor(Tensor self, Tensor value) -> Tensor")
            .pointwise(KEEP_FIRST, Y, zeroDim(1)).derivative(zero("self"), wrt("value", g -> call(g, ReductionOps.SUM, g.grad(), null)))
            .withInplace().build();
    public static final OpDef ZERO = declare("zero(Tensor self) -> Tensor").pointwise(KEEP_FIRST, lit(0)).derivative(zero("self"))
            .withInplace().build();

    /** The in-place variant of a pointwise op: {@code add_.Tensor} for {@link #ADD}, {@code pow_.Scalar} for {@link #POW_TENSOR_SCALAR}. */
    public static OpDef inplace(OpDef functional) {
        OpDef op = Inplace.BY_FUNCTIONAL.get(functional);
        if (op == null) throw new IllegalArgumentException(functional.name() + " has no in-place variant");
        return op;
    }

    /** The in-place variants by their functional op, collected once the catalogue is loaded. */
    private static final class Inplace {
        static final Map<OpDef, OpDef> BY_FUNCTIONAL = new IdentityHashMap<>();

        static {
            for (OpDef op : OpCatalogue.all()) {
                if (op.isInplace()) BY_FUNCTIONAL.put(op.functional(), op);
            }
        }
    }
}
