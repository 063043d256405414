package dev.kiln.runtime.reduction;

import static dev.kiln.ir.op.aten.ReductionOps.*;

import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.op.aten.ReductionRules;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import java.util.List;

/**
 * CPU kernels of the library ops in {@link dev.kiln.ir.op.aten.ReductionOps}: each unpacks its bound arguments,
 * allocates the outputs its rule describes, and runs the shared skeleton ({@link Reduce}) with the op's
 * accumulator, or the line kernels for selection, scans and softmax.
 */
public final class ReductionKernels {
    private ReductionKernels() {}

    static {
        reduce(SUM_DIM, (a, o) -> sum(a, o, dims(SUM_DIM, a, (long[]) a[1]), (DType) a[3], false));
        reduce(MEAN_DIM, (a, o) -> sum(a, o, dims(MEAN_DIM, a, (long[]) a[1]), (DType) a[3], true));
        reduce(PROD, (a, o) -> prod(a, o, dims(PROD, a, null), (DType) a[1]));
        reduce(PROD_DIM, (a, o) -> prod(a, o, dims(PROD_DIM, a, new long[]{(Long) a[1]}), (DType) a[3]));
        reduce(MAX, (a, o) -> values(a, o, dims(MAX, a, null), true));
        reduce(MIN, (a, o) -> values(a, o, dims(MIN, a, null), false));
        reduce(AMAX, (a, o) -> values(a, o, dims(AMAX, a, (long[]) a[1]), true));
        reduce(AMIN, (a, o) -> values(a, o, dims(AMIN, a, (long[]) a[1]), false));
        reduce(MAX_DIM, (a, o) -> indexed(a, o[0], o[1], dims(MAX_DIM, a, new long[]{(Long) a[1]}), true));
        reduce(MIN_DIM, (a, o) -> indexed(a, o[0], o[1], dims(MIN_DIM, a, new long[]{(Long) a[1]}), false));
        reduce(ARGMAX, (a, o) -> indexed(a, null, o[0], dims(ARGMAX, a, a[1] == null ? null : new long[]{(Long) a[1]}), true));
        reduce(ARGMIN, (a, o) -> indexed(a, null, o[0], dims(ARGMIN, a, a[1] == null ? null : new long[]{(Long) a[1]}), false));
        reduce(VAR_CORRECTION, (a, o) -> moments(a, o[0], null, false));
        reduce(STD_CORRECTION, (a, o) -> moments(a, o[0], null, true));
        reduce(VAR_MEAN_CORRECTION, (a, o) -> moments(a, o[0], o[1], false));
        reduce(STD_MEAN_CORRECTION, (a, o) -> moments(a, o[0], o[1], true));
        reduce(NORM, (a, o) -> norm(a, o[0], a[1], dims(NORM, a, null)));
        reduce(NORM_DIM, (a, o) -> norm(a, o[0], a[1], dims(NORM_DIM, a, (long[]) a[2])));
        reduce(NORM_DTYPE, (a, o) -> norm(a, o[0], a[1], dims(NORM_DTYPE, a, null)));
        reduce(NORM_DIM_DTYPE, (a, o) -> norm(a, o[0], a[1], dims(NORM_DIM_DTYPE, a, (long[]) a[2])));
        reduce(LINALG_VECTOR_NORM, (a, o) -> norm(a, o[0], a[1], dims(LINALG_VECTOR_NORM, a, (long[]) a[2])));
        reduce(LOGSUMEXP, (a, o) -> Reduce.run(self(a), dims(LOGSUMEXP, a, (long[]) a[1]), Statistics.logsumexp(o[0], self(a).dtype())));
        reduce(ALL, (a, o) -> nonzero(a, o[0], dims(ALL, a, null), Folds.CountMode.ALL));
        reduce(ALL_DIM, (a, o) -> nonzero(a, o[0], dims(ALL_DIM, a, new long[]{(Long) a[1]}), Folds.CountMode.ALL));
        reduce(ANY, (a, o) -> nonzero(a, o[0], dims(ANY, a, null), Folds.CountMode.ANY));
        reduce(ANY_DIM, (a, o) -> nonzero(a, o[0], dims(ANY_DIM, a, new long[]{(Long) a[1]}), Folds.CountMode.ANY));
        reduce(COUNT_NONZERO_DIMS, (a, o) -> nonzero(a, o[0], dims(COUNT_NONZERO_DIMS, a, (long[]) a[1]), Folds.CountMode.COUNT));
        reduce(MEDIAN, (a, o) -> Selection.all(self(a), o[0]));
        reduce(MEDIAN_DIM, (a, o) -> {
            int d = dim(MEDIAN_DIM, a, (Long) a[1]);
            long size = self(a).dim() == 0 ? 1 : self(a).sizes()[d];
            Selection.run(self(a), d, (size - 1) / 2 + 1, true, o[0], o[1]);
        });
        reduce(KTHVALUE, (a, o) -> Selection.run(self(a), dim(KTHVALUE, a, (Long) a[2]), (Long) a[1], false, o[0], o[1]));
        Kernels.register(CUMSUM, a -> scan(CUMSUM, a, false));
        Kernels.register(CUMPROD, a -> scan(CUMPROD, a, false));
        Kernels.register(CUMSUM_, a -> scan(CUMSUM_, a, true));
        Kernels.register(CUMPROD_, a -> scan(CUMPROD_, a, true));
        Kernels.register(SOFTMAX_BASE, a -> softmax(SOFTMAX_BASE, a, false));
        Kernels.register(LOG_SOFTMAX_BASE, a -> softmax(LOG_SOFTMAX_BASE, a, true));
        Kernels.register(SOFTMAX, a -> softmax(SOFTMAX, a, false));
        Kernels.register(LOG_SOFTMAX, a -> softmax(LOG_SOFTMAX, a, true));
    }

