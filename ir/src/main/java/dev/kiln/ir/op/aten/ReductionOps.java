package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.ShapeRule;
import dev.kiln.ir.schema.Schema;
import java.util.function.Function;

/**
 * Reductions over dimensions, scans and softmax. Overloads that PyTorch defines by another overload (the
 * {@code unbiased} spellings of var/std, whole-tensor sums) are composites over it; the rest run library
 * kernels that share one reduction skeleton. The rules live in {@link ReductionShapes}.
 */
public final class ReductionOps {
    private ReductionOps() {}

    private static OpDef.Builder op(String schema, Function<String, ShapeRule> rule) {
        return declare(schema).rule(rule.apply(Schema.parse(schema).fullName()));
    }

    // ---- sums and products ----

    public static final OpDef SUM_DIM = op("sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.sum(n, a[0], (long[]) a[1], (Boolean) a[2], a[3])).library()
            .derivative(Derivative.of(wrt("self",
                    g -> ReductionGrads.expandBack(g, g.grad(), (long[]) g.arg("dim"), (Boolean) g.arg("keepdim")))).named("SumBackward1"))
            .build();
    public static final OpDef SUM = op("sum(Tensor self, *, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.sum(n, a[0], null, false, a[1]))
            .composite((b, a) -> b.call(SUM_DIM, a[0], null, false, a[1]))
            .derivative(Derivative.of(wrt("self", g -> GradOps.expand(g, g.grad(), GradOps.sizes(g, "self"))))
                    .named("SumBackward0")).build();
    public static final OpDef MEAN_DIM = op("mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.mean(n, a[0], (long[]) a[1], (Boolean) a[2], a[3])).library()
            .derivative(Derivative.of(wrt("self", g -> ReductionGrads.mean(g, (long[]) g.arg("dim"), (Boolean) g.arg("keepdim"))))
                    .named("MeanBackward1")).build();
    public static final OpDef MEAN = op("mean(Tensor self, *, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.mean(n, a[0], null, false, a[1]))
            .composite((b, a) -> b.call(MEAN_DIM, a[0], null, false, a[1]))
            .derivative(Derivative.of(wrt("self", g -> ReductionGrads.mean(g, null, false))).named("MeanBackward0")).build();
    public static final OpDef PROD = op("prod(Tensor self, *, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.prod(n, a[0], null, false, a[1])).library()
            .derivative(wrt("self", uses("self"), g -> ReductionGrads.prod(g, null, false))).build();
    public static final OpDef PROD_DIM = op("prod.dim_int(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.prod(n, a[0], new long[]{(Long) a[1]}, (Boolean) a[2], a[3])).library()
            .derivative(wrt("self", uses("self"), g -> ReductionGrads.prod(g, (Long) g.arg("dim"), (Boolean) g.arg("keepdim")))).build();

    // ---- extremes ----

    /** Whole-tensor max, min and median: the gradient is split evenly among the elements equal to the result. */
    private static final Derivative.Term EVENLY = wrt("self", uses("self", "result"), ReductionGrads::evenlyDistribute);
    /** max.dim, min.dim, median.dim, kthvalue: the gradient goes to the returned index. */
    private static final Derivative.Term SELECTED = wrt("self", uses("indices"), ReductionGrads::selectedValues);
    private static final Derivative.Term AMAX_AMIN = wrt("self", uses("self", "result"), ReductionGrads::amaxAmin);

    public static final OpDef MAX = op("max(Tensor self) -> Tensor",
            n -> a -> ReductionShapes.extreme(n, a[0], null, false)).library()
            .derivative(Derivative.of(EVENLY).named("MaxBackward1")).build();
    public static final OpDef MAX_DIM = op("max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
            n -> a -> ReductionShapes.extremeWithIndex(n, a[0], (Long) a[1], (Boolean) a[2])).library()
            .derivative(Derivative.of(SELECTED).named("MaxBackward0")).build();
    public static final OpDef MIN = op("min(Tensor self) -> Tensor",
            n -> a -> ReductionShapes.extreme(n, a[0], null, false)).library()
            .derivative(Derivative.of(EVENLY).named("MinBackward1")).build();
    public static final OpDef MIN_DIM = op("min.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
            n -> a -> ReductionShapes.extremeWithIndex(n, a[0], (Long) a[1], (Boolean) a[2])).library()
            .derivative(Derivative.of(SELECTED).named("MinBackward0")).build();
    public static final OpDef AMAX = op("amax(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor",
            n -> a -> ReductionShapes.extreme(n, a[0], (long[]) a[1], (Boolean) a[2])).library().derivative(AMAX_AMIN).build();
    public static final OpDef AMIN = op("amin(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor",
            n -> a -> ReductionShapes.extreme(n, a[0], (long[]) a[1], (Boolean) a[2])).library().derivative(AMAX_AMIN).build();
    public static final OpDef ARGMAX = op("argmax(Tensor self, int? dim=None, bool keepdim=False) -> Tensor",
            n -> a -> ReductionShapes.argExtreme(n, "argmax_cpu", a[0], (Long) a[1], (Boolean) a[2])).library().nonDifferentiable().build();
    public static final OpDef ARGMIN = op("argmin(Tensor self, int? dim=None, bool keepdim=False) -> Tensor",
            n -> a -> ReductionShapes.argExtreme(n, "argmin_cpu", a[0], (Long) a[1], (Boolean) a[2])).library().nonDifferentiable().build();

    // ---- variance and standard deviation: the correction overloads, and the unbiased spellings over them ----

    public static final OpDef VAR_CORRECTION = moments("var.correction", "Tensor", 1,
            wrt("self", uses("self"), g -> ReductionGrads.var(g, g.grad())));
    public static final OpDef STD_CORRECTION = moments("std.correction", "Tensor", 1,
            wrt("self", uses("self", "result"), g -> ReductionGrads.std(g, g.grad(), g.arg("result"))));
    public static final OpDef VAR_MEAN_CORRECTION = moments("var_mean.correction", "(Tensor, Tensor)", 2,
            wrt("self", uses("self"), g -> ReductionGrads.withMean(g, g.hasGrad(0) ? ReductionGrads.var(g, g.grad(0)) : null)));
    public static final OpDef STD_MEAN_CORRECTION = moments("std_mean.correction", "(Tensor, Tensor)", 2,
            wrt("self", uses("self", "result0"),
                    g -> ReductionGrads.withMean(g, g.hasGrad(0) ? ReductionGrads.std(g, g.grad(0), g.arg("result0")) : null)));
    public static final OpDef VAR = unbiased("var", "Tensor", VAR_CORRECTION, 1);
    public static final OpDef VAR_DIM = unbiasedDim("var.dim", "Tensor", VAR_CORRECTION, 1);
    public static final OpDef STD = unbiased("std", "Tensor", STD_CORRECTION, 1);
    public static final OpDef STD_DIM = unbiasedDim("std.dim", "Tensor", STD_CORRECTION, 1);
    public static final OpDef VAR_MEAN = unbiased("var_mean", "(Tensor, Tensor)", VAR_MEAN_CORRECTION, 2);
    public static final OpDef VAR_MEAN_DIM = unbiasedDim("var_mean.dim", "(Tensor, Tensor)", VAR_MEAN_CORRECTION, 2);
    public static final OpDef STD_MEAN = unbiased("std_mean", "(Tensor, Tensor)", STD_MEAN_CORRECTION, 2);
    public static final OpDef STD_MEAN_DIM = unbiasedDim("std_mean.dim", "(Tensor, Tensor)", STD_MEAN_CORRECTION, 2);

    private static OpDef moments(String name, String returns, int outputs, Derivative.Term derivative) {
        return op(name + "(Tensor self, int[1]? dim=None, *, int? correction=None, bool keepdim=False) -> " + returns,
                n -> a -> ReductionShapes.moments(n, a[0], (long[]) a[1], (Boolean) a[3], outputs)).library()
                .derivative(derivative).build();
    }

    private static OpDef unbiased(String name, String returns, OpDef correction, int outputs) {
        return op(name + "(Tensor self, bool unbiased=True) -> " + returns,
                n -> a -> ReductionShapes.moments(n, a[0], null, false, outputs))
                .composite((b, a) -> b.call(correction, a[0], null, (Boolean) a[1] ? 1L : 0L, false)).build();
    }

    private static OpDef unbiasedDim(String name, String returns, OpDef correction, int outputs) {
        return op(name + "(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> " + returns,
                n -> a -> ReductionShapes.moments(n, a[0], (long[]) a[1], (Boolean) a[3], outputs))
                .composite((b, a) -> b.call(correction, a[0], a[1], (Boolean) a[2] ? 1L : 0L, a[3])).build();
    }

    // ---- norms and logsumexp ----

    private static final Derivative.Term NORM_WHOLE = wrt("self", uses("self", "result"), g -> NormGrads.norm(g, g.arg("p"), null, false));
    private static final Derivative.Term NORM_DIMS = wrt("self", uses("self", "result"),
            g -> NormGrads.norm(g, g.arg("p"), (long[]) g.arg("dim"), (Boolean) g.arg("keepdim")));

    public static final OpDef NORM = op("norm.Scalar(Tensor self, Scalar p=2) -> Tensor",
            n -> a -> ReductionShapes.norm(n, a[0], null, false, null)).library().derivative(NORM_WHOLE).build();
    public static final OpDef NORM_DIM = op("norm.ScalarOpt_dim(Tensor self, Scalar? p, int[1] dim, bool keepdim=False) -> Tensor",
            n -> a -> ReductionShapes.norm(n, a[0], (long[]) a[2], (Boolean) a[3], null)).library().derivative(NORM_DIMS).build();
    public static final OpDef NORM_DTYPE = op("norm.ScalarOpt_dtype(Tensor self, Scalar? p, *, ScalarType dtype) -> Tensor",
            n -> a -> ReductionShapes.norm(n, a[0], null, false, a[2])).library().derivative(NORM_WHOLE).build();
    public static final OpDef NORM_DIM_DTYPE = op(
            "norm.ScalarOpt_dim_dtype(Tensor self, Scalar? p, int[1] dim, bool keepdim, *, ScalarType dtype) -> Tensor",
            n -> a -> ReductionShapes.norm(n, a[0], (long[]) a[2], (Boolean) a[3], a[4])).library().derivative(NORM_DIMS).build();
    public static final OpDef LINALG_VECTOR_NORM = op(
            "linalg_vector_norm(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.vectorNorm(n, a[0], a[1], (long[]) a[2], (Boolean) a[3], a[4])).library()
            .derivative(wrt("self", uses("self", "result"),
                    g -> NormGrads.norm(g, g.arg("ord"), (long[]) g.arg("dim"), (Boolean) g.arg("keepdim")))).build();
    public static final OpDef LOGSUMEXP = op("logsumexp(Tensor self, int[1] dim, bool keepdim=False) -> Tensor",
            n -> a -> ReductionShapes.logsumexp(n, a[0], (long[]) a[1], (Boolean) a[2])).library()
            .derivative(wrt("self", uses("self", "result"), ReductionGrads::logsumexp)).build();

    // ---- logic and counting ----

    public static final OpDef ALL = op("all(Tensor self) -> Tensor",
            n -> a -> ReductionShapes.logical(n, a[0], null, false)).library().nonDifferentiable().build();
    public static final OpDef ALL_DIM = op("all.dim(Tensor self, int dim, bool keepdim=False) -> Tensor",
            n -> a -> ReductionShapes.logical(n, a[0], (Long) a[1], (Boolean) a[2])).library().nonDifferentiable().build();
    public static final OpDef ANY = op("any(Tensor self) -> Tensor",
            n -> a -> ReductionShapes.logical(n, a[0], null, false)).library().nonDifferentiable().build();
    public static final OpDef ANY_DIM = op("any.dim(Tensor self, int dim, bool keepdim=False) -> Tensor",
            n -> a -> ReductionShapes.logical(n, a[0], (Long) a[1], (Boolean) a[2])).library().nonDifferentiable().build();
    public static final OpDef COUNT_NONZERO_DIMS = op("count_nonzero.dim_IntList(Tensor self, int[] dim) -> Tensor",
            n -> a -> ReductionShapes.countNonzero(n, a[0], (long[]) a[1])).library().nonDifferentiable().build();
    public static final OpDef COUNT_NONZERO = op("count_nonzero(Tensor self, int? dim=None) -> Tensor",
            n -> a -> ReductionShapes.countNonzero(n, a[0], a[1] == null ? null : new long[]{(Long) a[1]}))
            .composite((b, a) -> b.call(COUNT_NONZERO_DIMS, a[0], a[1] == null ? new long[0] : new long[]{(Long) a[1]})).build();

    // ---- order statistics ----

    public static final OpDef MEDIAN = op("median(Tensor self) -> Tensor",
            n -> a -> ReductionShapes.median(n, a[0])).library().derivative(EVENLY).build();
    public static final OpDef MEDIAN_DIM = op("median.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
            n -> a -> ReductionShapes.selection(n, "median_out", a[0], 1, (Long) a[1], (Boolean) a[2])).library()
            .derivative(SELECTED).build();
    public static final OpDef KTHVALUE = op(
            "kthvalue(Tensor self, int k, int dim=-1, bool keepdim=False) -> (Tensor values, Tensor indices)",
            n -> a -> ReductionShapes.selection(n, "kthvalue_cpu", a[0], (Long) a[1], (Long) a[2], (Boolean) a[3])).library()
            .derivative(SELECTED).build();

    // ---- scans ----

    private static final Derivative.Term CUMSUM_GRAD = wrt("self", ScanGrads::cumsum);
    private static final Derivative.Term CUMPROD_GRAD = wrt("self", uses("self", "result"), ScanGrads::cumprod);

    public static final OpDef CUMSUM = op("cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.scan(n, "cumsum_out_cpu", a[0], (Long) a[1], a[2])).library().derivative(CUMSUM_GRAD).build();
    public static final OpDef CUMSUM_ = op("cumsum_(Tensor(a!) self, int dim, *, ScalarType? dtype=None) -> Tensor(a!)",
            n -> a -> ReductionShapes.scanInPlace(n, "cumsum_out_cpu", a[0], (Long) a[1], a[2])).library().derivative(CUMSUM_GRAD).build();
    public static final OpDef CUMPROD = op("cumprod(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.scan(n, "cumprod_out_cpu", a[0], (Long) a[1], a[2])).library().derivative(CUMPROD_GRAD).build();
    public static final OpDef CUMPROD_ = op("cumprod_(Tensor(a!) self, int dim, *, ScalarType? dtype=None) -> Tensor(a!)",
            n -> a -> ReductionShapes.scanInPlace(n, "cumprod_out_cpu", a[0], (Long) a[1], a[2])).library()
            .derivative(CUMPROD_GRAD).build();

    // ---- softmax: the kernels ({@code _softmax}) and the user-facing overloads with an optional dtype ----

    private static final Derivative.Term SOFTMAX_GRAD = wrt("self", uses("result"), ScanGrads::softmax);
    private static final Derivative.Term LOG_SOFTMAX_GRAD = wrt("self", uses("result"), ScanGrads::logSoftmax);

    public static final OpDef SOFTMAX_BASE = op("_softmax(Tensor self, int dim, bool half_to_float) -> Tensor",
            n -> a -> ReductionShapes.softmax(n, "softmax", a[0], (Long) a[1], null, (Boolean) a[2])).library()
            .derivative(SOFTMAX_GRAD).build();
    public static final OpDef LOG_SOFTMAX_BASE = op("_log_softmax(Tensor self, int dim, bool half_to_float) -> Tensor",
            n -> a -> ReductionShapes.softmax(n, "log_softmax", a[0], (Long) a[1], null, (Boolean) a[2])).library()
            .derivative(LOG_SOFTMAX_GRAD).build();
    public static final OpDef SOFTMAX = op("softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.softmax(n, "softmax", a[0], (Long) a[1], a[2], false)).library().derivative(SOFTMAX_GRAD).build();
    public static final OpDef LOG_SOFTMAX = op("log_softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor",
            n -> a -> ReductionShapes.softmax(n, "log_softmax", a[0], (Long) a[1], a[2], false)).library()
            .derivative(LOG_SOFTMAX_GRAD).build();
}
