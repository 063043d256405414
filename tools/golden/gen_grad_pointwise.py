"""Golden gradients of the pointwise family: arithmetic, math functions, activations, clamping, selection, copies.

Samples lie in each function's smooth domain and keep away from kinks and jumps (by far more than gradcheck's step), so
that gradcheck and gradgradcheck apply; the cases named "kink" sit on them, with gradcheck=False, to pin PyTorch's
convention there. Binary ops get a broadcasting and a non-contiguous case.
"""
import torch

from golden import noncontig, randn, seeded
from grad_golden import GradFamily

class PointwiseFamily(GradFamily):
    def case(self, *args, **kwargs):
        """As GradFamily.case, with backward functions named as Kiln names them: CopyBackwards, not
        torch::autograd::CopyBackwards (the namespace of PyTorch's hand-written functions is dropped)."""
        entry = super().case(*args, **kwargs)
        entry["grad_fn"] = entry["grad_fn"].replace("torch::autograd::", "")
        return entry


f = PointwiseFamily("pointwise")
F64 = torch.float64


def uniform(lo, hi, *shape, seed=0, dtype=torch.float32):
    return (torch.rand(*shape, generator=seeded(seed), dtype=F64) * (hi - lo) + lo).to(dtype)


def away(t, points, margin=0.05):
    """t with every value closer than margin to one of points moved to that distance."""
    t = t.to(F64)
    for p in points:
        d = t - p
        t = torch.where(d.abs() < margin, p + margin * torch.where(d >= 0, 1.0, -1.0).to(F64), t)
    return t.to(torch.float32)


def t32(*values):
    return torch.tensor(values, dtype=torch.float32)


def copy_name(self, src):
    """What PyTorch calls the backward of copying src into self in place (the form Kiln records every copy as)."""
    return torch.zeros_like(self).copy_(src.detach().requires_grad_()).grad_fn.name().replace("torch::autograd::", "")


