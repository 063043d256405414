"""Golden gradients of the matrix products (LinalgOps). PyTorch composes matmul, linear and einsum of other ops, so
their backward function's name depends on the shapes: the cases cover each branch (dot, mv, squeeze of mm, mm,
unsafe view of a folded or batched product, the contiguous copy of a matrix times a batch; addmm, its view, add)."""
import torch

from golden import noncontig, randn
from grad_golden import GradFamily

f = GradFamily("linalg")
f64 = torch.float64


def r(*shape, seed):
    return randn(*shape, seed=seed) if shape else randn(1, seed=seed).reshape(())


# ---- the primitives, with beta and alpha ----
f.case("mm", "mm", r(2, 3, seed=1), r(3, 4, seed=2))
f.case("mm/noncontig_f64", "mm", noncontig(randn(3, 3, dtype=f64, seed=3)), randn(3, 2, dtype=f64, seed=4))
f.case("bmm", "bmm", r(2, 3, 4, seed=5), r(2, 4, 5, seed=6))
f.case("addmm", "addmm", r(2, 4, seed=7), r(2, 3, seed=8), r(3, 4, seed=9))
f.case("addmm/broadcast_beta_alpha", "addmm", r(4, seed=10), r(2, 3, seed=11), r(3, 4, seed=12), beta=0.5, alpha=2.0)
f.case("addmm/beta0", "addmm", r(2, 4, seed=13), r(2, 3, seed=14), r(3, 4, seed=15), beta=0, alpha=-1)
f.case("baddbmm", "baddbmm", r(2, 3, 5, seed=16), r(2, 3, 4, seed=17), r(2, 4, 5, seed=18))
f.case("baddbmm/broadcast_beta_alpha", "baddbmm", r(3, 1, seed=19), r(2, 3, 4, seed=20), r(2, 4, 5, seed=21), beta=2, alpha=0.5)
f.case("dot", "dot", r(5, seed=22), r(5, seed=23))
f.case("mv", "mv", r(3, 4, seed=24), r(4, seed=25))
f.case("addmv", "addmv", r(3, seed=26), r(3, 4, seed=27), r(4, seed=28))
f.case("addmv/broadcast_beta_alpha", "addmv", r(1, seed=29), r(3, 4, seed=30), r(4, seed=31), beta=-1.5, alpha=3)
f.case("outer", "outer", r(3, seed=32), r(4, seed=33))

# ---- matmul: one case per branch of PyTorch's composite ----
MATMUL = [("1d_1d", (3,), (3,)), ("2d_1d", (2, 3), (3,)), ("1d_2d", (3,), (3, 2)), ("2d_2d", (2, 3), (3, 4)),
          ("3d_1d", (4, 2, 3), (3,)), ("3d_2d", (4, 2, 3), (3, 2)), ("1d_3d", (3,), (4, 3, 2)),
          ("2d_3d", (2, 3), (4, 3, 2)), ("2d_3d_row", (1, 3), (4, 3, 2)), ("2d_4d", (2, 3), (5, 4, 3, 2)),
          ("3d_3d", (4, 2, 3), (4, 3, 2)), ("batch_broadcast", (5, 1, 2, 3), (4, 3, 2)),
          ("batch_broadcast_both", (2, 1, 3, 4), (1, 5, 4, 2)), ("4d_1d", (5, 1, 2, 3), (3,)), ("1d_4d", (3,), (2, 1, 3, 2))]
for i, (name, a, b) in enumerate(MATMUL):
    f.case("matmul/" + name, "matmul", r(*a, seed=40 + 2 * i), r(*b, seed=41 + 2 * i))
f.case("matmul/empty", "matmul", r(0, 3, seed=82), r(3, 2, seed=83))
f.case("matmul/empty_batch", "matmul", r(2, 0, 2, 3, seed=84), r(3, 2, seed=85))
f.case("bmm/empty", "bmm", r(0, 2, 3, seed=86), r(0, 3, 4, seed=87))
f.case("addmm/scalar_self", "addmm", r(seed=88), r(2, 3, seed=89), r(3, 4, seed=90), beta=2)
f.case("matmul/f64", "matmul", randn(3, 2, 3, dtype=f64, seed=80), randn(3, 4, dtype=f64, seed=81))

# ---- linear: addmm for 2-D input with a bias, its view for 3-D, else matmul (plus add) ----
LINEAR = [("2d_bias", (2, 3), (4, 3), (4,)), ("2d", (2, 3), (4, 3), None), ("3d_bias", (5, 2, 3), (4, 3), (4,)),
          ("3d", (5, 2, 3), (4, 3), None), ("1d_bias", (3,), (4, 3), (4,)), ("1d", (3,), (4, 3), None),
          ("4d_bias", (2, 2, 2, 3), (4, 3), (4,)), ("vector_weight", (2, 3), (3,), None),
          ("2d_scalar_bias", (2, 3), (4, 3), ()), ("3d_vector_weight", (2, 4, 3), (3,), None)]
for i, (name, x, w, bias) in enumerate(LINEAR):
    args = [r(*x, seed=300 + 3 * i), r(*w, seed=301 + 3 * i)]
    if bias is not None:
        args.append(r(*bias, seed=302 + 3 * i))
    f.case("linear/" + name, "linear", *args)

# ---- einsum: contractions, outer products, diagonals, sums, ellipses and broadcasting ----
EINSUM = [("ij,jk->ik", [(2, 3), (3, 4)]), ("ij,jk", [(2, 3), (3, 4)]), ("bij,bjk->bik", [(2, 2, 3), (2, 3, 4)]),
          ("i,i->", [(4,), (4,)]), ("i,j->ij", [(3,), (4,)]), ("ii->i", [(3, 3)]), ("ii", [(3, 3)]), ("ij->ji", [(3, 2)]),
          ("ij->j", [(3, 2)]), ("iij->j", [(2, 2, 3)]), ("ii,i->i", [(3, 3), (3,)]),
          ("...ij,...jk->...ik", [(5, 2, 3), (3, 4)]), ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
          ("bn,anm,bm->ba", [(2, 3), (4, 3, 5), (2, 5)]), ("ij,ij->ij", [(2, 3), (1, 3)]), ("i...->...", [(2, 3, 4)]),
          ("ij,kj->", [(2, 3), (4, 1)]), ("a...b,b->...a", [(2, 3, 4), (4,)]), ("i,i->i", [(1,), (3,)]),
          ("ii,ij->j", [(3, 3), (1, 4)]), ("iij,k->k", [(2, 2, 3), (4,)]), ("...i,...i->...", [(2, 1, 3), (4, 3)]),
          (",i->i", [(), (3,)])]
for i, (eq, shapes) in enumerate(EINSUM):
    f.case("einsum/" + eq, "einsum", eq, [r(*s, seed=130 + 4 * i + k) for k, s in enumerate(shapes)])
f.case("einsum/path", "einsum", "ij,jk,kl->il", [r(2, 3, seed=200), r(3, 4, seed=201), r(4, 2, seed=202)], path=[1, 2, 0, 1])
f.write()
