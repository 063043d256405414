"""Golden values for the indexing ops (IndexingOps): gather/scatter, index_select/index_add, advanced indexing,
masked ops, nonzero, take, sort/argsort/topk, unique and one_hot. Inputs avoid ties where PyTorch's order is
unspecified (unstable sort, topk), duplicate indices where the winner is unspecified (scatter, index_put without
accumulate), and unsorted unique (a hash order).

Also records Python's x[...] and x[...] = v (frontend/src/test/resources/subscripts/python_indexing.json), which
PythonIndexingTest replays through Tensor.index / Tensor.set."""
import json
import os
import sys
import warnings

import torch

from golden import ROOT, Family, clone_args, encode, randn, randint, noncontig

warnings.filterwarnings("ignore")
f = Family("indexing")

INTS = [torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8]
ALL = [torch.float32, torch.float64, torch.float16, torch.bfloat16] + INTS + [torch.bool]


def perm(n, seed):
    return torch.randperm(n, generator=torch.Generator().manual_seed(seed))


def values(*shape, dtype=torch.float32, seed=0):
    """Distinct values (no ties) of any dtype."""
    n = 1
    for s in shape:
        n *= s
    if dtype == torch.bool:
        return randint(0, 2, *shape, seed=seed).bool()
    v = perm(n, seed).reshape(shape)
    if dtype.is_floating_point:
        return (v.to(torch.float64) * 0.75 - n / 3).to(dtype)
    if dtype == torch.uint8:
        return v.to(dtype)
    return (v - n // 2).to(dtype)


x23 = randn(2, 3, seed=1)
x345 = randn(3, 4, 5, seed=2)

# ---- gather ----
f.case("gather/dim1", "gather", x23, 1, torch.tensor([[0, 2], [1, 1]]))
f.case("gather/dim0_repeat", "gather", x23, 0, torch.tensor([[1, 0, 1], [0, 0, 0], [1, 1, 1]]))
f.case("gather/neg_dim", "gather", x345, -1, randint(0, 5, 3, 4, 2, seed=3))
f.case("gather/smaller_index", "gather", x345, 1, randint(0, 4, 2, 6, 3, seed=4))
f.case("gather/noncontig", "gather", noncontig(randn(4, 5, seed=5)), 0, noncontig(randint(0, 4, 3, 5, seed=6)))
f.case("gather/zero_size", "gather", x23, 1, torch.zeros(2, 0, dtype=torch.int64))
f.case("gather/zero_size_int32_index", "gather", x23, 1, torch.zeros(0, dtype=torch.int32))
f.case("gather/scalar", "gather", torch.tensor(5.0), 0, torch.tensor(0))
f.case("gather/scalar_index_1d", "gather", torch.tensor([5.0, 6.0]), 0, torch.tensor(1))
for dt in ALL:
    f.case(f"gather/{dt}", "gather", values(3, 4, dtype=dt, seed=7), 1, randint(0, 4, 3, 2, seed=8))
f.case("gather/out_of_range", "gather", x23, 1, torch.tensor([[0, 3]]))
f.case("gather/negative_index", "gather", x23, 1, torch.tensor([[0, -1]]))
f.case("gather/int32_index", "gather", x23, 1, torch.tensor([[0, 1]], dtype=torch.int32))
f.case("gather/rank_mismatch", "gather", x23, 1, torch.tensor([0, 1]))
f.case("gather/too_big", "gather", x23, 1, torch.zeros(3, 2, dtype=torch.int64))
f.case("gather/bad_dim", "gather", x23, 2, torch.zeros(1, 2, dtype=torch.int64))

# ---- scatter (src, value, reduce, value_reduce) and in-place ----
idx_row = torch.stack([perm(5, s)[:3] for s in range(3)])  # distinct per row: no write conflicts
f.case("scatter.src/dim1", "scatter.src", torch.zeros(3, 5), 1, idx_row, randn(3, 4, seed=9))
f.case("scatter.src/dim0", "scatter.src", torch.zeros(4, 3), 0, torch.tensor([[0, 1, 2], [3, 2, 1]]), randn(2, 3, seed=10))
f.case("scatter.src/neg_dim", "scatter.src", torch.zeros(3, 5), -1, idx_row, randn(3, 3, seed=11))
f.case("scatter.src/noncontig", "scatter.src", noncontig(randn(5, 3, seed=12)), 0, noncontig(torch.stack([perm(5, 20 + s)[:2] for s in range(3)]).t().contiguous().t()), noncontig(randn(3, 3, seed=13)))
f.case("scatter.src/larger_src", "scatter.src", torch.zeros(3, 5), 1, idx_row[:2, :2], randn(4, 6, seed=14))
f.case("scatter.src/zero_size", "scatter.src", torch.zeros(2, 3), 1, torch.zeros(2, 0, dtype=torch.int64), randn(2, 3))
for dt in ALL:
    f.case(f"scatter.src/{dt}", "scatter.src", values(3, 5, dtype=dt, seed=15), 1, idx_row, values(3, 3, dtype=dt, seed=16))
f.case("scatter.src/dtype_mismatch", "scatter.src", torch.zeros(2, 3), 1, torch.tensor([[0, 2]]), torch.ones(2, 3, dtype=torch.float64))
f.case("scatter.src/index_too_big", "scatter.src", torch.zeros(2, 3), 1, torch.tensor([[0, 2]]), torch.ones(1, 1))
f.case("scatter.src/out_of_range", "scatter.src", torch.zeros(2, 3), 1, torch.tensor([[0, 3]]), torch.ones(2, 3))
f.case("scatter.src/negative_index", "scatter.src", torch.zeros(2, 3), 1, torch.tensor([[-1]]), torch.ones(2, 3))
f.case("scatter.src/int32_index", "scatter.src", torch.zeros(2, 3), 1, torch.tensor([[0]], dtype=torch.int32), torch.ones(2, 3))
f.case("scatter.src/rank_mismatch", "scatter.src", torch.zeros(2, 3), 1, torch.tensor([0]), torch.ones(2, 3))
f.case("scatter.value/float", "scatter.value", torch.zeros(3, 5), 1, idx_row, 2.5)
f.case("scatter.value/int_self_float_value", "scatter.value", torch.zeros(2, 3, dtype=torch.int64), 1, torch.tensor([[0, 2]]), 2.7)
f.case("scatter.value/bool_self", "scatter.value", torch.zeros(2, 3, dtype=torch.bool), 1, torch.tensor([[0, 2]]), 2)
f.case("scatter.value/uint8_wrap", "scatter.value", torch.zeros(2, 3, dtype=torch.uint8), 0, torch.tensor([[1, 0, 1]]), -1)
f.case("scatter.value/f16", "scatter.value", torch.zeros(2, 3, dtype=torch.float16), 0, torch.tensor([[1, 0, 1]]), 1.0 / 3)
f.case("scatter.reduce/add_dups", "scatter.reduce", torch.ones(2, 3), 1, torch.tensor([[0, 0, 1], [2, 2, 2]]), randn(2, 3, seed=17), reduce="add")
f.case("scatter.reduce/multiply_dups", "scatter.reduce", torch.full((2, 3), 2.0), 1, torch.tensor([[0, 0, 1]]), randn(2, 3, seed=18), reduce="multiply")
f.case("scatter.reduce/int8_add_wraps", "scatter.reduce", torch.ones(3, dtype=torch.int8), 0, torch.tensor([0, 0, 1]), torch.tensor([100, 100, 3], dtype=torch.int8), reduce="add")
f.case("scatter.reduce/bool_add", "scatter.reduce", torch.tensor([True, False, False]), 0, torch.tensor([1, 1]), torch.tensor([True, False]), reduce="add")
f.case("scatter.reduce/bad_reduce", "scatter.reduce", torch.ones(2, 3), 1, torch.tensor([[0]]), torch.ones(2, 3), reduce="mean")
f.case("scatter.value_reduce/add", "scatter.value_reduce", torch.ones(2, 3), 1, torch.tensor([[0, 0], [1, 2]]), 3.0, reduce="add")
f.case("scatter.value_reduce/multiply_int", "scatter.value_reduce", torch.full((2, 3), 3, dtype=torch.int32), 1, torch.tensor([[0, 0], [1, 2]]), 2, reduce="multiply")
f.case("scatter_.src/inplace", "scatter_.src", torch.zeros(3, 5), 1, idx_row, randn(3, 4, seed=19))
f.case("scatter_.src/inplace_noncontig", "scatter_.src", noncontig(torch.zeros(3, 5)), 1, idx_row, randn(3, 4, seed=19))
f.case("scatter_.value/inplace", "scatter_.value", torch.zeros(3, 5), 1, idx_row, -1.5)
f.case("scatter_.reduce/inplace", "scatter_.reduce", torch.ones(2, 3), 0, torch.tensor([[0, 1, 1], [0, 1, 1]]), randn(2, 3, seed=20), reduce="multiply")
f.case("scatter_.value_reduce/inplace", "scatter_.value_reduce", torch.ones(2, 3), 0, torch.tensor([[0, 1, 1], [0, 1, 1]]), 4.0, reduce="add")

# ---- scatter_add ----
dups = torch.tensor([[0, 1, 0, 2], [2, 2, 2, 0], [1, 0, 1, 0]])
f.case("scatter_add/dups", "scatter_add", torch.zeros(3, 4), 1, dups, randn(3, 4, seed=21))
f.case("scatter_add/dim0", "scatter_add", torch.ones(3, 4), 0, dups[:, :3], randn(3, 3, seed=22))
f.case("scatter_add/noncontig", "scatter_add", noncontig(randn(3, 4, seed=23)), -1, dups, noncontig(randn(3, 4, seed=24)))
f.case("scatter_add/zero_size", "scatter_add", torch.zeros(0, 4), 1, torch.zeros(0, 2, dtype=torch.int64), torch.zeros(0, 4))
for dt in ALL:
    f.case(f"scatter_add/{dt}", "scatter_add", values(3, 4, dtype=dt, seed=25), 1, dups, values(3, 4, dtype=dt, seed=26))
f.case("scatter_add/out_of_range", "scatter_add", torch.zeros(3, 4), 1, dups + 2, randn(3, 4))
f.case("scatter_add/dtype_mismatch", "scatter_add", torch.zeros(3, 4), 1, dups, randn(3, 4, dtype=torch.float64))
f.case("scatter_add_/inplace", "scatter_add_", torch.zeros(3, 4), 1, dups, randn(3, 4, seed=27))
f.case("scatter_add_/inplace_noncontig", "scatter_add_", noncontig(randn(3, 4, seed=28)), 1, dups, randn(3, 4, seed=29))

# ---- scatter_reduce.two ----
for red in ["sum", "prod", "mean", "amax", "amin"]:
    for inc in [True, False]:
        f.case(f"scatter_reduce.two/{red}_{inc}", "scatter_reduce.two", randn(3, 4, seed=30), 1, dups, randn(3, 4, seed=31), red, include_self=inc)
        f.case(f"scatter_reduce.two/{red}_{inc}_int", "scatter_reduce.two", randint(-9, 9, 3, 4, seed=32), 1, dups, randint(-9, 9, 3, 4, seed=33), red, include_self=inc)
    for dt in [torch.float64, torch.float16, torch.bfloat16, torch.int32, torch.int16, torch.int8, torch.uint8]:
        f.case(f"scatter_reduce.two/{red}_{dt}", "scatter_reduce.two", values(3, 4, dtype=dt, seed=34), 0, dups[:2], values(2, 4, dtype=dt, seed=35), red, include_self=False)
for red in ["sum", "prod", "amax", "amin"]:
    f.case(f"scatter_reduce.two/{red}_bool", "scatter_reduce.two", torch.tensor([True, False, True]), 0, torch.tensor([0, 0, 1, 2]), torch.tensor([True, False, False, True]), red)
nan_src = torch.tensor([[1.0, float("nan"), -2.0, 3.0]])
f.case("scatter_reduce.two/amax_nan", "scatter_reduce.two", torch.zeros(1, 3), 1, torch.tensor([[0, 0, 1, 2]]), nan_src, "amax")
f.case("scatter_reduce.two/amin_nan", "scatter_reduce.two", torch.zeros(1, 3), 1, torch.tensor([[1, 0, 0, 0]]), nan_src, "amin", include_self=False)
f.case("scatter_reduce.two/mean_bool", "scatter_reduce.two", torch.tensor([True]), 0, torch.tensor([0]), torch.tensor([True]), "mean")
f.case("scatter_reduce.two/bad_reduce", "scatter_reduce.two", randn(3), 0, torch.tensor([0]), randn(3), "max")
f.case("scatter_reduce.two/noncontig", "scatter_reduce.two", noncontig(randn(3, 4, seed=36)), 1, dups, noncontig(randn(3, 4, seed=37)), "mean")
f.case("scatter_reduce_.two/inplace", "scatter_reduce_.two", randn(3, 4, seed=38), 1, dups, randn(3, 4, seed=39), "amax", include_self=False)

# ---- take_along_dim ----
f.case("take_along_dim/flat", "take_along_dim", x23, torch.tensor([[5, 0], [2, 3]]))
f.case("take_along_dim/dim1", "take_along_dim", x23, torch.tensor([[2, 0]]), 1)
f.case("take_along_dim/dim1_broadcast_self", "take_along_dim", randn(1, 4, seed=40), torch.tensor([[3], [0], [1]]), 1)
f.case("take_along_dim/neg_dim", "take_along_dim", x345, randint(0, 5, 3, 1, 7, seed=41), -1)
f.case("take_along_dim/argsort_use", "take_along_dim", x345, x345.argsort(dim=1), 1)
f.case("take_along_dim/noncontig", "take_along_dim", noncontig(randn(4, 5, seed=42)), noncontig(randint(0, 4, 2, 5, seed=43)), 0)
f.case("take_along_dim/int32", "take_along_dim", x23, torch.tensor([[2, 0]], dtype=torch.int32), 1)
f.case("take_along_dim/rank_mismatch", "take_along_dim", x23, torch.tensor([2, 0]), 1)
f.case("take_along_dim/out_of_range", "take_along_dim", x23, torch.tensor([[3, 0]]), 1)
f.case("take_along_dim/bad_broadcast", "take_along_dim", x23, torch.zeros(3, 2, dtype=torch.int64), 1)

# ---- index_select ----
f.case("index_select/dim1", "index_select", x23, 1, torch.tensor([2, 0, 2]))
f.case("index_select/int32", "index_select", x345, 0, torch.tensor([2, 0], dtype=torch.int32))
f.case("index_select/neg_dim", "index_select", x345, -1, torch.tensor([4, 4, 0, 1]))
f.case("index_select/scalar_index", "index_select", x23, 1, torch.tensor(1))
f.case("index_select/noncontig", "index_select", noncontig(randn(4, 5, seed=44)), 1, noncontig(torch.tensor([3, 1, 4])))
f.case("index_select/empty_index", "index_select", x23, 0, torch.zeros(0, dtype=torch.int64))
f.case("index_select/zero_size", "index_select", torch.zeros(0, 3), 1, torch.tensor([0, 2]))
f.case("index_select/scalar_self", "index_select", torch.tensor(5.0), 0, torch.tensor([0]))
for dt in ALL:
    f.case(f"index_select/{dt}", "index_select", values(3, 4, dtype=dt, seed=45), 0, torch.tensor([2, 2, 0]))
f.case("index_select/out_of_range", "index_select", x23, 1, torch.tensor([3]))
f.case("index_select/negative_index", "index_select", x23, 1, torch.tensor([-1]))
f.case("index_select/matrix_index", "index_select", x23, 1, torch.tensor([[2, 0]]))
f.case("index_select/int16_index", "index_select", x23, 1, torch.tensor([2, 0], dtype=torch.int16))
f.case("index_select/bad_dim", "index_select", x23, 2, torch.tensor([0]))

# ---- index_add ----
f.case("index_add/dims1_dups", "index_add", x23, 1, torch.tensor([2, 0, 2]), randn(2, 3, seed=46))
f.case("index_add/alpha", "index_add", x23, 1, torch.tensor([2, 0, 2]), randn(2, 3, seed=47), alpha=2.5)
f.case("index_add/dim0", "index_add", x345, 0, torch.tensor([1, 1]), randn(2, 4, 5, seed=48))
f.case("index_add/int32_index_neg_dim", "index_add", x345, -1, torch.tensor([4, 0, 4], dtype=torch.int32), randn(3, 4, 3, seed=49))
f.case("index_add/broadcast_source", "index_add", x23, 1, torch.tensor([1, 0]), randn(1, 2, seed=50))
f.case("index_add/1d", "index_add", randn(4, seed=51), 0, torch.tensor([3, 0, 3]), randn(3, seed=52))
f.case("index_add/noncontig", "index_add", noncontig(randn(4, 5, seed=53)), 0, torch.tensor([1, 3]), noncontig(randn(2, 5, seed=54)))
f.case("index_add/int_alpha_float", "index_add", randint(0, 9, 2, 3, seed=55), 1, torch.tensor([1, 0, 2]), randint(0, 9, 2, 3, seed=56), alpha=2.5)
f.case("index_add/int8_wraps", "index_add", torch.ones(3, dtype=torch.int8), 0, torch.tensor([0, 0, 1]), torch.tensor([100, 100, 3], dtype=torch.int8), alpha=2)
f.case("index_add/f16_alpha", "index_add", torch.ones(3, dtype=torch.float16), 0, torch.tensor([0, 0, 1]), torch.tensor([100, 0.1, 3], dtype=torch.float16), alpha=2)
f.case("index_add/bool", "index_add", torch.tensor([True, False, False]), 0, torch.tensor([0, 0, 1]), torch.tensor([True, False, True]))
f.case("index_add/empty_index", "index_add", x23, 1, torch.zeros(0, dtype=torch.int64), torch.zeros(2, 0))
for dt in [torch.float64, torch.bfloat16, torch.int64, torch.int16, torch.uint8]:
    f.case(f"index_add/{dt}", "index_add", values(3, 4, dtype=dt, seed=57), 0, torch.tensor([2, 0, 2]), values(3, 4, dtype=dt, seed=58))
f.case("index_add/count_mismatch", "index_add", x23, 1, torch.tensor([2, 0, 2]), torch.ones(2, 2))
f.case("index_add/dtype_mismatch", "index_add", x23, 1, torch.tensor([2, 0, 2]), torch.ones(2, 3, dtype=torch.float64))
f.case("index_add/out_of_range", "index_add", x23, 1, torch.tensor([3, 0, 2]), torch.ones(2, 3))
f.case("index_add/negative_index", "index_add", x23, 1, torch.tensor([-1, 0, 2]), torch.ones(2, 3))
f.case("index_add/int16_index", "index_add", x23, 1, torch.tensor([1, 0, 2], dtype=torch.int16), torch.ones(2, 3))
f.case("index_add/slice_mismatch", "index_add", x23, 1, torch.tensor([1, 0, 2]), torch.ones(3, 3))
f.case("index_add_/inplace", "index_add_", randn(2, 3, seed=59), 1, torch.tensor([2, 0, 2]), randn(2, 3, seed=60), alpha=-1)
f.case("index_add_/inplace_noncontig", "index_add_", noncontig(randn(4, 3, seed=61)), 0, torch.tensor([3, 3]), randn(2, 3, seed=62))

# ---- take ----
f.case("take/negative", "take", x23, torch.tensor([[5, -1], [0, 2]]))
f.case("take/noncontig", "take", noncontig(randn(3, 4, seed=63)), torch.tensor([1, 4, 11, -12]))
f.case("take/scalar_index", "take", x345, torch.tensor(17))
f.case("take/empty", "take", torch.zeros(0), torch.zeros(0, dtype=torch.int64))
for dt in ALL:
    f.case(f"take/{dt}", "take", values(2, 3, dtype=dt, seed=64), torch.tensor([5, 0, -2]))
f.case("take/out_of_range", "take", x23, torch.tensor([6]))
f.case("take/out_of_range_negative", "take", x23, torch.tensor([-7]))
f.case("take/int32_index", "take", x23, torch.tensor([1], dtype=torch.int32))
f.case("take/from_empty", "take", torch.zeros(0), torch.tensor([0]))

# ---- index.Tensor (advanced indexing) ----
i2 = torch.tensor([0, 2])
f.case("index.Tensor/first_dim", "index.Tensor", x345, [i2])
f.case("index.Tensor/negative", "index.Tensor", x345, [torch.tensor([-1, 0, -3])])
f.case("index.Tensor/middle_dim", "index.Tensor", x345, [None, torch.tensor([[3, 0], [1, 1]])])
f.case("index.Tensor/adjacent_pair", "index.Tensor", x345, [None, torch.tensor([0, 3]), torch.tensor([4, 1])])
f.case("index.Tensor/separated", "index.Tensor", x345, [i2, None, torch.tensor([4, 1])])
f.case("index.Tensor/separated_broadcast", "index.Tensor", x345, [torch.tensor([[0], [2]]), None, torch.tensor([4, 1, 0])])
f.case("index.Tensor/all_dims", "index.Tensor", x345, [i2, torch.tensor([1, 3]), torch.tensor([0, 4])])
f.case("index.Tensor/broadcast_scalar_index", "index.Tensor", x345, [torch.tensor(1), torch.tensor([1, 3])])
f.case("index.Tensor/mask_full", "index.Tensor", x23, [x23 > 0])
f.case("index.Tensor/mask_first_dim", "index.Tensor", x345, [torch.tensor([True, False, True])])
f.case("index.Tensor/mask_after_none", "index.Tensor", x345, [None, torch.tensor([True, False, True, True])])
f.case("index.Tensor/mask_2d_then_index", "index.Tensor", x345, [torch.rand(3, 4, generator=torch.Generator().manual_seed(3)) > 0.5, torch.tensor([4])])
f.case("index.Tensor/uint8_mask", "index.Tensor", x345, [torch.tensor([1, 0, 1], dtype=torch.uint8)])
f.case("index.Tensor/empty_mask", "index.Tensor", x345, [torch.zeros(3, dtype=torch.bool)])
f.case("index.Tensor/empty_index", "index.Tensor", x345, [None, torch.zeros(0, dtype=torch.int64)])
f.case("index.Tensor/zero_size_self", "index.Tensor", torch.zeros(0, 3), [None, torch.tensor([2, 0])])
f.case("index.Tensor/noncontig", "index.Tensor", noncontig(randn(4, 5, seed=70)), [torch.tensor([3, 0]), torch.tensor([1, 4])])
for dt in ALL:
    f.case(f"index.Tensor/{dt}", "index.Tensor", values(3, 4, dtype=dt, seed=71), [None, torch.tensor([3, 0, 3])])
f.case("index.Tensor/out_of_range", "index.Tensor", x23, [None, torch.tensor([3])])
f.case("index.Tensor/out_of_range_negative", "index.Tensor", x23, [torch.tensor([-3])])
f.case("index.Tensor/too_many", "index.Tensor", x23, [i2, i2, i2])
f.case("index.Tensor/int32", "index.Tensor", x23, [torch.tensor([0], dtype=torch.int32)])
f.case("index.Tensor/float", "index.Tensor", x23, [torch.tensor([0.0])])
f.case("index.Tensor/bad_broadcast", "index.Tensor", x23, [torch.tensor([0, 1]), torch.tensor([0, 1, 2])])
f.case("index.Tensor/mask_shape", "index.Tensor", x23, [torch.tensor([True, False, True])])
f.case("index.Tensor/all_none", "index.Tensor", x23, [None])

# ---- index_put / index_put_ ----
f.case("index_put/assign", "index_put", x345, [i2], randn(4, 5, seed=72))
f.case("index_put/broadcast_values", "index_put", x345, [None, torch.tensor([3, 0])], randn(5, seed=73))
f.case("index_put/scalar_value", "index_put", x345, [i2, None, torch.tensor([4, 1])], torch.tensor(7.0))
f.case("index_put/separated", "index_put", x345, [i2, None, torch.tensor([4, 1])], randn(2, 4, seed=74))
f.case("index_put/accumulate_dups", "index_put", torch.zeros(5), [torch.tensor([0, 0, 3, 0, -1])], torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]), True)
f.case("index_put/accumulate_rows", "index_put", randn(3, 2, seed=75), [torch.tensor([[0, 2], [2, 2]])], randn(2, 2, 2, seed=76), True)
f.case("index_put/accumulate_int_dups", "index_put", torch.zeros(3, dtype=torch.int32), [torch.tensor([1, 1, 1])], torch.tensor([5, 6, 7], dtype=torch.int32), True)
f.case("index_put/accumulate_bool", "index_put", torch.zeros(3, dtype=torch.bool), [torch.tensor([0, 0])], torch.tensor([True, True]), True)
f.case("index_put/mask_scalar", "index_put", x23, [x23 > 0], torch.tensor(0.0))
f.case("index_put/mask_values", "index_put", torch.zeros(2, 3), [torch.tensor([[True, False, True], [False, True, False]])], torch.tensor([1.0, 2.0, 3.0]))
f.case("index_put/mask_rows", "index_put", torch.zeros(3, 2), [torch.tensor([True, False, True])], torch.tensor([[1.0, 2.0]]))
f.case("index_put/noncontig", "index_put", noncontig(randn(4, 5, seed=77)), [None, torch.tensor([4, 0])], noncontig(randn(2, 4, seed=78)).t())
for dt in ALL:
    f.case(f"index_put/{dt}", "index_put", values(3, 4, dtype=dt, seed=79), [torch.tensor([2, 0])], values(2, 4, dtype=dt, seed=80), True)
