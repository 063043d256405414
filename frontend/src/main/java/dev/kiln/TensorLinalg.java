package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;

import dev.kiln.ir.op.aten.LinalgOps;

/** Matrix-multiply methods: mm, bmm, matmul, addmm, baddbmm, dot, mv, addmv, outer (see {@link LinalgOps}). */
public sealed interface TensorLinalg permits Tensor {
    Tensor self();

    /** {@code self @ mat2} for two matrices. */
    default Tensor mm(Tensor mat2) { return apply(LinalgOps.MM, self(), mat2); }

    /** Batched {@code self[i] @ mat2[i]} for two 3-D tensors. */
    default Tensor bmm(Tensor mat2) { return apply(LinalgOps.BMM, self(), mat2); }

    /** {@code self @ other} with NumPy's rules: 1-D operands are vectors, leading dims broadcast. */
    default Tensor matmul(Tensor other) { return apply(LinalgOps.MATMUL, self(), other); }

    default Tensor addmm(Tensor mat1, Tensor mat2) { return addmm(mat1, mat2, 1L, 1L); }

    /** {@code beta * self + alpha * (mat1 @ mat2)}. */
    default Tensor addmm(Tensor mat1, Tensor mat2, Number beta, Number alpha) {
        return apply(LinalgOps.ADDMM, self(), mat1, mat2, Scalars.of(beta), Scalars.of(alpha));
    }

    default Tensor addmm_(Tensor mat1, Tensor mat2) { return addmm_(mat1, mat2, 1L, 1L); }

    default Tensor addmm_(Tensor mat1, Tensor mat2, Number beta, Number alpha) {
        return apply(LinalgOps.inplace(LinalgOps.ADDMM), self(), mat1, mat2, Scalars.of(beta), Scalars.of(alpha));
    }

    default Tensor baddbmm(Tensor batch1, Tensor batch2) { return baddbmm(batch1, batch2, 1L, 1L); }

    /** {@code beta * self + alpha * bmm(batch1, batch2)}. */
    default Tensor baddbmm(Tensor batch1, Tensor batch2, Number beta, Number alpha) {
        return apply(LinalgOps.BADDBMM, self(), batch1, batch2, Scalars.of(beta), Scalars.of(alpha));
    }

    default Tensor baddbmm_(Tensor batch1, Tensor batch2) { return baddbmm_(batch1, batch2, 1L, 1L); }

    default Tensor baddbmm_(Tensor batch1, Tensor batch2, Number beta, Number alpha) {
        return apply(LinalgOps.inplace(LinalgOps.BADDBMM), self(), batch1, batch2, Scalars.of(beta), Scalars.of(alpha));
    }

    /** The inner product of two 1-D tensors, as a 0-D tensor. */
    default Tensor dot(Tensor other) { return apply(LinalgOps.DOT, self(), other); }

    /** {@code self @ vec} for a matrix and a vector. */
    default Tensor mv(Tensor vec) { return apply(LinalgOps.MV, self(), vec); }

    default Tensor addmv(Tensor mat, Tensor vec) { return addmv(mat, vec, 1L, 1L); }

    /** {@code beta * self + alpha * (mat @ vec)}. */
    default Tensor addmv(Tensor mat, Tensor vec, Number beta, Number alpha) {
        return apply(LinalgOps.ADDMV, self(), mat, vec, Scalars.of(beta), Scalars.of(alpha));
    }

    default Tensor addmv_(Tensor mat, Tensor vec) { return addmv_(mat, vec, 1L, 1L); }

    default Tensor addmv_(Tensor mat, Tensor vec, Number beta, Number alpha) {
        return apply(LinalgOps.inplace(LinalgOps.ADDMV), self(), mat, vec, Scalars.of(beta), Scalars.of(alpha));
    }

    /** The outer product of two 1-D tensors. */
    default Tensor outer(Tensor vec2) { return apply(LinalgOps.OUTER, self(), vec2); }
}
