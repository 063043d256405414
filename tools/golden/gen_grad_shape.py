"""Golden gradients of the shape ops (ShapeOps) and their backward ops (ShapeBackwardOps), plus the forward values of
those backward ops (family "shape_backward"). Inputs are small: the Java side gradchecks and gradgradchecks each case."""
import torch

from golden import Family, noncontig, randn
from grad_golden import GradFamily

f = GradFamily("shape")
SELF = [[0, -1]]

x23 = randn(2, 3, seed=1)
x234 = randn(2, 3, 4, seed=2)
nc = noncontig(randn(3, 4, seed=3))      # [3, 4], strides (1, 3)
sliced = randn(2, 6, seed=4)[:, 1:5]     # [2, 4], strides (6, 1), offset 1

# ---- views of all elements ----
f.case("view/contig", "view", x234, [6, 4])
f.case("view/sliced", "view", sliced, [2, 2, 2])
f.case("view/to_scalar", "view", randn(1, seed=5), [])
f.case("view_as", "view_as", x23, torch.zeros(3, 2), wrt=SELF)
f.case("alias/noncontig", "alias", nc)
f.case("expand/broadcast", "expand", randn(3, 1, seed=6), [2, 3, 4])
f.case("expand/minus_one", "expand", noncontig(randn(1, 3, seed=7)), [2, -1], implicit=True)
f.case("expand_as", "expand_as", randn(3, 1, seed=8), torch.zeros(2, 3, 2), wrt=SELF)
f.case("permute/positive", "permute", x234, [2, 0, 1])
f.case("permute/negative_noncontig", "permute", noncontig(x234), [-1, 0, -2])
f.case("transpose/negative", "transpose.int", x234, 0, -1)
f.case("swapaxes", "swapaxes", nc, 0, 1)
f.case("t/matrix", "t", nc)
f.case("t/vector", "t", randn(3, seed=9))
f.case("movedim.int/negative", "movedim.int", x234, -1, 0)
f.case("movedim.intlist", "movedim.intlist", x234, [0, 1], [2, 0])
f.case("moveaxis.int", "moveaxis.int", x234, 1, 2)
f.case("moveaxis.intlist", "moveaxis.intlist", nc, [0], [-1])
f.case("squeeze/all", "squeeze", randn(2, 1, 3, 1, seed=10))
f.case("squeeze/scalar", "squeeze", torch.tensor(1.5))
f.case("squeeze.dim/one", "squeeze.dim", randn(2, 1, 3, seed=11), -2)
f.case("squeeze.dim/not_one", "squeeze.dim", x23, 0)
f.case("squeeze.dim/scalar", "squeeze.dim", torch.tensor(2.5), -1)
f.case("unsqueeze/last", "unsqueeze", x23, -1)
f.case("unsqueeze/first_noncontig", "unsqueeze", nc, 0)
f.case("unflatten", "unflatten.int", randn(2, 6, seed=12), -1, [3, -1])
f.case("flatten/composite", "flatten.using_ints", x234, 1, 2)

# ---- views of part of the elements ----
f.case("narrow/positive", "narrow", randn(4, 3, seed=13), 0, 1, 2)
f.case("narrow/negative_start", "narrow", nc, -1, -3, 2)
f.case("slice/step", "slice.Tensor", randn(5, 3, seed=14), 0, 1, 4, 2)
f.case("slice/open_negative_dim", "slice.Tensor", nc, -1, None, None, 2)
f.case("slice/negative_bounds", "slice.Tensor", randn(5, 2, seed=15), 0, -4, -1)
f.case("slice/past_end", "slice.Tensor", x23, 1, 1, 100)
f.case("select/negative", "select.int", randn(3, 4, seed=16), 1, -1)
f.case("select/noncontig", "select.int", nc, 0, 2)
f.case("unfold/overlapping", "unfold", randn(7, seed=17), 0, 3, 2)
f.case("unfold/noncontig_last", "unfold", nc, -1, 2, 2)
f.case("unfold/scalar", "unfold", torch.tensor(0.5), 0, 1, 1)
f.case("diagonal/offset", "diagonal", randn(3, 4, seed=18), 1)
f.case("diagonal/negative_dims", "diagonal", x234, -1, 0, -1)
f.case("split/uneven", "split.Tensor", randn(5, 2, seed=19), 2)
f.case("split/negative_dim", "split.Tensor", nc, 3, -1)
f.case("split.sizes", "split.sizes", randn(5, 2, seed=20), [2, 3])
f.case("split_with_sizes/noncontig", "split_with_sizes", nc, [1, 0, 3], -1)
f.case("chunk", "chunk", randn(2, 5, seed=21), 3, -1)
f.case("tensor_split.sections", "tensor_split.sections", randn(7, seed=22), 3)
f.case("tensor_split.indices", "tensor_split.indices", randn(2, 6, seed=23), [1, 4], 1)
f.case("unbind/negative", "unbind.int", randn(3, 2, seed=24), -1)
f.case("unbind/noncontig", "unbind.int", nc)

