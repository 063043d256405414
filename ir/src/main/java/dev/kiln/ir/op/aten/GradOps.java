package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vocabulary derivative formulas are written in: short names for the catalogue ops gradients are made of,
 * each applied through the formula's {@link OpBuilder} so that eager backward, tracing and double backward see
 * ordinary op calls.
 */
public final class GradOps {
    private GradOps() {}

    public static Object add(Grad g, Object a, Object b) { return g.ops().call(PointwiseOps.ADD, a, b, 1L); }

    public static Object sub(Grad g, Object a, Object b) { return g.ops().call(PointwiseOps.SUB, a, b, 1L); }

    public static Object mul(Grad g, Object a, Object b) { return g.ops().call(PointwiseOps.MUL, a, b); }

    public static Object div(Grad g, Object a, Object b) { return g.ops().call(PointwiseOps.DIV, a, b); }

    public static Object neg(Grad g, Object a) { return g.ops().call(PointwiseOps.NEG, a); }

    /** {@code a * s} for a scalar {@code s} given as Long, Double or Boolean; {@code a} itself when s is 1. */
    public static Object scale(Grad g, Object a, Object s) {
        if (s instanceof Long l && l == 1 || s instanceof Double d && d == 1.0) return a;
        return g.ops().call(PointwiseOps.MUL_SCALAR, a, s);
    }

    /** {@code a + s} for a scalar {@code s}. */
    public static Object addScalar(Grad g, Object a, Object s) { return g.ops().call(PointwiseOps.ADD_SCALAR, a, s, 1L); }

    public static Object where(Grad g, Object condition, Object a, Object b) { return g.ops().call(PointwiseOps.WHERE, condition, a, b); }

    public static Object zerosLike(Grad g, Object a) {
        return g.ops().call(CreationOps.ZEROS_LIKE, a, null, null, null, null, null);
    }

    public static Object reshape(Grad g, Object a, long[] sizes) { return g.ops().call(ShapeOps.RESHAPE, a, sizes); }

    public static Object expand(Grad g, Object a, long[] sizes) { return g.ops().call(ShapeOps.EXPAND, a, sizes, false); }

    /** The sizes of tensor input {@code name} in the forward call. */
    public static long[] sizes(Grad g, String name) { return g.meta(name).sizes(); }

    /** Converts {@code a} to {@code dtype} if it has another one. */
    public static Object toDType(OpBuilder b, Object a, DType dtype) {
        return b.meta(a).dtype() == dtype ? a : b.call(PointwiseOps.TO, a, dtype, false, false, null);
    }

    /**
     * Sums {@code x} down to {@code sizes}, the inverse of broadcasting: leading dims are summed away and dims
     * of size 1 in {@code sizes} are summed with keepdim. Returns {@code x} when it already has those sizes.
     */
    public static Object sumToSize(OpBuilder b, Object x, long[] sizes) {
        long[] have = b.meta(x).sizes();
        if (Arrays.equals(have, sizes)) return x;
        int leading = have.length - sizes.length;
        List<Long> dims = new ArrayList<>();
        for (int i = 0; i < have.length; i++) {
            if (i < leading || sizes[i - leading] == 1 && have[i] != 1) dims.add((long) i);
        }
        Object r = x;
        if (!dims.isEmpty()) {
            long[] d = dims.stream().mapToLong(Long::longValue).toArray();
            r = b.call(ReductionOps.SUM_DIM, x, d, true, null);
        }
        return Arrays.equals(b.meta(r).sizes(), sizes) ? r : b.call(ShapeOps.RESHAPE, r, sizes);
    }

    /** Whether a gradient with sizes {@code have} can be summed to {@code want} (i.e. {@code want} broadcasts to it). */
    public static boolean isExpandableTo(long[] want, long[] have) {
        if (want.length > have.length) return false;
        int lead = have.length - want.length;
        for (int i = 0; i < want.length; i++) {
            if (want[i] != have[lead + i] && want[i] != 1) return false;
        }
        return true;
    }

    /** The metadata of a value as the formula's builder sees it. */
    public static TensorMeta meta(Grad g, Object value) { return g.ops().meta(value); }
}