f.case("index_put/dtype_mismatch", "index_put", torch.zeros(3), [torch.tensor([0, 1])], torch.tensor([1, 2]))
f.case("index_put/value_shape", "index_put", torch.zeros(3), [torch.tensor([0, 0, 1])], torch.tensor([1.0, 2.0]), True)
f.case("index_put/out_of_range", "index_put", torch.zeros(2, 3), [torch.tensor([0, 2])], torch.tensor([1.0, 2.0, 3.0]), True)
f.case("index_put_/inplace", "index_put_", randn(3, 4, seed=81), [None, torch.tensor([1, 3])], randn(3, 2, seed=82))
f.case("index_put_/inplace_accumulate", "index_put_", randn(3, 4, seed=83), [torch.tensor([1, 1]), torch.tensor([2, 2])], torch.tensor([0.5, 0.25]), True)
f.case("index_put_/inplace_noncontig", "index_put_", noncontig(randn(3, 4, seed=84)), [torch.tensor([2, 0])], torch.tensor(1.5))

# ---- masked_select / masked_scatter ----
m3 = torch.tensor([True, False, True])
f.case("masked_select/broadcast_mask", "masked_select", x23, m3)
f.case("masked_select/broadcast_self", "masked_select", torch.tensor([1.0, 2.0]), torch.tensor([[True], [False]]))
f.case("masked_select/full", "masked_select", x345, x345 > 0.3)
f.case("masked_select/uint8", "masked_select", x23, torch.tensor([1, 0, 1], dtype=torch.uint8))
f.case("masked_select/noncontig", "masked_select", noncontig(randn(3, 4, seed=85)), noncontig(randn(3, 4, seed=86) > 0))
f.case("masked_select/none_selected", "masked_select", x23, torch.zeros(2, 3, dtype=torch.bool))
f.case("masked_select/zero_size", "masked_select", torch.zeros(0, 3), m3)
for dt in ALL:
    f.case(f"masked_select/{dt}", "masked_select", values(2, 3, dtype=dt, seed=87), m3)
