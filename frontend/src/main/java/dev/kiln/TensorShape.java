package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;
import static dev.kiln.dispatch.Dispatcher.applyMulti;

import dev.kiln.ir.op.aten.ShapeOps;
import java.util.List;

/**
 * View and shape methods: view, reshape, permute, slicing, joining and splitting (see {@link ShapeOps}).
 * Views share storage (and its version counter) with this tensor; the other methods return new tensors. Dims are
 * {@code int}; sizes, counts, offsets and indices {@code long}. Splitting methods default to dim 0 like PyTorch.
 */
public sealed interface TensorShape permits Tensor {
    Tensor self();

    // ---- views of all elements ----

    /** The same elements with a new shape (one size may be -1); fails where the strides do not allow a view. */
    default Tensor view(long... size) { return apply(ShapeOps.VIEW, self(), size); }

    default Tensor viewAs(Tensor other) { return apply(ShapeOps.VIEW_AS, self(), other); }

    /** A view when possible, otherwise a copy, with the new shape (one size may be -1). */
    default Tensor reshape(long... shape) { return apply(ShapeOps.RESHAPE, self(), shape); }

    /** Size-1 dimensions repeated (stride 0) to {@code size}; -1 keeps a size; new leading dimensions may be added. */
    default Tensor expand(long... size) { return apply(ShapeOps.EXPAND, self(), size, false); }

    default Tensor expandAs(Tensor other) { return apply(ShapeOps.EXPAND_AS, self(), other); }

    default Tensor permute(int... dims) { return apply(ShapeOps.PERMUTE, self(), Scalars.dims(dims)); }

    default Tensor transpose(int dim0, int dim1) { return apply(ShapeOps.TRANSPOSE, self(), (long) dim0, (long) dim1); }

    default Tensor swapaxes(int axis0, int axis1) { return apply(ShapeOps.SWAPAXES, self(), (long) axis0, (long) axis1); }

    /** The transpose of a matrix; vectors and scalars as they are. */
    default Tensor t() { return apply(ShapeOps.T, self()); }

    default Tensor movedim(int source, int destination) { return apply(ShapeOps.MOVEDIM, self(), (long) source, (long) destination); }

    default Tensor movedim(int[] source, int[] destination) {
        return apply(ShapeOps.MOVEDIM_INTLIST, self(), Scalars.dims(source), Scalars.dims(destination));
    }

    /** {@code moveaxis}: NumPy's name for {@link #movedim(int, int)}. */
    default Tensor moveaxis(int source, int destination) { return apply(ShapeOps.MOVEAXIS, self(), (long) source, (long) destination); }

    default Tensor moveaxis(int[] source, int[] destination) {
        return apply(ShapeOps.MOVEAXIS_INTLIST, self(), Scalars.dims(source), Scalars.dims(destination));
    }

    default Tensor squeeze() { return apply(ShapeOps.SQUEEZE, self()); }

    default Tensor squeeze(int dim) { return apply(ShapeOps.SQUEEZE_DIM, self(), (long) dim); }

    default Tensor unsqueeze(int dim) { return apply(ShapeOps.UNSQUEEZE, self(), (long) dim); }

    /** All dimensions flattened into one (a view when possible). */
    default Tensor flatten() { return flatten(0, -1); }

    default Tensor flatten(int startDim, int endDim) { return apply(ShapeOps.FLATTEN, self(), (long) startDim, (long) endDim); }

    /** Dimension {@code dim} split into {@code sizes} (one may be -1). */
    default Tensor unflatten(int dim, long... sizes) { return apply(ShapeOps.UNFLATTEN, self(), (long) dim, sizes); }

    /** A view of the same storage with any sizes, strides and the current storage offset. */
    default Tensor asStrided(long[] size, long[] stride) { return apply(ShapeOps.AS_STRIDED, self(), size, stride, null); }

    default Tensor asStrided(long[] size, long[] stride, long storageOffset) {
        return apply(ShapeOps.AS_STRIDED, self(), size, stride, storageOffset);
    }

    /** This tensor if it is contiguous, else a contiguous copy. */
    default Tensor contiguous() { return apply(ShapeOps.CONTIGUOUS, self(), "contiguous_format"); }

    // ---- views of part of the elements ----

    /** Elements {@code [start, start+length)} along {@code dim}. */
    default Tensor narrow(int dim, long start, long length) { return apply(ShapeOps.NARROW, self(), (long) dim, start, length); }

    /** The slice at {@code index} along {@code dim}, without that dimension. */
    default Tensor select(int dim, long index) { return apply(ShapeOps.SELECT, self(), (long) dim, index); }

    /** Python's {@code [start:end:step]} along {@code dim}; null bounds mean the ends; out-of-range bounds are clamped. */
    default Tensor slice(int dim, Long start, Long end, long step) { return apply(ShapeOps.SLICE, self(), (long) dim, start, end, step); }

    default Tensor slice(int dim, Long start, Long end) { return slice(dim, start, end, 1); }

    /** Windows of {@code size} elements every {@code step} along {@code dim}, as a new last dimension. */
    default Tensor unfold(int dim, long size, long step) { return apply(ShapeOps.UNFOLD, self(), (long) dim, size, step); }

