package dev.kiln.runtime.random;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import java.util.function.Consumer;

/**
 * A run of {@code length} consecutive storage elements that a sampler fills in order: a contiguous tensor's
 * elements, or the whole storage of a freshly allocated dense tensor in any dimension order.
 */
record Region(DType dtype, Storage storage, int offset, int length) {

    /** The elements of a contiguous tensor. */
    static Region of(TensorData contiguous) {
        return new Region(contiguous.dtype(), contiguous.storage(), (int) contiguous.offset(), (int) contiguous.numel());
    }

    /** All of a fresh tensor's storage (its elements, in memory order). */
    static Region whole(TensorData fresh) { return new Region(fresh.dtype(), fresh.storage(), 0, fresh.storage().length()); }

    /** Fills {@code self} in place: directly when contiguous, else through a contiguous temporary copied back. */
    static TensorData fillInPlace(TensorData self, Consumer<Region> fill) {
        if (self.isContiguous()) {
            fill.accept(of(self));
            return self;
        }
        TensorData tmp = TensorData.zeros(self.dtype(), self.sizes().clone());
        fill.accept(of(tmp));
        Copies.copyInto(tmp, self);
        return self;
    }

    /** Stores {@code values[0 .. length)} converted to the dtype. */
    void store(float[] values) {
        switch (dtype) {
            case FLOAT32 -> System.arraycopy(values, 0, storage.floats(), offset, length);
            case FLOAT16 -> {
                short[] a = storage.shorts();
                for (int i = 0; i < length; i++) a[offset + i] = Float.floatToFloat16(values[i]);
            }
            case BFLOAT16 -> {
                short[] a = storage.shorts();
                for (int i = 0; i < length; i++) a[offset + i] = Elements.floatToBfloat16(values[i]);
            }
            default -> {
                for (int i = 0; i < length; i++) Elements.setDouble(dtype, storage, offset + i, values[i]);
            }
        }
    }

    /** Stores {@code values[0 .. length)} converted to the dtype. */
    void store(double[] values) {
        switch (dtype) {
            case FLOAT64 -> System.arraycopy(values, 0, storage.doubles(), offset, length);
            case FLOAT32 -> {
                float[] a = storage.floats();
                for (int i = 0; i < length; i++) a[offset + i] = (float) values[i];
            }
            default -> {
                for (int i = 0; i < length; i++) Elements.setDouble(dtype, storage, offset + i, values[i]);
            }
        }
    }

    /** Stores {@code values[0 .. length)} converted to the dtype (integers wrap, floats round). */
    void store(long[] values) {
        if (dtype == DType.INT64) {
            System.arraycopy(values, 0, storage.longs(), offset, length);
            return;
        }
        for (int i = 0; i < length; i++) Elements.setLong(dtype, storage, offset + i, values[i]);
    }
}