f.case("masked_select/long_mask", "masked_select", x23, torch.tensor([1, 0, 1]))
f.case("masked_select/bad_broadcast", "masked_select", x23, torch.tensor([True, False]))
f.case("masked_scatter/broadcast_mask", "masked_scatter", x23, m3, torch.tensor([10.0, 20, 30, 40, 50]))
f.case("masked_scatter/broadcast_self", "masked_scatter", torch.tensor([1.0, 2.0]), torch.tensor([[True], [False]]), torch.tensor([10.0, 20, 30, 40]))
f.case("masked_scatter/source_2d", "masked_scatter", x23, m3, torch.tensor([[10.0, 20], [30, 40]]))
f.case("masked_scatter/uint8", "masked_scatter", x23, torch.tensor([1, 0, 1], dtype=torch.uint8), torch.tensor([10.0, 20, 30, 40]))
f.case("masked_scatter/noncontig", "masked_scatter", noncontig(randn(3, 4, seed=88)), noncontig(randn(3, 4, seed=89) > 0), noncontig(randn(4, 3, seed=90)))
for dt in [torch.float64, torch.int64, torch.int8, torch.bool, torch.bfloat16]:
    f.case(f"masked_scatter/{dt}", "masked_scatter", values(2, 3, dtype=dt, seed=91), m3, values(5, dtype=dt, seed=92))
