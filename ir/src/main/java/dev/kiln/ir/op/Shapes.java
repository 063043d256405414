package dev.kiln.ir.op;

import java.util.Arrays;

/** Shape arithmetic shared by rules and kernels: broadcasting, dimension wrapping, and formatting for messages. */
public final class Shapes {
    private Shapes() {}

    /** The broadcast of two shapes, or an error naming the op and the mismatching dimension. */
    public static long[] broadcast(String op, long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            int ia = a.length - n + i, ib = b.length - n + i;
            long sa = ia >= 0 ? a[ia] : 1, sb = ib >= 0 ? b[ib] : 1;
            if (sa == sb || sb == 1) out[i] = sa;
            else if (sa == 1) out[i] = sb;
            else throw OpError.of(op, "The size of tensor a (" + sa + ") must match the size of tensor b (" + sb
                    + ") at non-singleton dimension " + i + " (shapes " + format(a) + " and " + format(b) + ")");
        }
        return out;
    }

    /** Wraps a possibly negative dimension into {@code [0, rank)}; rank 0 accepts -1 and 0, as PyTorch does. */
    public static int wrapDim(String op, long dim, int rank) { return (int) wrapPosition(op, dim, rank); }

    /**
     * Wraps a possibly negative position along a dimension of {@code size} into {@code [0, size)} with PyTorch's
     * {@code maybe_wrap_dim} message; size 0 accepts -1 and 0. Sizes are long: views may exceed the int range.
     */
    public static long wrapPosition(String op, long position, long size) {
        long r = Math.max(size, 1);
        if (position < -r || position >= r) {
            throw OpError.index(op, "Dimension out of range (expected to be in range of [" + (-r) + ", " + (r - 1)
                    + "], but got " + position + ")");
        }
        return position < 0 ? position + r : position;
    }

    /** Checks that a size fits the int-indexed storage Kiln uses on the CPU. */
    public static long checkedNumel(String op, long[] sizes) {
        long n = 1;
        for (long s : sizes) {
            if (s < 0) throw OpError.of(op, "negative dimension " + s + " in size " + format(sizes));
            n = Math.multiplyExact(n, s);
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw OpError.of(op, "tensor of size " + format(sizes) + " has " + n + " elements, more than the "
                    + (Integer.MAX_VALUE - 16) + " a CPU tensor can hold");
        }
        return n;
    }

    public static String format(long[] sizes) {
        return Arrays.toString(sizes);
    }
}
