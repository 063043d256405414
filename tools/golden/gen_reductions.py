"""Golden values for the reductions, scans and softmax (ReductionOps)."""
import torch

from golden import Family, randn, randint, noncontig

f = Family("reductions")
nan, inf = float("nan"), float("inf")
LOOSE = dict(rtol=1e-2, atol=1e-2)   # float16 / bfloat16 results
WIDE = dict(atol=1e-4)               # long float32 sums: PyTorch's cascade and Kiln's double blocks round differently

def quantized(*shape, seed=0):
    """Values k/32 in [-8, 8]: short in JSON and summed exactly, so long reductions compare tightly."""
    return randint(-256, 257, *shape, seed=seed).to(torch.float32) / 32


a23 = randn(2, 3, seed=1)
a345 = randn(3, 4, 5, seed=2)
a37 = randn(37, seed=3)
a1000 = quantized(1000, seed=4)
rows = randn(9, 37, seed=5)
rows_big = quantized(70, 19, seed=23)   # more rows than a float partial takes before it is flushed
wide = quantized(2, 530, seed=6)        # wider than one tile of outputs
d345 = randn(3, 4, 5, dtype=torch.float64, seed=7)
nc56 = noncontig(randn(5, 6, seed=8))
perm = randn(4, 5, 6, seed=9).permute(2, 0, 1)       # strides that are neither inner nor outer contiguous
sliced = randn(6, 10, seed=10)[::2, 1::3]             # stepped slices
expanded = randn(3, 1, seed=11).expand(3, 4)          # stride 0
i34 = randint(-5, 6, 3, 4, seed=12)
i32 = i34.to(torch.int32)
i16 = i34.to(torch.int16)
i8 = randint(-100, 100, 3, 4, seed=13).to(torch.int8)
u8 = randint(0, 256, 3, 4, seed=14).to(torch.uint8)
b34 = randint(0, 2, 3, 4, seed=15).to(torch.bool)
h23 = a23.half()
bf23 = a23.bfloat16()
withnan = torch.tensor([[1.0, nan, 3.0, -2.0], [4.0, 5.0, -inf, 2.0], [inf, 0.5, 1.5, nan]])
empty03 = torch.zeros(0, 3)
empty20 = torch.zeros(2, 0)
s0 = torch.tensor(2.5)
ties = torch.tensor([[3.0, 1.0, 1.0, 2.0, 3.0], [2.0, 2.0, 2.0, 1.0, 1.0]])
manyties = randint(0, 3, 4, 50, seed=16)
big_i64 = torch.tensor([2 ** 62, 2 ** 62, 2 ** 62, 5], dtype=torch.int64)


def dims_cases(op, x, label, **kw):
    """The dim-list overloads over a 3-D input: each dim, negative, lists, keepdim."""
    for dims in ([0], [1], [-1], [0, 2], [2, 0], [-3, -2, -1]):
        f.case(f"{op}/{label}_dims{'_'.join(map(str, dims))}", op, x, dims, **kw)
    f.case(f"{op}/{label}_keepdim", op, x, [1, -1], True, **kw)


# ---- sum ----
for name, x, tol in [("f32_37", a37, {}), ("f32_1000", a1000, {}), ("f64", d345, {}), ("int64", i34, {}), ("int32", i32, {}),
                     ("int16", i16, {}), ("int8", i8, {}), ("uint8", u8, {}), ("bool", b34, {}), ("f16", h23, LOOSE),
                     ("bf16", bf23, LOOSE), ("noncontig", nc56, {}), ("permuted", perm, WIDE), ("sliced", sliced, {}),
                     ("expanded", expanded, {}), ("empty", empty03, {}), ("0d", s0, {}), ("nan_inf", withnan, {}),
                     ("int64_wraps", big_i64, {})]:
    f.case(f"sum/{name}", "sum", x, **tol)