f.case("masked_scatter/short_source", "masked_scatter", x23, m3, torch.tensor([10.0, 20, 30]))
f.case("masked_scatter/dtype_mismatch", "masked_scatter", x23, m3, torch.tensor([10, 20, 30, 40]))
f.case("masked_scatter_/inplace", "masked_scatter_", randn(2, 3, seed=93), m3, torch.tensor([10.0, 20, 30, 40]))
f.case("masked_scatter_/inplace_bad_broadcast", "masked_scatter_", torch.tensor([1.0, 2.0]), torch.tensor([[True], [False]]), torch.tensor([10.0, 20, 30, 40]))

# ---- nonzero / nonzero_numpy ----
f.case("nonzero/float_nan_negzero", "nonzero", torch.tensor([[0.0, 1.0, -0.0], [float("nan"), 0.0, -2.0]]))
f.case("nonzero/3d", "nonzero", x345 > 0.5)
f.case("nonzero/scalar_true", "nonzero", torch.tensor(5.0))
f.case("nonzero/scalar_false", "nonzero", torch.tensor(0))
f.case("nonzero/zero_size", "nonzero", torch.zeros(2, 0))
f.case("nonzero/noncontig", "nonzero", noncontig(randint(0, 2, 3, 4, seed=94)))
for dt in ALL:
    f.case(f"nonzero/{dt}", "nonzero", randint(-1, 2, 2, 3, seed=95).to(dt))
