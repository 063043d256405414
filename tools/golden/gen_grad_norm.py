"""Golden gradients of the normalization family: native_batch_norm (training and evaluation), native_layer_norm,
native_group_norm (whose mean and rstd outputs are differentiable too) and the composites that record them
(batch_norm, layer_norm, group_norm; instance_norm ends in a view), with gradcheck and gradgradcheck; and the
gradients of the native backward ops themselves (double backward).

The backward ops' formulas, PyTorch's batchnorm/layer_norm_double_backward, differentiate the backward as a function
of the input *through its statistics*: the mean and reciprocal deviation they are given are the input's own. A
gradcheck of the op alone perturbs the input with those statistics held fixed, so it cannot check them; their cases
compare with PyTorch's values only (gradcheck=False), and the forward cases' gradgradcheck checks them numerically.
Evaluation-mode batch norm, whose statistics are the running ones, is gradchecked directly. PyTorch 1.13 has no
derivative for native_group_norm_backward (it double-differentiates group norm through a composite formula); its
golden gradients are those of group norm's own double backward, under Kiln's name NativeGroupNormBackwardBackward0."""
import torch

from golden import OUT_DIR, encode, noncontig, randn, seeded
from grad_golden import GradFamily

f = GradFamily("norm")
A = torch.ops.aten
F64 = torch.float64
NB, NBB, B = "native_batch_norm", "native_batch_norm_backward", "batch_norm"
NL, NLB, L = "native_layer_norm", "native_layer_norm_backward", "layer_norm"
NG, NGB, G = "native_group_norm", "native_group_norm_backward", "group_norm"
INPUT_WEIGHT_BIAS = [[0, -1], [1, -1], [2, -1]]


def stats(c, seed):
    """Running statistics; float64 with their inputs, as gradcheck makes only the differentiated inputs float64."""
    return randn(c, dtype=F64, seed=seed), randn(c, dtype=F64, seed=seed + 1).abs() + 0.5


# ---- batch norm ----
x, w, b = randn(4, 3, 5, dtype=F64, seed=1), randn(3, dtype=F64, seed=2), randn(3, dtype=F64, seed=3)
f.case("native_batch_norm/train", NB, x, w, b, *stats(3, 4), True, 0.1, 1e-5, wrt=INPUT_WEIGHT_BIAS)
f.case("native_batch_norm/train_no_running", NB, randn(3, 2, 2, 3, seed=6), randn(2, seed=7), randn(2, seed=8), None, None, True, 0.1,
       1e-5, wrt=INPUT_WEIGHT_BIAS)
f.case("native_batch_norm/train_2d", NB, randn(5, 4, seed=9), randn(4, seed=10), None, None, None, True, 0.1, 1e-5,
       wrt=[[0, -1], [1, -1]])
f.case("native_batch_norm/train_input_only", NB, randn(3, 2, 4, seed=11), None, None, None, None, True, 0.1, 1e-3, wrt=[[0, -1]])
f.case("native_batch_norm/train_params_only", NB, randn(3, 2, 4, dtype=F64, seed=12), randn(2, dtype=F64, seed=13),
       randn(2, dtype=F64, seed=14), None, None, True, 0.1, 1e-5, wrt=[[1, -1], [2, -1]])
f.case("native_batch_norm/eval", NB, x, w, b, *stats(3, 15), False, 0.1, 1e-5, wrt=INPUT_WEIGHT_BIAS)
f.case("native_batch_norm/eval_input_only", NB, randn(2, 3, 2, 2, dtype=F64, seed=17), None, None, *stats(3, 18), False, 0.1, 1e-5,
       wrt=[[0, -1]])
f.case("native_batch_norm/noncontig", NB, noncontig(randn(3, 2, 6, seed=20)), randn(2, seed=21), randn(2, seed=22), None, None, True,
       0.1, 1e-5, wrt=INPUT_WEIGHT_BIAS)
f.case("batch_norm/train", B, randn(3, 2, 4, dtype=F64, seed=23), randn(2, dtype=F64, seed=24), randn(2, dtype=F64, seed=25), *stats(2, 26), True, 0.1, 1e-5, False,
       wrt=INPUT_WEIGHT_BIAS)
f.case("batch_norm/eval", B, randn(3, 2, 4, dtype=F64, seed=28), randn(2, dtype=F64, seed=29), None, *stats(2, 30), False, 0.1, 1e-5, False,
       wrt=[[0, -1], [1, -1]])

ALL = [True, True, True]
BACKWARD_WRT = [[0, -1], [1, -1], [2, -1]]
xe, we = randn(3, 2, 4, dtype=F64, seed=40), randn(2, dtype=F64, seed=41)
rme, rve = randn(2, dtype=F64, seed=42), randn(2, dtype=F64, seed=43).abs() + 0.5
f.case("native_batch_norm_backward/eval", NBB, randn(3, 2, 4, dtype=F64, seed=44), xe, we, rme, rve, None, None, False, 1e-5, ALL,
       wrt=BACKWARD_WRT)
f.case("native_batch_norm_backward/eval_input_weight", NBB, randn(3, 2, 4, dtype=F64, seed=45), xe, we, rme, rve, None, None, False,
       1e-5, [True, True, False], wrt=BACKWARD_WRT)
