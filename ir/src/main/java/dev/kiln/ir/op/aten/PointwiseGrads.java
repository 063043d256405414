package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.aten.GradOps.mul;
import static dev.kiln.ir.op.aten.GradOps.scale;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.Derivative.Term;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorMeta;
import java.util.function.BiFunction;

/**
 * The vocabulary of the pointwise derivatives: term shapes shared by many ops (pass the gradient through, zero
 * gradient, a unary op's gradient from its input or its result) and the masks and selections PyTorch's backward
 * kernels are made of ({@code where(cond, grad, 0)}, comparisons with scalars), and the formulas too long to sit in a
 * declaration, after PyTorch's {@code FunctionsManual} helpers and backward kernels ({@code pow_backward},
 * {@code clamp_backward_min_max}, {@code elu_backward} ...). Every helper calls catalogue ops through the formula's
 * builder, so gradients stay differentiable.
 */
final class PointwiseGrads {
    private PointwiseGrads() {}

    static final double LN2 = 0.693147180559945309417232121458176568, LN10 = 2.30258509299404568401799145468436421;

    /** {@code 2 / sqrt(pi)}, erf's derivative at 0. */
    static final double TWO_BY_SQRT_PI = 1.12837916709551257389615890312154517;

    private static final double SQRT1_2 = 0.70710678118654752440;

    // ---- term shapes ----

    /** {@code input: grad}. */
    static Term same(String input) { return wrt(input, Grad::grad); }

    /** {@code input: zeros_like(input)}: piecewise-constant ops, overwritten inputs, rounding divisions. */
    static Term zero(String input) { return wrt(input, g -> zeros(g, input)); }

    /** The derivative of an op whose result is piecewise constant in {@code self}: sign, floor, round ... */
    static Derivative zeroGradient() { return Derivative.of(zero("self")); }

    /** {@code self: f(g, self)} for a unary op. */
    static Term fromSelf(BiFunction<Grad, Object, Object> f) { return wrt("self", uses("self"), g -> f.apply(g, g.arg("self"))); }

    /** {@code self: f(g, result)} for a unary op whose gradient is cheapest from its result. */
    static Term fromResult(BiFunction<Grad, Object, Object> f) { return wrt("self", uses("result"), g -> f.apply(g, g.arg("result"))); }

    /** {@code self: grad * f(self)}. */
    static Term timesSelf(BiFunction<Grad, Object, Object> f) { return fromSelf((g, x) -> mul(g, g.grad(), f.apply(g, x))); }

    /** {@code self: grad * f(result)}. */
    static Term timesResult(BiFunction<Grad, Object, Object> f) { return fromResult((g, r) -> mul(g, g.grad(), f.apply(g, r))); }

    /** {@code input: where(cond, grad, 0)}: the gradient of where's {@code self}. */
    static Term gradWhere(String input, String cond) { return wrt(input, uses(cond), g -> keep(g, g.arg(cond), g.grad())); }

    /** {@code input: where(cond, 0, grad)}: the gradient of where's {@code other} and of masked_fill's {@code self}. */
    static Term gradWhereNot(String input, String cond) { return wrt(input, uses(cond), g -> drop(g, g.arg(cond), g.grad())); }

    /** {@code input: -grad * alpha}, the gradient of a subtracted operand. */
    static Term negatedTimesAlpha(String input) { return wrt(input, g -> scale(g, GradOps.neg(g, g.grad()), g.arg("alpha"))); }

    // ---- building blocks ----

    /** Zeros with the sizes, dtype and device {@code input} had in the forward call. */
    static Object zeros(Grad g, String input) {
        TensorMeta m = g.meta(input);
        return g.ops().call(CreationOps.ZEROS, m.sizes(), m.dtype(), null, m.device(), null);
    }

    static Object call(Grad g, OpDef op, Object... args) { return g.ops().call(op, args); }

    /** {@code where(cond, x, 0)} */
    static Object keep(Grad g, Object cond, Object x) { return call(g, PointwiseOps.WHERE_SCALAR_OTHER, cond, x, 0.0); }

    /** {@code where(cond, 0, x)} */
    static Object drop(Grad g, Object cond, Object x) { return call(g, PointwiseOps.WHERE_SCALAR_SELF, cond, 0.0, x); }

    /** A comparison {@code a <op> b}, {@code b} a tensor or a Scalar. */
    @FunctionalInterface
    interface Comparison {
        Object apply(Grad g, Object a, Object b);
    }

    static Object eq(Grad g, Object a, Object b) { return compare(g, PointwiseOps.EQ, PointwiseOps.EQ_SCALAR, a, b); }

