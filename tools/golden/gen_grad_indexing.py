"""Golden gradients of the indexing family (gather/scatter, selection, advanced indexing, sorting) and of the
creation ops that are differentiable with zero gradients (sampling from tensor parameters).

Indices repeat (gradients accumulate), go negative where the op allows it, masks broadcast, and advanced indexing
mixes None (a full slice; an ellipsis is a run of them) with index tensors and bool masks. Values that sort or
reduce by extremes are distinct, so that gradcheck sees a smooth function.

Sampling cases skip gradcheck: finite differences of a random function say nothing; PyTorch's zero gradient is
what they check.
"""
import torch

from golden import noncontig, randn
from grad_golden import GradFamily


f = GradFamily("indexing")
T = torch.tensor


def distinct(*shape, seed=0, dtype=torch.float32):
    """Values well apart (at least 0.1), in a seeded random order, so sorting and extremes are smooth."""
    n = 1
    for s in shape:
        n *= s
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    return (perm.to(torch.float64) * 0.37 - n * 0.15).reshape(shape).to(dtype)


def mask(*shape, seed=0):
    return torch.rand(*shape, generator=torch.Generator().manual_seed(seed)) > 0.4


# ---- gather and scatter ----

f.case("gather/dim0_repeated", "gather", randn(3, 4, seed=1), 0, T([[0, 1, 2, 0], [2, 2, 1, 0]]))
f.case("gather/neg_dim_repeated", "gather", randn(3, 4, seed=2), -1, T([[0, 0, 3], [1, 2, 1], [3, 3, 3]]))
f.case("gather/noncontig_3d", "gather", noncontig(randn(2, 4, 3, seed=3, dtype=torch.float64)), 1,
       T([[[0, 3, 1], [3, 3, 0]], [[2, 1, 1], [0, 0, 2]]]))
f.case("gather/scalar", "gather", randn(1, seed=4)[0], 0, T(0))

f.case("scatter.src/dim0", "scatter.src", randn(3, 4, seed=5), 0, T([[0, 1, 2, 0], [1, 2, 0, 2]]), randn(2, 4, seed=6))
f.case("scatter.src/neg_dim", "scatter.src", noncontig(randn(3, 5, seed=7)), -1, T([[4, 0], [1, 3], [2, 4]]), randn(3, 2, seed=8))
f.case("scatter.value/dim1", "scatter.value", randn(3, 4, seed=9), 1, T([[0, 3], [1, 1], [2, 0]]), 2.5)
f.case("scatter_add/repeated", "scatter_add", randn(3, 4, seed=10), 0, T([[0, 1, 2, 0], [0, 1, 0, 0], [2, 2, 2, 2]]),
       randn(3, 4, seed=11))
f.case("scatter_add/neg_dim_noncontig", "scatter_add", noncontig(randn(2, 5, seed=12, dtype=torch.float64)), -1,
       T([[4, 4, 0], [1, 1, 1]]), noncontig(randn(2, 3, seed=13, dtype=torch.float64)))

SR_INDEX = T([[0, 1, 2, 0], [0, 1, 0, 3], [2, 2, 2, 3]])
for reduce in ["sum", "prod", "mean", "amax", "amin"]:
    for include_self in [True, False]:
        smooth = reduce in ("sum", "prod", "mean")
        f.case(f"scatter_reduce.two/{reduce}_{'self' if include_self else 'noself'}", "scatter_reduce.two",
               distinct(4, 4, seed=14) / 3 if not smooth else randn(4, 4, seed=14), 0, SR_INDEX,
               distinct(3, 4, seed=15) / 3 if not smooth else randn(3, 4, seed=15), reduce, include_self=include_self)
f.case("scatter_reduce.two/sum_neg_dim", "scatter_reduce.two", randn(2, 5, seed=16, dtype=torch.float64), -1,
       T([[4, 4, 0], [1, 1, 1]]), randn(2, 3, seed=17, dtype=torch.float64), "sum", include_self=False)
# a single zero among a position's factors: its gradient is the product of the others, not result / 0
f.case("scatter_reduce.two/prod_single_zero", "scatter_reduce.two", T([1.5, 0.0, -2.0, 0.5]), 0, T([0, 0, 1, 3, 3]),
       T([0.0, 3.0, 2.0, -1.5, 0.0]), "prod")
# ties share the gradient evenly (not smooth there, so no gradcheck)
f.case("scatter_reduce.two/amax_ties", "scatter_reduce.two", T([1.0, 2.0, 3.0]), 0, T([0, 0, 1, 2, 2]),
       T([1.0, 0.5, 2.0, 3.0, 3.0]), "amax", gradcheck=False)
f.case("scatter_reduce.two/amin_ties_noself", "scatter_reduce.two", T([1.0, 2.0, 3.0]), 0, T([0, 0, 2, 2]),
       T([-1.0, -1.0, 4.0, 5.0]), "amin", include_self=False, gradcheck=False)

f.case("take_along_dim/dim1_repeated", "take_along_dim", randn(3, 4, seed=18), T([[0, 3, 3], [1, 1, 2], [2, 0, 0]]), 1)
f.case("take_along_dim/broadcast", "take_along_dim", randn(1, 5, seed=19), T([[0, 4], [4, 4], [2, 1]]), -1)
f.case("take_along_dim/flat", "take_along_dim", randn(2, 3, seed=20), T([[5, 0], [0, 2]]))

# ---- selecting along a dimension, flat and masked selection ----

