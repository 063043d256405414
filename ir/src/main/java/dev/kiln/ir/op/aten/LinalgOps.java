package dev.kiln.ir.op.aten;

/** The matrix-multiply family: mm, bmm, matmul, addmm, linear, einsum and friends. */
public final class LinalgOps {
    private LinalgOps() {}
}