xt, wt = randn(4, 3, 5, dtype=F64, seed=46), randn(3, dtype=F64, seed=47)
_, mt, it = A.native_batch_norm(xt, wt, None, None, None, True, 0.1, 1e-5)
f.case("native_batch_norm_backward/train", NBB, randn(4, 3, 5, dtype=F64, seed=48), xt, wt, None, None, mt, it, True, 1e-5, ALL,
       wrt=BACKWARD_WRT, gradcheck=False)

# ---- layer norm ----
xl = randn(3, 4, 5, seed=60)
f.case("native_layer_norm/last_dim", NL, xl, [5], randn(5, seed=61), randn(5, seed=62), 1e-5)
f.case("native_layer_norm/two_dims", NL, xl, [4, 5], randn(4, 5, seed=63), None, 1e-5, wrt=[[0, -1], [2, -1]])
f.case("native_layer_norm/no_affine", NL, randn(4, 6, seed=64), [6], None, None, 1e-5)
f.case("native_layer_norm/noncontig", NL, noncontig(randn(3, 5, seed=65)), [5], randn(5, seed=66), randn(5, seed=67), 1e-5)
f.case("layer_norm/affine", L, randn(2, 3, 4, seed=68), [4], randn(4, seed=69), randn(4, seed=70))
xlb, wlb = randn(3, 2, 4, dtype=F64, seed=71), randn(4, dtype=F64, seed=72)
_, mlb, rlb = A.native_layer_norm(xlb, [4], wlb, None, 1e-5)
f.case("native_layer_norm_backward/affine", NLB, randn(3, 2, 4, dtype=F64, seed=73), xlb, [4], mlb, rlb, wlb,
       torch.zeros(4, dtype=F64), ALL, wrt=[[0, -1], [1, -1], [5, -1]], gradcheck=False)
_, mlc, rlc = A.native_layer_norm(xlb, [2, 4], None, None, 1e-5)
f.case("native_layer_norm_backward/input_only", NLB, randn(3, 2, 4, dtype=F64, seed=74), xlb, [2, 4], mlc, rlc, None, None,
       [True, False, False], wrt=[[0, -1], [1, -1]], gradcheck=False)

# ---- group norm ----
xg, wg, bg = randn(2, 6, 4, seed=80), randn(6, seed=81), randn(6, seed=82)
f.case("native_group_norm/affine", NG, xg, wg, bg, 2, 6, 4, 3, 1e-5)
f.case("native_group_norm/one_group", NG, randn(3, 4, 2, seed=83), None, None, 3, 4, 2, 1, 1e-5)
f.case("native_group_norm/per_channel", NG, randn(2, 3, 5, seed=84), randn(3, seed=85), None, 2, 3, 5, 3, 1e-5)
f.case("group_norm/4d", G, randn(2, 4, 2, 3, seed=86), 2, randn(4, seed=87), randn(4, seed=88))
f.case("group_norm/noncontig", G, noncontig(randn(2, 4, 3, seed=89)), 2, randn(4, seed=90), None)

# ---- instance norm ----
f.case("instance_norm/affine", "instance_norm", randn(2, 3, 4, seed=95), randn(3, seed=96), randn(3, seed=97), None, None, True, 0.1,
       1e-5, False, wrt=INPUT_WEIGHT_BIAS)


def group_norm_backward_case(case_id, grad_out, x, weight, n, c, hxw, group, mask, seed=0):
    """A golden case of native_group_norm_backward whose gradients are those of group norm's double backward."""
    _, mean, rstd = A.native_group_norm(x, weight, None, n, c, hxw, group, 1e-5)
    go, xx = grad_out.detach().requires_grad_(), x.detach().requires_grad_()
    ww = weight.detach().requires_grad_()
    y = A.native_group_norm(xx, ww, None, n, c, hxw, group, 1e-5)[0]
    wanted = [t for t, m in zip((xx, ww), mask) if m]
    outputs = torch.autograd.grad(y, wanted, go, create_graph=True)
    grad_outputs = [torch.randn(o.shape, generator=seeded(seed + 1000 + k), dtype=F64).to(o.dtype) for k, o in enumerate(outputs)]
    grads = torch.autograd.grad(outputs, (go, xx, ww), grad_outputs, allow_unused=True)
    f.ids.add(case_id)
    f.cases.append({"id": case_id, "op": "aten::" + NGB, "args": encode([grad_out, x, mean, rstd, weight, n, c, hxw, group, mask]),
                    "kwargs": {}, "wrt": [[0, -1], [1, -1], [4, -1]], "grad_outputs": encode(grad_outputs),
                    "grads": [None if g is None else encode(g) for g in grads], "grad_fn": "NativeGroupNormBackwardBackward0",
                    "gradcheck": False, "gradgrad": False})


group_norm_backward_case("native_group_norm_backward/all", randn(2, 6, 3, dtype=F64, seed=100), randn(2, 6, 3, dtype=F64, seed=101),
                         randn(6, dtype=F64, seed=102), 2, 6, 3, 3, [True, True, False])
group_norm_backward_case("native_group_norm_backward/input_only", randn(3, 4, 2, dtype=F64, seed=103),
                         randn(3, 4, 2, dtype=F64, seed=104), randn(4, dtype=F64, seed=105), 3, 4, 2, 2, [True, False, False])
f.write()
