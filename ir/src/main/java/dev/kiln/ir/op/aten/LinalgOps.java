package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;
import static dev.kiln.ir.op.aten.GradOps.scale;
import static dev.kiln.ir.op.aten.LinalgGrads.bmmOther;
import static dev.kiln.ir.op.aten.LinalgGrads.bmmSelf;
import static dev.kiln.ir.op.aten.LinalgGrads.mmOther;
import static dev.kiln.ir.op.aten.LinalgGrads.mmSelf;
import static dev.kiln.ir.op.aten.LinalgGrads.mv;
import static dev.kiln.ir.op.aten.LinalgGrads.outer;
import static dev.kiln.ir.op.aten.LinalgGrads.t;
import static dev.kiln.ir.op.aten.LinalgRules.one;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorMeta;
import java.util.List;

/**
 * The matrix-multiply family: mm, bmm, addmm, baddbmm, dot, mv, addmv, outer, matmul, linear and einsum. All are
 * library ops: each backend provides the kernel (a GEMM on the CPU); the rules ({@link LinalgRules},
 * {@link LinalgMatmul}, {@link LinalgEinsum}) give PyTorch's shapes, dtypes and errors; the derivatives are in
 * {@link LinalgGrads} and {@link EinsumGrads}.
 */
public final class LinalgOps {
    private LinalgOps() {}

