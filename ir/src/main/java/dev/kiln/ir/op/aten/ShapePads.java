package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;

/**
 * Rules of the padding ops. A padding list is in PyTorch's order: (left, right) of the last dimension first,
 * then of the one before, and so on; negative entries crop.
 */
public final class ShapePads {
    private ShapePads() {}

    /** How padded positions are filled. */
    public enum Mode {
        CONSTANT("constant"), REFLECT("reflect"), REPLICATE("replicate"), CIRCULAR("circular");

        private final String pyName;

        Mode(String pyName) { this.pyName = pyName; }

        static Mode parse(String op, String name) {
            for (Mode m : values()) {
                if (m.pyName.equals(name)) return m;
            }
            throw OpError.of(op, "Unrecognised padding mode " + name);
        }
    }

    /** Which op {@code pad(self, pad, mode, value)} runs: a mode and, for the non-constant modes, 1 to 3 padded dims. */
    public record Route(Mode mode, int spatial) {}

    /** The sizes after padding (every padded dimension grows by its two pads). */
    public static long[] paddedSizes(long[] sizes, long[] pad) {
        long[] out = sizes.clone();
        for (int i = 0; i < pad.length / 2; i++) out[sizes.length - 1 - i] += pad[2 * i] + pad[2 * i + 1];
        return out;
    }

