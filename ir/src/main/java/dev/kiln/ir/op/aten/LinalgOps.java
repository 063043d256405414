package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.OpDef.declare;
import static dev.kiln.ir.op.aten.LinalgRules.one;

import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorMeta;
import java.util.List;

/**
 * The matrix-multiply family: mm, bmm, addmm, baddbmm, dot, mv, addmv, outer, matmul, linear and einsum. All are
 * library ops: each backend provides the kernel (a GEMM on the CPU); the rules ({@link LinalgRules},
 * {@link LinalgMatmul}, {@link LinalgEinsum}) give PyTorch's shapes, dtypes and errors.
 */
public final class LinalgOps {
    private LinalgOps() {}

    public static final OpDef MM = declare("mm(Tensor self, Tensor mat2) -> Tensor")
            .rule(a -> one(LinalgRules.mm("aten::mm", t(a, 0), t(a, 1)))).library().build();
    public static final OpDef BMM = declare("bmm(Tensor self, Tensor mat2) -> Tensor")
            .rule(a -> one(LinalgRules.bmm("aten::bmm", "bmm", t(a, 0), t(a, 1)))).library().build();
    public static final OpDef ADDMM = declare("addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor")
            .rule(a -> one(LinalgRules.addmm("aten::addmm", t(a, 0), t(a, 1), t(a, 2)))).library().withInplace().build();
    public static final OpDef BADDBMM = declare("baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor")
            .rule(a -> one(LinalgRules.baddbmm("aten::baddbmm", t(a, 0), t(a, 1), t(a, 2)))).library().withInplace().build();
    public static final OpDef DOT = declare("dot(Tensor self, Tensor tensor) -> Tensor")
            .rule(a -> one(LinalgRules.dot("aten::dot", t(a, 0), t(a, 1)))).library().build();
    public static final OpDef MV = declare("mv(Tensor self, Tensor vec) -> Tensor")
            .rule(a -> one(LinalgRules.mv("aten::mv", t(a, 0), t(a, 1)))).library().build();
    public static final OpDef ADDMV = declare("addmv(Tensor self, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1) -> Tensor")
            .rule(a -> one(LinalgRules.addmv("aten::addmv", t(a, 0), t(a, 1), t(a, 2)))).library().withInplace().build();
    public static final OpDef OUTER = declare("outer(Tensor self, Tensor vec2) -> Tensor")
            .rule(a -> one(LinalgRules.outer("aten::outer", t(a, 0), t(a, 1)))).library().build();
    public static final OpDef MATMUL = declare("matmul(Tensor self, Tensor other) -> Tensor")
            .rule(a -> one(LinalgMatmul.matmul("aten::matmul", t(a, 0), t(a, 1)))).library().build();
    public static final OpDef LINEAR = declare("linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor")
            .rule(a -> one(LinalgMatmul.linear("aten::linear", t(a, 0), t(a, 1), t(a, 2)))).library().build();
    public static final OpDef EINSUM = declare("einsum(str equation, Tensor[] tensors, *, int[]? path=None) -> Tensor")
            .rule(a -> one(einsumPlan(a).out())).library().build();

    /** The in-place variant declared by {@code withInplace()} ({@code addmm_} for {@code addmm}). */
    public static OpDef inplace(OpDef op) { return OpCatalogue.lookup(op.schema().qualifiedName() + "_").orElseThrow(); }

    /** The einsum plan for bound arguments {@code (equation, tensors, path)}; the kernel executes it. */
    @SuppressWarnings("unchecked")
    public static LinalgEinsum.Plan einsumPlan(Object[] args) {
        return LinalgEinsum.plan("aten::einsum", (String) args[0], (List<? extends TensorMeta>) args[1], (long[]) args[2]);
    }

    private static TensorMeta t(Object[] args, int i) { return (TensorMeta) args[i]; }
}