    public static final OpDef MM = declare("mm(Tensor self, Tensor mat2) -> Tensor")
            .rule(a -> one(LinalgRules.mm("aten::mm", m(a, 0), m(a, 1)))).library()
            .derivative(wrt("self", uses("mat2"), g -> mmSelf(g.ops(), g.grad(), g.arg("mat2"))),
                    wrt("mat2", uses("self"), g -> mmOther(g.ops(), g.grad(), g.arg("self")))).build();
    public static final OpDef BMM = declare("bmm(Tensor self, Tensor mat2) -> Tensor")
            .rule(a -> one(LinalgRules.bmm("aten::bmm", "bmm", m(a, 0), m(a, 1)))).library()
            .derivative(wrt("self", uses("mat2"), g -> bmmSelf(g.ops(), g.grad(), g.arg("mat2"))),
                    wrt("mat2", uses("self"), g -> bmmOther(g.ops(), g.grad(), g.arg("self")))).build();
    public static final OpDef ADDMM = declare("addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor")
            .rule(a -> one(LinalgRules.addmm("aten::addmm", m(a, 0), m(a, 1), m(a, 2)))).library()
            .derivative(beta(), wrt("mat1", uses("mat2"), g -> alpha(g, mmSelf(g.ops(), g.grad(), g.arg("mat2")))),
                    wrt("mat2", uses("mat1"), g -> alpha(g, mmOther(g.ops(), g.grad(), g.arg("mat1")))))
            .withInplace().build();
    public static final OpDef BADDBMM = declare("baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor")
            .rule(a -> one(LinalgRules.baddbmm("aten::baddbmm", m(a, 0), m(a, 1), m(a, 2)))).library()
            .derivative(beta(), wrt("batch1", uses("batch2"), g -> alpha(g, bmmSelf(g.ops(), g.grad(), g.arg("batch2")))),
                    wrt("batch2", uses("batch1"), g -> alpha(g, bmmOther(g.ops(), g.grad(), g.arg("batch1")))))
            .withInplace().build();
    public static final OpDef DOT = declare("dot(Tensor self, Tensor tensor) -> Tensor")
            .rule(a -> one(LinalgRules.dot("aten::dot", m(a, 0), m(a, 1)))).library()
            .derivative(wrt("self", uses("tensor"), g -> GradOps.mul(g, g.grad(), g.arg("tensor"))),
                    wrt("tensor", uses("self"), g -> GradOps.mul(g, g.grad(), g.arg("self")))).build();
    public static final OpDef MV = declare("mv(Tensor self, Tensor vec) -> Tensor")
            .rule(a -> one(LinalgRules.mv("aten::mv", m(a, 0), m(a, 1)))).library()
            .derivative(wrt("self", uses("vec"), g -> outer(g.ops(), g.grad(), g.arg("vec"))),
                    wrt("vec", uses("self"), g -> mv(g.ops(), t(g.ops(), g.arg("self")), g.grad()))).build();
    public static final OpDef ADDMV = declare("addmv(Tensor self, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1) -> Tensor")
            .rule(a -> one(LinalgRules.addmv("aten::addmv", m(a, 0), m(a, 1), m(a, 2)))).library()
            .derivative(beta(), wrt("mat", uses("vec"), g -> alpha(g, outer(g.ops(), g.grad(), g.arg("vec")))),
                    wrt("vec", uses("mat"), g -> alpha(g, mv(g.ops(), t(g.ops(), g.arg("mat")), g.grad()))))
            .withInplace().build();
    /** PyTorch's outer is {@code self.reshape(-1, 1) * vec2}, hence its backward function's name. */
    public static final OpDef OUTER = declare("outer(Tensor self, Tensor vec2) -> Tensor")
            .rule(a -> one(LinalgRules.outer("aten::outer", m(a, 0), m(a, 1)))).library()
            .derivative(Derivative.of(wrt("self", uses("vec2"), g -> mv(g.ops(), g.grad(), g.arg("vec2"))),
                    wrt("vec2", uses("self"), g -> mv(g.ops(), t(g.ops(), g.grad()), g.arg("self")))).named("MulBackward0")).build();
    public static final OpDef MATMUL = declare("matmul(Tensor self, Tensor other) -> Tensor")
            .rule(a -> one(LinalgMatmul.matmul("aten::matmul", m(a, 0), m(a, 1)))).library()
            .derivative(Derivative.of(
                    wrt("self", uses("other"), g -> LinalgGrads.matmulSelf(g.ops(), g.grad(), g.meta("self"), g.arg("other"))),
                    wrt("other", uses("self"), g -> LinalgGrads.matmulOther(g.ops(), g.grad(), g.arg("self"), g.meta("other"))))
                    .named(a -> LinalgGrads.matmulName(m(a, 0), m(a, 1)))).build();
    public static final OpDef LINEAR = declare("linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor")
            .rule(a -> one(LinalgMatmul.linear("aten::linear", m(a, 0), m(a, 1), m(a, 2)))).library()
            .derivative(Derivative.of(wrt("input", uses("weight"),
                            g -> LinalgGrads.matmulSelf(g.ops(), g.grad(), g.meta("input"), LinalgGrads.weightT(g.ops(), g.arg("weight")))),
                    wrt("weight", uses("input"), LinalgGrads::linearWeight), wrt("bias", g -> g.grad()))
                    .named(LinalgGrads::linearName)).build();
    public static final OpDef EINSUM = declare("einsum(str equation, Tensor[] tensors, *, int[]? path=None) -> Tensor")
            .rule(a -> one(einsumPlan(a).out())).library()
            .derivative(Derivative.of(wrt("tensors", uses("tensors"), EinsumGrads::gradients)).named(LinalgGrads::einsumName)).build();

    /** The in-place variant declared by {@code withInplace()} ({@code addmm_} for {@code addmm}). */
    public static OpDef inplace(OpDef op) { return OpCatalogue.lookup(op.schema().qualifiedName() + "_").orElseThrow(); }

    /** The einsum plan for bound arguments {@code (equation, tensors, path)}; the kernel executes it. */
    @SuppressWarnings("unchecked")
    public static LinalgEinsum.Plan einsumPlan(Object[] args) {
        return LinalgEinsum.plan("aten::einsum", (String) args[0], (List<? extends TensorMeta>) args[1], (long[]) args[2]);
    }

    private static TensorMeta m(Object[] args, int i) { return (TensorMeta) args[i]; }

    /** {@code self} of the add-forms: {@code beta * grad}. */
    private static Derivative.Term beta() { return wrt("self", g -> scale(g, g.grad(), g.arg("beta"))); }

    private static Object alpha(Grad g, Object product) { return scale(g, product, g.arg("alpha")); }
}
