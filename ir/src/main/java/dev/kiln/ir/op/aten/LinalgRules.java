package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import java.util.Arrays;

/**
 * Shape and dtype rules of the matrix-multiply ops, with PyTorch 1.13's checks and messages. The composite
 * ops (matmul, linear) reuse the rules of the primitive they reduce to, so their errors read the same.
 */
public final class LinalgRules {
    private LinalgRules() {}

    static TensorSpec[] one(TensorSpec spec) { return new TensorSpec[]{spec}; }

    static TensorSpec spec(TensorMeta like, DType dtype, long... sizes) { return new TensorSpec(dtype, sizes, like.device()); }

    /** Rejects the dtypes PyTorch's CPU kernel {@code kernel} is not compiled for (bool, half). */
    static void requireGemmType(String op, String kernel, DType dtype) {
        if (dtype == DType.BOOL || dtype == DType.FLOAT16) {
            throw OpError.of(op, "\"" + kernel + "\" not implemented for '" + dtype.legacyName() + "'");
        }
    }

    static void sameType(String op, TensorMeta expected, TensorMeta found) {
        if (expected.dtype() != found.dtype()) {
            throw OpError.of(op, "expected scalar type " + expected.dtype().legacyName() + " but found " + found.dtype().legacyName());
        }
    }

    static String dims(TensorMeta t) { return t.dim() + "-D"; }

    /** {@code mm}: [n,k] @ [k,m] -> [n,m]. */
    static TensorSpec mm(String op, TensorMeta self, TensorMeta mat2) {
        if (self.dim() != 2) throw OpError.of(op, "self must be a matrix");
        if (mat2.dim() != 2) throw OpError.of(op, "mat2 must be a matrix");
        checkMultipliable(op, self, mat2);
        sameType(op, self, mat2);
        requireGemmType(op, "addmm_impl_cpu_", self.dtype());
        return spec(self, self.dtype(), self.size(0), mat2.size(1));
    }

    private static void checkMultipliable(String op, TensorMeta mat1, TensorMeta mat2) {
        if (mat1.size(1) != mat2.size(0)) {
            throw OpError.of(op, "mat1 and mat2 shapes cannot be multiplied (" + mat1.size(0) + "x" + mat1.size(1) + " and "
                    + mat2.size(0) + "x" + mat2.size(1) + ")");
        }
    }

    /** {@code bmm}: [b,n,k] @ [b,k,m] -> [b,n,m]. */
    static TensorSpec bmm(String op, String kernel, TensorMeta batch1, TensorMeta batch2) {
        if (batch1.dim() != 3) throw OpError.of(op, "batch1 must be a 3D tensor");
        if (batch2.dim() != 3) throw OpError.of(op, "batch2 must be a 3D tensor");
        if (batch2.size(0) != batch1.size(0) || batch2.size(1) != batch1.size(2)) {
            throw OpError.of(op, "Expected size for first two dimensions of batch2 tensor to be: [" + batch1.size(0) + ", "
                    + batch1.size(2) + "] but got: [" + batch2.size(0) + ", " + batch2.size(1) + "].");
        }
        sameType(op, batch1, batch2);
        requireGemmType(op, kernel, batch1.dtype());
        return spec(batch1, batch1.dtype(), batch1.size(0), batch1.size(1), batch2.size(2));
    }

    /** {@code addmm}: self broadcast to [n,m] + mat1 @ mat2; all three share one dtype. */
    static TensorSpec addmm(String op, TensorMeta self, TensorMeta mat1, TensorMeta mat2) {
        if (mat1.dim() != 2) throw OpError.of(op, "mat1 must be a matrix, got " + dims(mat1) + " tensor");
        if (mat2.dim() != 2) throw OpError.of(op, "mat2 must be a matrix, got " + dims(mat2) + " tensor");
        if (self.dtype() != mat2.dtype()) throw OpError.of(op, "self and mat2 must have the same dtype");
        if (mat1.dtype() != mat2.dtype()) throw OpError.of(op, "mat1 and mat2 must have the same dtype");
        checkMultipliable(op, mat1, mat2);
        long[] out = {mat1.size(0), mat2.size(1)};
        checkExpandable(op, self, out);
        requireGemmType(op, "addmm_impl_cpu_", mat1.dtype());
        return spec(mat1, mat1.dtype(), out);
    }