    static Object lt(Grad g, Object a, Object b) { return compare(g, PointwiseOps.LT, PointwiseOps.LT_SCALAR, a, b); }

    static Object le(Grad g, Object a, Object b) { return compare(g, PointwiseOps.LE, PointwiseOps.LE_SCALAR, a, b); }

    static Object gt(Grad g, Object a, Object b) { return compare(g, PointwiseOps.GT, PointwiseOps.GT_SCALAR, a, b); }

    static Object ge(Grad g, Object a, Object b) { return compare(g, PointwiseOps.GE, PointwiseOps.GE_SCALAR, a, b); }

    private static Object compare(Grad g, OpDef tensorOp, OpDef scalarOp, Object a, Object b) {
        return call(g, b instanceof Number || b instanceof Boolean ? scalarOp : tensorOp, a, b);
    }

    static Object and(Grad g, Object a, Object b) { return call(g, PointwiseOps.LOGICAL_AND, a, b); }

    static Object or(Grad g, Object a, Object b) { return call(g, PointwiseOps.LOGICAL_OR, a, b); }

    /** {@code x ^ e} for a scalar exponent. */
    static Object pow(Grad g, Object x, double e) { return call(g, PointwiseOps.POW_TENSOR_SCALAR, x, e); }

    /** {@code s - x} */
    static Object rsub(Grad g, Object x, double s) { return call(g, PointwiseOps.RSUB_SCALAR, x, s, 1L); }

    static Object exp(Grad g, Object x) { return call(g, PointwiseOps.EXP, x); }

    static Object rsqrt(Grad g, Object x) { return call(g, PointwiseOps.RSQRT, x); }

    /** {@code x * s} for a double {@code s}. */
    static Object times(Grad g, Object x, double s) { return scale(g, x, s); }

    /** A Scalar argument's value as a double. */
    static double num(Object scalar) { return scalar instanceof Boolean b ? (b ? 1 : 0) : ((Number) scalar).doubleValue(); }

    // ---- arithmetic ----

    /** div: {@code self: grad / other}. */
    static final Term DIV_SELF = wrt("self", uses("other"), g -> GradOps.div(g, g.grad(), g.arg("other")));

    /** div.Scalar: {@code self: grad / other}. */
    static final Term DIV_SCALAR_SELF = wrt("self", g -> call(g, PointwiseOps.DIV_SCALAR, g.grad(), g.arg("other")));

    /** div: {@code other: -grad * ((self / other) / other)}. */
    static final Term DIV_OTHER = wrt("other", uses("self", "other"), g -> {
        Object other = g.arg("other");
        return GradOps.neg(g, mul(g, g.grad(), GradOps.div(g, GradOps.div(g, g.arg("self"), other), other)));
    });

    /** {@code term}, or zeros when a {@code rounding_mode} is given (a rounded quotient is piecewise constant). */
    static Term unlessRounded(Term term) {
        return new Term(term.input(), term.uses(), g -> g.arg("rounding_mode") != null ? zeros(g, term.input()) : term.formula().apply(g));
    }

    /** remainder and fmod: {@code other: -grad * self.div(other, rounding_mode)}. */
    static Term quotientTimesGrad(String roundingMode) {
        return wrt("other", uses("self", "other"),
                g -> GradOps.neg(g, mul(g, g.grad(), call(g, PointwiseOps.DIV_MODE, g.arg("self"), g.arg("other"), roundingMode))));
    }

    /** pow.Tensor_Scalar ({@code pow_backward}): zeros for exponent 0, else {@code grad * (e * self^(e - 1))}. */
    static Object powSelfScalar(Grad g) {
        double e = num(g.arg("exponent"));
        if (e == 0) return zeros(g, "self");
        return mul(g, g.grad(), times(g, pow(g, g.arg("self"), e - 1), e));
    }

    /** pow.Tensor_Tensor ({@code pow_backward_self}): {@code where(exponent == 0, 0, grad * (exponent * self^(exponent - 1)))}. */
    static Object powSelf(Grad g) {
        Object self = g.arg("self"), exponent = g.arg("exponent");
        Object minusOne = call(g, PointwiseOps.SUB_SCALAR, exponent, 1L, 1L);
        Object d = mul(g, g.grad(), mul(g, exponent, call(g, PointwiseOps.POW, self, minusOne)));
        return drop(g, eq(g, exponent, 0.0), d);
    }