# ---- reshaping ----
f.case("reshape/contig", "reshape", x234, [4, -1])
f.case("reshape/sliced_view", "reshape", sliced, [2, 2, 2])
f.case("_reshape_alias", "_reshape_alias", x23, [3, 2], [2, 1])
f.case("as_strided/plain", "as_strided", randn(3, 4, seed=25), [2, 2], [1, 2], 1)
f.case("as_strided/overlapping", "as_strided", randn(3, 4, seed=26), [3, 3], [1, 1], 1)
f.case("as_strided/expanded", "as_strided", randn(2, 3, seed=27), [2, 3], [0, 1])
f.case("as_strided/input_offset", "as_strided", sliced, [2, 2], [4, 1])
f.case("as_strided/size_one_dims", "as_strided", randn(4, seed=28), [1, 2, 1], [5, 2, 7], 0)
f.case("as_strided/overlapping_input", "as_strided", randn(3, seed=30).expand(2, 3), [2], [1], 1)
f.case("as_strided/empty", "as_strided", randn(4, seed=29), [0, 2], [1, 1])
f.case("contiguous/noncontig", "contiguous", nc)

# ---- joining ----
f.case("cat/dim0", "cat", [randn(2, 3, seed=30), randn(1, 3, seed=31)])
f.case("cat/negative_noncontig", "cat", [nc, randn(3, 2, seed=32)], -1)
f.case("cat/legacy_empty", "cat", [x23, torch.zeros(0), randn(1, 3, seed=33)])
f.case("cat/mixed_dtypes", "cat", [randn(2, 2, seed=34), randn(1, 2, dtype=torch.float64, seed=35)])
f.case("stack/negative", "stack", [x23, randn(2, 3, seed=36)], -1)
f.case("hstack/composite", "hstack", [randn(2, seed=37), randn(3, seed=38)])

# ---- rearranging copies ----
f.case("flip", "flip", x234, [0, -1])
f.case("roll/dims", "roll", randn(3, 4, seed=39), [1, -2], [0, 1])
f.case("roll/flat", "roll", nc, [5])
f.case("repeat/new_dims", "repeat", x23, [2, 1, 2])
f.case("repeat/ones", "repeat", nc, [1, 1])
f.case("repeat/zero", "repeat", x23, [0, 2])
f.case("tile/composite", "tile", x23, [2])
f.case("repeat_interleave.self_int/dim", "repeat_interleave.self_int", x23, 2, 1)
f.case("repeat_interleave.self_int/flat", "repeat_interleave.self_int", nc, 3)
f.case("repeat_interleave.self_Tensor/dim", "repeat_interleave.self_Tensor", randn(3, 2, seed=40), torch.tensor([1, 0, 2]), 0)
f.case("repeat_interleave.self_Tensor/flat_one", "repeat_interleave.self_Tensor", x23, torch.tensor([2]))
f.case("tril/positive", "tril", randn(3, 4, seed=41), 1)
f.case("tril/batched_noncontig", "tril", noncontig(randn(2, 3, 3, seed=42)), -1)
f.case("triu/negative", "triu", randn(4, 3, seed=43), -1)
f.case("triu/batched", "triu", randn(2, 3, 3, seed=44))