f.case("sum/f32_randn_1000", "sum", randn(1000, seed=24), **WIDE)
f.case("sum/dtype_f64", "sum", a37, dtype=torch.float64)
f.case("sum/dtype_int32_truncates", "sum", a23 * 3, dtype=torch.int32)
f.case("sum/dtype_uint8_wraps", "sum", u8, dtype=torch.uint8)
f.case("sum/dtype_f16_rounds_first", "sum", torch.tensor([1.0001, 1.0001]), dtype=torch.float16)
dims_cases("sum.dim_IntList", a345, "f32")
dims_cases("sum.dim_IntList", d345, "f64")
dims_cases("sum.dim_IntList", perm, "permuted")
f.case("sum.dim_IntList/rows_big_dim0", "sum.dim_IntList", rows_big, [0])
f.case("sum.dim_IntList/rows_dim0", "sum.dim_IntList", rows, [0])
f.case("sum.dim_IntList/wide_rows_dim0", "sum.dim_IntList", wide, [0])
f.case("sum.dim_IntList/noncontig_dim0", "sum.dim_IntList", nc56, [0])
f.case("sum.dim_IntList/noncontig_dim1", "sum.dim_IntList", nc56, [1])
f.case("sum.dim_IntList/sliced_dim1", "sum.dim_IntList", sliced, [1])
f.case("sum.dim_IntList/expanded_dim1", "sum.dim_IntList", expanded, [1])
f.case("sum.dim_IntList/int32_dim1", "sum.dim_IntList", i32, [1])
f.case("sum.dim_IntList/uint8_dim0_keepdim", "sum.dim_IntList", u8, [0], True)
f.case("sum.dim_IntList/bool_dim1", "sum.dim_IntList", b34, [1])
f.case("sum.dim_IntList/int8_dtype_int8_wraps", "sum.dim_IntList", i8, [1], dtype=torch.int8)
f.case("sum.dim_IntList/dtype_f64", "sum.dim_IntList", a345, [1], dtype=torch.float64)
f.case("sum.dim_IntList/empty_list_all", "sum.dim_IntList", a345, [])
f.case("sum.dim_IntList/none_all", "sum.dim_IntList", a345, None)
f.case("sum.dim_IntList/empty_dim0", "sum.dim_IntList", empty03, [0])
f.case("sum.dim_IntList/empty_dim1", "sum.dim_IntList", empty03, [1])
f.case("sum.dim_IntList/empty20_dim1_keepdim", "sum.dim_IntList", empty20, [1], True)
f.case("sum.dim_IntList/0d_dim0", "sum.dim_IntList", s0, [0])
f.case("sum.dim_IntList/0d_dim_neg1_keepdim", "sum.dim_IntList", s0, [-1], True)
f.case("sum.dim_IntList/size1_dim", "sum.dim_IntList", randn(4, 1, 3, seed=17), [1])
f.case("sum.dim_IntList/err_duplicate", "sum.dim_IntList", a345, [0, -3])
f.case("sum.dim_IntList/err_out_of_range", "sum.dim_IntList", a345, [3])
f.case("sum.dim_IntList/err_0d_duplicate", "sum.dim_IntList", s0, [0, -1])
f.case("sum.dim_IntList/err_0d_dim1", "sum.dim_IntList", s0, [1])

# ---- mean ----
for name, x, tol in [("f32_1000", a1000, {}), ("f64", d345, {}), ("f16", h23, LOOSE), ("bf16", bf23, LOOSE),
                     ("noncontig", nc56, {}), ("empty_nan", empty03, {}), ("0d", s0, {}), ("nan", withnan, {}),
                     ("err_int", i34, {}), ("err_bool", b34, {})]:
    f.case(f"mean/{name}", "mean", x, **tol)
f.case("mean/int_dtype_f64", "mean", i32, dtype=torch.float64)
f.case("mean/err_dtype_int", "mean", a23, dtype=torch.int64)
dims_cases("mean.dim", a345, "f32")
f.case("mean.dim/rows_dim0", "mean.dim", rows, [0])
f.case("mean.dim/permuted", "mean.dim", perm, [0, 1])
f.case("mean.dim/empty_dim0_nan", "mean.dim", empty03, [0])
f.case("mean.dim/empty_list_all", "mean.dim", a345, [])
f.case("mean.dim/0d_keepdim", "mean.dim", s0, [0], True)
f.case("mean.dim/dtype_f64", "mean.dim", i34, [1], dtype=torch.float64)
f.case("mean.dim/err_int", "mean.dim", i34, [1])
f.case("mean.dim/err_dup", "mean.dim", a345, [1, 1])