    /**
     * pow.Tensor_Tensor ({@code pow_backward_exponent}): {@code grad * where(self == 0 & exponent >= 0, 0, result * log(self))},
     * the logarithm taken in the result's dtype.
     */
    static Object powExponent(Grad g) {
        Object self = g.arg("self"), result = g.arg("result");
        Object promoted = GradOps.toDType(g.ops(), self, GradOps.meta(g, result).dtype());
        Object cond = and(g, eq(g, self, 0.0), ge(g, g.arg("exponent"), 0.0));
        return mul(g, g.grad(), drop(g, cond, mul(g, result, call(g, PointwiseOps.LOG, promoted))));
    }

    /** pow.Scalar: {@code grad * result * log(base)}, zero where the base is 0 and the exponent non-negative. */
    static Object powScalarExponent(Grad g) {
        double base = num(g.arg("self"));
        Object d = times(g, g.arg("result"), Math.log(base));
        if (base == 0) d = drop(g, ge(g, g.arg("exponent"), 0.0), d);
        return mul(g, g.grad(), d);
    }

    /** atan2: {@code self: grad * other / (self^2 + other^2)}, {@code other: grad * -self / (self^2 + other^2)}. */
    static Object atan2(Grad g, boolean forSelf) {
        Object self = g.arg("self"), other = g.arg("other");
        Object recip = call(g, PointwiseOps.RECIPROCAL, GradOps.add(g, mul(g, self, self), mul(g, other, other)));
        return mul(g, mul(g, g.grad(), forSelf ? other : GradOps.neg(g, self)), recip);
    }

    /**
     * maximum and minimum: {@code where(self == other, grad / 2, grad).masked_fill(self <loses> other, 0)}, where
     * {@code loses} compares self with other where {@code input} is not picked; ties split the gradient in half.
     */
    static Term selected(String input, Comparison loses) {
        return wrt(input, uses("self", "other"), g -> {
            Object self = g.arg("self"), other = g.arg("other"), grad = g.grad();
            Object split = GradOps.where(g, eq(g, self, other), times(g, grad, 0.5), grad);
            return call(g, PointwiseOps.MASKED_FILL, split, loses.apply(g, self, other), 0.0);
        });
    }

    /** addcdiv: {@code tensor2: -grad * (value * tensor1 / (tensor2 * tensor2))}. */
    static Object addcdivDivisor(Grad g) {
        Object t2 = g.arg("tensor2");
        return GradOps.neg(g, mul(g, g.grad(), GradOps.div(g, scale(g, g.arg("tensor1"), g.arg("value")), mul(g, t2, t2))));
    }

    // ---- clamping, interpolation ----

    /** clamp: {@code where(min <= self <= max, grad, 0)} with either bound absent; the bounds are Scalars or Tensors. */
    static Object clampSelf(Grad g) {
        Object self = g.arg("self"), min = g.arg("min"), max = g.arg("max");
        if (min == null && max == null) return g.grad();
        Object cond = min == null ? le(g, self, max) : max == null ? ge(g, self, min) : and(g, ge(g, self, min), le(g, self, max));
        return keep(g, cond, g.grad());
    }

    /**
     * clamp.Tensor's bounds: min gets the gradient where {@code self < min} (and {@code min < max} when both are given),
     * max where {@code self > max} (or {@code max < min}, where max wins).
     */
    static Object clampBound(Grad g, boolean forMin) {
        Object self = g.arg("self"), min = g.arg("min"), max = g.arg("max");
        Object cond = forMin ? lt(g, self, min) : gt(g, self, max);
        if (min != null && max != null) cond = forMin ? and(g, cond, lt(g, min, max)) : or(g, cond, lt(g, max, min));
        return keep(g, cond, g.grad());
    }

    /** {@code input: where(self <cmp> bound, grad, 0)}, as clamp_min and clamp_max give their inputs. */
    static Term passWhere(String input, String[] uses, Comparison cmp, String bound) {
        return wrt(input, uses, g -> keep(g, cmp.apply(g, g.arg("self"), g.arg(bound)), g.grad()));
    }

    /** {@code grad * (1 - weight)}, {@code grad * weight}: lerp's gradients for a scalar weight. */
    static Object lerpScalar(Grad g, boolean toEnd) {
        double w = num(g.arg("weight"));
        return times(g, g.grad(), toEnd ? w : 1 - w);
    }

    // ---- activations ----

    /** {@code where(x <= 0, grad * input_scale * alpha * scale * exp(x * input_scale), grad * scale)}: elu_backward on the input. */
    static Object elu(Grad g, double alpha, double scale, double inputScale) {
        Object x = g.arg("self"), grad = g.grad();
        Object negative = mul(g, grad, times(g, exp(g, times(g, x, inputScale)), inputScale * alpha * scale));
        return GradOps.where(g, le(g, x, 0L), negative, times(g, grad, scale));
    }