    /** {@code pad}'s dispatch, with its checks. */
    public static Route route(String op, TensorMeta self, long[] pad, String mode, Double value) {
        Mode m = Mode.parse(op, mode);
        if (pad.length % 2 != 0) throw OpError.of(op, "Padding length must be divisible by 2");
        if (pad.length > self.dim() * 2) throw OpError.of(op, "Padding length too large");
        if (m == Mode.CONSTANT) return new Route(m, 0);
        if (value != null && value != 0) throw OpError.of(op, "Padding mode \"" + m.pyName + "\" doesn't take in value argument");
        int spatial = pad.length / 2;
        if (spatial >= 1 && spatial <= 3 && (self.dim() == spatial + 1 || self.dim() == spatial + 2)) return new Route(m, spatial);
        throw OpError.of(op, "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
    }

    /** {@code constant_pad_nd}: checks the pads (cropping like {@code narrow}) and returns the output sizes. */
    public static long[] constantSizes(String op, long[] sizes, long[] pad) {
        if (pad.length % 2 != 0) throw OpError.of(op, "Length of pad must be even but instead it equals " + pad.length);
        int rank = sizes.length, padded = pad.length / 2;
        if (rank < padded) {
            throw OpError.of(op, "Length of pad should be no more than twice the number of dimensions of the input. Pad length is "
                    + pad.length + " while the input has " + rank + " dimensions.");
        }
        Geometry cropped = Geometry.contiguous(sizes);
        boolean grows = false;
        for (int d = rank - padded; d < rank; d++) {
            int at = 2 * (rank - d - 1);
            if (pad[at] < 0) cropped = ViewSlices.narrow(op, cropped, d, -pad[at], cropped.sizes()[d] + pad[at]);
            else grows |= pad[at] != 0;
            if (pad[at + 1] < 0) cropped = ViewSlices.narrow(op, cropped, d, 0, cropped.sizes()[d] + pad[at + 1]);
            else grows |= pad[at + 1] != 0;
        }
        if (!grows) return cropped.sizes();
        long[] out = paddedSizes(sizes, pad);
        for (int d = rank - padded; d < rank; d++) {
            if (out[d] <= 0) {
                int at = 2 * (rank - d - 1);
                throw OpError.of(op, "The input size " + sizes[d] + ", plus negative padding " + pad[at] + " and " + pad[at + 1]
                        + " resulted in a negative output size, which is invalid. Check dimension " + d + " of your input.");
            }
        }
        Shapes.checkedNumel(op, out);
        return out;
    }

    /** {@code reflection_pad{1,2,3}d} and {@code replication_pad{1,2,3}d}: checks and output sizes. */
    public static long[] edgeSizes(String op, String kernelName, TensorMeta self, long[] pad, int spatial, Mode mode) {
        if (pad.length != 2 * spatial) throw OpError.of(op, "padding size is expected to be " + 2 * spatial);
        long[] sizes = self.sizes();
        int rank = sizes.length;
        boolean reflectionRule = mode == Mode.REFLECT && spatial < 3;
        if (!validRank(sizes, spatial, reflectionRule)) {
            throw OpError.of(op, reflectionRule
                    ? (spatial + 1) + "D or " + (spatial + 2) + "D (batch mode) tensor expected for input, but got: " + Shapes.format(sizes)
                    : "Expected " + (spatial + 1) + "D or " + (spatial + 2) + "D (batch mode) tensor with possibly 0 batch size and other "
                    + "non-zero dimensions for input, but got: " + Shapes.format(sizes));
        }
        DType dt = self.dtype();
        boolean supported = dt == DType.FLOAT32 || dt == DType.FLOAT64 || (mode == Mode.REFLECT && spatial == 3 && dt.isReducedFloat());
        if (!supported) throw OpError.of(op, "\"" + kernelName + "\" not implemented for '" + dt.legacyName() + "'");
        long[] out = paddedSizes(sizes, pad);
        boolean anyPositive = false;
        String[] axis = {"W", "H", "D"};
        StringBuilder in = new StringBuilder(), calc = new StringBuilder();
        for (int i = spatial - 1; i >= 0; i--) {
            int d = rank - 1 - i;
            long l = pad[2 * i], r = pad[2 * i + 1];
            if (mode == Mode.REFLECT && (l >= sizes[d] || r >= sizes[d])) {
                throw OpError.of(op, "Argument #" + (4 + 2 * i) + ": Padding size should be less than the corresponding input "
                        + "dimension, but got: padding (" + l + ", " + r + ") at dimension " + d + " of input " + Shapes.format(sizes));
            }
            anyPositive |= out[d] >= 1;
            in.append(in.isEmpty() ? "" : ", ").append(axis[i]).append(": ").append(sizes[d]);
            calc.append(' ').append(axis[i]).append(": ").append(out[d]);
        }
        if (!anyPositive) throw OpError.of(op, "input (" + in + ") is too small. Calculated output" + calc);
        Shapes.checkedNumel(op, out);
        return out;
    }

    private static boolean validRank(long[] sizes, int spatial, boolean reflectionRule) {
        int rank = sizes.length;
        if (rank != spatial + 1 && rank != spatial + 2) return false;
        int firstNonZero = rank == spatial + 2 || reflectionRule ? 1 : 0;
        for (int d = firstNonZero; d < rank; d++) {
            if (sizes[d] == 0) return false;
        }
        return true;
    }

    /** {@code _pad_circular}: every dimension after the first two is padded by wrapping around. */
    public static long[] circularSizes(String op, long[] sizes, long[] pad) {
        int spatial = sizes.length - 2;
        if (spatial < 0 || pad.length != 2 * spatial) {
            throw OpError.of(op, "Invalid padding size, expected " + 2 * spatial + " but got " + pad.length);
        }
        long[] out = paddedSizes(sizes, pad);
        for (int i = 0; i < spatial; i++) {
            int d = sizes.length - 1 - i;
            long l = pad[2 * i], r = pad[2 * i + 1], n = sizes[d];
            if (l > n || r > n) throw OpError.of(op, "Padding value causes wrapping around more than once.");
            if (out[d] < 0) throw OpError.of(op, "Negative padding value is resulting in an empty dimension");
            if ((l > 0 && l > n + Math.min(r, 0)) || (r > 0 && r > n + Math.min(l, 0))) {
                throw OpError.of(op, "padding (" + l + ", " + r + ") of dimension " + d + " wraps around into the part of the input "
                        + "that its negative padding removes");
            }
        }
        Shapes.checkedNumel(op, out);
        return out;
    }
}
