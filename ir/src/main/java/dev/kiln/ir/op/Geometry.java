package dev.kiln.ir.op;

import java.util.Arrays;

/** A strided view onto storage: sizes, strides (in elements) and the storage offset. */
public record Geometry(long[] sizes, long[] strides, long offset) {

    public static Geometry contiguous(long[] sizes) { return new Geometry(sizes, contiguousStrides(sizes), 0); }

    public static long[] contiguousStrides(long[] sizes) {
        long[] strides = new long[sizes.length];
        long s = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(sizes[i], 1);
        }
        return strides;
    }

    public int dim() { return sizes.length; }

    public long numel() {
        long n = 1;
        for (long s : sizes) n *= s;
        return n;
    }

    /** Whether the elements are laid out densely in row-major order (size-1 dims may have any stride). */
    public boolean isContiguous() { return isContiguous(sizes, strides); }

    /** {@link #isContiguous()} for sizes and strides held elsewhere. */
    public static boolean isContiguous(long[] sizes, long[] strides) {
        long expected = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            if (sizes[i] == 1) continue;
            if (sizes[i] == 0) return true;
            if (strides[i] != expected) return false;
            expected *= sizes[i];
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && Arrays.equals(g.sizes, sizes) && Arrays.equals(g.strides, strides) && g.offset == offset;
    }

    @Override
    public int hashCode() { return Arrays.hashCode(sizes) * 31 + Arrays.hashCode(strides) + Long.hashCode(offset); }

    @Override
    public String toString() { return "Geometry" + Arrays.toString(sizes) + Arrays.toString(strides) + "+" + offset; }
}
