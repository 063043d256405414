package dev.kiln;

import static dev.kiln.dispatch.Dispatcher.apply;
import static dev.kiln.dispatch.Dispatcher.applyMulti;
import static dev.kiln.ir.op.aten.IndexingOps.inplace;

import dev.kiln.ir.op.aten.IndexingOps;
import java.util.List;

/**
 * Indexing methods (see {@link IndexingOps}): Python's {@code x[...]} ({@link #index(Object...)},
 * {@link #set(Object[], Tensor)}), gather/scatter, index_select/index_add, masked selection, nonzero, sorting,
 * topk and unique. Dims are {@code int}, counts {@code long}. {@code sort} and {@code topk} return
 * PyTorch's {@code (values, indices)} named tuple as a {@link ValuesIndices}; {@code unique}, whose tuple is not named,
 * returns a list in PyTorch's order.
 */
public sealed interface TensorIndexing permits Tensor {
    Tensor self();

    // ---- Python indexing: x[...] and x[...] = v ----

    /**
     * {@code x[indices...]}: integers select (a view), {@link TensorIndex#slice slices}, {@link TensorIndex#NONE}
     * and {@link TensorIndex#ELLIPSIS} make views; Tensors (int64 or bool), {@code long[]}/{@code int[]}/
     * {@code boolean[]} lists and booleans are advanced indices, which copy ({@code index.Tensor}).
     */
    default Tensor index(Object... indices) { return Subscripts.get(self(), indices); }

    /** {@code x[...] = value}: copies into the view, or {@code index_put_} for advanced indices. Returns this tensor. */
    default Tensor set(Object[] indices, Tensor value) {
        Subscripts.set(self(), indices, value);
        return self();
    }

    /** {@code x[...] = value} for a number, converted to this tensor's dtype. Returns this tensor. */
    default Tensor set(Object[] indices, Number value) { return set(indices, Torch.tensor(value, self().dtype())); }

    /** {@code aten::index.Tensor}: one optional index tensor per leading dimension (null leaves it whole). */
    default Tensor index(List<Tensor> indices) { return apply(IndexingOps.INDEX, self(), indices); }

    default Tensor indexPut(List<Tensor> indices, Tensor values) { return indexPut(indices, values, false); }

    default Tensor indexPut(List<Tensor> indices, Tensor values, boolean accumulate) {
        return apply(IndexingOps.INDEX_PUT, self(), indices, values, accumulate);
    }

    default Tensor indexPut_(List<Tensor> indices, Tensor values) { return indexPut_(indices, values, false); }

    default Tensor indexPut_(List<Tensor> indices, Tensor values, boolean accumulate) {
        return apply(inplace(IndexingOps.INDEX_PUT), self(), indices, values, accumulate);
    }

    // ---- gather and scatter ----

    default Tensor gather(int dim, Tensor index) { return apply(IndexingOps.GATHER, self(), (long) dim, index, false); }

    default Tensor scatter(int dim, Tensor index, Tensor src) { return apply(IndexingOps.SCATTER_SRC, self(), (long) dim, index, src); }

    default Tensor scatter(int dim, Tensor index, Number value) {
        return apply(IndexingOps.SCATTER_VALUE, self(), (long) dim, index, Scalars.of(value));
    }

    /** {@code scatter(dim, index, src, reduce="add"|"multiply")}. */
    default Tensor scatter(int dim, Tensor index, Tensor src, String reduce) {
        return apply(IndexingOps.SCATTER_REDUCE, self(), (long) dim, index, src, reduce);
    }

    default Tensor scatter(int dim, Tensor index, Number value, String reduce) {
        return apply(IndexingOps.SCATTER_VALUE_REDUCE, self(), (long) dim, index, Scalars.of(value), reduce);
    }

    default Tensor scatter_(int dim, Tensor index, Tensor src) { return apply(inplace(IndexingOps.SCATTER_SRC), self(), (long) dim, index, src); }

    default Tensor scatter_(int dim, Tensor index, Number value) {
        return apply(inplace(IndexingOps.SCATTER_VALUE), self(), (long) dim, index, Scalars.of(value));
    }

    default Tensor scatter_(int dim, Tensor index, Tensor src, String reduce) {
        return apply(inplace(IndexingOps.SCATTER_REDUCE), self(), (long) dim, index, src, reduce);
    }

    default Tensor scatter_(int dim, Tensor index, Number value, String reduce) {
        return apply(inplace(IndexingOps.SCATTER_VALUE_REDUCE), self(), (long) dim, index, Scalars.of(value), reduce);
    }

    default Tensor scatterAdd(int dim, Tensor index, Tensor src) { return apply(IndexingOps.SCATTER_ADD, self(), (long) dim, index, src); }

    default Tensor scatterAdd_(int dim, Tensor index, Tensor src) {
        return apply(inplace(IndexingOps.SCATTER_ADD), self(), (long) dim, index, src);
    }

    /** {@code scatter_reduce(dim, index, src, reduce)} with reduce one of sum, prod, mean, amax, amin. */
    default Tensor scatterReduce(int dim, Tensor index, Tensor src, String reduce) { return scatterReduce(dim, index, src, reduce, true); }

    default Tensor scatterReduce(int dim, Tensor index, Tensor src, String reduce, boolean includeSelf) {
        return apply(IndexingOps.SCATTER_REDUCE_TWO, self(), (long) dim, index, src, reduce, includeSelf);
    }