# ---- prod ----
small = (randn(3, 4, seed=18) * 0.5 + 1)
for name, x in [("f32", small), ("f64", small.double()), ("int32", i32), ("int8", i8), ("uint8", u8), ("bool", b34),
                ("empty_one", empty03), ("0d", s0), ("nan", withnan), ("noncontig", noncontig(small)),
                ("int64_wraps", torch.tensor([2 ** 40, 2 ** 40, 3], dtype=torch.int64)), ("err_f16", h23),
                ("err_bf16", bf23)]:
    f.case(f"prod/{name}", "prod", x)
f.case("prod/dtype_f64", "prod", small, dtype=torch.float64)
for d in (0, 1, -1):
    f.case(f"prod.dim_int/dim{d}", "prod.dim_int", small, d)
f.case("prod.dim_int/keepdim", "prod.dim_int", i32, 1, True)
f.case("prod.dim_int/rows", "prod.dim_int", rows * 0.1 + 1, 0)
f.case("prod.dim_int/dtype_f64", "prod.dim_int", i34, 0, dtype=torch.float64)
f.case("prod.dim_int/0d", "prod.dim_int", s0, 0)
f.case("prod.dim_int/empty", "prod.dim_int", empty03, 0)
f.case("prod.dim_int/err_range", "prod.dim_int", small, 2)

# ---- max / min ----
for op in ("max", "min"):
    for name, x, tol in [("f32_1000", a1000, {}), ("f32_37", a37, {}), ("f64", d345, {}), ("int8", i8, {}),
                         ("uint8", u8, {}), ("int32", i32, {}), ("bool", b34, {}), ("f16", h23, {}), ("bf16", bf23, {}),
                         ("nan", withnan, {}), ("inf_only", torch.tensor([-inf, 1.0, inf]), {}), ("noncontig", nc56, {}),
                         ("permuted", perm, {}), ("0d", s0, {}), ("err_empty", empty03, {})]:
        f.case(f"{op}/{name}", op, x, **tol)
    for d in (0, 1, 2, -1):
        f.case(f"{op}.dim/f32_dim{d}", f"{op}.dim", a345, d)
    f.case(f"{op}.dim/keepdim", f"{op}.dim", a345, 1, True)
    f.case(f"{op}.dim/ties_first_index", f"{op}.dim", ties, 1)
    f.case(f"{op}.dim/ties_dim0", f"{op}.dim", ties, 0)
    f.case(f"{op}.dim/nan_first", f"{op}.dim", withnan, 1)
    f.case(f"{op}.dim/nan_dim0", f"{op}.dim", withnan, 0)
    f.case(f"{op}.dim/rows", f"{op}.dim", rows, 0)
    f.case(f"{op}.dim/inner_1000", f"{op}.dim", a1000, 0)
    f.case(f"{op}.dim/int8", f"{op}.dim", i8, 1)
    f.case(f"{op}.dim/uint8_dim0", f"{op}.dim", u8, 0)
    f.case(f"{op}.dim/bool", f"{op}.dim", b34, 1)
    f.case(f"{op}.dim/int64_ties", f"{op}.dim", manyties, 1)
    f.case(f"{op}.dim/noncontig", f"{op}.dim", nc56, 1)
    f.case(f"{op}.dim/permuted", f"{op}.dim", perm, 0)
    f.case(f"{op}.dim/0d", f"{op}.dim", s0, -1)
    f.case(f"{op}.dim/empty_other_dim", f"{op}.dim", empty03, 1)
    f.case(f"{op}.dim/err_empty_dim", f"{op}.dim", empty03, 0)
    f.case(f"{op}.dim/err_range", f"{op}.dim", a23, 2)

