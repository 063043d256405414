package dev.kiln.ir.op;

import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import java.util.Arrays;

/** The result of a shape rule: the dtype, sizes and device of one output tensor. */
public record TensorSpec(DType dtype, long[] sizes, Device device) implements TensorMeta {

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.dtype == dtype && Arrays.equals(t.sizes, sizes) && t.device.equals(device);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(sizes) * 31 + dtype.hashCode(); }

    @Override
    public String toString() { return dtype.legacyName() + Arrays.toString(sizes) + (device.isCuda() ? "@" + device : ""); }
}
