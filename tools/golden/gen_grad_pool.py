"""Golden gradients of the pooling family: max, average and adaptive poolings in 1-D and 2-D (the 1-D ones end in
SqueezeBackward1, as PyTorch runs them as 2-D poolings over a height of one; a 1x1 adaptive average is a mean) and the
backward ops, whose gradients are poolings again (double backward). Inputs are small normal samples: their values
are distinct, so every window's maximum is unique and gradcheck's perturbations do not move it."""
import torch

from golden import randn
from grad_golden import GradFamily

f = GradFamily("pool")
A = torch.ops.aten
F64 = torch.float64

x = randn(2, 2, 5, 6, seed=1)
u = randn(3, 5, 4, seed=2)
s = randn(2, 3, 9, seed=3)

M = "max_pool2d_with_indices"
f.case("max_pool2d_with_indices/2x2", M, x, [2, 2])
f.case("max_pool2d_with_indices/3x3_s2_p1", M, x, [3, 3], [2, 2], [1, 1])
f.case("max_pool2d_with_indices/overlapping", M, x, [3, 2], [1, 1], [1, 1])
f.case("max_pool2d_with_indices/dilated_ceil", M, randn(1, 2, 7, 7, seed=4), [2, 3], [2, 2], [1, 1], [2, 2], True)
f.case("max_pool2d_with_indices/unbatched", M, u, [2, 2], [1, 2], [1, 0])
f.case("max_pool2d/3x3_s2_p1", "max_pool2d", x, [3, 3], [2, 2], [1, 1])
f.case("max_pool2d/unbatched_ceil", "max_pool2d", u, [2, 2], [2, 2], [0, 0], [1, 1], True)
f.case("max_pool1d/basic", "max_pool1d", s, [3], [2], [1])
f.case("max_pool1d/unbatched_dilated", "max_pool1d", randn(3, 8, seed=5), [2], [1], [1], [3])
f.case("max_pool1d_with_indices/basic", "max_pool1d_with_indices", s, [2])

P = "avg_pool2d"
f.case("avg_pool2d/2x2", P, x, [2, 2])
f.case("avg_pool2d/3x3_s1_p1", P, x, [3, 3], [1, 1], [1, 1])
f.case("avg_pool2d/ceil_exclude_pad", P, x, [3, 3], [2, 2], [1, 1], True, False)
f.case("avg_pool2d/divisor", P, x, [2, 3], [2, 1], [1, 1], False, True, 4)
f.case("avg_pool2d/unbatched", P, u, [2, 2], [1, 1])
f.case("avg_pool1d/padded_ceil", "avg_pool1d", s, [3], [2], [1], True, False)

f.case("_adaptive_avg_pool2d/down", "_adaptive_avg_pool2d", x, [3, 4])
f.case("_adaptive_avg_pool2d/up_unbatched", "_adaptive_avg_pool2d", u, [7, 3])
f.case("adaptive_avg_pool2d/down", "adaptive_avg_pool2d", x, [2, 4])
f.case("adaptive_avg_pool2d/global", "adaptive_avg_pool2d", x, [1, 1])
f.case("adaptive_avg_pool1d/basic", "adaptive_avg_pool1d", s, [4])

f.case("adaptive_max_pool2d/down", "adaptive_max_pool2d", x, [3, 4])
f.case("adaptive_max_pool2d/up_unbatched", "adaptive_max_pool2d", u, [7, 3])
f.case("adaptive_max_pool1d/basic", "adaptive_max_pool1d", s, [4])

# the backward ops, with the indices of their forward calls (tensors other than the floating ones are not differentiated)
_, ind = A.max_pool2d_with_indices(x, [3, 3], [2, 2], [1, 1])
f.case("max_pool2d_with_indices_backward/3x3_s2_p1", "max_pool2d_with_indices_backward", randn(2, 2, 3, 3, seed=10), x, [3, 3],
       [2, 2], [1, 1], [1, 1], False, ind)
_, ind = A.max_pool2d_with_indices(u, [2, 2], [1, 1], [1, 1])
f.case("max_pool2d_with_indices_backward/overlapping_unbatched", "max_pool2d_with_indices_backward", randn(3, 6, 5, seed=11), u,
       [2, 2], [1, 1], [1, 1], [1, 1], False, ind)
f.case("avg_pool2d_backward/3x3_s2_p1", "avg_pool2d_backward", randn(2, 2, 3, 3, seed=12), x, [3, 3], [2, 2], [1, 1], False, True,
       None)
f.case("avg_pool2d_backward/ceil_exclude_pad_divisor", "avg_pool2d_backward", randn(3, 3, 3, seed=13), u, [2, 2], [2, 2], [1, 1],
       True, False, 3)
f.case("_adaptive_avg_pool2d_backward/down", "_adaptive_avg_pool2d_backward", randn(2, 2, 3, 4, seed=14), x)
f.case("_adaptive_avg_pool2d_backward/up_unbatched", "_adaptive_avg_pool2d_backward", randn(3, 7, 3, seed=15), u)
_, ind = A.adaptive_max_pool2d(x, [3, 4])
f.case("adaptive_max_pool2d_backward/down", "adaptive_max_pool2d_backward", randn(2, 2, 3, 4, seed=16), x, ind)
f.case("max_pool2d_with_indices/f64", M, randn(1, 2, 4, 5, dtype=F64, seed=17), [2, 2], [1, 1])
f.write()