for op in ("amax", "amin"):
    dims_cases(op, a345, "f32")
    f.case(f"{op}/all_default", op, a345)
    f.case(f"{op}/all_keepdim", op, a345, [], True)
    f.case(f"{op}/rows", op, rows, [0])
    f.case(f"{op}/wide_rows", op, wide, [0])
    f.case(f"{op}/nan", op, withnan, [1])
    f.case(f"{op}/nan_dim0", op, withnan, [0])
    f.case(f"{op}/int16", op, i16, [0])
    f.case(f"{op}/int64_big", op, big_i64, [0])
    f.case(f"{op}/bool", op, b34, [1])
    f.case(f"{op}/f64", op, d345, [1, 2])
    f.case(f"{op}/f16", op, h23, [1])
    f.case(f"{op}/permuted", op, perm, [1, 2])
    f.case(f"{op}/sliced", op, sliced, [0])
    f.case(f"{op}/0d", op, s0, [0])
    f.case(f"{op}/empty_other_dim", op, empty03, [1])
    f.case(f"{op}/err_empty_all", op, empty03)
    f.case(f"{op}/err_empty_dim", op, empty03, [0])
    f.case(f"{op}/err_dup", op, a345, [1, -2])

for op in ("argmax", "argmin"):
    f.case(f"{op}/flat", op, a345)
    f.case(f"{op}/flat_keepdim", op, a345, None, True)
    for d in (0, 1, 2, -1):
        f.case(f"{op}/dim{d}", op, a345, d)
    f.case(f"{op}/keepdim", op, a345, 1, True)
    f.case(f"{op}/ties", op, ties, 1)
    f.case(f"{op}/nan", op, withnan, 1)
    f.case(f"{op}/nan_flat", op, withnan)
    f.case(f"{op}/rows", op, rows, 0)
    f.case(f"{op}/f64", op, d345, 2)
    f.case(f"{op}/int64_ties", op, manyties, 1)
    f.case(f"{op}/uint8", op, u8)
    f.case(f"{op}/noncontig_flat", op, nc56)
    f.case(f"{op}/permuted_flat", op, perm)
    f.case(f"{op}/permuted_dim1", op, perm, 1)
    f.case(f"{op}/0d", op, s0, 0)
    f.case(f"{op}/0d_flat", op, s0)
    f.case(f"{op}/empty_other_dim", op, empty03, 1)
    f.case(f"{op}/err_empty_flat", op, empty03)
    f.case(f"{op}/err_empty_dim", op, empty03, 0)
    f.case(f"{op}/err_bool", op, b34)
    f.case(f"{op}/err_range", op, a23, -3)

# ---- var / std and their means ----
for op in ("var", "std"):
    f.case(f"{op}/default", op, a345)
    f.case(f"{op}/biased", op, a345, False)
    f.case(f"{op}/f64", op, d345)
    f.case(f"{op}/one_element_nan", op, torch.tensor([1.5]))
    f.case(f"{op}/0d", op, s0)
    f.case(f"{op}/f16", op, h23, **LOOSE)
    f.case(f"{op}/nan", op, withnan)
    f.case(f"{op}/err_int", op, i34)
    f.case(f"{op}/err_bool", op, b34)
    for dims in ([0], [1], [-1], [0, 2]):
        f.case(f"{op}.dim/dims{'_'.join(map(str, dims))}", f"{op}.dim", a345, dims)
    f.case(f"{op}.dim/biased_keepdim", f"{op}.dim", a345, [1], False, True)
    f.case(f"{op}.dim/none", f"{op}.dim", a345, None)
    f.case(f"{op}.dim/empty_list_all", f"{op}.dim", a345, [])
    f.case(f"{op}.dim/rows", f"{op}.dim", rows, [0])
    f.case(f"{op}.dim/inner_1000", f"{op}.dim", a1000, [0])
    f.case(f"{op}.dim/noncontig", f"{op}.dim", nc56, [0])
    f.case(f"{op}.dim/permuted", f"{op}.dim", perm, [0, 2])
    f.case(f"{op}.dim/empty", f"{op}.dim", empty03, [0])
    f.case(f"{op}.dim/offset_values", f"{op}.dim", a37.reshape(1, 37) + 1000, [1], rtol=1e-3)
    for c in (0, 2, 5):
        f.case(f"{op}.correction/c{c}", f"{op}.correction", a23, [1], correction=c)
    f.case(f"{op}.correction/c0_all_keepdim", f"{op}.correction", a345, None, correction=0, keepdim=True)
    f.case(f"{op}.correction/err_int", f"{op}.correction", i34, [1], correction=1)
