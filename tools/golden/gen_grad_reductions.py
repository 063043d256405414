"""Golden gradients of the reductions, scans and softmax (ReductionOps). Samples with ties (max, min, amax, median)
or a zero norm sit on a kink: PyTorch's choice of subgradient is compared there, but they are not gradchecked."""
import torch

from golden import noncontig, randn
from grad_golden import GradFamily

f = GradFamily("reductions")
f64 = torch.float64

x23 = randn(2, 3, seed=1)
x345 = randn(3, 4, 5, seed=2)
d34 = randn(3, 4, dtype=f64, seed=3)
s0 = torch.tensor(0.7)
ties = torch.tensor([[3.0, 1.0, 1.0, 2.0, 3.0], [2.0, 2.0, 2.0, 1.0, 1.0]])
one_zero = torch.tensor([[1.5, 0.0, -2.0, 0.5], [0.8, 1.2, -0.7, 2.0]])
zeros_row = torch.tensor([[2.0, 0.0, 3.0, 0.0, 0.5], [0.0, 1.5, -1.0, 2.0, 0.0], [1.1, 0.9, -1.3, 0.7, 2.0]])
positive = randn(3, 4, seed=4).abs() + 0.5

# ---- sums and means ----
f.case("mean", "mean", x23)
f.case("mean/dtype", "mean", x23, dtype=f64)
f.case("mean.dim/1", "mean.dim", x345, [1])
f.case("mean.dim/keepdim_multi", "mean.dim", x345, [0, -1], True)
f.case("mean.dim/all", "mean.dim", x23, [])
f.case("mean.dim/empty", "mean.dim", torch.zeros(0, 3), [1])
f.case("mean.dim/noncontig", "mean.dim", noncontig(randn(4, 3, seed=5)), [0])
f.case("sum.dim_IntList/negative", "sum.dim_IntList", x345, [-2])

# ---- products: PyTorch's prod_backward, exact with zeros ----
f.case("prod", "prod", positive)
f.case("prod/one_zero", "prod", one_zero)
f.case("prod/two_zeros", "prod", zeros_row[:1])
f.case("prod/dtype", "prod", x23, dtype=f64)
f.case("prod/scalar", "prod", s0)
f.case("prod.dim_int/1", "prod.dim_int", x345, 1)
f.case("prod.dim_int/zeros_keepdim", "prod.dim_int", zeros_row, 1, True)
f.case("prod.dim_int/zeros_dim0", "prod.dim_int", zeros_row, 0)
f.case("prod.dim_int/negative", "prod.dim_int", d34, -1)
f.case("prod.dim_int/size1", "prod.dim_int", randn(3, 1, seed=17), 1)
f.case("prod.dim_int/empty", "prod.dim_int", torch.zeros(0, 3), 1)

# ---- extremes ----
f.case("max", "max", x345)
f.case("max/ties", "max", ties, gradcheck=False)
f.case("max/nan", "max", torch.tensor([1.0, float("nan"), 3.0, float("nan")]), gradcheck=False)
f.case("max.dim/1", "max.dim", x345, 1)
f.case("max.dim/keepdim_negative", "max.dim", x345, -1, True)
f.case("max.dim/scalar", "max.dim", s0, 0)
f.case("max.dim/1d", "max.dim", randn(5, seed=18), 0)
f.case("max.dim/ties", "max.dim", ties, 1, gradcheck=False)
f.case("min", "min", x345)
f.case("min/ties", "min", ties, gradcheck=False)
f.case("min.dim/0", "min.dim", x345, 0)
f.case("min.dim/ties_keepdim", "min.dim", ties, 1, True, gradcheck=False)
f.case("amax/1", "amax", x345, [1])
f.case("amax/all", "amax", x23)
f.case("amax/multi_keepdim", "amax", x345, [0, 2], True)
f.case("amax/ties", "amax", ties, [1], gradcheck=False)
f.case("amax/ties_all", "amax", ties, gradcheck=False)
f.case("amax/scalar", "amax", s0)
f.case("amin/0", "amin", x345, [0])
f.case("amin/ties_keepdim", "amin", ties, [-1], True, gradcheck=False)

# ---- variance and standard deviation ----
f.case("var.correction/dim", "var.correction", x345, [1], correction=1)
f.case("var.correction/all_biased", "var.correction", x23, None, correction=0)
f.case("var.correction/keepdim_multi", "var.correction", x345, [0, 2], correction=2, keepdim=True)
f.case("var.dim/unbiased", "var.dim", d34, [1])
f.case("var.correction/single_row", "var.correction", randn(1, 3, seed=19), [0], correction=0)
f.case("std.correction/dim", "std.correction", x345, [2], correction=1)
f.case("std.correction/all", "std.correction", d34, None, correction=None)
f.case("std/biased", "std", x23, False)
f.case("std.correction/zero", "std.correction", torch.tensor([[2.0, 2.0, 2.0], [1.0, -1.0, 0.5]]), [1], correction=1,
       gradcheck=False)