# ---- arithmetic ----
A, B = randn(2, 3, seed=1), randn(2, 1, seed=2)
f.case("add.Scalar", "add.Scalar", A, 2.5, 3)
f.case("sub.Tensor/broadcast", "sub.Tensor", A, randn(1, 3, seed=3), alpha=2)
f.case("sub.Tensor/noncontig", "sub.Tensor", noncontig(randn(3, 4, seed=4)), randn(3, 4, seed=5), alpha=0.5)
f.case("sub.Scalar", "sub.Scalar", A, 1.5, 2)
f.case("rsub.Tensor/broadcast", "rsub.Tensor", A, B, alpha=0.5)
f.case("rsub.Tensor/noncontig", "rsub.Tensor", randn(3, 4, seed=6), noncontig(randn(3, 4, seed=7)))
f.case("rsub.Scalar", "rsub.Scalar", A, 1.5, 2.0)
f.case("mul.Scalar", "mul.Scalar", A, -1.5)
DEN = away(randn(2, 1, seed=8), [0.0], 0.5)
f.case("div.Tensor/broadcast", "div.Tensor", A, DEN)
f.case("div.Tensor/noncontig", "div.Tensor", noncontig(randn(3, 4, seed=9)), away(randn(3, 4, seed=10), [0.0], 0.5))
f.case("div.Tensor/int_other", "div.Tensor", A, torch.tensor([[2], [-3]]))
f.case("div.Scalar", "div.Scalar", A, 4.0)
f.case("div.Tensor_mode/none", "div.Tensor_mode", A, DEN, rounding_mode=None)
# away from the jumps of the rounded quotient, where it is constant
Q = uniform(0.5, 2.0, 2, 3, seed=11)
NUM = (torch.randint(-3, 3, (2, 3), generator=seeded(12)).to(F64) + uniform(0.2, 0.8, 2, 3, seed=13, dtype=F64)) * Q.to(F64)
NUM = NUM.to(torch.float32)
f.case("div.Tensor_mode/floor", "div.Tensor_mode", NUM, Q, rounding_mode="floor")
f.case("div.Tensor_mode/trunc", "div.Tensor_mode", NUM, Q, rounding_mode="trunc")
f.case("div.Scalar_mode/trunc", "div.Scalar_mode", away(randn(2, 3, seed=14) * 3, [-4, -2, 0, 2, 4], 0.1), 2.0, rounding_mode="trunc")
f.case("div.Scalar_mode/none", "div.Scalar_mode", A, 2.0, rounding_mode=None)
f.case("remainder.Tensor", "remainder.Tensor", NUM, Q)
f.case("remainder.Tensor/broadcast", "remainder.Tensor", NUM, Q[:1].clone())
f.case("remainder.Tensor/noncontig", "remainder.Tensor", noncontig(NUM.t().contiguous()), noncontig(Q.t().contiguous()))
f.case("remainder.Scalar", "remainder.Scalar", A, 0.7)
f.case("fmod.Tensor", "fmod.Tensor", NUM, Q)
f.case("fmod.Tensor/broadcast", "fmod.Tensor", NUM, Q[:, :1].clone())
f.case("fmod.Scalar", "fmod.Scalar", A, 0.7)
POS = uniform(0.5, 2.0, 2, 3, seed=15)
f.case("pow.Tensor_Tensor/broadcast", "pow.Tensor_Tensor", POS, randn(1, 3, seed=16))
f.case("pow.Tensor_Tensor/noncontig", "pow.Tensor_Tensor", noncontig(uniform(0.5, 2.0, 3, 4, seed=17)), randn(3, 4, seed=18))
f.case("pow.Tensor_Tensor/int_exponent", "pow.Tensor_Tensor", A, torch.tensor([2, 3, 1]))
f.case("pow.Tensor_Tensor/kink", "pow.Tensor_Tensor", t32(0.0, 0.0, 0.0, 2.0, 0.0), t32(0.0, 1.0, 2.0, 0.0, 0.5), gradcheck=False)
f.case("pow.Tensor_Scalar/square", "pow.Tensor_Scalar", A, 2)
f.case("pow.Tensor_Scalar/fractional", "pow.Tensor_Scalar", POS, 2.5)
f.case("pow.Tensor_Scalar/negative", "pow.Tensor_Scalar", POS, -1.5)
f.case("pow.Tensor_Scalar/zero", "pow.Tensor_Scalar", A, 0)
f.case("pow.Scalar", "pow.Scalar", 2.5, randn(2, 3, seed=19))
f.case("pow.Scalar/zero_base_kink", "pow.Scalar", 0.0, t32(0.0, 1.0, 2.0, 0.5), gradcheck=False)
f.case("atan2/broadcast", "atan2", A, away(randn(1, 3, seed=20), [0.0], 0.3))
f.case("atan2/noncontig", "atan2", noncontig(randn(3, 4, seed=21)), away(randn(3, 4, seed=22), [0.0], 0.3))
DIST = torch.arange(6, dtype=torch.float32).reshape(2, 3) * 0.5 - 1.2
f.case("maximum/broadcast", "maximum", DIST, t32(-0.4, 0.3, 1.1).reshape(1, 3))
S = randn(3, 4, seed=23)
APART = S + torch.where(torch.rand(3, 4, generator=seeded(24)) < 0.5, -0.3, 0.3)
f.case("maximum/noncontig", "maximum", noncontig(S), APART)
f.case("maximum/kink", "maximum", t32(1.0, 2.0, 3.0, 0.0), t32(1.0, 1.0, 4.0, 0.0), gradcheck=False)
f.case("minimum/broadcast", "minimum", DIST, t32(-0.4, 0.3, 1.1).reshape(1, 3))
f.case("minimum/kink", "minimum", t32(1.0, 2.0, 3.0), t32(1.0, 1.0, 4.0), gradcheck=False)

# ---- unary math ----
X = randn(2, 3, seed=30)
UNIT = uniform(-0.9, 0.9, 2, 3, seed=35)
NONINT = away(randn(2, 3, seed=31) * 2, [-3, -2, -1, 0, 1, 2, 3], 0.1)
# each op at samples inside its smooth domain
DOMAINS = {
    X: ["neg", "square", "exp", "exp2", "expm1", "sin", "cos", "atan", "sinh", "cosh", "tanh", "asinh", "sigmoid", "erf", "erfc"],
    away(X, [0.0], 0.1): ["abs", "sign"],
    away(X, [0.0], 0.4): ["reciprocal"],
    NONINT: ["floor", "ceil", "trunc", "frac"],
    away(randn(2, 3, seed=32) * 2, [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], 0.1): ["round"],
    POS: ["log", "log2", "log10", "sqrt", "rsqrt"],
    uniform(-0.5, 2.0, 2, 3, seed=33): ["log1p"],
    uniform(-1.2, 1.2, 2, 3, seed=34): ["tan"],
    UNIT: ["asin", "acos", "atanh"],
    uniform(1.2, 3.0, 2, 3, seed=36): ["acosh"],
}
for sample, ops in DOMAINS.items():
    for op in ops:
        f.case(op, op, sample)
