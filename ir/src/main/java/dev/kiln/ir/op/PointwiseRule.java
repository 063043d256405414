package dev.kiln.ir.op;

import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import dev.kiln.ir.type.TypePromotion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape and dtype rule every pointwise op shares: broadcast all tensor arguments, promote the operands
 * that take part in promotion ({@link ScalarExpr.Input}), derive the compute and result dtypes from the op's
 * {@link PromotionKind}, and reject calls the selected expression cannot compute: floating point primitives on
 * integers, bitwise ones on floats, primitives not defined on bool for bool tensors, scalar parameters that
 * overflow the compute dtype, and whatever the op's own {@link Check}s forbid.
 */
public final class PointwiseRule {

    /** An op-specific condition on a call, run after promotion; throws an {@link OpError} to reject the call. */
    @FunctionalInterface
    public interface Check {
        void check(String op, DType compute, Object[] args);
    }

    /** One resolution of the expression's choices, with what its primitives need of the compute dtype. */
    private record Variant(ScalarExpr expr, boolean floating, boolean integral, ScalarOp notOnBool) {}

    private static final long[] SCALAR_SHAPE = new long[0];

    private final String op;
    private final PromotionKind promotion;
    private final int[] promoted;
    private final int[] params;
    private final int[] selectorArgs;
    private final List<List<String>> selectorKeys;
    private final Variant[] variants;
    private final Check[] checks;

    private PointwiseRule(String op, PromotionKind promotion, ScalarExpr expr, Check[] checks) {
        this.op = op;
        this.promotion = promotion;
        this.checks = checks.clone();
        List<Integer> in = new ArrayList<>(), pr = new ArrayList<>();
        Map<Integer, List<String>> selectors = new LinkedHashMap<>();
        collect(expr, in, pr, selectors);
        this.promoted = in.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
        this.params = pr.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
        this.selectorArgs = selectors.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.selectorKeys = new ArrayList<>(selectors.values());
        int count = 1;
        for (List<String> keys : selectorKeys) count *= radix(keys);
        this.variants = new Variant[count];
        for (int v = 0; v < count; v++) variants[v] = analyse(resolve(expr, v));
    }

    static ShapeRule of(String op, PromotionKind promotion, ScalarExpr expr, Check... checks) {
        PointwiseRule r = new PointwiseRule(op, promotion, expr, checks);
        return r::infer;
    }

    /** The rule for an expression, for engines that need the compute dtype and the selected expression. */
    public static PointwiseRule forExpr(String op, PromotionKind promotion, ScalarExpr expr) {
        return new PointwiseRule(op, promotion, expr, new Check[0]);
    }

    private void collect(ScalarExpr e, List<Integer> in, List<Integer> pr, Map<Integer, List<String>> selectors) {
        switch (e) {
            case ScalarExpr.Input i -> in.add(i.arg());
            case ScalarExpr.Param p -> pr.add(p.arg());
            case ScalarExpr.Mask m -> { }
            case ScalarExpr.Literal l -> { }
            case ScalarExpr.Apply a -> a.operands().forEach(o -> collect(o, in, pr, selectors));
            case ScalarExpr.Choice c -> {
                select(selectors, c.arg(), c.keys());
                c.options().forEach(o -> collect(o, in, pr, selectors));
            }
            case ScalarExpr.IfPresent p -> {
                select(selectors, p.arg(), null);
                collect(p.present(), in, pr, selectors);
                collect(p.absent(), in, pr, selectors);
            }
        }
    }

    private void select(Map<Integer, List<String>> selectors, int arg, List<String> keys) {
        if (selectors.containsKey(arg) && !java.util.Objects.equals(selectors.get(arg), keys)) {
            throw new IllegalArgumentException(op + ": argument " + arg + " selects expressions in two different ways");
        }
        selectors.put(arg, keys);
    }

    private static int radix(List<String> keys) { return keys == null ? 2 : keys.size(); }

    /** The digit of selector {@code s} in variant {@code v} (mixed radix, first selector lowest). */
    private int digit(int v, int s) {
        for (int i = 0; i < s; i++) v /= radix(selectorKeys.get(i));
        return v % radix(selectorKeys.get(s));
    }

