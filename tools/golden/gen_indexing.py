"""Golden values for the indexing ops (IndexingOps): gather/scatter, index_select/index_add, advanced indexing,
masked ops, nonzero, take, sort/argsort/topk, unique and one_hot. Inputs avoid ties where PyTorch's order is
unspecified (unstable sort, topk), duplicate indices where the winner is unspecified (scatter, index_put without
accumulate), and unsorted unique (a hash order)."""
import warnings

import torch

from golden import Family, randn, randint, noncontig

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

f.write()