for op in ("var_mean", "std_mean"):
    f.case(f"{op}/default", op, a345)
    f.case(f"{op}/biased", op, d345, False)
    f.case(f"{op}.dim/dim1_keepdim", f"{op}.dim", a345, [1], True, True)
    f.case(f"{op}.dim/rows", f"{op}.dim", rows, [0])
    f.case(f"{op}.dim/empty", f"{op}.dim", empty03, [0])
    f.case(f"{op}.correction/c0", f"{op}.correction", a345, [0, 2], correction=0)
    f.case(f"{op}.correction/c2_keepdim", f"{op}.correction", a23, None, correction=2, keepdim=True)
    f.case(f"{op}/err_int", op, i34)

# ---- norms ----
nrm = randn(3, 4, seed=19)
for p in (2, 1, inf, -inf, 0, 3, 0.5, -1):
    f.case(f"norm.Scalar/p{p}", "norm.Scalar", nrm, p)
f.case("norm.Scalar/default", "norm.Scalar", a1000)
f.case("norm.Scalar/f64", "norm.Scalar", d345)
f.case("norm.Scalar/f16", "norm.Scalar", h23, **LOOSE)
f.case("norm.Scalar/nan", "norm.Scalar", withnan)
f.case("norm.Scalar/inf_nan", "norm.Scalar", withnan, inf)
f.case("norm.Scalar/with_zeros_p0", "norm.Scalar", torch.tensor([0.0, -0.0, 2.0, 0.0]), 0)
f.case("norm.Scalar/noncontig", "norm.Scalar", nc56, 1)
f.case("norm.Scalar/empty", "norm.Scalar", empty03)
f.case("norm.Scalar/empty_inf", "norm.Scalar", empty03, inf)
f.case("norm.Scalar/empty_neg_inf", "norm.Scalar", empty03, -inf)
f.case("norm.Scalar/err_int", "norm.Scalar", i34)
for p in (2, 1, inf, -inf, 0, 3):
    f.case(f"norm.ScalarOpt_dim/p{p}_dim1", "norm.ScalarOpt_dim", a345, p, [1])
    if p in (2, -inf, 3):
        f.case(f"norm.ScalarOpt_dim/p{p}_rows", "norm.ScalarOpt_dim", rows, p, [0])
f.case("norm.ScalarOpt_dim/p_none", "norm.ScalarOpt_dim", a345, None, [0, 2])
f.case("norm.ScalarOpt_dim/keepdim", "norm.ScalarOpt_dim", a345, 2, [-1], True)
f.case("norm.ScalarOpt_dim/empty_list_all", "norm.ScalarOpt_dim", a345, 2, [])
f.case("norm.ScalarOpt_dim/permuted", "norm.ScalarOpt_dim", perm, 1, [1, 2])
f.case("norm.ScalarOpt_dim/empty_inf", "norm.ScalarOpt_dim", empty03, inf, [0])
f.case("norm.ScalarOpt_dim/err_dup", "norm.ScalarOpt_dim", a345, 2, [0, 0])
f.case("norm.ScalarOpt_dtype/f64", "norm.ScalarOpt_dtype", nrm, 2, dtype=torch.float64)
f.case("norm.ScalarOpt_dtype/f64_to_f32", "norm.ScalarOpt_dtype", nrm.double(), 1, dtype=torch.float32)
f.case("norm.ScalarOpt_dtype/err_int_dtype", "norm.ScalarOpt_dtype", nrm, 2, dtype=torch.int64)
f.case("norm.ScalarOpt_dim_dtype/f64", "norm.ScalarOpt_dim_dtype", a345, 2, [1], False, dtype=torch.float64)
f.case("norm.ScalarOpt_dim_dtype/keepdim", "norm.ScalarOpt_dim_dtype", a345, inf, [0, 1], True, dtype=torch.float64)
for p in (2, 1, inf, -inf, 0, 3.5):
    f.case(f"linalg_vector_norm/ord{p}", "linalg_vector_norm", nrm, p)