    default Tensor diagonal() { return diagonal(0, 0, 1); }

    /** The diagonal of each ({@code dim1}, {@code dim2}) plane, {@code offset} above the main one, as a new last dimension. */
    default Tensor diagonal(long offset, int dim1, int dim2) {
        return apply(ShapeOps.DIAGONAL, self(), offset, (long) dim1, (long) dim2);
    }

    default List<Tensor> split(long splitSize) { return split(splitSize, 0); }

    /** Pieces of {@code splitSize} along {@code dim} (the last one may be smaller). */
    default List<Tensor> split(long splitSize, int dim) { return applyMulti(ShapeOps.SPLIT, self(), splitSize, (long) dim); }

    default List<Tensor> split(long[] splitSizes) { return split(splitSizes, 0); }

    /** Consecutive pieces of the given sizes along {@code dim}. */
    default List<Tensor> split(long[] splitSizes, int dim) {
        return applyMulti(ShapeOps.SPLIT_WITH_SIZES, self(), splitSizes, (long) dim);
    }

    default List<Tensor> chunk(long chunks) { return chunk(chunks, 0); }

    /** At most {@code chunks} pieces of equal size along {@code dim} (the last one may be smaller). */
    default List<Tensor> chunk(long chunks, int dim) { return applyMulti(ShapeOps.CHUNK, self(), chunks, (long) dim); }

    default List<Tensor> tensorSplit(long sections) { return tensorSplit(sections, 0); }

    /** Exactly {@code sections} pieces along {@code dim}, sizes differing by at most one. */
    default List<Tensor> tensorSplit(long sections, int dim) {
        return applyMulti(ShapeOps.TENSOR_SPLIT, self(), sections, (long) dim);
    }

    default List<Tensor> tensorSplit(long[] indices) { return tensorSplit(indices, 0); }

    /** The pieces between consecutive {@code indices} along {@code dim}. */
    default List<Tensor> tensorSplit(long[] indices, int dim) {
        return applyMulti(ShapeOps.TENSOR_SPLIT_INDICES, self(), indices, (long) dim);
    }

    default List<Tensor> unbind() { return unbind(0); }

    /** Every slice along {@code dim}. */
    default List<Tensor> unbind(int dim) { return applyMulti(ShapeOps.UNBIND, self(), (long) dim); }

    // ---- copies ----

    /** The elements in reverse order along each of {@code dims}. */
    default Tensor flip(int... dims) { return apply(ShapeOps.FLIP, self(), Scalars.dims(dims)); }

    /** The flattened elements shifted by {@code shift} positions (wrapping around), in this shape. */
    default Tensor roll(long shift) { return apply(ShapeOps.ROLL, self(), new long[]{shift}, new long[0]); }

    default Tensor roll(long shift, int dim) { return apply(ShapeOps.ROLL, self(), new long[]{shift}, new long[]{dim}); }

    /** Elements shifted by {@code shifts[i]} positions along {@code dims[i]}, wrapping around. */
    default Tensor roll(long[] shifts, int[] dims) { return apply(ShapeOps.ROLL, self(), shifts, Scalars.dims(dims)); }

    /** The tensor tiled {@code repeats[i]} times along each dimension (extra repeats add leading dimensions). */
    default Tensor repeat(long... repeats) { return apply(ShapeOps.REPEAT, self(), repeats); }

    /** Like {@link #repeat}, with ones added in front of {@code dims} when it is shorter than the rank. */
    default Tensor tile(long... dims) { return apply(ShapeOps.TILE, self(), dims); }

    /** Each element of the flattened tensor repeated {@code repeats} times. */
    default Tensor repeatInterleave(long repeats) { return apply(ShapeOps.REPEAT_INTERLEAVE, self(), repeats, null, null); }

    /** Each slice along {@code dim} repeated {@code repeats} times in place. */
    default Tensor repeatInterleave(long repeats, int dim) {
        return apply(ShapeOps.REPEAT_INTERLEAVE, self(), repeats, (long) dim, null);
    }

    /** Slice {@code i} along {@code dim} repeated {@code repeats[i]} times (int32/int64 counts). */
    default Tensor repeatInterleave(Tensor repeats, int dim) {
        return apply(ShapeOps.REPEAT_INTERLEAVE_TENSOR, self(), repeats, (long) dim, null);
    }

    default Tensor tril() { return tril(0); }

    /** The lower triangle of the last two dimensions (on and below diagonal {@code diagonal}); the rest zero. */
    default Tensor tril(long diagonal) { return apply(ShapeOps.TRIL, self(), diagonal); }

    default Tensor tril_() { return tril_(0); }

    default Tensor tril_(long diagonal) { return apply(ShapeOps.TRIL_, self(), diagonal); }

    default Tensor triu() { return triu(0); }

    /** The upper triangle of the last two dimensions (on and above diagonal {@code diagonal}); the rest zero. */
    default Tensor triu(long diagonal) { return apply(ShapeOps.TRIU, self(), diagonal); }

    default Tensor triu_() { return triu_(0); }

    default Tensor triu_(long diagonal) { return apply(ShapeOps.TRIU_, self(), diagonal); }
}