f.case("index_select/dim0_repeated", "index_select", randn(4, 3, seed=21), 0, T([3, 0, 3, 3]))
f.case("index_select/neg_dim_noncontig", "index_select", noncontig(randn(3, 4, seed=22, dtype=torch.float64)), -1, T([1, 1, 0]))
f.case("index_select/scalar_index", "index_select", randn(3, 4, seed=23), 1, T(2))
f.case("index_add/repeated", "index_add", randn(5, 3, seed=24), 0, T([0, 4, 0]), randn(3, 3, seed=25))
f.case("index_add/alpha_neg_dim", "index_add", randn(3, 4, seed=26), -1, T([3, 1]), randn(3, 2, seed=27), alpha=2.5)
f.case("index_add/scalar_source", "index_add", randn(3, seed=28), 0, T([1]), randn(1, seed=29)[0])
f.case("take/negative_repeated", "take", randn(3, 4, seed=30), T([[0, -1], [5, 5], [-12, 11]]))
f.case("take/noncontig", "take", noncontig(randn(2, 3, seed=31, dtype=torch.float64)), T([4, 1, 4]))
f.case("masked_select/same_shape", "masked_select", randn(3, 4, seed=32), mask(3, 4, seed=33))
f.case("masked_select/mask_broadcast", "masked_select", randn(3, 4, seed=34), mask(4, seed=35))
f.case("masked_select/self_broadcast", "masked_select", randn(4, seed=36), mask(3, 4, seed=37))
f.case("masked_scatter/unused_source", "masked_scatter", randn(3, 4, seed=38), mask(3, 4, seed=39), randn(4, 5, seed=40))
f.case("masked_scatter/exact_source", "masked_scatter", randn(2, 3, seed=41), T([[True, False, True], [False, False, True]]),
       randn(3, seed=42))
f.case("masked_scatter/mask_broadcast", "masked_scatter", randn(3, seed=43), T([[True], [False]]), randn(6, seed=44))

# ---- advanced indexing ----

X3 = randn(3, 4, 2, seed=45)
f.case("index.Tensor/repeated_negative", "index.Tensor", randn(4, 3, seed=46), [T([0, -1, 0, 3])])
f.case("index.Tensor/broadcast_pair", "index.Tensor", randn(3, 4, seed=47), [T([[0], [2], [0]]), T([1, -1])])
f.case("index.Tensor/none_then_index", "index.Tensor", X3, [None, T([2, 0, 2])])
f.case("index.Tensor/ellipsis_last", "index.Tensor", X3, [None, None, T([1, 1, 0])])
f.case("index.Tensor/split_advanced", "index.Tensor", X3, [T([0, 2, 2]), None, T([1, 0, 1])])
f.case("index.Tensor/bool_mask", "index.Tensor", randn(3, 4, seed=48), [mask(3, 4, seed=49)])
f.case("index.Tensor/bool_rows", "index.Tensor", noncontig(randn(3, 4, seed=50)), [T([True, False, True])])
f.case("index.Tensor/bool_then_int", "index.Tensor", X3, [T([False, True, True]), T([3, 3])])
f.case("index_put/overwrite", "index_put", randn(4, 3, seed=51), [T([0, 2])], randn(2, 3, seed=52))
f.case("index_put/overwrite_broadcast_values", "index_put", randn(3, 4, seed=53), [None, T([3, -4])], randn(1, seed=54))
f.case("index_put/accumulate_repeated", "index_put", randn(3, 4, seed=55), [T([1, 1, -3]), T([0, 0, 2])], randn(3, seed=56),
       True)
f.case("index_put/bool_mask", "index_put", randn(3, 4, seed=57), [mask(3, 4, seed=58)], randn(1, seed=59)[0])
f.case("index_put/accumulate_rows", "index_put", noncontig(randn(3, 4, seed=60, dtype=torch.float64)), [T([2, 0, 2])],
       randn(4, seed=61, dtype=torch.float64), True)

# ---- sorting and selection by value ----

f.case("sort/last_dim", "sort", distinct(3, 5, seed=62))
f.case("sort/dim0_descending", "sort", noncontig(distinct(4, 3, seed=63)), 0, True)
f.case("sort.stable/descending", "sort.stable", distinct(2, 6, seed=64, dtype=torch.float64), stable=True, dim=-1,
       descending=True)
f.case("topk/largest", "topk", distinct(3, 5, seed=65), 2)
f.case("topk/smallest_dim0", "topk", distinct(4, 3, seed=66), 3, 0, False)

# ---- sampling from tensor parameters: zero gradients ----

P = torch.tensor([0.2, 0.7, 0.5, 0.9])
f.case("bernoulli/self", "bernoulli", P, gradcheck=False)
f.case("bernoulli.Tensor/self_and_p", "bernoulli.Tensor", P, T([0.3, 0.6, 0.1, 0.8]), gradcheck=False)
f.case("normal.Tensor_float/mean", "normal.Tensor_float", randn(2, 3, seed=67), 0.5, gradcheck=False)
f.case("normal.float_Tensor/std", "normal.float_Tensor", 1.0, T([0.5, 1.0, 2.0]), gradcheck=False)
f.case("normal.Tensor_Tensor/mean_and_std", "normal.Tensor_Tensor", randn(3, seed=68), T([0.5, 1.0, 2.0]), gradcheck=False)
f.case("uniform_/non_leaf", "uniform_", randn(2, 3, seed=69), -1.0, 2.0, nonleaf=True, gradcheck=False)
f.case("normal_/non_leaf", "normal_", randn(2, 3, seed=70), nonleaf=True, gradcheck=False)
f.case("bernoulli_.float/non_leaf", "bernoulli_.float", randn(4, seed=71), 0.3, nonleaf=True, gradcheck=False)
f.case("bernoulli_.Tensor/p", "bernoulli_.Tensor", T([0.0, 1.0, 0.0]), T([0.3, 0.6, 0.1]), wrt=[[1, -1]], gradcheck=False)

f.write()
