package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.aten.LinalgRules.concat;
import static dev.kiln.ir.op.aten.LinalgRules.product;
import static dev.kiln.ir.op.aten.LinalgRules.spec;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import java.util.Arrays;

/**
 * The rules of {@code matmul} and {@code linear}. PyTorch 1.13 reduces matmul to dot, mv, mm (folding the batch
 * of an N-D operand into matrix rows when the other is 1-D or 2-D) or a broadcast bmm; the rule follows the same
 * case analysis so that a bad call fails with the message of the primitive PyTorch would have called. Rules see
 * no strides, so where PyTorch's choice depends on the layout the contiguous case is assumed: PyTorch does not
 * fold a 3-D operand whose last two dims are transposed (its bmm then reports a mismatch instead of mm), and
 * takes linear's addmm route for 3-D input only when it is contiguous (so only there a bias of another dtype
 * is an error).
 */
public final class LinalgMatmul {
    private LinalgMatmul() {}

    static TensorSpec matmul(String op, TensorMeta t1, TensorMeta t2) {
        int d1 = t1.dim(), d2 = t2.dim();
        if (d1 == 0 || d2 == 0) {
            throw OpError.of(op, "both arguments to matmul need to be at least 1D, but they are " + d1 + "D and " + d2 + "D");
        }
        if (d1 == 1 && d2 == 1) return LinalgRules.dot(op, t1, t2);
        if (d1 == 2 && d2 == 1) return LinalgRules.mv(op, t1, t2);
        if (d1 == 1 && d2 == 2) {
            TensorSpec r = LinalgRules.mm(op, meta(t1, 1, t1.size(0)), t2);
            return spec(t1, r.dtype(), r.size(1));
        }
        if (d1 == 2 && d2 == 2) return LinalgRules.mm(op, t1, t2);
        if (d1 >= 3 && d2 <= 2) return folded(op, t1, t2, t1.sizes(), false);
        if (d2 >= 3 && d1 <= 2) return folded(op, transposed(t2), d1 == 2 ? transposed(t1) : t1, t2.sizes(), true);
        return batched(op, t1, t2);
    }

    /** N-D @ 1-D or 2-D: the batch of {@code big} is folded into the rows of one mm or mv. */
    private static TensorSpec folded(String op, TensorMeta big, TensorMeta small, long[] bigSizes, boolean transpose) {
        long[] s = big.sizes();
        int d = s.length;
        TensorMeta flat = meta(big, product(s, 0, d - 1), s[d - 1]);
        DType dtype = small.dim() == 2 ? LinalgRules.mm(op, flat, small).dtype() : LinalgRules.mv(op, flat, small).dtype();
        long[] batch = Arrays.copyOf(bigSizes, bigSizes.length - 2);
        if (!transpose) {
            long[] rows = Arrays.copyOf(s, d - 1);
            return spec(big, dtype, small.dim() == 2 ? concat(rows, small.size(1)) : rows);
        }
        long p = bigSizes[bigSizes.length - 1];
        return spec(big, dtype, small.dim() == 2 ? concat(batch, small.size(1), p) : concat(batch, p));
    }

    /** Both operands batched (or one 1-D against an N-D one): broadcast the batch dims and run bmm. */
    private static TensorSpec batched(String op, TensorMeta t1, TensorMeta t2) {
        long[] s1 = t1.sizes(), s2 = t2.sizes();
        long n = s1.length > 1 ? s1[s1.length - 2] : 1, m1 = s1[s1.length - 1];
        long m2 = s2.length > 1 ? s2[s2.length - 2] : s2[0], p = s2.length > 1 ? s2[s2.length - 1] : 1;
        long[] batch = Shapes.broadcast(op, Arrays.copyOf(s1, Math.max(s1.length - 2, 0)), Arrays.copyOf(s2, Math.max(s2.length - 2, 0)));
        long b = product(batch, 0, batch.length);
        TensorSpec r = LinalgRules.bmm(op, "bmm", meta(t1, b, n, m1), meta(t2, b, m2, p));
        long[] out = batch;
        if (s1.length > 1) out = concat(out, n);
        if (s2.length > 1) out = concat(out, p);
        return spec(t1, r.dtype(), out);
    }

    /** {@code linear(input, weight, bias)}: input @ weight.t() + bias, checked as addmm for 2-D and 3-D input with a bias. */
    static TensorSpec linear(String op, TensorMeta input, TensorMeta weight, TensorMeta bias) {
        if (input.dim() == 0 || weight.dim() == 0) {
            throw OpError.of(op, "both arguments to linear need to be at least 1D, but they are " + input.dim() + "D and "
                    + weight.dim() + "D");
        }
        if (weight.dim() > 2) throw OpError.of(op, "t() expects a tensor with <= 2 dimensions, but self is " + weight.dim() + "D");
        TensorMeta wt = weight.dim() == 2 ? transposed(weight) : weight;
        if (bias != null && (input.dim() == 2 || input.dim() == 3)) {
            long[] s = input.sizes();
            TensorSpec r = LinalgRules.addmm(op, bias, meta(input, product(s, 0, s.length - 1), s[s.length - 1]), wt);
            return spec(input, r.dtype(), concat(Arrays.copyOf(s, s.length - 1), r.size(1)));
        }
        TensorSpec out = matmul(op, input, wt);
        if (bias == null) return out;
        long[] shape = Shapes.broadcast(op, out.sizes(), bias.sizes());
        if (!Arrays.equals(shape, out.sizes())) {
            throw OpError.of(op, "output with shape " + Shapes.format(out.sizes()) + " doesn't match the broadcast shape " + Shapes.format(shape));
        }
        DType promoted = new TypePromotion.ResultType().tensor(out.dtype(), out.dim()).tensor(bias.dtype(), bias.dim()).result();
        if (!TypePromotion.canCast(promoted, out.dtype())) {
            throw OpError.of(op, "result type " + promoted.legacyName() + " can't be cast to the desired output type " + out.dtype().legacyName());
        }
        return out;
    }

    private static TensorMeta meta(TensorMeta like, long... sizes) { return new TensorSpec(like.dtype(), sizes, like.device()); }

    /** The meta of {@code t.mT()}: the last two dims swapped. */
    private static TensorMeta transposed(TensorMeta t) {
        long[] s = t.sizes().clone();
        int d = s.length;
        long last = s[d - 1];
        s[d - 1] = s[d - 2];
        s[d - 2] = last;
        return meta(t, s);
    }
}
