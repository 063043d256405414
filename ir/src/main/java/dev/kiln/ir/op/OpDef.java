package dev.kiln.ir.op;

import dev.kiln.ir.schema.Argument;
import dev.kiln.ir.schema.Schema;
import dev.kiln.ir.schema.SchemaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one declaration of an op: its TorchScript schema, its dtype/shape rule and its lowering. Eager execution,
 * tracing, scripting, the IR verifier, passes and code generators all read this declaration; nothing about an
 * op is written anywhere else. Declared in the family classes of {@code dev.kiln.ir.op.aten} and collected by
 * {@link OpCatalogue}.
 */
public final class OpDef {
    private final Schema schema;
    private final String name;
    private final ShapeRule shapeRule;
    private final Lowering lowering;
    private final OpDef functional;
    private final Derivative derivative;

    private OpDef(Schema schema, ShapeRule shapeRule, Lowering lowering, OpDef functional, Derivative derivative) {
        this.schema = Objects.requireNonNull(schema);
        this.name = schema.fullName();
        this.shapeRule = Objects.requireNonNull(shapeRule, () -> schema.fullName() + " has no shape rule");
        this.lowering = Objects.requireNonNull(lowering, () -> schema.fullName() + " has no lowering");
        this.functional = functional;
        this.derivative = derivative;
        if (derivative != null) derivative.check(functional != null ? functional.schema : schema);
    }

    public static Builder declare(String schema) { return new Builder(Schema.parse(schema)); }

    public Schema schema() { return schema; }

    public ShapeRule shapeRule() { return shapeRule; }

    public Lowering lowering() { return lowering; }

    /** The op name used in error messages and IR, e.g. {@code aten::add.Tensor}. */
    public String name() { return name; }

    /** For an in-place variant ({@code add_}), its out-of-place original; null otherwise. */
    public OpDef functional() { return functional; }

    public boolean isInplace() { return functional != null; }

    /**
     * How gradients flow through this op: declared with it, shared by its in-place variant; null when the op
     * has none declared. A composite op needs none: autograd records the ops it expands into.
     */
    public Derivative derivative() { return derivative; }

    public TensorSpec[] infer(Object[] args) { return shapeRule.infer(args); }

    @Override
    public String toString() { return schema.toString(); }

    /** Collects the pieces of a declaration; {@link #build()} registers the op (and its in-place variant). */
    public static final class Builder {
        private final Schema schema;
        private ShapeRule rule;
        private Lowering lowering;
        private boolean inplace;
        private String inplaceName;
        private Derivative derivative;

        private Builder(Schema schema) { this.schema = schema; }

        public Builder rule(ShapeRule rule) {
            this.rule = rule;
            return this;
        }

        public Builder lowering(Lowering lowering) {
            this.lowering = lowering;
            return this;
        }

        /**
         * A pointwise op: the shape rule is broadcasting with {@code promotion} plus the op's own {@code checks},
         * the lowering is {@code expr}.
         */
        public Builder pointwise(PromotionKind promotion, ScalarExpr expr, PointwiseRule.Check... checks) {
            this.lowering = new Lowering.Pointwise(expr, promotion);
            this.rule = PointwiseRule.of(schema.fullName(), promotion, expr, checks);
            return this;
        }

        public Builder view(Lowering.ViewFunction function) {
            this.lowering = new Lowering.View(function);
            return this;
        }

        public Builder composite(Lowering.Decomposition decomposition) {
            this.lowering = new Lowering.Composite(decomposition);
            return this;
        }

        public Builder library() {
            this.lowering = new Lowering.Library();
            return this;
        }

        /** How the op is differentiated ({@link Derivative#of}); {@link #nonDifferentiable()} where no gradient flows. */
        public Builder derivative(Derivative.Term... terms) {
            this.derivative = Derivative.of(terms);
            return this;
        }

        public Builder derivative(Derivative derivative) {
            this.derivative = derivative;
            return this;
        }

        /** Declares that no gradient flows through this op (its result is integral, boolean, or piecewise constant). */
        public Builder nonDifferentiable() {
            this.derivative = Derivative.none();
            return this;
        }

        /** Also declare the in-place variant {@code name_}, which writes its result into {@code self}. */
        public Builder withInplace() {
            this.inplace = true;
            return this;
        }

        /** Like {@link #withInplace()} where PyTorch names the variant otherwise: {@code pow_.Scalar} for {@code pow.Tensor_Scalar}. */
        public Builder withInplace(String nameAndOverload) {
            this.inplace = true;
            this.inplaceName = nameAndOverload;
            return this;
        }

        public OpDef build() {
            OpDef op = new OpDef(schema, rule, lowering, null, derivative);
            OpCatalogue.register(op);
            if (inplace) OpCatalogue.register(inplaceOf(op, inplaceName));
            return op;
        }

        private static OpDef inplaceOf(OpDef op, String nameAndOverload) {
            Schema s = op.schema;
            String name = s.name() + "_", overload = s.overload();
            if (nameAndOverload != null) {
                int dot = nameAndOverload.indexOf('.');
                name = dot < 0 ? nameAndOverload : nameAndOverload.substring(0, dot);
                overload = dot < 0 ? "" : nameAndOverload.substring(dot + 1);
            }
            List<Argument> args = new ArrayList<>(s.arguments());
            Argument self = args.getFirst();
            SchemaType mutated = new SchemaType(SchemaType.Base.TENSOR, false, -1, false, false, "a", true);
            args.set(0, new Argument(self.name(), mutated, self.defaultValue(), self.kwargOnly()));
            Schema inplaceSchema = new Schema(s.namespace(), name, overload, args,
                    List.of(new Argument("", mutated, Argument.NO_DEFAULT, false)));
            ShapeRule functionalRule = op.shapeRule;
            ShapeRule rule = a -> InplaceRule.check(inplaceSchema.fullName(), (TensorMeta) a[0], functionalRule.infer(a));
            return new OpDef(inplaceSchema, rule, op.lowering, op, op.derivative);
        }
    }
}