f.case("linalg_vector_norm/default", "linalg_vector_norm", a345)
f.case("linalg_vector_norm/dims", "linalg_vector_norm", a345, 2, [0, 2])
f.case("linalg_vector_norm/keepdim", "linalg_vector_norm", a345, 1, [-1], True)
f.case("linalg_vector_norm/empty_list_all", "linalg_vector_norm", a345, 2, [])
f.case("linalg_vector_norm/dtype_f64", "linalg_vector_norm", a345, 2, None, False, dtype=torch.float64)
f.case("linalg_vector_norm/rows", "linalg_vector_norm", rows, 2, [0])
f.case("linalg_vector_norm/empty_2", "linalg_vector_norm", empty03)
f.case("linalg_vector_norm/empty_other_dim_inf", "linalg_vector_norm", empty03, inf, [1])
f.case("linalg_vector_norm/err_empty_inf", "linalg_vector_norm", empty03, inf)
f.case("linalg_vector_norm/err_empty_dim_neg", "linalg_vector_norm", empty03, -1, [0])
f.case("linalg_vector_norm/err_narrowing", "linalg_vector_norm", nrm.double(), 2, None, False, dtype=torch.float32)
f.case("linalg_vector_norm/err_int", "linalg_vector_norm", i34)
f.case("linalg_vector_norm/err_int_dtype", "linalg_vector_norm", nrm, 2, None, False, dtype=torch.int64)

# ---- logsumexp ----
dims_cases("logsumexp", a345, "f32")
f.case("logsumexp/rows", "logsumexp", rows, [0])
f.case("logsumexp/inner_1000", "logsumexp", a1000 * 30, [0])
f.case("logsumexp/large_values", "logsumexp", torch.tensor([[1000.0, 1000.5], [-1000.0, -999.0]]), [1])
f.case("logsumexp/infinities", "logsumexp",
       torch.tensor([[inf, 1.0], [-inf, -inf], [inf, -inf], [nan, -inf], [-inf, 2.0]]), [1])
f.case("logsumexp/infinities_dim0", "logsumexp",
       torch.tensor([[inf, 1.0, -inf, nan, -inf], [1.0, inf, -inf, -inf, 2.0]]), [0])
f.case("logsumexp/f64", "logsumexp", d345, [2])
f.case("logsumexp/bf16", "logsumexp", bf23, [1], **LOOSE)
f.case("logsumexp/int_to_float", "logsumexp", i34, [1])
f.case("logsumexp/bool", "logsumexp", b34, [0])
f.case("logsumexp/noncontig", "logsumexp", nc56, [0])
f.case("logsumexp/empty", "logsumexp", empty03, [0])
f.case("logsumexp/0d_empty_list", "logsumexp", s0, [])
f.case("logsumexp/0d", "logsumexp", s0, [0])
f.case("logsumexp/err_empty_list", "logsumexp", a23, [])
f.case("logsumexp/err_f16", "logsumexp", h23, [1])

# ---- all / any / count_nonzero ----
logic = torch.tensor([[1.0, 0.0, nan], [2.0, 3.0, -0.0], [0.0, 0.0, 0.0]])
for op in ("all", "any"):
    for name, x in [("f32", logic), ("all_nonzero", a345), ("int", i34), ("uint8", u8), ("bool", b34),
                    ("empty", empty03), ("0d", s0), ("noncontig", nc56), ("f16", h23)]:
        f.case(f"{op}/{name}", op, x)
    for d in (0, 1, -1):
        f.case(f"{op}.dim/dim{d}", f"{op}.dim", logic, d)
    f.case(f"{op}.dim/keepdim", f"{op}.dim", logic, 1, True)
    f.case(f"{op}.dim/uint8", f"{op}.dim", u8 % 3, 0)
    f.case(f"{op}.dim/bool_rows", f"{op}.dim", randint(0, 2, 30, 40, seed=20).to(torch.bool), 0)
    f.case(f"{op}.dim/empty", f"{op}.dim", empty03, 0)
    f.case(f"{op}.dim/0d", f"{op}.dim", s0, 0)
    f.case(f"{op}.dim/err_range", f"{op}.dim", logic, 2)
