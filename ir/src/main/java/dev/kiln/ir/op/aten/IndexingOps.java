package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;

/**
 * Gathering, scattering, advanced indexing, sorting and selection. Every op here is a library kernel; the
 * shape rules (in {@code ScatterGatherRules}, {@code SelectionRules}, {@code IndexLayout} and
 * {@code SortingRules}) reject bad calls with PyTorch's messages before any kernel runs. The derivatives
 * ({@link IndexingGrads}, {@link ScatterReduceGrads}) are PyTorch's; index tensors, integer results, the legacy
 * reducing scatters and unique (which PyTorch does not implement) carry no gradient.
 */
public final class IndexingOps {
    private IndexingOps() {}

    // ---- gather and scatter ----

    public static final OpDef GATHER = declare("gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor")
            .rule(ScatterGatherRules::gather).library()
            .derivative(wrt("self", uses("index"), IndexingGrads::gatherBackward)).build();
    public static final OpDef SCATTER_SRC = declare("scatter.src(Tensor self, int dim, Tensor index, Tensor src) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterSrc("scatter", a)).library()
            .derivative(wrt("self", uses("index"), g -> IndexingGrads.scatteredZero(g, g.grad())),
                    wrt("src", uses("index"), IndexingGrads::gatherGrad))
            .withInplace().build();
    public static final OpDef SCATTER_VALUE = declare("scatter.value(Tensor self, int dim, Tensor index, Scalar value) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterValue("scatter", a)).library()
            .derivative(wrt("self", uses("index"), g -> IndexingGrads.scatteredZero(g, g.grad()))).withInplace().build();
    public static final OpDef SCATTER_REDUCE = declare(
            "scatter.reduce(Tensor self, int dim, Tensor index, Tensor src, *, str reduce) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterLegacyReduce("scatter", a, true)).library().nonDifferentiable().withInplace().build();
    public static final OpDef SCATTER_VALUE_REDUCE = declare(
            "scatter.value_reduce(Tensor self, int dim, Tensor index, Scalar value, *, str reduce) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterLegacyReduce("scatter", a, false)).library().nonDifferentiable().withInplace().build();
    public static final OpDef SCATTER_ADD = declare("scatter_add(Tensor self, int dim, Tensor index, Tensor src) -> Tensor")
            .rule(a -> ScatterGatherRules.scatterSrc("scatter_add", a)).library()
            .derivative(wrt("self", g -> g.grad()), wrt("src", uses("index"), IndexingGrads::gatherGrad)).withInplace().build();
    public static final OpDef SCATTER_REDUCE_TWO = declare(
            "scatter_reduce.two(Tensor self, int dim, Tensor index, Tensor src, str reduce, *, bool include_self=True) -> Tensor")
            .rule(ScatterGatherRules::scatterReduce).library()
            .derivative(wrt("self", uses("self", "index", "src", "result"), ScatterReduceGrads::self),
                    wrt("src", uses("self", "index", "src", "result"), ScatterReduceGrads::src))
            .withInplace().build();
    public static final OpDef TAKE_ALONG_DIM = declare("take_along_dim(Tensor self, Tensor indices, int? dim=None) -> Tensor")
            .rule(ScatterGatherRules::takeAlongDim).library()
            .derivative(Derivative.of(wrt("self", uses("indices"), IndexingGrads::takeAlongDimBackward)).named("GatherBackward0"))
            .build();

    // ---- selecting along a dimension, flat and masked selection ----

    public static final OpDef INDEX_SELECT = declare("index_select(Tensor self, int dim, Tensor index) -> Tensor")
            .rule(SelectionRules::indexSelect).library()
            .derivative(wrt("self", uses("index"), IndexingGrads::indexSelectBackward)).build();
    public static final OpDef INDEX_ADD = declare(
            "index_add(Tensor self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor")
            .rule(SelectionRules::indexAdd).library()
            .derivative(wrt("self", g -> g.grad()), wrt("source", uses("index"), IndexingGrads::indexAddSourceBackward))
            .withInplace().build();
    public static final OpDef TAKE = declare("take(Tensor self, Tensor index) -> Tensor")
            .rule(SelectionRules::take).library()
            .derivative(wrt("self", uses("index"), IndexingGrads::takeBackward)).build();
    public static final OpDef MASKED_SELECT = declare("masked_select(Tensor self, Tensor mask) -> Tensor")
            .rule(SelectionRules::maskedSelect).library()
            .derivative(wrt("self", uses("mask"), IndexingGrads::maskedSelectBackward)).build();
    public static final OpDef MASKED_SCATTER = declare("masked_scatter(Tensor self, Tensor mask, Tensor source) -> Tensor")
            .rule(SelectionRules::maskedScatter).library()
            .derivative(wrt("self", uses("mask"), IndexingGrads::maskedScatterSelfBackward),
                    wrt("source", uses("mask"), IndexingGrads::maskedScatterSourceBackward))
            .withInplace().build();
    public static final OpDef NONZERO = declare("nonzero(Tensor self) -> Tensor")
            .rule(SelectionRules::nonzero).library().nonDifferentiable().build();
    public static final OpDef NONZERO_NUMPY = declare("nonzero_numpy(Tensor self) -> Tensor[]")
            .rule(SelectionRules::nonzeroNumpy).library().nonDifferentiable().build();
    public static final OpDef ONE_HOT = declare("one_hot(Tensor self, int num_classes=-1) -> Tensor")
            .rule(SelectionRules::oneHot).library().nonDifferentiable().build();

    // ---- advanced indexing ----

    public static final OpDef INDEX = declare("index.Tensor(Tensor self, Tensor?[] indices) -> Tensor")
            .rule(AdvancedIndexRules::index).library()
            .derivative(wrt("self", uses("indices"), IndexingGrads::indexBackward)).build();
    public static final OpDef INDEX_PUT = declare(
            "index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor")
            .rule(AdvancedIndexRules::indexPut).library()
            .derivative(wrt("self", uses("indices"), IndexingGrads::indexPutSelfBackward),
                    wrt("values", uses("indices"), IndexingGrads::indexPutValuesBackward))
            .withInplace().build();

    // ---- sorting and selection by value ----

    /** sort and topk: the values' gradient goes back where {@code indices} says each value came from. */
    private static final Derivative VALUES_BY_INDICES = Derivative.of(wrt("self", uses("indices"), IndexingGrads::valuesBackward));

    public static final OpDef SORT = declare("sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)")
            .rule(SortingRules::sort).library().derivative(VALUES_BY_INDICES).build();
    public static final OpDef SORT_STABLE = declare(
            "sort.stable(Tensor self, *, bool? stable, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)")
            .rule(SortingRules::sortStable).library().derivative(VALUES_BY_INDICES).build();
    public static final OpDef ARGSORT = declare("argsort(Tensor self, int dim=-1, bool descending=False) -> Tensor")
            .rule(a -> SortingRules.argsort(a, 1)).library().nonDifferentiable().build();
    public static final OpDef ARGSORT_STABLE = declare(
            "argsort.stable(Tensor self, *, bool stable, int dim=-1, bool descending=False) -> Tensor")
            .rule(a -> SortingRules.argsort(a, 2)).library().nonDifferentiable().build();
    public static final OpDef TOPK = declare(
            "topk(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)")
            .rule(SortingRules::topk).library().derivative(VALUES_BY_INDICES).build();
    public static final OpDef UNIQUE2 = declare(
            "_unique2(Tensor self, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)")
            .rule(SortingRules::unique).library().nonDifferentiable().build();
    public static final OpDef UNIQUE_DIM = declare(
            "unique_dim(Tensor self, int dim, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)")
            .rule(SortingRules::uniqueDim).library().nonDifferentiable().build();

    /** The in-place variant ({@code scatter_.src}) that {@code withInplace()} declared next to {@code functional}. */
    public static OpDef inplace(OpDef functional) {
        String name = functional.schema().name() + "_";
        String overload = functional.schema().overload();
        return OpCatalogue.lookup(overload.isEmpty() ? name : name + "." + overload)
                .orElseThrow(() -> new IllegalArgumentException(functional.name() + " has no in-place variant"));
    }
}
