package dev.kiln.ir.op;

import dev.kiln.ir.type.TypePromotion;
import java.util.Arrays;

/** The checks an in-place op adds to its functional rule: the result must fit {@code self}'s shape and dtype. */
final class InplaceRule {
    private InplaceRule() {}

    static TensorSpec[] check(String op, TensorMeta self, TensorSpec[] functional) {
        TensorSpec out = functional[0];
        if (!Arrays.equals(out.sizes(), self.sizes())) {
            throw OpError.of(op, "output with shape " + Shapes.format(self.sizes())
                    + " doesn't match the broadcast shape " + Shapes.format(out.sizes()));
        }
        if (!TypePromotion.canCast(out.dtype(), self.dtype())) {
            throw OpError.of(op, "result type " + out.dtype().legacyName() + " can't be cast to the desired output type "
                    + self.dtype().legacyName());
        }
        return new TensorSpec[]{new TensorSpec(self.dtype(), self.sizes(), self.device())};
    }
}