    private int selectorIndex(int arg) {
        for (int s = 0; s < selectorArgs.length; s++) if (selectorArgs[s] == arg) return s;
        throw new IllegalStateException("argument " + arg + " selects nothing");
    }

    private ScalarExpr resolve(ScalarExpr e, int v) {
        return switch (e) {
            case ScalarExpr.Input i -> i;
            case ScalarExpr.Param p -> p;
            case ScalarExpr.Mask m -> m;
            case ScalarExpr.Literal l -> l;
            case ScalarExpr.Apply a -> new ScalarExpr.Apply(a.op(), a.operands().stream().map(o -> resolve(o, v)).toList());
            case ScalarExpr.Choice c -> resolve(c.options().get(digit(v, selectorIndex(c.arg()))), v);
            case ScalarExpr.IfPresent p -> resolve(digit(v, selectorIndex(p.arg())) == 0 ? p.present() : p.absent(), v);
        };
    }

    private static Variant analyse(ScalarExpr e) {
        boolean[] flags = new boolean[2];
        ScalarOp[] notOnBool = new ScalarOp[1];
        visit(e, flags, notOnBool);
        return new Variant(e, flags[0], flags[1], notOnBool[0]);
    }

    private static void visit(ScalarExpr e, boolean[] flags, ScalarOp[] notOnBool) {
        if (!(e instanceof ScalarExpr.Apply a)) return;
        flags[0] |= a.op().signature() == ScalarOp.Signature.FLOAT;
        flags[1] |= a.op().signature() == ScalarOp.Signature.INTEGRAL;
        if (!a.op().definedOnBool() && notOnBool[0] == null) notOnBool[0] = a.op();
        a.operands().forEach(o -> visit(o, flags, notOnBool));
    }

    /** Which resolution of the op's choices these arguments select; 0 for ops without choices. */
    public int variant(Object[] args) {
        int v = 0;
        for (int s = selectorArgs.length - 1; s >= 0; s--) {
            List<String> keys = selectorKeys.get(s);
            Object value = args[selectorArgs[s]];
            int d;
            if (keys == null) {
                d = value == null ? 1 : 0;
            } else {
                d = keys.indexOf(value);
                if (d < 0) throw badChoice(selectorArgs[s], keys, value);
            }
            v = v * radix(keys) + d;
        }
        return v;
    }

    /** How many resolutions of its choices the expression has (1 without choices). */
    public int variantCount() { return variants.length; }

    /** The expression with every choice resolved as variant {@code v} selects. */
    public ScalarExpr expression(int variant) { return variants[variant].expr(); }

    /** The dtype operands are converted to before the expression is evaluated. */
    public DType computeDType(Object[] args) { return computeDType(args, variant(args)); }

    public DType computeDType(Object[] args, int variant) {
        if (promotion == PromotionKind.KEEP_FIRST || promotion == PromotionKind.TO_DTYPE) return ((TensorMeta) args[0]).dtype();
        if (promoted.length == 0) return DType.BOOL;
        TypePromotion.ResultType rt = new TypePromotion.ResultType();
        for (int i : promoted) {
            Object a = args[i];
            if (a instanceof TensorMeta t) rt.tensor(t.dtype(), t.dim());
            else if (a instanceof Boolean) rt.scalar(0L);
            else if (a != null) rt.scalar(a);
        }
        DType common = rt.result();
        return switch (promotion) {
            case INT_TO_FLOAT -> common.isFloatingPoint() ? common : TypePromotion.DEFAULT_FLOAT;
            case FLOAT_FOR_TRUE_DIVISION -> variants[variant].floating() && !common.isFloatingPoint() ? TypePromotion.DEFAULT_FLOAT : common;
            case BOOL_TO_LONG -> common == DType.BOOL ? DType.INT64 : common;
            case DEFAULT, ALWAYS_BOOL, KEEP_FIRST, TO_DTYPE -> common;
        };
    }

    public DType resultDType(Object[] args) { return resultDType(args, computeDType(args)); }

