package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.type.DType;

/**
 * The derivative of {@code scatter_reduce.two}, PyTorch's {@code scatter_reduce_backward}: sum passes the gradient
 * through, mean divides it by each position's count, prod multiplies it by the product of the other factors
 * (computed without dividing by a zero factor), amax/amin share it evenly among the elements equal to the
 * result. Without {@code include_self} the positions scattered into give self no gradient.
 */
final class ScatterReduceGrads {
    private ScatterReduceGrads() {}

    static Object self(Grad g) {
        Object grad = g.grad(), self = g.arg("self");
        Object r = switch ((String) g.arg("reduce")) {
            case "sum" -> grad;
            case "prod" -> {
                Object nonzeroSelf = fill(g, self, eq(g, self, 0L), 1L);
                Object othersProduct = reduce(g, nonzeroSelf, g.arg("src"));
                yield GradOps.div(g, GradOps.mul(g, grad, othersProduct), nonzeroSelf);
            }
            case "mean" -> GradOps.div(g, grad, counts(g, grad));
            case "amax", "amin" -> GradOps.mul(g, eq(g, self, g.arg("result")), distributed(g, grad));
            default -> throw new IllegalStateException("scatter_reduce: unknown reduction " + g.arg("reduce"));
        };
        return (Boolean) g.arg("include_self") ? r : IndexingGrads.scatteredZero(g, r);
    }

    static Object src(Grad g) {
        Object grad = g.grad(), src = g.arg("src"), dim = g.arg("dim"), index = g.arg("index");
        return switch ((String) g.arg("reduce")) {
            case "sum" -> IndexingGrads.gatherGrad(g);
            case "prod" -> prodSrc(g, grad, src);
            case "mean" -> GradOps.div(g, IndexingGrads.gatherGrad(g), IndexingGrads.gather(g, counts(g, grad), dim, index));
            case "amax", "amin" -> {
                Object value = IndexingGrads.gather(g, g.arg("result"), dim, index);
                yield GradOps.mul(g, eq(g, src, value), IndexingGrads.gather(g, distributed(g, grad), dim, index));
            }
            default -> throw new IllegalStateException("scatter_reduce: unknown reduction " + g.arg("reduce"));
        };
    }

    /**
     * prod's src gradient: the product of the other factors, {@code result / src} where src is not zero; for the
     * one zero among a position's factors, the product recomputed with that zero replaced by one; where several
     * zeros meet, zero.
     */
    private static Object prodSrc(Grad g, Object grad, Object src) {
        Object self = g.arg("self"), dim = g.arg("dim"), index = g.arg("index");
        Object zero = eq(g, src, 0L);
        Object zerosPerPosition = IndexingGrads.scatterAdd(g, GradOps.zerosLike(g, self), dim, index,
                GradOps.toDType(g.ops(), zero, GradOps.meta(g, self).dtype()));
        Object singleZero = g.ops().call(PointwiseOps.BITWISE_AND, zero, eq(g, IndexingGrads.gather(g, zerosPerPosition, dim, index), 1L));
        Object othersProduct = reduce(g, self, fill(g, src, singleZero, 1L));
        Object atSingleZero = IndexingGrads.gather(g, GradOps.mul(g, grad, othersProduct), dim, index);
        Object elsewhere = GradOps.div(g, IndexingGrads.gather(g, GradOps.mul(g, grad, g.arg("result")), dim, index), fill(g, src, zero, 1L));
        return GradOps.where(g, singleZero, atSingleZero, elsewhere);
    }

    /** How many values each position of the result averaged (self's own included if it was), at least 1. */
    private static Object counts(Grad g, Object grad) {
        OpBuilder b = g.ops();
        Object start = (Boolean) g.arg("include_self") ? b.call(CreationOps.ONES_LIKE, grad, null, null, null, null, null)
                : GradOps.zerosLike(g, grad);
        Object ones = b.call(CreationOps.ONES_LIKE, g.arg("src"), null, null, null, null, null);
        Object n = IndexingGrads.scatterAdd(g, start, g.arg("dim"), g.arg("index"), ones);
        return fill(g, n, eq(g, n, 0L), 1L);
    }

    /** amax/amin: the gradient divided by how many of self's and src's elements equal each position's result. */
    private static Object distributed(Grad g, Object grad) {
        Object self = g.arg("self"), result = g.arg("result"), dim = g.arg("dim"), index = g.arg("index");
        DType dtype = GradOps.meta(g, self).dtype();
        Object selfIsResult = GradOps.toDType(g.ops(), eq(g, self, result), dtype);
        Object srcIsResult = GradOps.toDType(g.ops(), eq(g, g.arg("src"), IndexingGrads.gather(g, result, dim, index)), dtype);
        return GradOps.div(g, grad, IndexingGrads.scatterAdd(g, selfIsResult, dim, index, srcIsResult));
    }

    /** The forward reduction again on other operands (prod with zeros replaced). */
    private static Object reduce(Grad g, Object self, Object src) {
        return g.ops().call(IndexingOps.SCATTER_REDUCE_TWO, self, g.arg("dim"), g.arg("index"), src, g.arg("reduce"), g.arg("include_self"));
    }

    private static Object eq(Grad g, Object a, Object b) {
        return b instanceof Long s ? g.ops().call(PointwiseOps.EQ_SCALAR, a, s) : g.ops().call(PointwiseOps.EQ, a, b);
    }

    private static Object fill(Grad g, Object a, Object mask, long value) { return g.ops().call(PointwiseOps.MASKED_FILL, a, mask, value); }
}
