package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.aten.IndexingChecks.same;
import static dev.kiln.ir.op.aten.IndexingChecks.spec;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import java.util.List;

/** Shape and dtype rules of {@code index.Tensor} and {@code index_put}; the layout itself is {@link IndexLayout}'s. */
final class AdvancedIndexRules {
    private AdvancedIndexRules() {}

    static TensorSpec[] index(Object[] a) {
        TensorMeta self = (TensorMeta) a[0];
        List<?> indices = (List<?>) a[1];
        IndexLayout.check("index", self, indices);
        return spec(self.dtype(), IndexLayout.of("index", self.sizes(), IndexLayout.metaShapes(indices)).resultSizes(), self);
    }

    static TensorSpec[] indexPut(Object[] a) {
        String op = "index_put";
        TensorMeta self = (TensorMeta) a[0], values = (TensorMeta) a[2];
        List<?> indices = (List<?>) a[1];
        IndexLayout.check(op, self, indices);
        if (values.dtype() != self.dtype()) {
            throw OpError.of(op, "Index put requires the source and destination dtypes match, got " + self.dtype().legacyName()
                    + " for the destination and " + values.dtype().legacyName() + " for the source.");
        }
        IndexLayout.of(op, self.sizes(), IndexLayout.metaShapes(indices)).checkValues(op, values.sizes());
        return same(self);
    }
}
