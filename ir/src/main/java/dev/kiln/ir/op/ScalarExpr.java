package dev.kiln.ir.op;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The element-wise meaning of a pointwise op: a small expression tree over the op's arguments and
 * {@link ScalarOp} primitives. Eager kernels interpret it in cache-sized chunks; code generators compile it.
 * {@link Choice} and {@link IfPresent} pick a sub-expression from a constant argument (a mode string, an
 * optional bound); they are resolved per call before evaluation, so backends only see the other nodes.
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

    /**
     * The option whose key equals the str argument at {@code arg} ({@code rounding_mode}, {@code approximate});
     * a null key stands for None. Any other value is an error of the call.
     */
    record Choice(int arg, List<String> keys, List<ScalarExpr> options) implements ScalarExpr {
        public Choice {
            keys = Collections.unmodifiableList(new ArrayList<>(keys));
            options = List.copyOf(options);
            if (keys.size() != options.size() || keys.isEmpty()) {
                throw new IllegalArgumentException("a choice needs one option per key, got " + keys + " and " + options.size() + " options");
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("choice($" + arg);
            for (int i = 0; i < keys.size(); i++) sb.append(", ").append(keys.get(i)).append(": ").append(options.get(i));
            return sb.append(')').toString();
        }
    }

    /** {@code present} when the optional argument at {@code arg} is given, {@code absent} when it is None. */
    record IfPresent(int arg, ScalarExpr present, ScalarExpr absent) implements ScalarExpr {
        @Override
        public String toString() { return "given($" + arg + ", " + present + ", " + absent + ")"; }
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

        /** {@code choice(1, "none", gelu, "tanh", geluTanh)}: alternating keys (null for None) and options. */
        public static ScalarExpr choice(int arg, Object... keysAndOptions) {
            if (keysAndOptions.length % 2 != 0) throw new IllegalArgumentException("choice needs key, option pairs");
            List<String> keys = new ArrayList<>();
            List<ScalarExpr> options = new ArrayList<>();
            for (int i = 0; i < keysAndOptions.length; i += 2) {
                keys.add((String) keysAndOptions[i]);
                options.add((ScalarExpr) keysAndOptions[i + 1]);
            }
            return new Choice(arg, keys, options);
        }

        public static ScalarExpr ifPresent(int arg, ScalarExpr present, ScalarExpr absent) { return new IfPresent(arg, present, absent); }
    }
}