f.case("abs/kink", "abs", t32(0.0, -0.0, -1.5, 2.0), gradcheck=False)
f.case("round.decimals", "round.decimals", t32(0.12, -0.33, 1.71, 2.46), decimals=1)
f.case("sin/float64_noncontig", "sin", noncontig(randn(3, 4, seed=37, dtype=F64)))
f.case("exp/zero_size", "exp", randn(0, 3, seed=38))

# ---- activations ----
W = away(randn(2, 4, seed=40) * 2, [0.0], 0.1)
f.case("relu", "relu", W)
f.case("relu/kink", "relu", t32(0.0, -0.0, -1.0, 2.0), gradcheck=False)
f.case("relu6", "relu6", away(randn(2, 4, seed=41) * 4 + 3, [0.0, 6.0], 0.1))
f.case("relu6/kink", "relu6", t32(0.0, 6.0, 3.0, 7.0), gradcheck=False)
f.case("leaky_relu", "leaky_relu", W, 0.2)
f.case("elu", "elu", W, 1.5, 1.2, 0.8)
f.case("selu", "selu", W)
f.case("celu", "celu", W, 1.5)
f.case("gelu", "gelu", W)
f.case("gelu/tanh", "gelu", W, approximate="tanh")
f.case("silu", "silu", W)
f.case("mish", "mish", W)
f.case("softplus", "softplus", away(randn(2, 4, seed=42), [0.5], 0.1), 2, 1)
f.case("softplus/default", "softplus", W)
f.case("hardtanh", "hardtanh", away(randn(2, 4, seed=43), [-0.5, 0.8], 0.1), -0.5, 0.8)
f.case("hardtanh/kink", "hardtanh", t32(-1.0, 1.0, 0.0, 2.0), gradcheck=False)
BOX = away(randn(2, 4, seed=44) * 3, [-3.0, 3.0], 0.1)
f.case("hardsigmoid", "hardsigmoid", BOX)
f.case("hardswish", "hardswish", BOX)
f.case("hardswish/kink", "hardswish", t32(-3.0, 3.0, 0.0), gradcheck=False)
SHRINK = away(randn(2, 4, seed=45), [-0.5, 0.5], 0.1)
f.case("hardshrink", "hardshrink", SHRINK)
f.case("softshrink", "softshrink", SHRINK, 0.5)
f.case("threshold", "threshold", away(randn(2, 4, seed=46), [0.3], 0.1), 0.3, -1.0)
f.case("log_sigmoid", "log_sigmoid", randn(2, 4, seed=47) * 3)

