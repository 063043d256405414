package dev.kiln.runtime.memory;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;

/**
 * The memory behind one or more tensors: a Java primitive array on the CPU, chosen by
 * {@link DType#storage()}. It carries the version counter that every in-place write bumps and that views
 * share, which is what autograd checks saved tensors against.
 */
public final class Storage {
    private final Object array;
    private final int length;
    private final Device device;
    private int version;

    private Storage(Object array, int length, Device device) {
        this.array = array;
        this.length = length;
        this.device = device;
    }

    /** Allocates zero-filled CPU memory for {@code numel} elements of {@code dtype}. */
    public static Storage allocate(DType dtype, long numel) {
        if (numel > Integer.MAX_VALUE - 16) {
            throw OpError.of("allocate", "cannot allocate " + numel + " elements of " + dtype + ": a CPU tensor holds at most "
                    + (Integer.MAX_VALUE - 16));
        }
        int n = (int) numel;
        Object array = switch (dtype.storage()) {
            case BYTE -> new byte[n];
            case SHORT -> new short[n];
            case INT -> new int[n];
            case LONG -> new long[n];
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
        };
        return new Storage(array, n, Device.CPU);
    }

    /** Wraps an existing primitive array without copying. */
    public static Storage wrap(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        return new Storage(array, n, Device.CPU);
    }

    public Object array() { return array; }

    public int length() { return length; }

    public Device device() { return device; }

    public int version() { return version; }

    /** Records an in-place write; every view of this storage sees the new version. */
    public void bumpVersion() { version++; }

    public float[] floats() { return (float[]) array; }

    public double[] doubles() { return (double[]) array; }

    public long[] longs() { return (long[]) array; }

    public int[] ints() { return (int[]) array; }

    public short[] shorts() { return (short[]) array; }

    public byte[] bytes() { return (byte[]) array; }
}