f.case("nonzero/int16_min", "nonzero", torch.tensor([-32768, 0, 1], dtype=torch.int16))
f.case("nonzero_numpy/2d", "nonzero_numpy", torch.tensor([[1, 0], [0, 2]]))
f.case("nonzero_numpy/scalar", "nonzero_numpy", torch.tensor(5.0))
f.case("nonzero_numpy/3d", "nonzero_numpy", x345 > 0)

# ---- one_hot ----
f.case("one_hot/infer", "one_hot", torch.tensor([0, 2, 1]))
f.case("one_hot/classes", "one_hot", torch.tensor([[0, 2], [4, 1]]), 5)
f.case("one_hot/scalar", "one_hot", torch.tensor(1), 3)
f.case("one_hot/empty_classes", "one_hot", torch.zeros(0, 2, dtype=torch.int64), 3)
f.case("one_hot/noncontig", "one_hot", noncontig(randint(0, 4, 3, 2, seed=96)))
f.case("one_hot/too_small", "one_hot", torch.tensor([0, 2]), 2)
f.case("one_hot/negative", "one_hot", torch.tensor([0, -2]))
f.case("one_hot/empty_infer", "one_hot", torch.zeros(0, dtype=torch.int64))
f.case("one_hot/int32", "one_hot", torch.tensor([0, 1], dtype=torch.int32))
f.case("one_hot/zero_classes", "one_hot", torch.tensor([0, 1]), 0)