# ---- padding ----
f.case("constant_pad_nd/grow", "constant_pad_nd", x23, [1, 2, 0, 1], 0.5)
f.case("constant_pad_nd/crop", "constant_pad_nd", nc, [-1, 1])
f.case("reflection_pad1d/batched", "reflection_pad1d", randn(1, 2, 5, seed=45), [2, 1])
f.case("reflection_pad1d/unbatched_noncontig", "reflection_pad1d", nc, [3, 0])
f.case("reflection_pad2d", "reflection_pad2d", randn(1, 3, 4, seed=46), [1, 2, 2, 1])
f.case("reflection_pad3d", "reflection_pad3d", randn(1, 1, 2, 3, 3, seed=47), [1, 1, 1, 0, 1, 1])
f.case("replication_pad1d", "replication_pad1d", randn(2, 3, seed=48), [4, 1])
f.case("replication_pad2d", "replication_pad2d", randn(1, 1, 2, 3, seed=49), [3, 0, 1, 2])
f.case("replication_pad3d", "replication_pad3d", randn(1, 2, 1, 2, seed=50), [1, 0, 2, 1, 0, 1])
f.case("_pad_circular/grow", "_pad_circular", randn(1, 1, 3, 4, seed=51), [1, 2, 2, 1])
f.case("_pad_circular/crop_left", "_pad_circular", randn(1, 1, 5, seed=52), [-1, 2])
f.case("_pad_circular/crop_right", "_pad_circular", randn(1, 1, 4, seed=53), [2, -1])
f.case("pad/reflect", "pad", randn(1, 2, 4, seed=54), [1, 2], "reflect")
f.case("pad/circular", "pad", randn(1, 2, 4, seed=55), [1, 2], "circular")

# ---- the backward ops themselves (their derivative is the forward op again) ----
f.case("slice_backward", "slice_backward", randn(2, 3, seed=56), [5, 3], 0, 1, 4, 2)
f.case("select_backward", "select_backward", randn(3, seed=57), [4, 3], 0, -1)
f.case("diagonal_backward", "diagonal_backward", randn(2, seed=58), [3, 4], 1, 1, 0)
f.case("unfold_backward", "unfold_backward", randn(3, 3, seed=59), [7], 0, 3, 2)
# wrt src only: PyTorch 1.13's gradient for self keeps the scattered region instead of zeroing it (a bug fixed later);
# Kiln's is checked against finite differences in ShapeGradsTest.
f.case("as_strided_scatter", "as_strided_scatter", randn(4, 5, dtype=torch.float64, seed=60), randn(2, 2, seed=61), [2, 2], [1, 2], 3,
       wrt=[[1, -1]])
# float64 throughout: gradcheck turns grad_output into float64, and self must have its dtype
D = torch.float64
f.case("reflection_pad1d_backward", "reflection_pad1d_backward", randn(1, 2, 7, dtype=D, seed=62), randn(1, 2, 5, dtype=D), [1, 1], wrt=SELF)
f.case("reflection_pad2d_backward", "reflection_pad2d_backward", randn(1, 4, 5, dtype=D, seed=63), randn(1, 3, 3, dtype=D), [1, 1, 0, 1],
       wrt=SELF)
f.case("reflection_pad3d_backward", "reflection_pad3d_backward", randn(1, 1, 3, 4, 3, dtype=D, seed=64), randn(1, 1, 2, 2, 2, dtype=D),
       [0, 1, 1, 1, 1, 0], wrt=SELF)
f.case("replication_pad1d_backward", "replication_pad1d_backward", randn(2, 6, dtype=D, seed=65), randn(2, 2, dtype=D), [3, 1], wrt=SELF)
f.case("replication_pad2d_backward", "replication_pad2d_backward", randn(1, 1, 4, 3, dtype=D, seed=66), randn(1, 1, 2, 2, dtype=D),
       [0, 1, 2, 0], wrt=SELF)
f.case("replication_pad3d_backward", "replication_pad3d_backward", randn(1, 3, 2, 4, dtype=D, seed=67), randn(1, 1, 1, 2, dtype=D),
       [1, 1, 0, 1, 2, 0], wrt=SELF)
# PyTorch's name() of its hand-written functions is qualified (torch::autograd::CopySlices); Kiln, like repr(), uses the class name.
for c in f.cases:
    c["grad_fn"] = c["grad_fn"].replace("torch::autograd::", "")
f.write()

