package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import java.util.Arrays;

/**
 * Geometry of the views that re-interpret all of a tensor's elements: view, expand, squeeze, unsqueeze,
 * permute, transpose, movedim, and the size inference behind view and reshape. Pure functions of the input
 * geometry and the op's arguments, after PyTorch's {@code TensorShape.cpp}; {@code op} names the op in errors.
 */
public final class ViewShapes {
    private ViewShapes() {}

    /** {@code infer_size}: resolves one {@code -1} in {@code shape} so that it holds {@code numel} elements. */
    public static long[] inferSize(String op, long[] shape, long numel) {
        long known = 1;
        int infer = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) throw OpError.of(op, "only one dimension can be inferred");
                infer = i;
            } else if (shape[i] >= 0) {
                known *= shape[i];
            } else {
                throw OpError.of(op, "invalid shape dimension " + shape[i]);
            }
        }
        if (numel == known || (infer >= 0 && known > 0 && numel % known == 0)) {
            long[] out = shape.clone();
            if (infer >= 0) {
                if (known == 0) {
                    throw OpError.of(op, "cannot reshape tensor of 0 elements into shape " + Shapes.format(shape)
                            + " because the unspecified dimension size -1 can be any value and is ambiguous");
                }
                out[infer] = numel / known;
            }
            return out;
        }
        throw OpError.of(op, "shape '" + Shapes.format(shape) + "' is invalid for input of size " + numel);
    }

    /**
     * PyTorch's {@code computeStride}: the strides under which {@code newShape} views memory laid out as
     * ({@code oldShape}, {@code oldStride}), or null when some new dimension would span two separate chunks.
     */
    public static long[] viewStrides(long[] oldShape, long[] oldStride, long[] newShape) {
        long[] out = new long[newShape.length];
        if (oldShape.length == 0) {
            Arrays.fill(out, 1);
            return out;
        }
        long numel = 1;
        for (long s : oldShape) numel *= s;
        if (numel == 0 && Arrays.equals(oldShape, newShape)) return oldStride.clone();
        if (numel == 0) return Geometry.contiguousStrides(newShape);
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStride[oldStride.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int d = oldShape.length - 1; d >= 0; d--) {
            tensorNumel *= oldShape[d];
            if (d == 0 || (oldShape[d - 1] != 1 && oldStride[d - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    out[viewD] = viewNumel * chunkBaseStride;
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (d > 0) {
                    chunkBaseStride = oldStride[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? out : null;
    }

    /** {@code view(size)}: the same elements under a new shape; fails where the strides do not allow it. */
    public static Geometry view(String op, Geometry g, long[] size) {
        long[] shape = inferSize(op, size, g.numel());
        long[] strides = viewStrides(g.sizes(), g.strides(), shape);
        if (strides == null) {
            throw OpError.of(op, "view size is not compatible with input tensor's size and stride (at least one dimension "
                    + "spans across two contiguous subspaces). Use .reshape(...) instead.");
        }
        return new Geometry(shape, strides, g.offset());
    }

    /** {@code expand(size)}: size-1 and new leading dimensions repeat with stride 0; -1 keeps a size. */
    public static Geometry expand(String op, Geometry g, long[] size) {
        long[] sizes = g.sizes(), strides = g.strides();
        int n = size.length, rank = sizes.length;
        if (n < rank) {
            throw OpError.of(op, "expand(" + Shapes.format(sizes) + ", size=" + Shapes.format(size) + "): the number of sizes "
                    + "provided (" + n + ") must be greater or equal to the number of dimensions in the tensor (" + rank + ")");
        }
        long[] outSizes = new long[n], outStrides = new long[n];
        for (int i = n - 1; i >= 0; i--) {
            int d = rank - n + i;
            long s = d >= 0 ? sizes[d] : 1;
            long st = d >= 0 ? strides[d] : (i + 1 < n ? outSizes[i + 1] * outStrides[i + 1] : 1);
            long target = size[i];
            if (target == -1) {
                if (d < 0) {
                    throw OpError.of(op, "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension " + i);
                }
                target = s;
            }
            if (s != target) {
                if (s != 1) {
                    throw OpError.of(op, "The expanded size of the tensor (" + target + ") must match the existing size (" + s
                            + ") at non-singleton dimension " + i + ".  Target sizes: " + Shapes.format(size) + ".  Tensor sizes: "
                            + Shapes.format(sizes));
                }
                if (target < 0) throw OpError.of(op, "the expanded size " + target + " at dimension " + i + " is negative");
                s = target;
                st = 0;
            }
            outSizes[i] = s;
            outStrides[i] = st;
        }
        return new Geometry(outSizes, outStrides, g.offset());
    }

    /** {@code squeeze()}: drops every size-1 dimension. */
    public static Geometry squeeze(Geometry g) {
        int keep = 0;
        for (long s : g.sizes()) if (s != 1) keep++;
        long[] sizes = new long[keep], strides = new long[keep];
        for (int d = 0, k = 0; d < g.dim(); d++) {
            if (g.sizes()[d] == 1) continue;
            sizes[k] = g.sizes()[d];
            strides[k++] = g.strides()[d];
        }
        return new Geometry(sizes, strides, g.offset());
    }

    /** {@code squeeze(dim)}: drops {@code dim} if its size is 1, else the same geometry. */
    public static Geometry squeeze(String op, Geometry g, long dim) {
        int d = Shapes.wrapDim(op, dim, g.dim());
        if (g.dim() == 0 || g.sizes()[d] != 1) return g;
        return new Geometry(remove(g.sizes(), d), remove(g.strides(), d), g.offset());
    }

    /** {@code unsqueeze(dim)}: inserts a size-1 dimension at {@code dim} (in {@code [-rank-1, rank]}). */
    public static Geometry unsqueeze(String op, Geometry g, long dim) {
        int d = Shapes.wrapDim(op, dim, g.dim() + 1);
        long stride = d >= g.dim() ? 1 : g.sizes()[d] * g.strides()[d];
        return new Geometry(insert(g.sizes(), d, 1), insert(g.strides(), d, stride), g.offset());
    }

    /** {@code permute(dims)}: dimension {@code i} of the result is dimension {@code dims[i]} of the input. */
    public static Geometry permute(String op, Geometry g, long[] dims) {
        int rank = g.dim();
        if (dims.length != rank) {
            throw OpError.of(op, "number of dimensions in the tensor input does not match the length of the desired ordering of "
                    + "dimensions i.e. input.dim() = " + rank + " is not equal to len(dims) = " + dims.length);
        }
        long[] sizes = new long[rank], strides = new long[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int d = Shapes.wrapDim(op, dims[i], rank);
            if (seen[d]) throw OpError.of(op, "duplicate dims are not allowed.");
            seen[d] = true;
            sizes[i] = g.sizes()[d];
            strides[i] = g.strides()[d];
        }
        return new Geometry(sizes, strides, g.offset());
    }

    /** {@code transpose(dim0, dim1)}: swaps two dimensions. */
    public static Geometry transpose(String op, Geometry g, long dim0, long dim1) {
        int a = Shapes.wrapDim(op, dim0, g.dim()), b = Shapes.wrapDim(op, dim1, g.dim());
        if (g.dim() == 0 || a == b) return g;
        long[] sizes = g.sizes().clone(), strides = g.strides().clone();
        swap(sizes, a, b);
        swap(strides, a, b);
        return new Geometry(sizes, strides, g.offset());
    }

    /** {@code t()}: transposes a matrix; vectors and scalars are returned as they are. */
    public static Geometry t(String op, Geometry g) {
        if (g.dim() > 2) throw OpError.of(op, "t() expects a tensor with <= 2 dimensions, but self is " + g.dim() + "D");
        return g.dim() < 2 ? g : transpose(op, g, 0, 1);
    }

    /** {@code movedim(source, destination)}: moves the listed dimensions, keeping the others in order. */
    public static Geometry movedim(String op, Geometry g, long[] source, long[] destination) {
        int rank = g.dim();
        if (source.length != destination.length) {
            throw OpError.of(op, "movedim: Invalid source or destination dims: source (" + Shapes.format(source) + " dims) should "
                    + "contain the same number of dims as destination (" + Shapes.format(destination) + " dims)");
        }
        int[] src = wrapAll(op, source, rank), dst = wrapAll(op, destination, rank);
        if (!unique(src, rank)) throw OpError.of(op, "movedim: repeated dim in `source` (" + Shapes.format(source) + ")");
        if (!unique(dst, rank)) throw OpError.of(op, "movedim: repeated dim in `destination` (" + Shapes.format(destination) + ")");
        if (rank == 0) return g;
        long[] order = new long[rank];
        boolean[] placed = new boolean[rank], moved = new boolean[rank];
        for (int i = 0; i < src.length; i++) {
            order[dst[i]] = src[i];
            placed[dst[i]] = true;
            moved[src[i]] = true;
        }
        for (int d = 0, next = 0; d < rank; d++) {
            if (placed[d]) continue;
            while (moved[next]) next++;
            order[d] = next++;
        }
        return permute(op, g, order);
    }

    /** The shape {@code flatten(start_dim, end_dim)} reshapes to. */
    public static long[] flattenShape(String op, long[] sizes, long startDim, long endDim) {
        int start = Shapes.wrapDim(op, startDim, sizes.length), end = Shapes.wrapDim(op, endDim, sizes.length);
        if (start > end) throw OpError.of(op, "flatten() has invalid args: start_dim cannot come after end_dim");
        if (sizes.length == 0) return new long[]{1};
        long[] out = new long[sizes.length - (end - start)];
        System.arraycopy(sizes, 0, out, 0, start);
        long n = 1;
        for (int d = start; d <= end; d++) n *= sizes[d];
        out[start] = n;
        System.arraycopy(sizes, end + 1, out, start + 1, sizes.length - end - 1);
        return out;
    }

    /** {@code unflatten(dim, sizes)}: splits one dimension into several (one of them may be -1). */
    public static Geometry unflatten(String op, Geometry g, long dim, long[] sizes) {
        int d = Shapes.wrapDim(op, dim, g.dim());
        if (sizes.length == 0) throw OpError.of(op, "unflatten: sizes must be non-empty");
        long[] inferred;
        try {
            inferred = inferSize(op, sizes, g.sizes()[d]);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().contains("shape '[")) throw e;
            throw OpError.of(op, "unflatten: Provided sizes " + Shapes.format(sizes) + " don't multiply up to the size of dim " + d
                    + " (" + g.sizes()[d] + ") in the input tensor");
        }
        long[] shape = new long[g.dim() - 1 + inferred.length];
        System.arraycopy(g.sizes(), 0, shape, 0, d);
        System.arraycopy(inferred, 0, shape, d, inferred.length);
        System.arraycopy(g.sizes(), d + 1, shape, d + inferred.length, g.dim() - d - 1);
        return view(op, g, shape);
    }

    /** {@code as_strided(size, stride, storage_offset)}: any geometry; the storage bounds are checked where the storage is known. */
    public static Geometry asStrided(String op, long[] size, long[] stride, Long offset) {
        if (size.length != stride.length) throw OpError.of(op, "mismatch in length of strides and shape");
        for (long st : stride) {
            if (st < 0) throw OpError.of(op, "as_strided: Negative strides are not supported at the moment, got strides: " + Shapes.format(stride));
        }
        for (long s : size) {
            if (s < 0) throw OpError.of(op, "Trying to create tensor with negative dimension " + s + ": " + Shapes.format(size));
        }
        if (offset != null && offset < 0) throw OpError.of(op, "Tensor: invalid storage offset " + offset);
        return new Geometry(size.clone(), stride.clone(), offset == null ? 0 : offset);
    }

    /**
     * The strides of a dense tensor of {@code sizes} in a memory format: {@code contiguous_format} (row-major),
     * {@code channels_last} (NHWC order for 4-d sizes) or {@code channels_last_3d} (NDHWC for 5-d sizes).
     */
    public static long[] memoryFormatStrides(String op, long[] sizes, String format) {
        return switch (format) {
            case "contiguous_format", "preserve_format" -> Geometry.contiguousStrides(sizes);
            case "channels_last", "channels_last_3d" -> {
                int rank = format.equals("channels_last") ? 4 : 5;
                if (sizes.length != rank) throw OpError.of(op, "required rank " + rank + " tensor to use " + format + " format");
                long[] strides = new long[rank];
                long s = 1;
                strides[1] = s;
                s *= Math.max(sizes[1], 1);
                for (int d = rank - 1; d >= 2; d--) {
                    strides[d] = s;
                    s *= Math.max(sizes[d], 1);
                }
                strides[0] = s;
                yield strides;
            }
            default -> throw OpError.of(op, "unsupported memory format " + format);
        };
    }

    static long[] remove(long[] a, int at) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, at);
        System.arraycopy(a, at + 1, r, at, a.length - at - 1);
        return r;
    }

    static long[] insert(long[] a, int at, long v) {
        long[] r = new long[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    static int[] wrapAll(String op, long[] dims, int rank) {
        int[] r = new int[dims.length];
        for (int i = 0; i < dims.length; i++) r[i] = Shapes.wrapDim(op, dims[i], rank);
        return r;
    }

    private static boolean unique(int[] dims, int rank) {
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int d : dims) {
            if (seen[d]) return false;
            seen[d] = true;
        }
        return true;
    }
}
