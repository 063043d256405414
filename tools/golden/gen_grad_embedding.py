"""Golden gradients of the embedding family: embedding (EmbeddingBackward0), embedding_dense_backward
(EmbeddingDenseBackwardBackward0) and _embedding_bag (EmbeddingBagBackward0) for sum / mean / max, per_sample_weights,
padding_idx, include_last_offset and empty bags. PyTorch 1.13 has no double backward for embedding bags
(_embedding_bag_dense_backward's is not implemented); Kiln's weight gradient is made of differentiable ops, so its
gradgradcheck runs all the same. scale_grad_by_freq cases use indices that all occur equally often: PyTorch 1.13's
embedding_bag divides by the count of another index otherwise, and its embedding_dense_backward double backward
leaves the scale out (both checked against gradcheck in EmbeddingTest)."""
import torch

from golden import noncontig, randint, randn
from grad_golden import GradFamily

f = GradFamily("embedding")
I64, F64 = torch.int64, torch.float64


def idx(*values):
    return torch.tensor(values, dtype=I64)


E, D, B = "embedding", "embedding_dense_backward", "_embedding_bag"
f.case("embedding/basic", E, randn(5, 3, seed=1), idx(1, 2, 4, 1))
f.case("embedding/indices_2d", E, randn(6, 2, seed=2), randint(0, 6, 3, 2, seed=3))
# padding_idx and scale_grad_by_freq change the gradient on purpose (no gradient for the padding row, one scaled by 1 / count):
# it is no longer the derivative, so there is nothing to gradcheck
NOT_A_DERIVATIVE = dict(gradcheck=False)
f.case("embedding/padding_idx", E, randn(5, 3, seed=4), idx(0, 2, 2, 4), 2, **NOT_A_DERIVATIVE)
f.case("embedding/scale_grad_by_freq", E, randn(5, 3, seed=5), idx(0, 2, 2, 4, 2), -1, True, **NOT_A_DERIVATIVE)
f.case("embedding/scale_grad_by_freq_padding", E, randn(5, 2, seed=6), idx(3, 3, 1, 1, 0), 0, True, **NOT_A_DERIVATIVE)
f.case("embedding/noncontig_weight", E, noncontig(randn(4, 3, seed=7)), idx(3, 0, 3))
f.case("embedding/scalar_index", E, randn(4, 3, dtype=F64, seed=8), torch.tensor(2))

f.case("embedding_dense_backward/basic", D, randn(4, 3, seed=10), idx(1, 2, 4, 1), 5, -1, False)
f.case("embedding_dense_backward/padding", D, randn(2, 2, 3, seed=11), idx(0, 3, 3, 1).view(2, 2), 4, 3, False)

wb = randn(6, 3, seed=20)
ib = idx(1, 2, 5, 4, 0, 1, 3, 2)
ob = idx(0, 3, 3, 5)
f.case("_embedding_bag/sum", B, wb, ib, ob, False, 0)
f.case("_embedding_bag/mean", B, wb, ib, ob, False, 1)
f.case("_embedding_bag/max", B, wb, ib, ob, False, 2)
for mode, name in ((0, "sum"), (1, "mean"), (2, "max")):
    f.case(f"_embedding_bag/{name}_padding", B, wb, ib, ob, False, mode, False, None, False, 1)
    f.case(f"_embedding_bag/{name}_include_last_offset", B, wb, ib, idx(0, 2, 2, 8), False, mode, False, None, True)
    f.case(f"_embedding_bag/{name}_all_padding_bag", B, wb, idx(5, 5, 2, 0), idx(0, 2), False, mode, False, None, False, 5)
f.case("_embedding_bag/sum_per_sample_weights", B, wb, ib, ob, False, 0, False, randn(8, seed=21))
f.case("_embedding_bag/sum_per_sample_weights_padding", B, wb, ib, ob, False, 0, False, randn(8, seed=22), False, 2)
f.case("_embedding_bag/sum_per_sample_weights_noncontig_weight", B, noncontig(randn(6, 3, seed=23)), ib, ob, False, 0, False,
       randn(8, seed=24))
f.case("_embedding_bag/sum_scale_grad_by_freq", B, wb, idx(3, 0, 3, 5, 0, 5), idx(0, 2, 4), True, 0, **NOT_A_DERIVATIVE)
f.case("_embedding_bag/mean_scale_grad_by_freq", B, wb, idx(3, 0, 3, 5, 0, 5), idx(0, 1, 4), True, 1, **NOT_A_DERIVATIVE)
f.case("_embedding_bag/mean_int32_indices", B, wb, ib.int(), ob.int(), False, 1)
f.case("_embedding_bag/sum_f64", B, randn(6, 2, dtype=F64, seed=25), ib, ob, False, 0)
f.write()