# ---- sort / sort.stable / argsort / argsort.stable ----
f.case("sort/default", "sort", values(3, 7, seed=97))
f.case("sort/dim0_descending", "sort", values(5, 4, seed=98), 0, True)
f.case("sort/neg_dim_3d", "sort", values(2, 3, 6, dtype=torch.float64, seed=99), -2)
f.case("sort/noncontig", "sort", noncontig(values(4, 6, seed=100)), 1, True)
f.case("sort/nan_inf", "sort", torch.tensor([1.0, float("nan"), 2.0, -float("inf"), float("inf"), -3.0]))
f.case("sort/nan_inf_descending", "sort", torch.tensor([1.0, float("nan"), 2.0, -float("inf"), float("inf"), -3.0]), descending=True)
f.case("sort/scalar", "sort", torch.tensor(5.0))
f.case("sort/zero_size", "sort", torch.zeros(3, 0), 1)
f.case("sort/zero_rows", "sort", torch.zeros(0, 4), 1)
for dt in ALL[:-1]:
    f.case(f"sort/{dt}", "sort", values(3, 5, dtype=dt, seed=101), 1, True)
f.case("sort/bool", "sort", torch.tensor([True, False]))
f.case("sort/int64_extremes", "sort", torch.tensor([2**62, -2**63, 2**63 - 1, 0, -1]))
f.case("sort/bad_dim", "sort", torch.tensor([1.0, 2.0]), 1)
ties = torch.tensor([[3, 1, 2, 1, 1, 3, 1, 0, 2, 2, 0, 3]])
for desc in [False, True]:
    f.case(f"sort.stable/ties_desc_{desc}", "sort.stable", ties, stable=True, descending=desc)
    f.case(f"sort.stable/float_ties_desc_{desc}", "sort.stable", torch.tensor([0.0, -0.0, 1.0, float("nan"), 0.0, float("nan"), -1.0]), stable=True, descending=desc)
    f.case(f"sort.stable/f64_ties_desc_{desc}", "sort.stable", ties.to(torch.float64).t(), stable=True, dim=0, descending=desc)
    f.case(f"sort.stable/bool_ties_desc_{desc}", "sort.stable", torch.tensor([True, False, True, False, False]), stable=True, descending=desc)
    f.case(f"argsort.stable/ties_desc_{desc}", "argsort.stable", ties.repeat(2, 1), stable=True, descending=desc)
