package dev.kiln.runtime.indexing;

import static dev.kiln.ir.op.aten.IndexingOps.ARGSORT;
import static dev.kiln.ir.op.aten.IndexingOps.ARGSORT_STABLE;
import static dev.kiln.ir.op.aten.IndexingOps.GATHER;
import static dev.kiln.ir.op.aten.IndexingOps.INDEX;
import static dev.kiln.ir.op.aten.IndexingOps.INDEX_ADD;
import static dev.kiln.ir.op.aten.IndexingOps.INDEX_PUT;
import static dev.kiln.ir.op.aten.IndexingOps.INDEX_SELECT;
import static dev.kiln.ir.op.aten.IndexingOps.MASKED_SCATTER;
import static dev.kiln.ir.op.aten.IndexingOps.MASKED_SELECT;
import static dev.kiln.ir.op.aten.IndexingOps.NONZERO;
import static dev.kiln.ir.op.aten.IndexingOps.NONZERO_NUMPY;
import static dev.kiln.ir.op.aten.IndexingOps.ONE_HOT;
import static dev.kiln.ir.op.aten.IndexingOps.SCATTER_ADD;
import static dev.kiln.ir.op.aten.IndexingOps.SCATTER_REDUCE;
import static dev.kiln.ir.op.aten.IndexingOps.SCATTER_REDUCE_TWO;
import static dev.kiln.ir.op.aten.IndexingOps.SCATTER_SRC;
import static dev.kiln.ir.op.aten.IndexingOps.SCATTER_VALUE;
import static dev.kiln.ir.op.aten.IndexingOps.SCATTER_VALUE_REDUCE;
import static dev.kiln.ir.op.aten.IndexingOps.SORT;
import static dev.kiln.ir.op.aten.IndexingOps.SORT_STABLE;
import static dev.kiln.ir.op.aten.IndexingOps.TAKE;
import static dev.kiln.ir.op.aten.IndexingOps.TAKE_ALONG_DIM;
import static dev.kiln.ir.op.aten.IndexingOps.TOPK;
import static dev.kiln.ir.op.aten.IndexingOps.UNIQUE2;
import static dev.kiln.ir.op.aten.IndexingOps.UNIQUE_DIM;

import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.aten.IndexingOps;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.indexing.Accumulate.Reduction;
import dev.kiln.runtime.memory.TensorData;
import java.util.function.BiConsumer;

/** CPU kernels of the ops declared in {@link IndexingOps}; registered with {@link Kernels}. */
public final class IndexingKernels {
    private IndexingKernels() {}

    static {
        Kernels.register(GATHER, ScatterGatherKernels::gather);
        writing(SCATTER_SRC, (dst, a) -> ScatterGatherKernels.scatter("scatter", dst, a, null));
        writing(SCATTER_VALUE, (dst, a) -> ScatterGatherKernels.scatter("scatter", dst, a, null));
        writing(SCATTER_REDUCE, (dst, a) -> ScatterGatherKernels.scatter("scatter", dst, a, ScatterGatherKernels.legacy(a[4])));
        writing(SCATTER_VALUE_REDUCE, (dst, a) -> ScatterGatherKernels.scatter("scatter", dst, a, ScatterGatherKernels.legacy(a[4])));
        writing(SCATTER_ADD, (dst, a) -> ScatterGatherKernels.scatter("scatter_add", dst, a, Reduction.SUM));
        writing(SCATTER_REDUCE_TWO, ScatterGatherKernels::scatterReduce);
        Kernels.register(TAKE_ALONG_DIM, ScatterGatherKernels::takeAlongDim);

        Kernels.register(INDEX_SELECT, SelectionKernels::indexSelect);
        writing(INDEX_ADD, SelectionKernels::indexAdd);
        Kernels.register(TAKE, SelectionKernels::take);
        Kernels.register(MASKED_SELECT, SelectionKernels::maskedSelect);
        Kernels.register(MASKED_SCATTER, SelectionKernels::maskedScatterCopy);
        Kernels.register(IndexingOps.inplace(MASKED_SCATTER), inplace(SelectionKernels::maskedScatter));
        Kernels.register(NONZERO, SelectionKernels::nonzero);
        Kernels.register(NONZERO_NUMPY, SelectionKernels::nonzeroNumpy);
        Kernels.register(ONE_HOT, SelectionKernels::oneHot);

        Kernels.register(INDEX, AdvancedIndexKernels::index);
        writing(INDEX_PUT, AdvancedIndexKernels::indexPut);

        Kernels.register(SORT, a -> SortKernels.sort((TensorData) a[0], (Long) a[1], (Boolean) a[2]));
        Kernels.register(SORT_STABLE, a -> SortKernels.sort((TensorData) a[0], (Long) a[2], (Boolean) a[3]));
        Kernels.register(ARGSORT, a -> SortKernels.argsort((TensorData) a[0], (Long) a[1], (Boolean) a[2]));
        Kernels.register(ARGSORT_STABLE, a -> SortKernels.argsort((TensorData) a[0], (Long) a[2], (Boolean) a[3]));
        Kernels.register(TOPK, SortKernels::topk);
        Kernels.register(UNIQUE2, UniqueKernels::unique);
        Kernels.register(UNIQUE_DIM, UniqueKernels::uniqueDim);
    }

    /**
     * Registers an op that writes into self: the in-place variant runs {@code body} on self (any strides), the
     * functional one on a fresh copy of self.
     */
    private static void writing(OpDef functional, BiConsumer<TensorData, Object[]> body) {
        Kernels.register(functional, a -> {
            TensorData self = (TensorData) a[0];
            TensorData out = Moves.copy(self);
            body.accept(out, a);
            return out;
        });
        Kernels.register(IndexingOps.inplace(functional), inplace(body));
    }

    private static dev.kiln.runtime.eager.Kernel inplace(BiConsumer<TensorData, Object[]> body) {
        return a -> {
            TensorData self = (TensorData) a[0];
            body.accept(self, a);
            return self;
        };
    }
}