f.case("count_nonzero.dim_IntList/all", "count_nonzero.dim_IntList", logic, [])
f.case("count_nonzero.dim_IntList/dim0", "count_nonzero.dim_IntList", logic, [0])
f.case("count_nonzero.dim_IntList/dims", "count_nonzero.dim_IntList", i34 % 2, [0, 1])
f.case("count_nonzero.dim_IntList/bool", "count_nonzero.dim_IntList", b34, [-1])
f.case("count_nonzero.dim_IntList/uint8", "count_nonzero.dim_IntList", u8 % 2, [0])
f.case("count_nonzero.dim_IntList/permuted", "count_nonzero.dim_IntList", (perm > 0), [0, 2])
f.case("count_nonzero.dim_IntList/err_dup", "count_nonzero.dim_IntList", logic, [0, 0])
f.case("count_nonzero/none", "count_nonzero", logic)
f.case("count_nonzero/dim1", "count_nonzero", logic, 1)
f.case("count_nonzero/int8", "count_nonzero", i8 % 2, 0)
f.case("count_nonzero/err_range", "count_nonzero", logic, 5)

# ---- median / kthvalue ----
for name, x in [("odd", a37), ("even", randn(6, seed=21)), ("2d", a345), ("int", i34), ("uint8", u8), ("ties", ties),
                ("nan", withnan), ("empty_nan", empty03), ("0d", s0), ("noncontig", nc56), ("bf16", bf23),
                ("err_bool", b34), ("err_f16", h23)]:
    f.case(f"median/{name}", "median", x)
for d in (0, 1, 2, -1):
    f.case(f"median.dim/dim{d}", "median.dim", a345, d)
f.case("median.dim/keepdim", "median.dim", a345, 1, True)
f.case("median.dim/ties", "median.dim", ties, 1)
f.case("median.dim/many_ties", "median.dim", manyties, 1)
f.case("median.dim/many_ties_dim0", "median.dim", manyties, 0)
f.case("median.dim/nan", "median.dim", withnan, 1)
f.case("median.dim/nan_dim0", "median.dim", withnan, 0)
f.case("median.dim/int8", "median.dim", i8, 0)
f.case("median.dim/noncontig", "median.dim", nc56, 0)
f.case("median.dim/f64", "median.dim", d345, 2)
f.case("median.dim/0d", "median.dim", s0, 0)
f.case("median.dim/empty_other_dim", "median.dim", empty03, 1)
f.case("median.dim/err_empty", "median.dim", empty03, 0)
f.case("median.dim/err_bool", "median.dim", b34, 0)
for k in (1, 3, 5):
    f.case(f"kthvalue/k{k}", "kthvalue", a345, k)
f.case("kthvalue/dim0", "kthvalue", a345, 2, 0)
f.case("kthvalue/dim1_keepdim", "kthvalue", a345, 4, 1, True)
f.case("kthvalue/ties", "kthvalue", ties, 3, 1)
for k in (1, 7, 20, 25, 33, 50):
    f.case(f"kthvalue/many_ties_k{k}", "kthvalue", manyties, k, 1)
f.case("kthvalue/many_ties_dim0", "kthvalue", manyties, 2, 0)
f.case("kthvalue/nan", "kthvalue", withnan, 3, 1)
f.case("kthvalue/nan_last", "kthvalue", withnan, 4, 1)
f.case("kthvalue/long_1000", "kthvalue", a1000, 500)
f.case("kthvalue/int_ties_1000", "kthvalue", randint(0, 10, 1000, seed=22), 431)
f.case("kthvalue/uint8", "kthvalue", u8, 2, 0)
f.case("kthvalue/f64", "kthvalue", d345, 2)
f.case("kthvalue/bf16", "kthvalue", bf23, 2)
f.case("kthvalue/noncontig", "kthvalue", nc56, 3, 0)
f.case("kthvalue/0d", "kthvalue", s0, 1)
f.case("kthvalue/err_k0", "kthvalue", a345, 0)
f.case("kthvalue/err_k_big", "kthvalue", a345, 6)
f.case("kthvalue/err_0d_k2", "kthvalue", s0, 2)
f.case("kthvalue/err_empty", "kthvalue", empty03, 1, 0)
f.case("kthvalue/err_bool", "kthvalue", b34, 1)
f.case("kthvalue/err_f16", "kthvalue", h23, 1)

