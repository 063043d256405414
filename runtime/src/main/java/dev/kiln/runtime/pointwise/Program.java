package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.ScalarExpr;
import dev.kiln.ir.op.ScalarOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pointwise expression (with its choices resolved) compiled for one compute kind into straight-line
 * register code. Leaf registers come first (one per distinct argument or literal), then one register per
 * instruction; casts are explicit instructions with a null op.
 */
final class Program {

    /** Where a leaf register's values come from: an argument (read as a mask, a parameter or an operand) or a literal. */
    record Leaf(int arg, boolean mask, boolean param, Double value) {
        boolean literal() { return value != null; }
    }

    /** One step: {@code dst = op(src...)} with operands of kind {@code kind}; op null means cast to dst's kind. */
    record Instr(ScalarOp op, Kind kind, int dst, int[] src) {}

    final Kind[] kinds;
    final Leaf[] leaves;
    final Instr[] code;
    final int result;

    private Program(Kind[] kinds, Leaf[] leaves, Instr[] code, int result) {
        this.kinds = kinds;
        this.leaves = leaves;
        this.code = code;
        this.result = result;
    }

    static Program compile(ScalarExpr expr, Kind compute) {
        return new Compiler(compute).finish(expr);
    }

    private static final class Compiler {
        private final Kind compute;
        private final List<Kind> kinds = new ArrayList<>();
        private final List<Leaf> leaves = new ArrayList<>();
        private final Map<Object, Integer> leafIndex = new LinkedHashMap<>();
        private final List<Instr> code = new ArrayList<>();

        Compiler(Kind compute) { this.compute = compute; }

        Program finish(ScalarExpr expr) {
            collectLeaves(expr);
            if (leaves.size() > 64) throw new IllegalStateException("an expression reads at most 64 operands, got " + leaves.size());
            int r = emit(expr);
            return new Program(kinds.toArray(Kind[]::new), leaves.toArray(Leaf[]::new), code.toArray(Instr[]::new), r);
        }

        private void collectLeaves(ScalarExpr e) {
            if (e instanceof ScalarExpr.Apply a) a.operands().forEach(this::collectLeaves);
            else leaf(e);
        }

        private int leaf(ScalarExpr e) {
            Integer known = leafIndex.get(e);
            if (known != null) return known;
            Leaf leaf = switch (e) {
                case ScalarExpr.Input i -> new Leaf(i.arg(), false, false, null);
                case ScalarExpr.Mask m -> new Leaf(m.arg(), true, false, null);
                case ScalarExpr.Param p -> new Leaf(p.arg(), false, true, null);
                case ScalarExpr.Literal l -> new Leaf(-1, false, false, l.value());
                case ScalarExpr.Apply a -> throw new IllegalStateException("not a leaf: " + a);
                case ScalarExpr.Choice c -> throw new IllegalStateException("choices are resolved before compilation: " + c);
                case ScalarExpr.IfPresent p -> throw new IllegalStateException("choices are resolved before compilation: " + p);
            };
            int r = kinds.size();
            kinds.add(leaf.mask() ? Kind.BOOL : compute);
            leaves.add(leaf);
            leafIndex.put(e, r);
            return r;
        }

        private int emit(ScalarExpr e) {
            if (!(e instanceof ScalarExpr.Apply a)) return leaf(e);
            int[] src = new int[a.operands().size()];
            for (int i = 0; i < src.length; i++) src[i] = emit(a.operands().get(i));
            ScalarOp op = a.op();
            Kind operand = op.signature() == ScalarOp.Signature.LOGICAL ? Kind.BOOL : compute;
            Kind result = switch (op.signature()) {
                case ARITH, FLOAT, INTEGRAL, SELECT -> compute;
                case PREDICATE, LOGICAL -> Kind.BOOL;
            };
            for (int i = 0; i < src.length; i++) {
                Kind want = op.signature() == ScalarOp.Signature.SELECT && i == 0 ? Kind.BOOL : operand;
                src[i] = cast(src[i], want);
            }
            return instr(op, operand, result, src);
        }

        private int cast(int reg, Kind to) {
            return kinds.get(reg) == to ? reg : instr(null, kinds.get(reg), to, new int[]{reg});
        }

        private int instr(ScalarOp op, Kind operandKind, Kind resultKind, int[] src) {
            int dst = kinds.size();
            kinds.add(resultKind);
            code.add(new Instr(op, operandKind, dst, src));
            return dst;
        }
    }
}
