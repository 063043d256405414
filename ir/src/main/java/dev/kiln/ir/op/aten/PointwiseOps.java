package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.OpDef.declare;
import static dev.kiln.ir.op.PromotionKind.ALWAYS_BOOL;
import static dev.kiln.ir.op.PromotionKind.DEFAULT;
import static dev.kiln.ir.op.PromotionKind.INT_TO_FLOAT;
import static dev.kiln.ir.op.ScalarExpr.Build.add;
import static dev.kiln.ir.op.ScalarExpr.Build.ap;
import static dev.kiln.ir.op.ScalarExpr.Build.in;
import static dev.kiln.ir.op.ScalarExpr.Build.mul;
import static dev.kiln.ir.op.ScalarExpr.Build.param;

import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.ScalarOp;

/** Element-wise arithmetic, math functions, comparisons and logic. */
public final class PointwiseOps {
    private PointwiseOps() {}

    public static final OpDef ADD = declare("add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor")
            .pointwise(DEFAULT, add(in(0), mul(in(1), param(2)))).withInplace().build();
    public static final OpDef ADD_SCALAR = declare("add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor")
            .pointwise(DEFAULT, add(in(0), mul(in(1), param(2)))).withInplace().build();
    public static final OpDef MUL = declare("mul.Tensor(Tensor self, Tensor other) -> Tensor")
            .pointwise(DEFAULT, mul(in(0), in(1))).withInplace().build();
    public static final OpDef EXP = declare("exp(Tensor self) -> Tensor")
            .pointwise(INT_TO_FLOAT, ap(ScalarOp.EXP, in(0))).withInplace().build();
    public static final OpDef EQ = declare("eq.Tensor(Tensor self, Tensor other) -> Tensor")
            .pointwise(ALWAYS_BOOL, ap(ScalarOp.EQ, in(0), in(1))).withInplace().build();
}