    /** {@code baddbmm}: self broadcast to [b,n,m] + batch1 @ batch2; self may have another dtype. */
    static TensorSpec baddbmm(String op, TensorMeta self, TensorMeta batch1, TensorMeta batch2) {
        TensorSpec out = bmm(op, "baddbmm", batch1, batch2);
        checkExpandable(op, self, out.sizes());
        return out;
    }

    /** {@code dot}: two 1-D tensors of one dtype and length -> a 0-D tensor. */
    static TensorSpec dot(String op, TensorMeta self, TensorMeta other) {
        if (self.dim() != 1 || other.dim() != 1) {
            throw OpError.of(op, "1D tensors expected, but got " + self.dim() + "D and " + other.dim() + "D tensors");
        }
        if (self.dtype() != other.dtype()) {
            throw OpError.of(op, "expected both vectors to have same dtype, but found " + self.dtype().legacyName() + " and "
                    + other.dtype().legacyName());
        }
        if (self.size(0) != other.size(0)) {
            throw OpError.of(op, "inconsistent tensor size, expected tensor [" + self.size(0) + "] and src [" + other.size(0)
                    + "] to have the same number of elements, but got " + self.size(0) + " and " + other.size(0)
                    + " elements respectively");
        }
        requireGemmType(op, "dot", self.dtype());
        return spec(self, self.dtype());
    }

    /** {@code addmv} (and {@code mv}, whose self is a length-1 stand-in): self broadcast to [n] + mat @ vec. */
    static TensorSpec addmv(String op, TensorMeta self, TensorMeta mat, TensorMeta vec) {
        if (mat.dim() != 2 || vec.dim() != 1 || self.dim() > 1) {
            throw OpError.of(op, "vector + matrix @ vector expected, got " + self.dim() + ", " + mat.dim() + ", " + vec.dim());
        }
        long n = mat.size(0);
        boolean selfFits = self.dim() == 0 || self.size(0) == n || self.size(0) == 1;
        if (mat.size(1) != vec.size(0) || !selfFits) {
            long selfSize = self.dim() == 0 ? 1 : self.size(0);
            throw OpError.of(op, "size mismatch, got " + selfSize + ", " + n + "x" + mat.size(1) + "," + vec.size(0));
        }
        sameType(op, mat, vec);
        requireGemmType(op, "addmv_impl_cpu", mat.dtype());
        return spec(mat, mat.dtype(), n);
    }

    static TensorSpec mv(String op, TensorMeta mat, TensorMeta vec) {
        long n = mat.dim() == 2 ? mat.size(0) : 1;
        return addmv(op, new TensorSpec(mat.dtype(), new long[]{n}, mat.device()), mat, vec);
    }

    /** {@code outer}: [n] x [m] -> [n,m] with mul's type promotion. */
    static TensorSpec outer(String op, TensorMeta self, TensorMeta vec2) {
        if (self.dim() != 1) throw OpError.of(op, "Expected 1-D argument self, but got " + dims(self));
        if (vec2.dim() != 1) throw OpError.of(op, "Expected 1-D argument vec2, but got " + dims(vec2));
        DType dtype = new TypePromotion.ResultType().tensor(self.dtype(), 1).tensor(vec2.dtype(), 1).result();
        return spec(self, dtype, self.size(0), vec2.size(0));
    }

    /** Checks that {@code t} broadcasts to exactly {@code target}, as {@code Tensor.expand} does. */
    static void checkExpandable(String op, TensorMeta t, long[] target) {
        long[] s = t.sizes();
        if (s.length > target.length) {
            throw OpError.of(op, "expand(" + t.dtype().legacyName() + "Tensor" + Shapes.format(s) + ", size=" + Shapes.format(target)
                    + "): the number of sizes provided (" + target.length
                    + ") must be greater or equal to the number of dimensions in the tensor (" + s.length + ")");
        }
        for (int i = 0; i < s.length; i++) {
            int d = target.length - s.length + i;
            if (s[i] != 1 && s[i] != target[d]) {
                throw OpError.of(op, "The expanded size of the tensor (" + target[d] + ") must match the existing size (" + s[i]
                        + ") at non-singleton dimension " + d + ".  Target sizes: " + Shapes.format(target) + ".  Tensor sizes: "
                        + Shapes.format(s));
            }
        }
    }

    static long product(long[] sizes, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) p *= sizes[i];
        return p;
    }

    static long[] concat(long[] a, long... b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
