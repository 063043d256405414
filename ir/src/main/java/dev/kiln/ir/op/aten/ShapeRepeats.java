package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import java.util.Arrays;

/** Argument checks and output shapes of the copying rearrangements: flip, roll, repeat, tile, repeat_interleave, tril/triu. */
public final class ShapeRepeats {
    private ShapeRepeats() {}

    /** {@code flip(dims)}: the wrapped dimensions, each at most once. */
    public static int[] flipDims(String op, int rank, long[] dims) {
        int[] wrapped = ViewShapes.wrapAll(op, dims, rank);
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int d : wrapped) {
            if (seen[d]) throw OpError.of(op, "dim " + d + " appears multiple times in the list of dims");
            seen[d] = true;
        }
        return wrapped;
    }

    /**
     * {@code roll(shifts, dims)}: the shift of each dimension (summed where a dimension repeats, reduced modulo
     * its size), or null when {@code dims} is empty and the tensor rolls as if flattened by {@code shifts[0]}.
     */
    public static long[] rollShifts(String op, long[] sizes, long[] shifts, long[] dims) {
        if (shifts.length == 0) throw OpError.of(op, "`shifts` required");
        if (dims.length == 0 && shifts.length == 1) return null;
        if (shifts.length != dims.length) {
            throw OpError.of(op, "shifts and dimensions must align. shifts: " + shifts.length + ", dims:" + dims.length);
        }
        long[] perDim = new long[sizes.length];
        long numel = 1;
        for (long s : sizes) numel *= s;
        if (numel == 0 && dims.length == 1) return perDim;
        for (int i = 0; i < dims.length; i++) {
            if (sizes.length == 0) throw OpError.index(op, "Dimension specified as " + dims[i] + " but tensor has no dimensions");
            int d = Shapes.wrapDim(op, dims[i], sizes.length);
            perDim[d] = sizes[d] == 0 ? 0 : Math.floorMod(perDim[d] + shifts[i], sizes[d]);
        }
        return perDim;
    }

    /** {@code repeat(repeats)}: the output sizes; {@code repeats} may add leading dimensions. */
    public static long[] repeatSizes(String op, long[] sizes, long[] repeats) {
        if (repeats.length < sizes.length) {
            throw OpError.of(op, "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
        }
        long[] padded = padLeading(sizes, repeats.length);
        long[] out = new long[repeats.length];
        for (int i = 0; i < out.length; i++) out[i] = padded[i] * repeats[i];
        for (long s : out) {
            if (s < 0) throw OpError.of(op, "Trying to create tensor with negative dimension " + s + ": " + Shapes.format(out));
        }
        Shapes.checkedNumel(op, out);
        return out;
    }

    /** {@code tile(dims)}: the repeats {@code repeat} is called with (leading ones added to reach the input's rank). */
    public static long[] tileRepeats(int rank, long[] dims) {
        if (dims.length >= rank) return dims;
        long[] r = new long[rank];
        Arrays.fill(r, 1);
        System.arraycopy(dims, 0, r, rank - dims.length, dims.length);
        return r;
    }

    /** {@code sizes} with leading ones added to reach {@code rank}. */
    public static long[] padLeading(long[] sizes, int rank) {
        long[] r = new long[rank];
        Arrays.fill(r, 1);
        System.arraycopy(sizes, 0, r, rank - sizes.length, sizes.length);
        return r;
    }

    /** {@code repeat_interleave(self, int repeats, dim)}: the output sizes (flattened first when {@code dim} is None). */
    public static long[] interleaveSizes(String op, long[] sizes, long repeats, Long dim, Long outputSize) {
        if (repeats < 0) throw OpError.of(op, "repeats can not be negative");
        long[] in = dim == null ? new long[]{Arrays.stream(sizes).reduce(1, Math::multiplyExact)} : sizes;
        int d = interleaveDim(op, in.length, dim);
        long[] out = in.clone();
        out[d] = Math.multiplyExact(in[d], repeats);
        if (outputSize != null && outputSize != out[d]) throw OpError.of(op, "allocated size does not match required size");
        Shapes.checkedNumel(op, out);
        return out;
    }

    /** The dimension repeat_interleave works along: 0 of the flattened input when {@code dim} is None. */
    public static int interleaveDim(String op, int rank, Long dim) {
        if (dim == null) return 0;
        if (rank == 0) throw OpError.index(op, "Dimension specified as " + dim + " but tensor has no dimensions");
        return Shapes.wrapDim(op, dim, rank);
    }

    /** Checks a {@code repeats} tensor: int32 or int64, and 0-d or 1-d matching the size along the dimension. */
    public static void checkRepeatsTensor(String op, TensorMeta repeats, long sizeAlongDim) {
        checkRepeatsDType(op, repeats.dtype());
        if (repeats.dim() > 1) throw OpError.of(op, "repeats must be 0-dim or 1-dim tensor");
        if (repeats.dim() == 1 && repeats.sizes()[0] != 1 && repeats.sizes()[0] != sizeAlongDim) {
            throw OpError.of(op, "repeats must have the same size as input along dim");
        }
    }

    /** The dtypes repeat_interleave accepts for repeat counts. */
    public static void checkRepeatsDType(String op, DType dtype) {
        if (dtype != DType.INT32 && dtype != DType.INT64) {
            throw OpError.of(op, "\"repeat_interleave_cpu\" not implemented for '" + dtype.legacyName() + "'");
        }
    }

    /** tril and triu work on the last two dimensions. */
    public static void checkTriangle(String op, int rank) {
        Shapes.wrapDim(op, -2, rank);
    }
}
