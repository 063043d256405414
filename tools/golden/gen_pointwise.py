"""Golden values for the pointwise ops (PointwiseOps)."""
import torch

from golden import Family, randn, randint, noncontig, edge_floats

f = Family("pointwise")
a = randn(2, 3, seed=1)
b = randn(3, seed=2)
f.case("add.Tensor/broadcast", "add.Tensor", a, b)
f.case("add.Tensor/alpha", "add.Tensor", a, b, alpha=2.5)
f.case("add.Tensor/int_float_promote", "add.Tensor", randint(-5, 5, 2, 3), b)
f.case("add.Tensor/noncontig", "add.Tensor", noncontig(randn(4, 5, seed=3)), randn(4, 5, seed=4))
f.case("add.Tensor/bad_broadcast", "add.Tensor", randn(2, 3), randn(4))
f.case("add.Scalar/int_tensor_float_scalar", "add.Scalar", randint(-5, 5, 4), 2.5)
f.case("add_.Tensor/inplace", "add_.Tensor", randn(2, 3, seed=5), b)
f.case("add_.Tensor/cannot_cast", "add_.Tensor", randint(0, 4, 3), b)
f.case("mul.Tensor/int32_wraps", "mul.Tensor", torch.tensor([2**30, 3], dtype=torch.int32), torch.tensor([4, 5], dtype=torch.int32))
f.case("exp/edge", "exp", edge_floats())
f.case("exp/int", "exp", randint(-3, 3, 5))
f.case("exp/zero_size", "exp", torch.zeros(0, 3))
f.case("eq.Tensor/f64", "eq.Tensor", torch.tensor([1.0, float("nan"), 2.0], dtype=torch.float64), torch.tensor([1.0, float("nan"), 3.0], dtype=torch.float64))
f.write()
