package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.type.DType;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The derivative formulas of the normalizations ({@link NormOps}; {@code NormGrads} is the vector norms'). A native
 * normalization's gradients are one call of its {@code native_*_backward} op; the gradients of that op (double
 * backward) are PyTorch's {@code batchnorm_double_backward} / {@code layer_norm_double_backward}, written once for
 * all three normalizations over a {@link View} in which the statistics broadcast. They are the derivatives of the
 * backward as a function of the input through its statistics too (the mean and reciprocal deviation it is given
 * are the input's own), which is what double backward through the forward op needs.
 */
final class NormalizationGrads {
    private NormalizationGrads() {}

    // ---- one backward call for several inputs ----

    /** A call's results and the inputs whose formulas have not yet taken theirs. */
    private record Joint(List<?> results, boolean[] pending) {}

    /** The calls in progress, keyed by the backward call's {@link Grad} (weakly: a failed backward leaves nothing behind). */
    private static final Map<Grad, Joint> JOINT = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Result {@code k} of one {@code compute} call that serves the formulas of all of {@code inputs}, as PyTorch's
     * {@code input, weight, bias:} entries do: the first formula to run computes every wanted gradient, passing
     * which are wanted, and the last one to take its result drops the call.
     */
    private static Object joint(Grad g, String[] inputs, int k, Function<boolean[], List<?>> compute) {
        Joint j = JOINT.get(g);
        if (j == null) {
            boolean[] wanted = new boolean[inputs.length];
            for (int i = 0; i < inputs.length; i++) wanted[i] = g.needs(inputs[i]);
            j = new Joint(compute.apply(wanted.clone()), wanted);
            JOINT.put(g, j);
        }
        j.pending()[k] = false;
        boolean done = true;
        for (boolean p : j.pending()) done &= !p;
        if (done) JOINT.remove(g);
        return j.results().get(k);
    }

    private static final String[] FORWARD_INPUTS = {"input", "weight", "bias"};
    private static final String[] BACKWARD_INPUTS = {"grad_out", "input", "weight"};

    // ---- first order: the native backward ops ----

    /** {@code native_batch_norm}: gradient {@code k} of (input, weight, bias). */
    static Object batchNorm(Grad g, int k) {
        return joint(g, FORWARD_INPUTS, k, mask -> (List<?>) g.ops().call(NormOps.NATIVE_BATCH_NORM_BACKWARD, g.grad(0), g.arg("input"),
                g.arg("weight"), g.arg("running_mean"), g.arg("running_var"), g.arg("result1"), g.arg("result2"), g.arg("training"),
                g.arg("eps"), mask));
    }

    /** {@code native_layer_norm}: gradient {@code k} of (input, weight, bias). */
    static Object layerNorm(Grad g, int k) {
        return joint(g, FORWARD_INPUTS, k, mask -> (List<?>) g.ops().call(NormOps.NATIVE_LAYER_NORM_BACKWARD, g.grad(0), g.arg("input"),
                g.arg("normalized_shape"), g.arg("result1"), g.arg("result2"), g.arg("weight"), g.arg("bias"), mask));
    }

    /**
     * {@code native_group_norm}: gradient {@code k} of (input, weight, bias). Its mean and reciprocal deviation are
     * differentiable outputs too, as in PyTorch; their gradients add to the input's.
     */
    static Object groupNorm(Grad g, int k) {
        Object r = !g.hasGrad(0) ? null : joint(g, FORWARD_INPUTS, k, mask -> (List<?>) g.ops().call(NormOps.NATIVE_GROUP_NORM_BACKWARD,
                g.grad(0), g.arg("input"), g.arg("result1"), g.arg("result2"), g.arg("weight"), g.arg("N"), g.arg("C"), g.arg("HxW"),
                g.arg("group"), mask));
        if (k != 0 || !g.hasGrad(1) && !g.hasGrad(2)) return r;
        return sum(g, r, statisticsGrad(g));
    }

    /**
     * The input gradient through a group's mean (each element's share {@code 1/n}) and reciprocal deviation
     * ({@code -rstd^3 (x - mean) / n} per element).
     */
    private static Object statisticsGrad(Grad g) {
        View v = groupView(g);
        long[] rows = {v.x[0], v.x[1], v.x[2] * v.x[3]}, stat = {v.x[0], v.x[1], 1};
        double inv = 1.0 / v.count;
        Object r = null;
        if (g.hasGrad(1)) r = GradOps.scale(g, GradOps.reshape(g, g.grad(1), stat), inv);
        if (g.hasGrad(2)) {
            Object centered = GradOps.sub(g, GradOps.reshape(g, g.arg("input"), rows), GradOps.reshape(g, g.arg("result1"), stat));
            Object rstd = GradOps.reshape(g, g.arg("result2"), stat);
            Object cube = GradOps.mul(g, GradOps.mul(g, rstd, rstd), rstd);
            Object term = GradOps.mul(g, centered, GradOps.scale(g, GradOps.mul(g, GradOps.reshape(g, g.grad(2), stat), cube), -inv));
            r = sum(g, r, term);
        }
        return GradOps.reshape(g, GradOps.expand(g, r, rows), GradOps.sizes(g, "input"));
    }

    // ---- second order: the gradients of the native backward ops ----

    /** {@code native_batch_norm_backward}: gradient {@code k} of (grad_out, input, weight). */
    static Object batchNormBackward(Grad g, int k) {
        long[] s = GradOps.sizes(g, "input");
        long c = s[1], spatial = 1;
        for (int i = 2; i < s.length; i++) spatial *= s[i];
        long[] channel = {1, c, 1};
        View v = new View(new long[]{s[0], c, spatial}, channel, channel, new long[]{0, 2}, new long[]{0, 2}, (double) s[0] * spatial);
        if ((Boolean) g.arg("train")) {
            return joint(g, BACKWARD_INPUTS, k, mask -> doubleBackward(g, v, g.arg("save_mean"), g.arg("save_invstd"), mask));
        }
        return joint(g, BACKWARD_INPUTS, k, mask -> evalDoubleBackward(g, v, mask));
    }

    /** {@code native_layer_norm_backward}: gradient {@code k} of (grad_out, input, weight); rows of the normalized elements. */
    static Object layerNormBackward(Grad g, int k) {
        long[] s = GradOps.sizes(g, "input"), normalized = (long[]) g.arg("normalized_shape");
        long m = 1, n = 1;
        for (int i = 0; i < s.length; i++) {
            if (i < s.length - normalized.length) m *= s[i];
            else n *= s[i];
        }
        View v = new View(new long[]{m, n}, new long[]{m, 1}, new long[]{1, n}, new long[]{1}, new long[]{0}, n);
        return joint(g, BACKWARD_INPUTS, k, mask -> doubleBackward(g, v, g.arg("mean"), g.arg("rstd"), mask));
    }

    /** {@code native_group_norm_backward}: gradient {@code k} of (grad_out, input, weight). */
    static Object groupNormBackward(Grad g, int k) {
        View v = groupView(g);
        return joint(g, BACKWARD_INPUTS, k, mask -> doubleBackward(g, v, g.arg("mean"), g.arg("rstd"), mask));
    }

    /** A group norm as [N, group, C / group, HxW]: statistics per (sample, group), weight per channel. */
    private static View groupView(Grad g) {
        long n = (Long) g.arg("N"), c = (Long) g.arg("C"), hxw = (Long) g.arg("HxW"), groups = (Long) g.arg("group");
        long d = c / groups;
        return new View(new long[]{n, groups, d, hxw}, new long[]{n, groups, 1, 1}, new long[]{1, groups, d, 1}, new long[]{2, 3},
                new long[]{0, 3}, (double) d * hxw);
    }

    /**
     * A normalization's elements in a shape in which its statistics and its weight broadcast: {@code x} the input's,
     * {@code stat} the statistics', {@code gamma} the weight's, {@code reduce} the dims one statistic covers,
     * {@code gammaReduce} the dims one weight element covers, {@code count} the elements per statistic.
     */
    private record View(long[] x, long[] stat, long[] gamma, long[] reduce, long[] gammaReduce, double count) {}

    /** The terms of one double-backward computation, in its view. */
    private static final class Terms {
        final Grad g;
        final View v;
        final Object x, gradOut, mu, r, gamma;

        Terms(Grad g, View v, Object mean, Object rstd) {
            this.g = g;
            this.v = v;
            DType dtype = g.meta("input").dtype();
            x = GradOps.reshape(g, g.arg("input"), v.x);
            gradOut = GradOps.reshape(g, g.arg("grad_out"), v.x);
            mu = GradOps.reshape(g, GradOps.toDType(g.ops(), mean, dtype), v.stat);
            r = GradOps.reshape(g, GradOps.toDType(g.ops(), rstd, dtype), v.stat);
            gamma = g.arg("weight") == null ? null : GradOps.reshape(g, g.arg("weight"), v.gamma);
        }

        Object reduce(Object t) { return g.ops().call(ReductionOps.SUM_DIM, t, v.reduce, true, null); }

        Object mul(Object a, Object b) { return GradOps.mul(g, a, b); }

        Object scale(Object a, double s) { return GradOps.scale(g, a, s); }

        /** The gradient {@code i} of the backward's outputs (input, weight, bias gradients) in the view, or null. */
        Object outputGrad(int i) {
            if (!g.hasGrad(i)) return null;
            return GradOps.reshape(g, g.grad(i), i == 0 ? v.x : v.gamma);
        }

        /** The gradient for grad_out reshaped back, or for input. */
        Object back(Object t) {
            return t == null ? null : GradOps.reshape(g, GradOps.expand(g, t, v.x), GradOps.sizes(g, "input"));
        }

        /** The weight's gradient: {@code t} summed over the elements each weight element scales. */
        Object weightGrad(Object t) {
            if (t == null) return null;
            Object s = g.ops().call(ReductionOps.SUM_DIM, t, v.gammaReduce, true, null);
            return GradOps.reshape(g, s, GradOps.sizes(g, "weight"));
        }
    }

    /**
     * Training-mode double backward (statistics of the batch): the gradients for grad_out ({@code ggO}), input
     * ({@code gI}) and weight ({@code gG}) from those of the input, weight and bias gradients ({@code ggI, ggG, ggB}).
     */
    private static List<Object> doubleBackward(Grad g, View v, Object mean, Object rstd, boolean[] mask) {
        Terms t = new Terms(g, v, mean, rstd);
        double n = v.count;
        Object ggI = t.outputGrad(0), ggG = t.outputGrad(1), ggB = t.outputGrad(2);
        Object xm = GradOps.sub(g, t.x, t.mu), r2 = t.mul(t.r, t.r), r3 = t.mul(r2, t.r), xmR3 = t.mul(xm, r3);
        Object gI = null, gG = null, ggO = null;
        if (mask[1] && ggI != null) {
            Object gxhat = t.gamma == null ? t.gradOut : t.mul(t.gradOut, t.gamma);
            Object gxhatMuSum = t.reduce(t.mul(gxhat, xm)), gxhatSum = t.reduce(gxhat);
            Object ggISum = t.reduce(ggI), ggIMuSum = t.reduce(t.mul(ggI, xm));
            Object allSub = sum(g, GradOps.sub(g, t.scale(t.mul(ggISum, gxhatSum), 1 / n), t.reduce(t.mul(ggI, gxhat))),
                    t.scale(t.mul(r2, t.mul(gxhatMuSum, ggIMuSum)), 3 / n));
            Object gI0 = t.scale(t.mul(xmR3, allSub), 1 / n);
            Object gI1 = t.mul(t.scale(t.mul(ggIMuSum, r3), 1 / n), GradOps.sub(g, t.scale(gxhatSum, 1 / n), gxhat));
            Object gI2 = t.mul(t.scale(t.mul(gxhatMuSum, r3), 1 / n), GradOps.sub(g, t.scale(ggISum, 1 / n), ggI));
            gI = sum(g, sum(g, gI0, gI1), gI2);
        }
        if (mask[1] && ggG != null) {
            Object gOG = t.mul(t.gradOut, ggG);
            Object t0 = t.mul(gOG, t.r), t1 = t.scale(t.mul(t.r, t.reduce(gOG)), -1 / n);
            Object t2 = t.scale(t.mul(xmR3, t.reduce(t.mul(gOG, xm))), -1 / n);
            gI = sum(g, gI, sum(g, sum(g, t0, t1), t2));
        }
        if (mask[2] && ggI != null) gG = t.weightGrad(t.mul(t.gradOut, projection(t, ggI, xm, r2)));
        if (mask[0]) {
            if (ggI != null) {
                Object p = projection(t, ggI, xm, r2);
                ggO = t.gamma == null ? p : t.mul(p, t.gamma);
            }
            if (ggG != null) ggO = sum(g, ggO, t.mul(t.mul(ggG, xm), t.r));
            if (ggB != null) ggO = sum(g, ggO, ggB);
        }
        return Arrays.asList(t.back(ggO), t.back(gI), gG);
    }

    /**
     * The input gradient of a normalization without weight, applied to {@code a}:
     * {@code r / n (n a - sum(a) - (x - mean) r^2 sum(a (x - mean)))}, sums over each statistic's elements.
     */
    private static Object projection(Terms t, Object a, Object xm, Object r2) {
        double n = t.v.count;
        Object inner = GradOps.sub(t.g, GradOps.sub(t.g, t.scale(a, n), t.reduce(a)), t.mul(t.mul(xm, r2), t.reduce(t.mul(a, xm))));
        return t.mul(t.scale(t.r, 1 / n), inner);
    }

    /** Evaluation-mode double backward of batch norm: the running statistics are constants, so the backward is linear. */
    private static List<Object> evalDoubleBackward(Grad g, View v, boolean[] mask) {
        OpBuilder b = g.ops();
        Object invstd = b.call(PointwiseOps.RSQRT, GradOps.addScalar(g, g.arg("running_var"), g.arg("eps")));
        Terms t = new Terms(g, v, g.arg("running_mean"), invstd);
        Object ggI = t.outputGrad(0), ggG = t.outputGrad(1), ggB = t.outputGrad(2);
        Object gI = null, gG = null, ggO = null;
        if (mask[1] && ggG != null) gI = t.mul(t.mul(ggG, t.gradOut), t.r);
        if (mask[2] && ggI != null) gG = t.weightGrad(t.mul(t.mul(ggI, t.gradOut), t.r));
        if (mask[0]) {
            if (ggI != null) ggO = t.gamma == null ? t.mul(ggI, t.r) : t.mul(t.mul(ggI, t.r), t.gamma);
            if (ggG != null) ggO = sum(g, ggO, t.mul(t.mul(ggG, GradOps.sub(g, t.x, t.mu)), t.r));
            if (ggB != null) ggO = sum(g, ggO, ggB);
        }
        return Arrays.asList(t.back(ggO), t.back(gI), gG);
    }

    private static Object sum(Grad g, Object a, Object b) {
        if (a == null) return b;
        return b == null ? a : GradOps.add(g, a, b);
    }
}
