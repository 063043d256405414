package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import java.util.List;

/**
 * The derivatives of the matrix products, after {@code derivatives.yaml}: each operand's gradient is the output
 * gradient multiplied by the other operand (transposed), scaled by {@code alpha}; {@code self} of the add-forms gets
 * {@code beta * grad}. {@code matmul} and {@code linear} are library ops here while PyTorch composes them of dot,
 * mv, mm and bmm, so they are one node whose name is that of the last function PyTorch records for the same shapes.
 */
final class LinalgGrads {
    private LinalgGrads() {}

    static Object t(OpBuilder b, Object x) { return b.call(ShapeOps.T, x); }

    /** The last two dims swapped. */
    static Object mT(OpBuilder b, Object x) { return b.call(ShapeOps.TRANSPOSE, x, -2L, -1L); }

    static Object mm(OpBuilder b, Object x, Object y) { return b.call(LinalgOps.MM, x, y); }

    /** The first factor's gradient of {@code mm(self, mat2)}: {@code grad @ mat2.t()}. */
    static Object mmSelf(OpBuilder b, Object grad, Object mat2) { return mm(b, grad, t(b, mat2)); }

    /** The second factor's gradient of {@code mm(self, mat2)}: {@code self.t() @ grad}. */
    static Object mmOther(OpBuilder b, Object grad, Object self) { return mm(b, t(b, self), grad); }

    /** {@link #mmSelf} for batches. */
    static Object bmmSelf(OpBuilder b, Object grad, Object mat2) { return b.call(LinalgOps.BMM, grad, mT(b, mat2)); }

    /** {@link #mmOther} for batches. */
    static Object bmmOther(OpBuilder b, Object grad, Object self) { return b.call(LinalgOps.BMM, mT(b, self), grad); }

    static Object mv(OpBuilder b, Object x, Object y) { return b.call(LinalgOps.MV, x, y); }

    static Object outer(OpBuilder b, Object x, Object y) { return b.call(LinalgOps.OUTER, x, y); }

    /** The gradient of {@code self} of {@code matmul(self, other)}, for {@code self} of metadata {@code a}. */
    static Object matmulSelf(OpBuilder b, Object grad, TensorMeta a, Object other) {
        int da = a.dim(), db = b.meta(other).dim();
        if (da == 1 && db == 1) return b.call(PointwiseOps.MUL, grad, other);
        if (da == 2 && db == 1) return outer(b, grad, other);
        if (da == 1 && db == 2) return mv(b, other, grad);
        if (da == 2 && db == 2) return mmSelf(b, grad, other);
        Object matrix = db == 1 ? b.call(ShapeOps.UNSQUEEZE, other, -1L) : other;
        Object r = b.call(LinalgOps.MATMUL, asMatrices(b, grad, da, db), mT(b, matrix));
        long[] want = da == 1 ? new long[]{1, a.size(0)} : a.sizes();
        r = GradOps.sumToSize(b, r, want);
        return da == 1 ? b.call(ShapeOps.RESHAPE, r, a.sizes()) : r;
    }

    /** The gradient of {@code other} of {@code matmul(self, other)}, for {@code other} of metadata {@code o}. */
    static Object matmulOther(OpBuilder b, Object grad, Object self, TensorMeta o) {
        int da = b.meta(self).dim(), db = o.dim();
        if (da == 1 && db == 1) return b.call(PointwiseOps.MUL, grad, self);
        if (da == 2 && db == 1) return mv(b, t(b, self), grad);
        if (da == 1 && db == 2) return outer(b, self, grad);
        if (da == 2 && db == 2) return mmOther(b, grad, self);
        Object matrix = da == 1 ? b.call(ShapeOps.UNSQUEEZE, self, 0L) : self;
        Object g = asMatrices(b, grad, da, db);
        Object r;
        if (db <= 2) {
            long[] s = b.meta(matrix).sizes(), gs = b.meta(g).sizes();
            long rows = LinalgRules.product(s, 0, s.length - 1);
            Object flat = b.call(ShapeOps.RESHAPE, matrix, new long[]{rows, s[s.length - 1]});
            r = mmOther(b, b.call(ShapeOps.RESHAPE, g, new long[]{rows, gs[gs.length - 1]}), flat);
        } else {
            r = GradOps.sumToSize(b, b.call(LinalgOps.MATMUL, mT(b, matrix), g), db == 1 ? new long[]{o.size(0), 1} : o.sizes());
        }
        return db == 1 ? b.call(ShapeOps.RESHAPE, r, o.sizes()) : r;
    }