# ---- scans ----
for op in ("cumsum", "cumprod"):
    base = a345 if op == "cumsum" else a345 * 0.5 + 1
    for d in (0, 1, 2, -1):
        f.case(f"{op}/dim{d}", op, base, d)
    f.case(f"{op}/f64", op, d345, 1)
    f.case(f"{op}/long_1000", op, a1000 if op == "cumsum" else a1000[:200].clone() * 0.01 + 1, 0, rtol=1e-4, atol=1e-4)
    f.case(f"{op}/int32_to_int64", op, i32, 1)
    f.case(f"{op}/uint8_to_int64", op, u8, 0)
    f.case(f"{op}/bool_to_int64", op, b34, 1)
    f.case(f"{op}/int8_dtype_int8_wraps", op, torch.tensor([100, 100, 100, -7], dtype=torch.int8), 0, dtype=torch.int8)
    f.case(f"{op}/dtype_f64", op, i34, 0, dtype=torch.float64)
    f.case(f"{op}/bf16", op, bf23, 1, **LOOSE)
    f.case(f"{op}/nan_inf", op, withnan, 1)
    f.case(f"{op}/noncontig", op, nc56, 0)
    f.case(f"{op}/permuted", op, perm, 1)
    f.case(f"{op}/empty", op, empty03, 0)
    f.case(f"{op}/0d", op, s0, 0)
    f.case(f"{op}/err_f16", op, h23, 1)
    f.case(f"{op}/err_range", op, a23, 2)
    f.case(f"{op}_/f32", f"{op}_", base, 1)
    f.case(f"{op}_/int32_stays", f"{op}_", i32, 1)
    f.case(f"{op}_/noncontig", f"{op}_", nc56, 0)
    f.case(f"{op}_/dtype_same", f"{op}_", a23, 1, dtype=torch.float32)
    f.case(f"{op}_/err_dtype_mismatch", f"{op}_", i32, 1, dtype=torch.int64)
    f.case(f"{op}_/err_bool", f"{op}_", b34, 0)

# ---- softmax ----
sm_rows = torch.tensor([[1.0, 2.0, 3.0], [-inf, 0.0, 1.0], [-inf, -inf, -inf], [1000.0, 1000.0, -1000.0], [inf, 1.0, 2.0]])
for op, ov in (("_softmax", "_softmax"), ("_log_softmax", "_log_softmax")):
    for d in (0, 1, 2, -1):
        f.case(f"{op}/dim{d}", ov, a345, d, False)
    f.case(f"{op}/inner_1000", ov, a1000 * 5 if op == "_softmax" else a37 * 5, 0, False)
    if op == "_softmax":
        f.case(f"{op}/rows_big_dim0", ov, rows_big, 0, False)
        f.case(f"{op}/wide_dim0", ov, wide, 0, False)
    f.case(f"{op}/rows_dim1", ov, rows, 1, False)
    f.case(f"{op}/edge_rows", ov, sm_rows, 1, False)
    f.case(f"{op}/edge_rows_dim0", ov, sm_rows.t().contiguous(), 0, False)
    f.case(f"{op}/f64", ov, d345, 1, False)
    f.case(f"{op}/f64_dim2", ov, d345, 2, False)
    f.case(f"{op}/bf16", ov, bf23, 1, False, **LOOSE)
    f.case(f"{op}/noncontig", ov, nc56, 1, False)
    f.case(f"{op}/permuted", ov, perm, 2, False)
    f.case(f"{op}/empty", ov, empty03, 0, False)
    f.case(f"{op}/0d", ov, s0, 0, False)
    f.case(f"{op}/err_int", ov, i34, 1, False)
    f.case(f"{op}/err_f16", ov, h23, 1, False)
    f.case(f"{op}/err_half_to_float", ov, a23, 1, True)
    f.case(f"{op}/err_range", ov, a23, 2, False)
for op in ("softmax.int", "log_softmax.int"):
    f.case(f"{op}/default", op, a345, 1)
    f.case(f"{op}/dtype_f64", op, a345, -1, torch.float64)
    f.case(f"{op}/int_dtype_f32", op, i34, 1, torch.float32)
    f.case(f"{op}/f16_dtype_f32", op, h23, 1, torch.float32)
    f.case(f"{op}/bf16_dtype_f32", op, bf23, 0, torch.float32)
    f.case(f"{op}/err_int", op, i34, 1)
    f.case(f"{op}/err_int_dtype", op, a23, 1, torch.int64)
f.write()