f.case("sort.stable/none", "sort.stable", ties, stable=None)
f.case("argsort/default", "argsort", values(4, 5, seed=102))
f.case("argsort/dim0_descending", "argsort", values(4, 5, dtype=torch.int32, seed=103), 0, True)
f.case("argsort/noncontig", "argsort", noncontig(values(3, 4, dtype=torch.float64, seed=104)), -1, True)

# ---- topk ----
f.case("topk/default", "topk", values(3, 8, seed=105), 3)
f.case("topk/smallest", "topk", values(3, 8, seed=106), 2, 1, False)
f.case("topk/dim0", "topk", values(6, 3, dtype=torch.float64, seed=107), 4, 0)
f.case("topk/all", "topk", values(2, 5, seed=108), 5)
f.case("topk/zero", "topk", values(2, 5, seed=108), 0)
f.case("topk/partial_select_unsorted", "topk", values(2, 200, seed=109), 3, sorted=False)
f.case("topk/partial_select_unsorted_smallest", "topk", values(2, 200, dtype=torch.int64, seed=110), 3, largest=False, sorted=False)
f.case("topk/partial_select_f64", "topk", values(2, 300, dtype=torch.float64, seed=111), 4)
f.case("topk/nan", "topk", torch.tensor([1.0, float("nan"), 2.0, -1.0]), 2)
f.case("topk/nan_smallest", "topk", torch.tensor([1.0, float("nan"), 2.0, -1.0]), 3, largest=False)
f.case("topk/noncontig", "topk", noncontig(values(5, 6, seed=112)), 2, 0)
f.case("topk/scalar", "topk", torch.tensor(5.0), 1)
for dt in [torch.float64, torch.bfloat16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8]:
    f.case(f"topk/{dt}", "topk", values(3, 6, dtype=dt, seed=113), 2)
f.case("topk/k_too_large", "topk", torch.tensor([1.0, 3.0, 2.0]), 4)
f.case("topk/k_negative", "topk", torch.tensor([1.0, 3.0, 2.0]), -1)
f.case("topk/float16", "topk", torch.tensor([1.0, 3.0], dtype=torch.float16), 1)
f.case("topk/bool", "topk", torch.tensor([True, False]), 1)

# ---- _unique2 / unique_dim ----
dupvals = torch.tensor([3, 1, 2, 1, 5, 0, 3, 3])
f.case("_unique2/sorted", "_unique2", dupvals)
f.case("_unique2/inverse_counts", "_unique2", dupvals, True, True, True)
f.case("_unique2/inverse_only", "_unique2", dupvals.reshape(2, 4), True, True, False)
f.case("_unique2/counts_only", "_unique2", dupvals, True, False, True)
f.case("_unique2/neg_zero", "_unique2", torch.tensor([0.0, -0.0, 1.5, 0.0, -2.0]), True, True, True)
f.case("_unique2/scalar", "_unique2", torch.tensor(3.0), True, True, True)
f.case("_unique2/zero_size", "_unique2", torch.zeros(0, 3), True, True, True)
f.case("_unique2/noncontig", "_unique2", noncontig(randint(0, 4, 3, 4, seed=114)), True, True, True)
for dt in [torch.float64, torch.bfloat16, torch.int32, torch.int16, torch.int8, torch.uint8]:
    f.case(f"_unique2/{dt}", "_unique2", randint(0, 5, 10, seed=115).to(dt), True, True, True)
f.case("_unique2/bool", "_unique2", torch.tensor([True, False, True]), False, True, True)
f.case("_unique2/int64_extremes", "_unique2", torch.tensor([2**63 - 1, -2**63, 0, 2**63 - 1]), True, True, True)
f.case("_unique2/float16", "_unique2", torch.tensor([1.0], dtype=torch.float16))
rows = torch.tensor([[3, 1], [1, 2], [3, 1], [0, 5]])
f.case("unique_dim/rows", "unique_dim", rows, 0, True, True, True)
f.case("unique_dim/cols", "unique_dim", rows.t(), 1, True, True, True)
f.case("unique_dim/neg_dim", "unique_dim", rows.t(), -1)
f.case("unique_dim/unsorted_flag", "unique_dim", rows, 0, False, False, True)
f.case("unique_dim/3d", "unique_dim", randint(0, 2, 2, 5, 2, seed=116), 1, True, True, True)
f.case("unique_dim/float", "unique_dim", torch.tensor([[1.0, -0.0], [1.0, 0.0], [-1.0, 2.0]]), 0, True, True, True)
f.case("unique_dim/noncontig", "unique_dim", noncontig(randint(0, 2, 4, 3, seed=117)), 0, True, True, True)
f.case("unique_dim/empty_selected", "unique_dim", torch.zeros(0, 2), 0, True, True, True)
f.case("unique_dim/empty_other", "unique_dim", torch.zeros(2, 0), 0, True, True, True)
f.case("unique_dim/scalar", "unique_dim", torch.tensor(3.0), 0)
f.case("unique_dim/float16", "unique_dim", torch.tensor([[1.0]], dtype=torch.float16), 0)

f.write()


# ---- Python indexing: x[...] and x[...] = v, replayed through Tensor.index / Tensor.set ----