f.case("var_mean.correction/dim", "var_mean.correction", x345, [1], correction=1)
f.case("var_mean.correction/all_keepdim", "var_mean.correction", x23, None, correction=0, keepdim=True)
f.case("std_mean.correction/dim", "std_mean.correction", x345, [0, 1], correction=1)
f.case("std_mean.correction/all", "std_mean.correction", d34, None, correction=None)

# ---- norms and logsumexp ----
for p in [2, 1, 3, 1.5, 0.5, -1.5, float("inf"), float("-inf")]:
    f.case(f"norm.Scalar/p{p}", "norm.Scalar", x345, p)
f.case("norm.Scalar/default", "norm.Scalar", x23)
f.case("norm.Scalar/zero", "norm.Scalar", torch.zeros(2, 3), 2, gradcheck=False)
f.case("norm.Scalar/p3_zero", "norm.Scalar", torch.zeros(4), 3, gradcheck=False)
f.case("norm.ScalarOpt_dim/2", "norm.ScalarOpt_dim", x345, 2, [1])
f.case("norm.ScalarOpt_dim/1_keepdim", "norm.ScalarOpt_dim", x345, 1, [0, 2], True)
f.case("norm.ScalarOpt_dim/inf", "norm.ScalarOpt_dim", x345, float("inf"), [-1])
f.case("norm.ScalarOpt_dim/zero_row", "norm.ScalarOpt_dim", torch.tensor([[0.0, 0.0, 0.0], [1.0, -2.0, 2.0]]), 2, [1],
       gradcheck=False)
f.case("norm.ScalarOpt_dim/empty", "norm.ScalarOpt_dim", torch.zeros(0, 3), 2, [1])
f.case("norm.ScalarOpt_dtype/2", "norm.ScalarOpt_dtype", x23, 2, dtype=f64)
f.case("norm.ScalarOpt_dim_dtype/3", "norm.ScalarOpt_dim_dtype", x345, 3, [1], False, dtype=f64)
f.case("linalg_vector_norm/2", "linalg_vector_norm", x345)
f.case("linalg_vector_norm/1_dim", "linalg_vector_norm", x345, 1, [1])
f.case("linalg_vector_norm/inf_keepdim", "linalg_vector_norm", x345, float("inf"), [0, 1], True)
f.case("linalg_vector_norm/p4", "linalg_vector_norm", d34, 4, [-1])
f.case("linalg_vector_norm/0", "linalg_vector_norm", x23, 0)
f.case("linalg_vector_norm/dtype", "linalg_vector_norm", x23, 2, None, False, dtype=f64)
f.case("logsumexp/1", "logsumexp", x345, [1])
f.case("logsumexp/multi_keepdim", "logsumexp", x345, [0, 2], True)
f.case("logsumexp/scalar", "logsumexp", s0, [0])
f.case("logsumexp/large", "logsumexp", torch.tensor([[100.0, 101.0, 99.5], [-3.0, 0.5, 1.0]]), [1])

# ---- order statistics ----
f.case("median", "median", randn(7, seed=6))
f.case("median/ties", "median", torch.tensor([2.0, 1.0, 2.0, 3.0, 2.0]), gradcheck=False)
f.case("median.dim/1", "median.dim", x345, 1)
f.case("median.dim/keepdim", "median.dim", x345, -1, True)
f.case("median.dim/scalar", "median.dim", s0, 0)
f.case("kthvalue/2", "kthvalue", x345, 2, 1)
f.case("kthvalue/last_keepdim", "kthvalue", x345, 4, -1, True)
f.case("kthvalue/scalar", "kthvalue", s0, 1, 0)

# ---- scans ----
f.case("cumsum/0", "cumsum", x345, 0)
f.case("cumsum/negative", "cumsum", x345, -1)
f.case("cumsum/dtype", "cumsum", x23, 1, dtype=f64)
f.case("cumsum/scalar", "cumsum", s0, 0)
f.case("cumsum_/1", "cumsum_", x23, 1, nonleaf=True)
f.case("cumprod/1", "cumprod", x345, 1)
f.case("cumprod/zeros", "cumprod", zeros_row, 1)
f.case("cumprod/zeros_dim0", "cumprod", zeros_row, 0)
f.case("cumprod/three_zeros", "cumprod", torch.tensor([1.5, 0.0, 2.0, 0.0, -1.2, 0.0, 0.8]), 0)
f.case("cumprod/dtype", "cumprod", x23, 1, dtype=f64)
f.case("cumprod/scalar", "cumprod", s0, 0)
f.case("cumprod_/zeros", "cumprod_", zeros_row, 1, nonleaf=True)

# ---- softmax ----
f.case("_softmax/1", "_softmax", x345, 1, False)
f.case("_softmax/last", "_softmax", x23, -1, False)
f.case("_log_softmax/0", "_log_softmax", x345, 0, False)
f.case("softmax.int/1", "softmax.int", x345, 1)
f.case("softmax.int/dtype", "softmax.int", x23, 0, f64)
f.case("log_softmax.int/last", "log_softmax.int", x345, -1)
f.case("log_softmax.int/dtype", "log_softmax.int", x23, 1, f64)
f.case("softmax.int/scalar", "softmax.int", s0, 0)
f.write()