# ---- clamping, interpolation ----
C = away(randn(2, 4, seed=50), [-0.5, 0.5], 0.1)
f.case("clamp", "clamp", C, -0.5, 0.5)
f.case("clamp/min_only", "clamp", C, -0.5)
f.case("clamp/max_only", "clamp", C, None, 0.5)
f.case("clamp/kink", "clamp", t32(0.0, 1.0, 0.5, 2.0, -1.0), 0.0, 1.0, gradcheck=False)
LO, HI = t32(-0.5, -0.2).reshape(2, 1), t32(0.3, 0.6, 0.9, 1.2).reshape(1, 4)
CT = away(randn(2, 4, seed=51), [-0.5, -0.2, 0.3, 0.6, 0.9, 1.2], 0.05)
f.case("clamp.Tensor", "clamp.Tensor", CT, LO, HI)
f.case("clamp.Tensor/min_only", "clamp.Tensor", CT, LO)
f.case("clamp.Tensor/max_only", "clamp.Tensor", noncontig(CT), None, HI)
f.case("clamp.Tensor/min_above_max", "clamp.Tensor", CT, HI + 1.0, LO)
f.case("clamp.Tensor/kink", "clamp.Tensor", t32(0.0, 1.0, 0.5, 2.0, -1.0, 0.5), t32(0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
       t32(1.0, 1.0, 1.0, 1.0, 1.0, 0.0), gradcheck=False)
f.case("clamp_min", "clamp_min", C, 0.5)
f.case("clamp_min.Tensor", "clamp_min.Tensor", CT, LO)
f.case("clamp_max", "clamp_max", C, -0.5)
f.case("clamp_max.Tensor", "clamp_max.Tensor", CT, HI)
f.case("clamp_max.Tensor/kink", "clamp_max.Tensor", t32(0.0, 1.0, -1.0), t32(0.0, 0.0, 0.0), gradcheck=False)
E = randn(2, 4, seed=53)
f.case("lerp.Scalar", "lerp.Scalar", randn(2, 4, seed=54), E, 0.3)
f.case("lerp.Scalar/large_weight", "lerp.Scalar", randn(2, 4, seed=54), E, 0.8)
f.case("lerp.Tensor/broadcast", "lerp.Tensor", randn(2, 4, seed=55), randn(1, 4, seed=56), uniform(0, 1, 2, 1, seed=57))
f.case("lerp.Tensor/noncontig", "lerp.Tensor", noncontig(randn(3, 4, seed=58)), randn(3, 4, seed=59), uniform(0, 1, 3, 4, seed=60))
f.case("addcmul/broadcast", "addcmul", randn(2, 3, seed=61), randn(2, 1, seed=62), randn(1, 3, seed=63), value=0.5)
f.case("addcmul/noncontig", "addcmul", randn(3, 4, seed=64), noncontig(randn(3, 4, seed=65)), randn(3, 4, seed=66))
f.case("addcdiv/broadcast", "addcdiv", randn(2, 3, seed=67), randn(2, 1, seed=68), away(randn(1, 3, seed=69), [0.0], 0.5), value=2)
f.case("addcdiv/noncontig", "addcdiv", randn(3, 4, seed=70), randn(3, 4, seed=71), noncontig(away(randn(3, 4, seed=72), [0.0], 0.5)))

# ---- selection ----
M = torch.tensor([[True, False, True], [False, False, True]])
f.case("where.self/broadcast", "where.self", M, randn(2, 1, seed=80), randn(1, 3, seed=81))
f.case("where.self/noncontig", "where.self", M, noncontig(randn(2, 3, seed=82)), randn(2, 3, seed=83))
f.case("where.ScalarOther", "where.ScalarOther", M, randn(2, 3, seed=84), 1.5)
f.case("where.ScalarSelf", "where.ScalarSelf", M, -1.5, randn(2, 3, seed=85))
f.case("masked_fill.Scalar", "masked_fill.Scalar", randn(2, 3, seed=86), M[:1].clone(), 2.0)
f.case("masked_fill.Tensor", "masked_fill.Tensor", randn(2, 3, seed=87), M, torch.tensor(3.0))
f.case("masked_fill.Tensor/broadcast_mask", "masked_fill.Tensor", randn(2, 3, seed=88), torch.tensor([True, False, True]),
       torch.tensor(-1.0, dtype=F64))

# ---- conversion, copies, fills ----
f.case("_to_copy/float64", "_to_copy", randn(2, 3, seed=90), dtype=F64)
f.case("_to_copy/same", "_to_copy", noncontig(randn(3, 4, seed=91)))
f.case("clone", "clone", noncontig(randn(3, 4, seed=92)))
# copy_ writes into a tensor that does not require grad (a leaf that does may not be written in place)
f.case("copy_/broadcast_src", "copy_", torch.zeros(2, 3, dtype=F64), randn(1, 3, seed=93, dtype=F64), wrt=[[1, -1]])
f.case("copy_/float32_src", "copy_", torch.zeros(2, 3, dtype=F64), randn(2, 3, seed=94), wrt=[[1, -1]])
# PyTorch decomposes the functional copy (expand, to), so its grad_fn is the decomposition's; Kiln records copy as
# one node under the name of copy_'s backward. The gradients are PyTorch's.
COPY_SELF, COPY_SRC = randn(2, 3, seed=95), randn(2, 1, seed=96)
f.case("copy/broadcast_src", "copy", COPY_SELF, COPY_SRC)["grad_fn"] = copy_name(COPY_SELF, COPY_SRC)
f.case("fill.Scalar", "fill.Scalar", randn(2, 3, seed=97), 1.5)
f.case("fill.Tensor", "fill.Tensor", randn(2, 3, seed=98), torch.tensor(2.0))
f.case("zero", "zero", randn(2, 3, seed=99))
f.write()