# ---- forward values of the backward ops ----
b = Family("shape_backward")
g23 = randn(2, 3, seed=70)
b.case("slice_backward/step", "slice_backward", g23, [5, 3], 0, 1, 4, 2)
b.case("slice_backward/negative_dim_noncontig", "slice_backward", noncontig(randn(3, 2, seed=71)), [3, 4], -1, -2, 100, 1)
b.case("slice_backward/broadcast", "slice_backward", randn(3, seed=72), [4, 3], 0, 0, 2, 1)
b.case("slice_backward/float64", "slice_backward", randn(2, 2, dtype=torch.float64, seed=73), [2, 5], 1, 0, 4, 2)
b.case("slice_backward/bad_dim", "slice_backward", g23, [4, 3], 2, 0, 2, 1)
b.case("slice_backward/bad_step", "slice_backward", g23, [4, 3], 0, 0, 2, 0)
b.case("slice_backward/bad_grad", "slice_backward", randn(3, 2, seed=74), [4, 3], 0, 0, 3, 1)
b.case("select_backward/negative", "select_backward", randn(3, seed=75), [4, 3], 0, -1)
b.case("select_backward/middle", "select_backward", randn(2, 4, seed=76), [2, 3, 4], 1, 1)
b.case("select_backward/out_of_range", "select_backward", randn(3, seed=77), [4, 3], 0, 7)
b.case("diagonal_backward/offset", "diagonal_backward", randn(3, seed=78), [3, 4], 1, 0, 1)
b.case("diagonal_backward/batched", "diagonal_backward", randn(2, 3, seed=79), [3, 2, 4], -1, 2, 0)
b.case("diagonal_backward/same_dims", "diagonal_backward", randn(3, seed=80), [3, 4], 0, 0, 0)
b.case("unfold_backward/overlapping", "unfold_backward", randn(3, 3, seed=81), [7], 0, 3, 2)
b.case("unfold_backward/gaps", "unfold_backward", randn(2, 2, 2, seed=82), [2, 6], -1, 2, 3)
b.case("unfold_backward/middle_dim", "unfold_backward", randn(2, 2, 3, 2, seed=83), [2, 5, 3], 1, 2, 2)
b.case("unfold_backward/scalar", "unfold_backward", randn(1, seed=84), [], 0, 1, 1)
b.case("unfold_backward/bad_grad", "unfold_backward", randn(2, 2, 3, seed=85), [4, 5], 0, 2, 2)
b.case("as_strided_scatter/plain", "as_strided_scatter", randn(4, 5, seed=86), randn(2, 2, seed=87), [2, 2], [1, 2], 3)
b.case("as_strided_scatter/default_offset", "as_strided_scatter", randn(6, seed=88), randn(3, seed=89), [3], [2])
b.case("as_strided_scatter/to_float64", "as_strided_scatter", randn(2, 3, dtype=torch.float64, seed=90), randn(2, seed=91), [2], [3],
       1)
b.case("as_strided_scatter/bad_src", "as_strided_scatter", randn(4, 5, seed=92), randn(2, 3, seed=93), [2, 2], [1, 2], 3)
b.case("as_strided_scatter/out_of_bounds", "as_strided_scatter", randn(4, 5, seed=94), randn(2, 2, seed=95), [2, 2], [1, 2], 30)
for mode, rank_pads in (("reflection", ((1, [1, 2]), (2, [1, 1, 2, 0]), (3, [1, 0, 1, 1, 0, 1]))),
                        ("replication", ((1, [3, 1]), (2, [0, 2, 1, 3]), (3, [2, 1, 0, 1, 1, 2])))):
    for spatial, pads in rank_pads:
        op = f"{mode}_pad{spatial}d_backward"
        self_sizes = [2, 3, 3, 3][:spatial + 1]
        out = list(self_sizes)
        for i in range(spatial):
            out[-1 - i] += pads[2 * i] + pads[2 * i + 1]
        seed = 100 + 10 * spatial + (mode == "replication")
        b.case(f"{op}/unbatched", op, randn(*out, seed=seed), randn(*self_sizes), pads)
        b.case(f"{op}/batched_float64", op, randn(1, *out, dtype=torch.float64, seed=seed + 2),
               randn(1, *self_sizes, dtype=torch.float64), pads)
        if op != "replication_pad3d_backward":  # PyTorch 1.13 does not check this one's gradient size
            wrong = list(out)
            wrong[-1] += 1
            b.case(f"{op}/bad_grad", op, randn(*wrong, seed=seed + 3), randn(*self_sizes), pads)
for dt in (torch.float16, torch.bfloat16):
    b.case(f"reflection_pad3d_backward/{str(dt)[6:]}", "reflection_pad3d_backward", randn(1, 4, 4, 4, dtype=dt, seed=120),
           randn(1, 2, 2, 2, dtype=dt), [1, 1, 1, 1, 1, 1])
b.case("reflection_pad1d_backward/dtype_mismatch", "reflection_pad1d_backward", randn(1, 2, 7, dtype=torch.float64), randn(1, 2, 5),
       [1, 1])
b.write()