    /** gelu_backward, approximate "none": {@code grad * (cdf(x) + x * pdf(x))}. */
    static Object gelu(Grad g, Object x) {
        Object cdf = times(g, GradOps.addScalar(g, call(g, PointwiseOps.ERF, times(g, x, SQRT1_2)), 1L), 0.5);
        Object pdf = times(g, exp(g, times(g, mul(g, x, x), -0.5)), TWO_BY_SQRT_PI * SQRT1_2 * 0.5);
        return mul(g, g.grad(), GradOps.add(g, cdf, mul(g, x, pdf)));
    }

    /** gelu_backward, approximate "tanh": the derivative of {@code 0.5 * x * (1 + tanh(beta * (x + kappa * x^3)))}. */
    static Object geluTanh(Grad g, Object x) {
        double beta = Math.sqrt(2) * (2 / Math.sqrt(Math.PI)) * 0.5, kappa = 0.044715;
        Object square = mul(g, x, x);
        Object inner = times(g, GradOps.add(g, x, times(g, mul(g, square, x), kappa)), beta);
        Object tanh = call(g, PointwiseOps.TANH, inner);
        Object left = times(g, GradOps.addScalar(g, tanh, 1L), 0.5);
        Object right = mul(g, mul(g, times(g, x, 0.5), rsub(g, mul(g, tanh, tanh), 1)),
                times(g, GradOps.addScalar(g, times(g, square, 3 * kappa), 1L), beta));
        return mul(g, g.grad(), GradOps.add(g, left, right));
    }

    /** {@code grad * sigmoid(x) * (1 + x * (1 - sigmoid(x)))} */
    static Object silu(Grad g, Object x) {
        Object s = call(g, PointwiseOps.SIGMOID, x);
        return mul(g, g.grad(), mul(g, s, GradOps.addScalar(g, mul(g, x, rsub(g, s, 1)), 1L)));
    }

    /** {@code grad * (t + x * sigmoid(x) * (1 - t^2))} with {@code t = tanh(softplus(x))} */
    static Object mish(Grad g, Object x) {
        Object s = call(g, PointwiseOps.SIGMOID, x);
        Object t = call(g, PointwiseOps.TANH, call(g, PointwiseOps.SOFTPLUS, x, 1L, 20L));
        return mul(g, g.grad(), GradOps.add(g, t, mul(g, mul(g, x, s), rsub(g, mul(g, t, t), 1))));
    }

    /** softplus_backward: {@code x * beta > threshold ? grad : grad * z / (z + 1)} with {@code z = exp(x * beta)}. */
    static Object softplus(Grad g, Object x) {
        double beta = num(g.arg("beta"));
        Object scaled = times(g, x, beta), z = exp(g, scaled);
        Object smooth = GradOps.div(g, mul(g, g.grad(), z), GradOps.addScalar(g, z, 1L));
        return GradOps.where(g, gt(g, scaled, g.arg("threshold")), g.grad(), smooth);
    }

    /** hardtanh_backward: zero where {@code x <= min or x >= max}, so zero at the bounds. */
    static Object hardtanh(Grad g, Object x, Object min, Object max) {
        return drop(g, or(g, le(g, x, min), ge(g, x, max)), g.grad());
    }

    /** hardsigmoid_backward: {@code grad / 6} strictly inside (-3, 3), else zero. */
    static Object hardsigmoid(Grad g, Object x) {
        return keep(g, and(g, gt(g, x, -3L), lt(g, x, 3L)), times(g, g.grad(), 1.0 / 6));
    }

    /** hardswish_backward: {@code x < -3 ? 0 : x <= 3 ? grad * (x / 3 + 0.5) : grad}. */
    static Object hardswish(Grad g, Object x) {
        Object middle = mul(g, g.grad(), GradOps.addScalar(g, call(g, PointwiseOps.DIV_SCALAR, x, 3L), 0.5));
        return drop(g, lt(g, x, -3L), GradOps.where(g, le(g, x, 3L), middle, g.grad()));
    }

    /** hardshrink_backward and softshrink_backward: zero where {@code -lambd <= x <= lambd}. */
    static Object shrink(Grad g, Object x) {
        double lambd = num(g.arg("lambd"));
        return drop(g, and(g, ge(g, x, -lambd), le(g, x, lambd)), g.grad());
    }

    /** leaky_relu_backward: {@code x > 0 ? grad : grad * negative_slope}. */
    static Object leakyRelu(Grad g, Object x) {
        return GradOps.where(g, gt(g, x, 0L), g.grad(), scale(g, g.grad(), g.arg("negative_slope")));
    }
}
