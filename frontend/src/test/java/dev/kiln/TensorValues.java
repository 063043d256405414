package dev.kiln;

import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a tensor's elements in logical (row-major) order, whatever its strides. */
public final class TensorValues {
    private TensorValues() {}

    /** Double for floating dtypes, Long otherwise (bool as 0/1). */
    public static List<Object> of(Tensor t) {
        TensorData d = t.data();
        List<Object> out = new ArrayList<>();
        int[] idx = new int[d.sizes().length];
        for (long k = 0; k < d.numel(); k++) {
            long at = d.offset();
            for (int i = 0; i < idx.length; i++) at += idx[i] * d.strides()[i];
            out.add(d.dtype().isFloatingPoint() ? (Object) Elements.getDouble(d.dtype(), d.storage(), (int) at)
                    : (Object) Elements.getLong(d.dtype(), d.storage(), (int) at));
            for (int i = idx.length - 1; i >= 0; i--) {
                if (++idx[i] < d.sizes()[i]) break;
                idx[i] = 0;
            }
        }
        return out;
    }
}