    /** The output gradient of a batched matmul with the dims a 1-D operand lacked put back as size 1. */
    private static Object asMatrices(OpBuilder b, Object grad, int da, int db) {
        if (da == 1) return b.call(ShapeOps.UNSQUEEZE, grad, -2L);
        return db == 1 ? b.call(ShapeOps.UNSQUEEZE, grad, -1L) : grad;
    }

    /** {@code linear}'s weight as matmul's other operand: transposed when it is a matrix. */
    static Object weightT(OpBuilder b, Object weight) { return b.meta(weight).dim() == 2 ? t(b, weight) : weight; }

    static TensorMeta weightT(TensorMeta weight) {
        long[] s = weight.sizes();
        return weight.dim() == 2 ? new TensorSpec(weight.dtype(), new long[]{s[1], s[0]}, weight.device()) : weight;
    }

    /** The gradient of linear's weight: matmul's for {@code weight.t()}, transposed back. */
    static Object linearWeight(Grad g) {
        OpBuilder b = g.ops();
        TensorMeta weight = g.meta("weight");
        Object r = matmulOther(b, g.grad(), g.arg("input"), weightT(weight));
        return weight.dim() == 2 ? t(b, r) : r;
    }

    // ---- the names PyTorch gives the last node of its composite matmul and linear ----

    /**
     * What PyTorch 1.13's matmul ends with for operands of these shapes: dot, mv, {@code squeeze_} of an mm, mm, or
     * an {@code _unsafe_view} of a folded mm/mv or of bmm; a matrix times a batch is folded and transposed back with
     * {@code contiguous()} (a clone unless the transpose is already contiguous). Contiguous operands are assumed.
     */
    static String matmulName(TensorMeta a, TensorMeta o) {
        int da = a.dim(), db = o.dim();
        if (da == 1 && db == 1) return "DotBackward0";
        if (da == 2 && db == 1) return "MvBackward0";
        if (da == 1 && db == 2) return "SqueezeBackward3";
        if (da == 2 && db == 2) return "MmBackward0";
        if (da == 2) {
            long n = a.size(0), p = o.size(db - 1);
            long batch = LinalgRules.product(o.sizes(), 0, db - 2);
            return n == 1 || p == 1 || batch * n * p == 0 ? "TransposeBackward0" : "CloneBackward0";
        }
        return "UnsafeViewBackward0";
    }

    /** PyTorch's linear: addmm with a bias for 2-D input (and a view of it for 3-D), else matmul then add. */
    static String linearName(Object[] args) {
        TensorMeta input = (TensorMeta) args[0];
        if (args[2] == null) return matmulName(input, weightT((TensorMeta) args[1]));
        return switch (input.dim()) {
            case 2 -> "AddmmBackward0";
            case 3 -> "ViewBackward0";
            default -> "AddBackward0";
        };
    }

    /** PyTorch's einsum ends with a view (or a sum for one operand) when dims were contracted, else a mul (or permute). */
    static String einsumName(Object[] args) {
        LinalgEinsum.Plan plan = LinalgOps.einsumPlan(args);
        boolean contracted = plan.alignedDims() > plan.outDims();
        if (((List<?>) args[1]).size() == 1) return contracted ? "SumBackward1" : "PermuteBackward0";
        return contracted ? "ViewBackward0" : "MulBackward0";
    }
}