def encode_item(item):
    if item is None:
        return {"none": True}
    if item is Ellipsis:
        return {"ellipsis": True}
    if isinstance(item, bool):
        return {"bool": item}
    if isinstance(item, int):
        return {"int": item}
    if isinstance(item, slice):
        return {"slice": [item.start, item.stop, item.step]}
    if isinstance(item, list) and all(isinstance(v, bool) for v in item):
        return {"bools": item}
    if isinstance(item, list):
        return {"list": item}
    return encode(item)


subscripts = []


def subscript(case_id, x, items, value=None):
    entry = {"id": case_id, "self": encode(x), "index": [encode_item(i) for i in items]}
    key = tuple(items)
    try:
        if value is None:
            out = x[key]
            entry["out"] = encode(out)
            entry["view"] = out.storage().data_ptr() == x.storage().data_ptr()
        else:
            y = clone_args(x)
            y[key] = value
            entry["value"] = encode(value)
            entry["out"] = encode(y)
    except Exception as e:
        entry["error"] = type(e).__name__ + ": " + str(e).split("\n")[0]
        if value is not None:
            entry["value"] = encode(value)
    subscripts.append(entry)


x = torch.arange(24.0).reshape(2, 3, 4)
mask23 = torch.tensor([[True, False, True], [False, True, False]])
S = slice
subscript("int", x, [1])
subscript("negative_int", x, [-1, 2])
subscript("ints_all", x, [1, -2, 3])
subscript("slice", x, [S(1, None)])
subscript("slice_step", x, [S(None, None, 2), S(1, 4, 2)])
subscript("slice_clamped", x, [S(-100, 100), S(5, 2)])
subscript("slice_negative_bounds", x, [S(None), S(-2, -1)])
subscript("none", x, [None])
subscript("none_between", x, [S(None), None, 1, None])
subscript("ellipsis_last", x, [Ellipsis, 1])
subscript("ellipsis_middle", x, [0, Ellipsis, 2])
subscript("ellipsis_none", x, [None, Ellipsis, None])
subscript("two_ellipses", x, [Ellipsis, 0, Ellipsis])
subscript("empty_tuple", x, [])
subscript("ellipsis_only", x, [Ellipsis])
subscript("list", x, [[0, 1, 1]])
subscript("list_then_none", x, [[0, 1], None])
subscript("list_separated", x, [[0, 1], S(None), [1, 3]])
subscript("list_adjacent", x, [S(None), [0, 2], [1, 3]])
subscript("list_and_int", x, [0, S(None), [1, 2]])
subscript("int_tensor_broadcast", x, [torch.tensor([[0], [1]]), S(1, None), torch.tensor([1, 2])])
subscript("mask", x, [mask23])
subscript("mask_last_dims", x, [Ellipsis, torch.tensor([True, False, True, True])])
subscript("mask_then_int_is_buggy_in_1_13", x, [mask23, 0])
subscript("bool_list", x, [[True, False]])
subscript("true", x, [True])
subscript("false", x, [False])
subscript("true_middle", x, [0, True, S(None, 2)])
subscript("scalar_int_tensor", x, [torch.tensor(1), 2])
subscript("scalar_bool_tensor", x, [torch.tensor(True)])
subscript("noncontig_self", noncontig(randn(4, 5, seed=120)), [S(1, None, 2), [0, 4]])
subscript("zero_dim_ellipsis", torch.tensor(5.0), [Ellipsis])
subscript("zero_dim_none", torch.tensor(5.0), [None])
subscript("zero_dim_int", torch.tensor(5.0), [0])
subscript("too_many", x, [0, 0, 0, 0])
subscript("too_many_mask", x, [mask23, 0, 0])
subscript("out_of_range", x, [2])
subscript("out_of_range_negative", x, [0, -4])
subscript("out_of_range_tensor", x, [[0, 2]])
subscript("negative_step", x, [S(None, None, -1)])
subscript("int32_tensor", x, [torch.tensor([0], dtype=torch.int32)])
subscript("set_int", x, [1], torch.tensor(-1.0))
subscript("set_slice_broadcast", x, [S(None), 1], torch.tensor([10.0, 20.0, 30.0, 40.0]))
subscript("set_leading_ones", x, [0, 0], torch.ones(1, 1, 4))
subscript("set_ellipsis", x, [Ellipsis, 0], torch.tensor(7.0))
subscript("set_list", x, [[1, 0]], torch.tensor(3.0))
subscript("set_list_values", x, [S(None), [2, 0], 1], torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
subscript("set_mask", x, [mask23], torch.tensor(0.5))
subscript("set_mask_values", x, [mask23], torch.arange(12.0).reshape(3, 4))
subscript("set_separated", x, [[0, 1], S(None), [3, 0]], torch.tensor([[1.0, 2.0, 3.0]]))
subscript("set_true", x, [True], torch.tensor(2.0))
subscript("set_false", x, [False], torch.tensor([1.0, 2.0]))
subscript("set_int_self_float_value", torch.arange(6).reshape(2, 3), [S(None), 0], torch.tensor(2.9))
subscript("set_dtype_mismatch_advanced", x, [[0]], torch.tensor([1]))
subscript("set_bad_shape", x, [0], torch.ones(2))
subscript("set_noncontig_self", noncontig(randn(4, 5, seed=121)), [S(1, 3), [0, 4]], torch.tensor([1.0, 2.0]))

path = os.path.join(ROOT, "frontend", "src", "test", "resources", "subscripts", "python_indexing.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as out:
    json.dump({"torch": torch.__version__, "cases": subscripts}, out, allow_nan=True, separators=(",", ":"))
    out.write("\n")
print(f"{path}: {len(subscripts)} cases", file=sys.stderr)
