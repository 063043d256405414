package dev.kiln.runtime.linalg;

import dev.kiln.ir.op.Lowering;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.aten.LinalgOps;
import dev.kiln.ir.op.aten.PointwiseOps;
import dev.kiln.runtime.eager.Kernel;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import dev.kiln.runtime.pointwise.PointwiseEngine;
import java.util.Arrays;

/**
 * CPU kernels of the matrix-multiply family ({@link LinalgOps}); registered with {@link Kernels}. Every product is
 * one call of {@link Gemm#accumulate} on strided views of the operands: vectors become 1-row or 1-column matrices,
 * {@code weight.t()} and broadcast batch dims are views, so nothing is copied for float32 and float64. The
 * in-place variants compute the result and copy it into self, which also makes {@code x.addmm_(x, x)} safe.
 */
public final class LinalgKernels {
    private LinalgKernels() {}

    static {
        Kernels.register(LinalgOps.MM, a -> product(t(a, 0), t(a, 1), null, 0L, 1L));
        Kernels.register(LinalgOps.BMM, a -> product(t(a, 0), t(a, 1), null, 0L, 1L));
        Kernel scaledProduct = a -> product(t(a, 1), t(a, 2), t(a, 0), a[3], a[4]);
        Kernels.register(LinalgOps.ADDMM, scaledProduct);
        Kernels.register(LinalgOps.inplace(LinalgOps.ADDMM), intoSelf(scaledProduct));
        Kernels.register(LinalgOps.BADDBMM, scaledProduct);
        Kernels.register(LinalgOps.inplace(LinalgOps.BADDBMM), intoSelf(scaledProduct));
        Kernels.register(LinalgOps.DOT, a -> dot(t(a, 0), t(a, 1)));
        Kernels.register(LinalgOps.MV, a -> mv(t(a, 0), t(a, 1), null, 0L, 1L));
        Kernel addmv = a -> mv(t(a, 1), t(a, 2), t(a, 0), a[3], a[4]);
        Kernels.register(LinalgOps.ADDMV, addmv);
        Kernels.register(LinalgOps.inplace(LinalgOps.ADDMV), intoSelf(addmv));
        Kernels.register(LinalgOps.OUTER, a -> outer(t(a, 0), t(a, 1)));
        Kernels.register(LinalgOps.MATMUL, a -> matmul(t(a, 0), t(a, 1), null));
        Kernels.register(LinalgOps.LINEAR, a -> matmul(t(a, 0), MatrixViews.transposed(t(a, 1)), t(a, 2)));
        Kernels.register(LinalgOps.EINSUM, EinsumKernel::run);
    }

    private static TensorData t(Object[] args, int i) { return (TensorData) args[i]; }

    private static Kernel intoSelf(Kernel functional) {
        return args -> {
            TensorData self = t(args, 0);
            Copies.copyInto((TensorData) functional.run(args), self);
            return self;
        };
    }

    /** {@code beta * self + alpha * (a @ b)} for matrices [n,k] @ [k,m] or stacks [b,n,k] @ [b,k,m]. */
    private static TensorData product(TensorData a, TensorData b, TensorData self, Object beta, Object alpha) {
        long[] sizes = a.sizes().clone();
        sizes[sizes.length - 1] = b.size(b.dim() - 1);
        TensorData out = TensorData.zeros(a.dtype(), sizes);
        Gemm.accumulate(out, sizes, self, beta, a, b, alpha);
        return out;
    }

    private static TensorData dot(TensorData a, TensorData b) {
        TensorData out = TensorData.zeros(a.dtype(), new long[0]);
        TensorData row = MatrixViews.unsqueeze(a, 0), column = MatrixViews.unsqueeze(b, 1);
        Gemm.accumulate(out, new long[]{1, 1}, null, 0L, row, column, 1L);
        return out;
    }

    /** {@code beta * self + alpha * (mat @ vec)}. */
    private static TensorData mv(TensorData mat, TensorData vec, TensorData self, Object beta, Object alpha) {
        long n = mat.size(0);
        TensorData out = TensorData.zeros(mat.dtype(), new long[]{n});
        Gemm.accumulate(out, new long[]{n, 1}, self, beta, mat, MatrixViews.unsqueeze(vec, 1), alpha);
        return out;
    }

    /** {@code self[:, None] * vec2[None, :]} with mul's type promotion. */
    private static TensorData outer(TensorData self, TensorData vec2) {
        Lowering.Pointwise mul = (Lowering.Pointwise) PointwiseOps.MUL.lowering();
        TensorData column = MatrixViews.unsqueeze(self, 1);
        Object[] args = {column, vec2};
        TensorMeta spec = PointwiseOps.MUL.infer(args)[0];
        TensorData out = TensorData.zeros(spec.dtype(), spec.sizes());
        PointwiseEngine.run("aten::outer", mul, args, out);
        return out;
    }

    /**
     * {@code matmul(t1, t2) + bias}: 1-D operands become a row or a column, batch dims broadcast by stride-0 views,
     * and the dims added for 1-D operands are dropped from the result.
     */
    private static TensorData matmul(TensorData t1, TensorData t2, TensorData bias) {
        TensorData a = t1.dim() == 1 ? MatrixViews.unsqueeze(t1, 0) : t1;
        TensorData b = t2.dim() == 1 ? MatrixViews.unsqueeze(t2, 1) : t2;
        long[] batch = Shapes.broadcast("aten::matmul", MatrixViews.batchOf(a), MatrixViews.batchOf(b));
        a = MatrixViews.expandBatch(a, batch);
        b = MatrixViews.expandBatch(b, batch);
        int nb = batch.length;
        long n = a.size(nb), p = b.size(nb + 1);
        long[] shape = Arrays.copyOf(batch, nb + 2);
        shape[nb] = n;
        shape[nb + 1] = p;
        long[] sizes = Arrays.copyOf(batch, nb + (t1.dim() > 1 ? 1 : 0) + (t2.dim() > 1 ? 1 : 0));
        if (t1.dim() > 1) sizes[nb] = n;
        if (t2.dim() > 1) sizes[sizes.length - 1] = p;
        TensorData out = TensorData.zeros(t1.dtype(), sizes);
        Gemm.accumulate(out, shape, bias, 1L, a, b, 1L);
        return out;
    }
}
