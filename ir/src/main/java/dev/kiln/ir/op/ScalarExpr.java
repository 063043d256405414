package dev.kiln.ir.op;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The element-wise meaning of a pointwise op: a small expression tree over the op's arguments and
 * {@link ScalarOp} primitives. Eager kernels interpret it in cache-sized chunks; code generators compile it.
 */
public sealed interface ScalarExpr {

    /** A tensor (or promoting scalar) argument at schema position {@code arg}, read in the compute kind. */
    record Input(int arg) implements ScalarExpr {
        @Override
        public String toString() { return "$" + arg; }
    }

    /** A tensor argument read as a bool (nonzero is true), e.g. the condition of {@code where}. */
    record Mask(int arg) implements ScalarExpr {
        @Override
        public String toString() { return "bool($" + arg + ")"; }
    }

    /** A scalar argument that does not take part in type promotion (alpha, min, negative_slope ...). */
    record Param(int arg) implements ScalarExpr {
        @Override
        public String toString() { return "%" + arg; }
    }

    /** A constant, converted to the compute kind. */
    record Literal(double value) implements ScalarExpr {
        @Override
        public String toString() { return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value); }
    }

    /** A primitive applied to operands. */
    record Apply(ScalarOp op, List<ScalarExpr> operands) implements ScalarExpr {
        public Apply {
            operands = List.copyOf(operands);
            if (operands.size() != op.arity()) {
                throw new IllegalArgumentException(op + " takes " + op.arity() + " operands, got " + operands.size());
            }
        }

        @Override
        public String toString() {
            return op.spelling() + operands.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** Terse constructors for op declarations: {@code add(in(0), mul(in(1), param(2)))}. */
    final class Build {
        private Build() {}

        public static ScalarExpr in(int arg) { return new Input(arg); }

        public static ScalarExpr mask(int arg) { return new Mask(arg); }

        public static ScalarExpr param(int arg) { return new Param(arg); }

        public static ScalarExpr lit(double v) { return new Literal(v); }

        public static ScalarExpr ap(ScalarOp op, ScalarExpr... operands) { return new Apply(op, List.of(operands)); }

        public static ScalarExpr add(ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.ADD, a, b); }

        public static ScalarExpr sub(ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.SUB, a, b); }

        public static ScalarExpr mul(ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.MUL, a, b); }

        public static ScalarExpr div(ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.DIV, a, b); }

        public static ScalarExpr where(ScalarExpr c, ScalarExpr a, ScalarExpr b) { return ap(ScalarOp.WHERE, c, a, b); }
    }
}