    default Tensor scatterReduce_(int dim, Tensor index, Tensor src, String reduce) { return scatterReduce_(dim, index, src, reduce, true); }

    default Tensor scatterReduce_(int dim, Tensor index, Tensor src, String reduce, boolean includeSelf) {
        return apply(inplace(IndexingOps.SCATTER_REDUCE_TWO), self(), (long) dim, index, src, reduce, includeSelf);
    }

    /** {@code take_along_dim(indices)}: indices into the flattened tensor. */
    default Tensor takeAlongDim(Tensor indices) { return apply(IndexingOps.TAKE_ALONG_DIM, self(), indices, null); }

    default Tensor takeAlongDim(Tensor indices, int dim) { return apply(IndexingOps.TAKE_ALONG_DIM, self(), indices, (long) dim); }

    // ---- selection along a dimension, flat and masked ----

    default Tensor indexSelect(int dim, Tensor index) { return apply(IndexingOps.INDEX_SELECT, self(), (long) dim, index); }

    default Tensor indexAdd(int dim, Tensor index, Tensor source) { return indexAdd(dim, index, source, 1L); }

    default Tensor indexAdd(int dim, Tensor index, Tensor source, Number alpha) {
        return apply(IndexingOps.INDEX_ADD, self(), (long) dim, index, source, Scalars.of(alpha));
    }

    default Tensor indexAdd_(int dim, Tensor index, Tensor source) { return indexAdd_(dim, index, source, 1L); }

    default Tensor indexAdd_(int dim, Tensor index, Tensor source, Number alpha) {
        return apply(inplace(IndexingOps.INDEX_ADD), self(), (long) dim, index, source, Scalars.of(alpha));
    }

    /** {@code take(index)}: elements of the flattened tensor; negative indices count from the end. */
    default Tensor take(Tensor index) { return apply(IndexingOps.TAKE, self(), index); }

    default Tensor maskedSelect(Tensor mask) { return apply(IndexingOps.MASKED_SELECT, self(), mask); }

    default Tensor maskedScatter(Tensor mask, Tensor source) { return apply(IndexingOps.MASKED_SCATTER, self(), mask, source); }

    default Tensor maskedScatter_(Tensor mask, Tensor source) {
        return apply(inplace(IndexingOps.MASKED_SCATTER), self(), mask, source);
    }

    /** The int64 coordinates of the nonzero elements, one row each ({@code [n, dim]}). */
    default Tensor nonzero() { return apply(IndexingOps.NONZERO, self()); }

    /** {@code nonzero(as_tuple=True)}: one int64 vector of coordinates per dimension (one for a 0-dim tensor). */
    default List<Tensor> nonzeroAsTuple() { return applyMulti(IndexingOps.NONZERO_NUMPY, self()); }

    // ---- sorting and selection by value ----

    /** {@code sort()}: (values, indices) along the last dimension, ascending. Kiln's sort is always stable. */
    default ValuesIndices sort() { return sort(-1, false); }

    default ValuesIndices sort(int dim) { return sort(dim, false); }

    default ValuesIndices sort(int dim, boolean descending) {
        return ValuesIndices.of(applyMulti(IndexingOps.SORT, self(), (long) dim, descending));
    }

    /** {@code sort(stable=stable, dim=dim, descending=descending)}. */
    default ValuesIndices sort(boolean stable, int dim, boolean descending) {
        return ValuesIndices.of(applyMulti(IndexingOps.SORT_STABLE, self(), stable, (long) dim, descending));
    }

    default Tensor argsort() { return argsort(-1, false); }

    default Tensor argsort(int dim) { return argsort(dim, false); }

    default Tensor argsort(int dim, boolean descending) { return apply(IndexingOps.ARGSORT, self(), (long) dim, descending); }

    default Tensor argsort(boolean stable, int dim, boolean descending) {
        return apply(IndexingOps.ARGSORT_STABLE, self(), stable, (long) dim, descending);
    }

    /** {@code topk(k)}: (values, indices) of the k largest along the last dimension, sorted, NaN largest. */
    default ValuesIndices topk(long k) { return topk(k, -1, true, true); }

    default ValuesIndices topk(long k, int dim) { return topk(k, dim, true, true); }

    default ValuesIndices topk(long k, int dim, boolean largest, boolean sorted) {
        return ValuesIndices.of(applyMulti(IndexingOps.TOPK, self(), k, (long) dim, largest, sorted));
    }

    /** The sorted distinct elements ({@code torch.unique(x)}). */
    default Tensor unique() { return unique(true, false, false).getFirst(); }

    /** {@code torch.unique(x, sorted, return_inverse, return_counts)} as [values, inverse, counts] (unrequested ones empty). */
    default List<Tensor> unique(boolean sorted, boolean returnInverse, boolean returnCounts) {
        return applyMulti(IndexingOps.UNIQUE2, self(), sorted, returnInverse, returnCounts);
    }

    /** The distinct slices along {@code dim}, sorted ({@code torch.unique(x, dim=dim)}). */
    default Tensor unique(int dim) { return unique(dim, true, false, false).getFirst(); }

    /** {@code torch.unique(x, sorted, return_inverse, return_counts, dim)} as [values, inverse, counts]. */
    default List<Tensor> unique(int dim, boolean sorted, boolean returnInverse, boolean returnCounts) {
        return applyMulti(IndexingOps.UNIQUE_DIM, self(), (long) dim, sorted, returnInverse, returnCounts);
    }
}
