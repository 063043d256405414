package dev.kiln.runtime.creation;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import java.util.function.Consumer;

/**
 * A run of {@code length} consecutive storage elements that a kernel fills in order: a contiguous tensor's
 * elements, part of them, or the whole storage of a freshly allocated dense tensor in any dimension order.
 */
public record Region(DType dtype, Storage storage, int offset, int length) {

    /** The elements of a contiguous tensor. */
    public static Region of(TensorData contiguous) {
        return new Region(contiguous.dtype(), contiguous.storage(), (int) contiguous.offset(), (int) contiguous.numel());
    }

    /** All of a fresh tensor's storage (its elements, in memory order). */
    public static Region whole(TensorData fresh) { return new Region(fresh.dtype(), fresh.storage(), 0, fresh.storage().length()); }

    /** Fills {@code self} in place: directly when contiguous, else through a contiguous temporary copied back. */
    public static TensorData fillInPlace(TensorData self, Consumer<Region> fill) {
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
    public void store(float[] values) {
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
    public void store(double[] values) {
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
    public void store(long[] values) {
        switch (dtype) {
            case INT64 -> System.arraycopy(values, 0, storage.longs(), offset, length);
            case INT32 -> {
                int[] a = storage.ints();
                for (int i = 0; i < length; i++) a[offset + i] = (int) values[i];
            }
            default -> {
                for (int i = 0; i < length; i++) Elements.setLong(dtype, storage, offset + i, values[i]);
            }
        }
    }
}