    private DType resultDType(Object[] args, DType compute) {
        return switch (promotion) {
            case ALWAYS_BOOL -> DType.BOOL;
            case TO_DTYPE -> args[1] instanceof DType d ? d : compute;
            case DEFAULT, INT_TO_FLOAT, BOOL_TO_LONG, FLOAT_FOR_TRUE_DIVISION, KEEP_FIRST -> compute;
        };
    }

    public TensorSpec[] infer(Object[] args) {
        long[] shape = null;
        Device device = null;
        for (Object a : args) {
            if (!(a instanceof TensorMeta t)) continue;
            long[] s = t.sizes();
            shape = shape == null || Arrays.equals(shape, s) ? s : Shapes.broadcast(op, shape, s);
            if (t.dim() == 0 && t.device().kind() == Device.Kind.CPU) continue;
            if (device == null) device = t.device();
            else if (!device.equals(t.device())) throw devices(device, t.device());
        }
        int v = variant(args);
        DType compute = computeDType(args, v);
        for (Check c : checks) c.check(op, compute, args);
        checkDomain(variants[v], compute);
        for (int p : params) {
            if (args[p] != null) checkFits(op, compute, args[p]);
        }
        return new TensorSpec[]{new TensorSpec(resultDType(args, compute), shape == null ? SCALAR_SHAPE : shape,
                device == null ? Device.CPU : device)};
    }

    private void checkDomain(Variant v, DType compute) {
        if (v.floating() && !compute.isFloatingPoint()) {
            throw OpError.of(op, "not implemented for '" + compute.legacyName() + "' (expected a floating point tensor)");
        }
        if (v.integral() && compute.isFloatingPoint()) {
            throw OpError.of(op, "not implemented for '" + compute.legacyName() + "' (expected an integral or bool tensor)");
        }
        if (compute == DType.BOOL && v.notOnBool() != null) {
            throw OpError.of(op, "not implemented for 'Bool' (" + v.notOnBool().spelling() + " is not defined on bool)");
        }
    }

    /**
     * Rejects a scalar that does not fit {@code dtype}, as PyTorch's checked {@code Scalar.to<T>()} does: integers
     * outside the integral range (uint8 also takes -255..-1, which wrap), finite values beyond the largest float of
     * the dtype. Bool takes any value.
     */
    public static void checkFits(String op, DType dtype, Object scalar) {
        if (dtype == DType.BOOL || dtype == DType.FLOAT64 || scalar instanceof Boolean) return;
        double d = ((Number) scalar).doubleValue();
        boolean overflows = switch (dtype) {
            case UINT8 -> scalar instanceof Long l ? l < -255 || l > 255 : outside(scalar, 0, 255);
            case INT8 -> outside(scalar, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> outside(scalar, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> outside(scalar, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> outside(scalar, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT16 -> Double.isFinite(d) && Math.abs(d) > 65504.0;
            case BFLOAT16 -> Double.isFinite(d) && Math.abs(d) > 3.3895313892515355e38;
            case FLOAT32 -> Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE;
            case FLOAT64, BOOL -> false;
        };
        if (overflows) throw OpError.of(op, "value " + scalar + " cannot be converted to type " + dtype.pyName() + " without overflow");
    }

    private static boolean outside(Object scalar, long min, long max) {
        if (scalar instanceof Long l) return l < min || l > max;
        double d = ((Number) scalar).doubleValue();
        return d < (double) min || d > (double) max;
    }

    private IllegalArgumentException badChoice(int arg, List<String> keys, Object found) {
        List<String> shown = keys.stream().map(k -> k == null ? "None" : "'" + k + "'").toList();
        return OpError.of(op, "expected " + nameOf(arg) + " to be one of " + String.join(", ", shown) + " but found "
                + (found instanceof String s ? "'" + s + "'" : found));
    }

    private String nameOf(int arg) {
        return OpCatalogue.lookup(op).map(d -> d.schema().arguments().get(arg).name()).orElse("#" + arg);
    }

    private IllegalArgumentException devices(Device a, Device b) {
        return OpError.of(op, "Expected all tensors to be on the same device, but found at least two devices, " + a + " and " + b + "!");
    }
}
