package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;

/**
 * Gathering, scattering, advanced indexing, sorting and selection. Every op here is a library kernel; the
 * shape rules (in {@code ScatterGatherRules}, {@code SelectionRules}, {@code IndexLayout} and
 * {@code SortingRules}) reject bad calls with PyTorch's messages before any kernel runs.
 */
public final class IndexingOps {
    private IndexingOps() {}

    // ---- gather and scatter ----

    public static final OpDef GATHER = declare("gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor")
            .rule(ScatterGatherRules::gather).library().build();
    public static final OpDef SCATTER_SRC = declare("scatter.src(Tensor self, int dim, Tensor index, Tensor src) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterSrc("scatter", a)).library().withInplace().build();
    public static final OpDef SCATTER_VALUE = declare("scatter.value(Tensor self, int dim, Tensor index, Scalar value) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterValue("scatter", a)).library().withInplace().build();
    public static final OpDef SCATTER_REDUCE = declare(
            "scatter.reduce(Tensor self, int dim, Tensor index, Tensor src, *, str reduce) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterLegacyReduce("scatter", a, true)).library().withInplace().build();
    public static final OpDef SCATTER_VALUE_REDUCE = declare(
            "scatter.value_reduce(Tensor self, int dim, Tensor index, Scalar value, *, str reduce) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterLegacyReduce("scatter", a, false)).library().withInplace().build();
    public static final OpDef SCATTER_ADD = declare("scatter_add(Tensor self, int dim, Tensor index, Tensor src) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterSrc("scatter_add", a)).library().withInplace().build();
    public static final OpDef SCATTER_REDUCE_TWO = declare(
            "scatter_reduce.two(Tensor self, int dim, Tensor index, Tensor src, str reduce, *, bool include_self=True) -> Tensor")
            .rule(ScatterGatherRules::scatterReduce).library().withInplace().build();
    public static final OpDef TAKE_ALONG_DIM = declare("take_along_dim(Tensor self, Tensor indices, int? dim=None) -> Tensor")
            .rule(ScatterGatherRules::takeAlongDim).library().build();

    // ---- selecting along a dimension, flat and masked selection ----

    public static final OpDef INDEX_SELECT = declare("index_select(Tensor self, int dim, Tensor index) -> Tensor")
            .rule(SelectionRules::indexSelect).library().build();
    public static final OpDef INDEX_ADD = declare(
            "index_add(Tensor self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor")
            .rule(SelectionRules::indexAdd).library().withInplace().build();
    public static final OpDef TAKE = declare("take(Tensor self, Tensor index) -> Tensor")
            .rule(SelectionRules::take).library().build();
    public static final OpDef MASKED_SELECT = declare("masked_select(Tensor self, Tensor mask) -> Tensor")
            .rule(SelectionRules::maskedSelect).library().build();
    public static final OpDef MASKED_SCATTER = declare("masked_scatter(Tensor self, Tensor mask, Tensor source) -> Tensor")
            .rule(SelectionRules::maskedScatter).library().withInplace().build();
    public static final OpDef NONZERO = declare("nonzero(Tensor self) -> Tensor")
            .rule(SelectionRules::nonzero).library().build();
    public static final OpDef NONZERO_NUMPY = declare("nonzero_numpy(Tensor self) -> Tensor[]")
            .rule(SelectionRules::nonzeroNumpy).library().build();
    public static final OpDef ONE_HOT = declare("one_hot(Tensor self, int num_classes=-1) -> Tensor")
            .rule(SelectionRules::oneHot).library().build();

    // ---- advanced indexing ----

    public static final OpDef INDEX = declare("index.Tensor(Tensor self, Tensor?[] indices) -> Tensor")
            .rule(AdvancedIndexRules::index).library().build();
    public static final OpDef INDEX_PUT = declare(
            "index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor")
            .rule(AdvancedIndexRules::indexPut).library().withInplace().build();

    // ---- sorting and selection by value ----

    public static final OpDef SORT = declare("sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)")
            .rule(SortingRules::sort).library().build();
    public static final OpDef SORT_STABLE = declare(
            "sort.stable(Tensor self, *, bool? stable, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)")
            .rule(SortingRules::sortStable).library().build();
    public static final OpDef ARGSORT = declare("argsort(Tensor self, int dim=-1, bool descending=False) -> Tensor")
            .rule(a -> SortingRules.argsort(a, 1)).library().build();
    public static final OpDef ARGSORT_STABLE = declare(
            "argsort.stable(Tensor self, *, bool stable, int dim=-1, bool descending=False) -> Tensor")
            .rule(a -> SortingRules.argsort(a, 2)).library().build();
    public static final OpDef TOPK = declare(
            "topk(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)")
            .rule(SortingRules::topk).library().build();
    public static final OpDef UNIQUE2 = declare(
            "_unique2(Tensor self, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)")
            .rule(SortingRules::unique).library().build();
    public static final OpDef UNIQUE_DIM = declare(
            "unique_dim(Tensor self, int dim, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)")
            .rule(SortingRules::uniqueDim).library().build();

    /** The in-place variant ({@code scatter_.src}) that {@code withInplace()} declared next to {@code functional}. */
    public static OpDef inplace(OpDef functional) {
        String name = functional.schema().name() + "_";
        String overload = functional.schema().overload();
        return OpCatalogue.lookup(overload.isEmpty() ? name : name + "." + overload)
                .orElseThrow(() -> new IllegalArgumentException(functional.name() + " has no in-place variant"));
    }
}
