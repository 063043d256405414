"""Golden gradients of the ops the autograd core was built with: add, mul and sum, broadcasting and non-contiguous."""
import torch

from golden import noncontig, randn
from grad_golden import GradFamily

f = GradFamily("core")
f.case("add_broadcast", "add.Tensor", randn(2, 3, seed=1), randn(3, seed=2), alpha=2.0)
f.case("add_noncontig", "add.Tensor", noncontig(randn(3, 4, seed=3)), randn(3, 4, seed=4))
f.case("mul", "mul.Tensor", randn(2, 3, seed=5), randn(2, 1, seed=6))
f.case("mul_int_other", "mul.Tensor", randn(4, seed=7), torch.tensor([1, 2, 3, 4]))
f.case("sum", "sum", randn(2, 3, seed=8))
f.case("sum_dims", "sum.dim_IntList", randn(2, 3, 4, seed=9), [0, 2])
f.case("sum_keepdim", "sum.dim_IntList", randn(2, 3, seed=10), [1], True)
f.write()
