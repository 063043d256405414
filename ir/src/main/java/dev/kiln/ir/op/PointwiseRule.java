package dev.kiln.ir.op;

import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import dev.kiln.ir.type.TypePromotion;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape and dtype rule every pointwise op shares: broadcast all tensor operands, promote the operands
 * that take part in promotion ({@link ScalarExpr.Input}), and derive the result dtype from the op's
 * {@link PromotionKind}.
 */
public final class PointwiseRule {
    private final String op;
    private final PromotionKind promotion;
    private final int[] promoted;
    private final int[] masks;
    private final int[] params;

    private PointwiseRule(String op, PromotionKind promotion, ScalarExpr expr) {
        this.op = op;
        this.promotion = promotion;
        List<Integer> in = new ArrayList<>(), mk = new ArrayList<>(), pr = new ArrayList<>();
        collect(expr, in, mk, pr);
        this.promoted = in.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
        this.masks = mk.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
        this.params = pr.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
    }

    static ShapeRule of(String op, PromotionKind promotion, ScalarExpr expr) {
        PointwiseRule r = new PointwiseRule(op, promotion, expr);
        return r::infer;
    }

    /** The rule for an expression, for engines that need the compute dtype as well as the result. */
    public static PointwiseRule forExpr(String op, PromotionKind promotion, ScalarExpr expr) {
        return new PointwiseRule(op, promotion, expr);
    }

    private static void collect(ScalarExpr e, List<Integer> in, List<Integer> mk, List<Integer> pr) {
        switch (e) {
            case ScalarExpr.Input i -> in.add(i.arg());
            case ScalarExpr.Mask m -> mk.add(m.arg());
            case ScalarExpr.Param p -> pr.add(p.arg());
            case ScalarExpr.Literal l -> { }
            case ScalarExpr.Apply a -> a.operands().forEach(o -> collect(o, in, mk, pr));
        }
    }

    /** The dtype operands are converted to before the expression is evaluated. */
    public DType computeDType(Object[] args) {
        if (promoted.length == 0) return DType.BOOL;
        TypePromotion.ResultType rt = new TypePromotion.ResultType();
        for (int i : promoted) {
            Object a = args[i];
            if (a instanceof TensorMeta t) rt.tensor(t.dtype(), t.dim());
            else if (a != null) rt.scalar(a);
        }
        DType common = rt.result();
        if (promotion == PromotionKind.KEEP_FIRST && args[promoted[0]] instanceof TensorMeta t) common = t.dtype();
        if (promotion == PromotionKind.INT_TO_FLOAT && !common.isFloatingPoint()) common = TypePromotion.DEFAULT_FLOAT;
        return common;
    }

    public DType resultDType(Object[] args) {
        return promotion == PromotionKind.ALWAYS_BOOL ? DType.BOOL : computeDType(args);
    }

    public TensorSpec[] infer(Object[] args) {
        long[] shape = new long[0];
        Device device = null;
        for (int[] group : new int[][]{promoted, masks}) {
            for (int i : group) {
                if (!(args[i] instanceof TensorMeta t)) continue;
                shape = Shapes.broadcast(op, shape, t.sizes());
                if (t.dim() == 0 && t.device().kind() == Device.Kind.CPU) continue;
                if (device == null) device = t.device();
                else if (!device.equals(t.device())) throw devices(device, t.device());
            }
        }
        DType compute = computeDType(args);
        if (!compute.isFloatingPoint()) {
            for (int p : params) {
                if (args[p] instanceof Double) {
                    throw OpError.of(op, "for integral input tensors, argument '" + nameOf(p) + "' must not be a floating point number");
                }
            }
        }
        return new TensorSpec[]{new TensorSpec(resultDType(args), shape, device == null ? Device.CPU : device)};
    }

    private String nameOf(int arg) {
        return OpCatalogue.lookup(op).map(d -> d.schema().arguments().get(arg).name()).orElse("#" + arg);
    }

    private IllegalArgumentException devices(Device a, Device b) {
        return OpError.of(op, "Expected all tensors to be on the same device, but found at least two devices, " + a + " and " + b + "!");
    }
}
