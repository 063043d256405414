package dev.kiln.runtime.shape;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.aten.ShapeJoins;
import dev.kiln.ir.op.aten.ShapeOps;
import dev.kiln.ir.op.aten.ViewSlices;
import dev.kiln.runtime.memory.TensorData;
import java.util.List;

/** Concatenation: each input is copied into its slab of the output. */
final class Joins {
    private Joins() {}

    static TensorData cat(List<TensorData> tensors, long dim) {
        ShapeJoins.Join join = ShapeJoins.cat(ShapeOps.CAT.name(), tensors, dim);
        TensorData out = TensorData.zeros(join.dtype(), join.sizes());
        Geometry whole = out.geometry();
        long at = 0;
        for (TensorData t : tensors) {
            if (ShapeJoins.skippedByCat(t)) continue;
            long n = t.sizes()[join.dim()];
            Blocks.copy(t, out.withGeometry(ViewSlices.range(whole, join.dim(), at, n, 1)));
            at += n;
        }
        return out;
    }
}