    /** A kernel body that fills the freshly allocated outputs of its op. */
    @FunctionalInterface
    private interface Body {
        void fill(Object[] args, TensorData[] outputs);
    }

    /** Registers a kernel that allocates the outputs {@code op}'s rule describes, fills them, and returns them. */
    private static void reduce(OpDef op, Body body) {
        Kernels.register(op, a -> {
            TensorData[] outs = allocate(op.infer(a));
            body.fill(a, outs);
            return outs.length == 1 ? outs[0] : List.of(outs);
        });
    }

    private static TensorData[] allocate(TensorSpec[] specs) {
        TensorData[] outs = new TensorData[specs.length];
        for (int i = 0; i < specs.length; i++) outs[i] = TensorData.zeros(specs[i].dtype(), specs[i].sizes());
        return outs;
    }

    private static TensorData self(Object[] a) { return (TensorData) a[0]; }

    private static boolean[] dims(OpDef op, Object[] a, long[] dims) { return ReductionRules.mask(op.name(), dims, self(a).dim()); }

    private static int dim(OpDef op, Object[] a, long dim) { return Shapes.wrapDim(op.name(), dim, self(a).dim()); }

    /** The input as {@code dtype} when a dtype argument asks for a conversion first, as PyTorch does. */
    private static TensorData as(TensorData x, DType dtype) { return dtype == null || dtype == x.dtype() ? x : Copies.convert(x, dtype); }

    private static void sum(Object[] a, TensorData[] o, boolean[] mask, DType dtype, boolean mean) {
        TensorData x = as(self(a), dtype);
        long divisor = mean ? ReductionRules.count(x.sizes(), mask) : -1;
        Reduce.run(x, mask, Folds.sum(o[0], Num.of(o[0].dtype()), divisor));
    }

    private static void prod(Object[] a, TensorData[] o, boolean[] mask, DType dtype) {
        Reduce.run(as(self(a), dtype), mask, Folds.prod(o[0], Num.wide(o[0].dtype())));
    }

    private static void values(Object[] a, TensorData[] o, boolean[] mask, boolean max) {
        Reduce.run(self(a), mask, Extremes.values(o[0], Num.of(self(a).dtype()), max));
    }

    private static void indexed(Object[] a, TensorData values, TensorData indices, boolean[] mask, boolean max) {
        Reduce.run(self(a), mask, Extremes.indexed(values, indices, Num.of(self(a).dtype()), max));
    }

    private static void moments(Object[] a, TensorData out, TensorData mean, boolean sqrt) {
        long correction = a[2] == null ? 1 : (Long) a[2];
        Reduce.run(self(a), dims(VAR_CORRECTION, a, (long[]) a[1]), Statistics.moments(out, mean, correction, sqrt));
    }

    private static void norm(Object[] a, TensorData out, Object p, boolean[] mask) {
        TensorData x = as(self(a), out.dtype());
        boolean empty = ReductionRules.count(x.sizes(), mask) == 0;
        Reduce.run(x, mask, Norms.of(out, x.dtype(), ReductionRules.order(p), empty));
    }

    private static void nonzero(Object[] a, TensorData out, boolean[] mask, Folds.CountMode mode) {
        TensorData x = self(a);
        Reduce.run(x, mask, Folds.nonzero(out, Num.wide(x.dtype()), mode, ReductionRules.count(x.sizes(), mask)));
    }

    /** cumsum/cumprod, out of place or into {@code self} (through a contiguous copy when {@code self} is strided). */
    private static Object scan(OpDef op, Object[] a, boolean inPlace) {
        TensorData self = self(a);
        TensorSpec spec = op.infer(a)[0];
        TensorData x = Copies.contiguous(as(self, spec.dtype()));
        boolean direct = inPlace && self.isContiguous();
        TensorData out = direct ? self : TensorData.zeros(spec.dtype(), spec.sizes());
        Scans.run(x, dim(op, a, (Long) a[1]), op == CUMPROD || op == CUMPROD_, out);
        if (inPlace && !direct) Copies.copyInto(out, self);
        return inPlace ? self : out;
    }

    /** softmax/log_softmax: computed in float32 (float64 for float64), in the dtype argument's type if given. */
    private static Object softmax(OpDef op, Object[] a, boolean log) {
        TensorSpec spec = op.infer(a)[0];
        TensorData x = as(self(a), spec.dtype());
        DType compute = spec.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        TensorData src = x.dtype() == compute ? Copies.contiguous(x) : Copies.convert(x, compute);
        TensorData out = TensorData.zeros(compute, spec.sizes());
        Softmax.run(src, dim(op, a, (Long) a[1]), log, out);
        return compute == spec.dtype() ? out : Copies.convert(out, spec.dtype());
    }
}
