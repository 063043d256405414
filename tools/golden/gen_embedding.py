"""Golden values for the embedding family (EmbeddingOps): embedding, embedding_dense_backward, embedding_renorm_,
_embedding_bag (sum / mean / max, per_sample_weights, padding_idx, include_last_offset, empty bags; PyTorch's four
results including offset2bag, bag sizes and max indices), the embedding_bag entry points and the backward composites
_embedding_bag_backward, _embedding_bag_dense_backward, _embedding_bag_per_sample_weights_backward. Cases where
PyTorch 1.13 reads out of bounds (include_last_offset with offsets[-1] < len(indices)) or miscounts (its embedding_bag
scale_grad_by_freq divides by the count of another index) are left out; see EmbeddingTest."""
import torch

from golden import Family, noncontig, randint, randn

f = Family("embedding")
F64, F16, BF16, I64, I32, I16, U8 = torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int16, torch.uint8
LOOSE = dict(rtol=1e-2, atol=1e-2)


def idx(*values, dtype=I64):
    return torch.tensor(values, dtype=dtype)


# ---- embedding ----
E = "embedding"
w = randn(6, 3, seed=1)
f.case("embedding/basic", E, w, idx(1, 2, 5, 0, 1))
f.case("embedding/indices_2d", E, w, randint(0, 6, 2, 4, seed=2))
f.case("embedding/indices_3d_noncontig", E, w, noncontig(randint(0, 6, 2, 3, 2, seed=3)))
f.case("embedding/scalar_index", E, w, torch.tensor(4))
f.case("embedding/empty_indices", E, w, torch.zeros(0, 2, dtype=I64))
f.case("embedding/int32_indices", E, w, idx(3, 3, 0, dtype=I32))
f.case("embedding/noncontig_weight", E, noncontig(randn(5, 4, seed=4)), idx(4, 0, 2))
f.case("embedding/padding_idx_no_effect_forward", E, w, idx(0, 2, 2), 2, True)
f.case("embedding/f64", E, randn(4, 2, dtype=F64, seed=5), idx(3, 1))
f.case("embedding/f16", E, randn(4, 2, seed=6).half(), idx(3, 1))
f.case("embedding/bf16", E, randn(4, 2, seed=7).to(BF16), idx(3, 1))
f.case("embedding/int64_weight", E, torch.arange(12).view(6, 2), idx(5, 0))
f.case("embedding/bool_weight", E, torch.arange(12).view(6, 2) % 3 == 0, idx(5, 0, 4))
f.case("embedding/uint8_weight", E, torch.arange(12, dtype=U8).view(4, 3), idx(3, 3))
f.case("embedding/wide_rows", E, randn(7, 65, seed=8), randint(0, 7, 9, seed=9))
f.case("embedding/float_indices", E, w, torch.tensor([1.0]))
f.case("embedding/int16_indices", E, w, idx(1, dtype=I16))
f.case("embedding/index_too_large", E, w, idx(6))
f.case("embedding/negative_index", E, w, idx(-1))
f.case("embedding/weight_1d", E, randn(5), idx(1))
f.case("embedding/weight_3d", E, randn(5, 2, 2), idx(1))

# ---- embedding_dense_backward ----
D = "embedding_dense_backward"
g = randn(5, 3, seed=10)
i5 = idx(1, 2, 4, 1, 1)
f.case("embedding_dense_backward/basic", D, g, i5, 6, -1, False)
f.case("embedding_dense_backward/padding", D, g, i5, 6, 1, False)
f.case("embedding_dense_backward/scale_by_freq", D, g, i5, 6, -1, True)
f.case("embedding_dense_backward/scale_by_freq_padding", D, g, i5, 6, 2, True)
f.case("embedding_dense_backward/indices_2d", D, randn(2, 3, 4, seed=11), randint(0, 5, 2, 3, seed=12), 5, -1, False)
f.case("embedding_dense_backward/out_of_range_skipped", D, g, idx(1, 7, -1, 0, 6), 6, -1, False)
f.case("embedding_dense_backward/int32_indices", D, g, idx(0, 0, 3, 3, 5, dtype=I32), 6, -1, True)
f.case("embedding_dense_backward/noncontig_grad", D, noncontig(randn(5, 4, seed=13)), i5, 5, -1, False)
f.case("embedding_dense_backward/f64", D, g.double(), i5, 6, 4, True, rtol=1e-12, atol=1e-12)
f.case("embedding_dense_backward/f16", D, g.half(), i5, 6, -1, True, **LOOSE)
f.case("embedding_dense_backward/bf16", D, g.to(BF16), i5, 6, -1, False, **LOOSE)
f.case("embedding_dense_backward/int64", D, randint(-5, 5, 5, 3, seed=14), i5, 6, -1, False)
f.case("embedding_dense_backward/int64_scaled_truncates", D, randint(-5, 5, 5, 3, seed=15), i5, 6, -1, True)
f.case("embedding_dense_backward/bool", D, torch.arange(15).view(5, 3) % 4 == 0, i5, 6, -1, False)
f.case("embedding_dense_backward/zero_weights", D, g, idx(9, 9, 9, 9, 9), 0, -1, False)
f.case("embedding_dense_backward/float_indices", D, g, i5.float(), 6, -1, False)
f.case("embedding_dense_backward/shape_mismatch", D, randn(4, 3), i5, 6, -1, False)
f.case("embedding_dense_backward/grad_1d", D, randn(2), idx(1, 2), 6, -1, False)
f.case("embedding_dense_backward/negative_num_weights", D, g, i5, -1, -1, False)

# ---- embedding_renorm_ ----
R = "embedding_renorm_"
wr = randn(6, 4, seed=20) * 2
f.case("embedding_renorm_/l2", R, wr, idx(0, 3, 5), 1.0, 2.0)
f.case("embedding_renorm_/some_rows_below", R, wr, idx(0, 1, 2, 3, 4, 5), 2.5, 2.0)
f.case("embedding_renorm_/repeated", R, wr, idx(4, 4, 1, 4), 1.0, 2.0)
f.case("embedding_renorm_/l1", R, wr, idx(2, 1), 1.5, 1.0)
f.case("embedding_renorm_/linf", R, wr, idx(2, 1), 0.5, float("inf"))
f.case("embedding_renorm_/l3", R, wr, idx(2, 3), 1.0, 3.0)
f.case("embedding_renorm_/indices_2d_int32", R, wr, idx(1, 2, 3, 1, dtype=I32).view(2, 2), 1.0, 2.0)
f.case("embedding_renorm_/negative_index", R, wr, idx(-1, 0), 1.0, 2.0)
f.case("embedding_renorm_/empty_indices", R, wr, idx(), 1.0, 2.0)
f.case("embedding_renorm_/noncontig", R, noncontig(randn(5, 3, seed=21)), idx(0, 4), 0.5, 2.0)
f.case("embedding_renorm_/f64", R, wr.double(), idx(0, 3), 1.0, 2.0, rtol=1e-12, atol=1e-12)
f.case("embedding_renorm_/f16", R, wr.half(), idx(0, 3), 1.0, 2.0, **LOOSE)
f.case("embedding_renorm_/bf16", R, wr.to(BF16), idx(0, 3), 1.0, 2.0, **LOOSE)
f.case("embedding_renorm_/index_too_large", R, wr, idx(1, 6), 1.0, 2.0)
f.case("embedding_renorm_/self_1d", R, randn(5), idx(1), 1.0, 2.0)
f.case("embedding_renorm_/float_indices", R, wr, torch.tensor([1.0]), 1.0, 2.0)
f.case("embedding_renorm_/int64_self", R, torch.arange(12).view(6, 2), idx(1), 1.0, 2.0)

# ---- _embedding_bag ----
B = "_embedding_bag"
wb = randn(7, 3, seed=30)
ib = idx(1, 2, 6, 4, 0, 1, 3, 2)
ob = idx(0, 3, 3, 5)
psw = randn(8, seed=31)
for mode, name in ((0, "sum"), (1, "mean"), (2, "max")):
    f.case(f"_embedding_bag/{name}", B, wb, ib, ob, False, mode)
    f.case(f"_embedding_bag/{name}_padding", B, wb, ib, ob, False, mode, False, None, False, 1)
    f.case(f"_embedding_bag/{name}_include_last_offset", B, wb, ib, idx(0, 3, 3, 5, 8), False, mode, False, None, True)
    f.case(f"_embedding_bag/{name}_f64", B, wb.double(), ib, ob, False, mode, rtol=1e-12, atol=1e-12)
    f.case(f"_embedding_bag/{name}_f64_padding", B, wb.double(), ib, ob, False, mode, False, None, False, 2, rtol=1e-12, atol=1e-12)
    f.case(f"_embedding_bag/{name}_int32", B, wb, ib.int(), ob.int(), False, mode)
    f.case(f"_embedding_bag/{name}_noncontig_weight", B, noncontig(randn(7, 3, seed=32)), ib, ob, False, mode)
    f.case(f"_embedding_bag/{name}_trailing_empty_bag", B, wb, ib, idx(0, 2, 8), False, mode)
    f.case(f"_embedding_bag/{name}_empty_indices", B, wb, idx(), idx(0, 0), False, mode)
    f.case(f"_embedding_bag/{name}_half", B, wb.half(), ib, ob, False, mode, **LOOSE)
    f.case(f"_embedding_bag/{name}_all_padding_bag", B, wb, idx(5, 5, 2), idx(0, 2), False, mode, False, None, False, 5)
f.case("_embedding_bag/sum_per_sample_weights", B, wb, ib, ob, False, 0, False, psw)
f.case("_embedding_bag/sum_per_sample_weights_padding", B, wb, ib, ob, False, 0, False, psw, False, 2)
f.case("_embedding_bag/sum_per_sample_weights_noncontig", B, wb, ib, ob, False, 0, False, randn(16, seed=33)[::2])
f.case("_embedding_bag/sum_per_sample_weights_f64", B, wb.double(), ib, ob, False, 0, False, psw.double(), rtol=1e-12, atol=1e-12)
f.case("_embedding_bag/mixed_index_types", B, wb, ib.int(), ob, False, 1)
f.case("_embedding_bag/max_ties_first_wins", B, torch.tensor([[1.0, 2.0], [1.0, 3.0], [0.5, 3.0]]), idx(0, 1, 2), idx(0), False, 2)
f.case("_embedding_bag/max_nan", B, torch.tensor([[float("nan"), 2.0], [1.0, float("nan")]]), idx(0, 1, 1, 0), idx(0, 2), False, 2)
f.case("_embedding_bag/one_bag_no_offsets_left", B, wb, ib, idx(0), False, 1)
f.case("_embedding_bag/no_bags", B, wb, ib, idx(), False, 0)
f.case("_embedding_bag/wide", B, randn(9, 70, seed=34), randint(0, 9, 20, seed=35), idx(0, 4, 11, 11, 17), False, 1)
f.case("_embedding_bag/float_indices", B, wb, ib.float(), ob)
f.case("_embedding_bag/int16_indices", B, wb, ib.short(), ob.short())
f.case("_embedding_bag/int64_weight", B, wb.long(), ib, ob)
f.case("_embedding_bag/bf16_weight", B, wb.to(BF16), ib, ob)
f.case("_embedding_bag/first_offset_not_zero", B, wb, ib, idx(1, 3))
f.case("_embedding_bag/last_offset_too_large", B, wb, ib, idx(0, 9))
f.case("_embedding_bag/decreasing_offsets", B, wb, ib, idx(0, 5, 3), False, 1)
f.case("_embedding_bag/index_too_large", B, wb, idx(1, 7), idx(0), False, 2)
f.case("_embedding_bag/index_too_large_sum", B, wb, idx(1, 7), idx(0), False, 0)
f.case("_embedding_bag/negative_index", B, wb, idx(1, -1), idx(0), False, 2)
f.case("_embedding_bag/mean_per_sample_weights", B, wb, ib, ob, False, 1, False, psw)
f.case("_embedding_bag/max_per_sample_weights", B, wb, ib, ob, False, 2, False, psw)
f.case("_embedding_bag/per_sample_weights_dtype", B, wb, ib, ob, False, 0, False, psw.double())
f.case("_embedding_bag/per_sample_weights_2d", B, wb, ib, ob, False, 0, False, psw.view(8, 1))
f.case("_embedding_bag/per_sample_weights_count", B, wb, ib, ob, False, 0, False, psw[:7])
f.case("_embedding_bag/include_last_offset_no_offsets", B, wb, ib, idx(), False, 0, False, None, True)

EB, EBP = "embedding_bag", "embedding_bag.padding_idx"
f.case("embedding_bag/sum", EB, wb, ib, ob)
f.case("embedding_bag/mean_noncontig_indices", EB, wb, noncontig(randint(0, 7, 6, 2, seed=36))[:, 0], idx(0, 2), False, 1)
f.case("embedding_bag/max_include_last", EB, wb, ib, idx(0, 3, 8), False, 2, False, None, True)
f.case("embedding_bag.padding_idx/none", EBP, wb, ib, ob, False, 1, False, None, False, None)
f.case("embedding_bag.padding_idx/positive", EBP, wb, ib, ob, False, 1, False, None, False, 2)
f.case("embedding_bag.padding_idx/negative_wraps", EBP, wb, ib, ob, False, 0, False, psw, False, -6)
f.case("embedding_bag.padding_idx/too_large", EBP, wb, ib, ob, False, 0, False, None, False, 7)
f.case("embedding_bag.padding_idx/too_small", EBP, wb, ib, ob, False, 0, False, None, False, -8)

# ---- the backward composites, fed PyTorch's own forward results ----
BB, BD, BP = "_embedding_bag_backward", "_embedding_bag_dense_backward", "_embedding_bag_per_sample_weights_backward"


def forward(weight, indices, offsets, mode, psw=None, include_last=False, padding=-1):
    return torch.ops.aten._embedding_bag(weight, indices, offsets, False, mode, False, psw, include_last, padding)


gb = randn(4, 3, seed=40)
for mode, name in ((0, "sum"), (1, "mean"), (2, "max")):
    _, o2b, bs, mi = forward(wb, ib, ob, mode)
    f.case(f"_embedding_bag_backward/{name}", BB, gb, ib, ob, o2b, bs, mi, 7, False, mode, False, None)
    _, o2b, bs, mi = forward(wb, ib, ob, mode, None, False, 1)
    f.case(f"_embedding_bag_backward/{name}_padding", BB, gb, ib, ob, o2b, bs, mi, 7, False, mode, False, None, 1)
    f.case(f"_embedding_bag_dense_backward/{name}_padding", BD, gb, ib, o2b, bs, mi, 7, False, mode, None, 1)
    _, o2b, bs, mi = forward(wb.double(), ib, ob, mode)
    f.case(f"_embedding_bag_dense_backward/{name}_f64", BD, gb.double(), ib, o2b, bs, mi, 7, False, mode, None, rtol=1e-12,
           atol=1e-12)
# every index twice: PyTorch 1.13's scale_grad_by_freq divides by the count of the i-th sorted index, equal here for all
iu, ou = idx(3, 0, 3, 5, 0, 5), idx(0, 2, 4)
for mode, name in ((0, "sum"), (1, "mean")):
    _, o2b, bs, mi = forward(wb, iu, ou, mode)
    f.case(f"_embedding_bag_backward/{name}_scale_by_freq", BB, randn(3, 3, seed=41), iu, ou, o2b, bs, mi, 7, True, mode, False, None)
_, o2b, bs, mi = forward(wb, ib, ob, 0, psw)
f.case("_embedding_bag_backward/sum_per_sample_weights", BB, gb, ib, ob, o2b, bs, mi, 7, False, 0, False, psw)
f.case("_embedding_bag_backward/int32", BB, gb, ib.int(), ob.int(), *forward(wb, ib.int(), ob.int(), 1)[1:], 7, False, 1, False, None)
f.case("_embedding_bag_backward/include_last_offset", BB, randn(3, 3, seed=42), ib, idx(0, 3, 3, 8),
       *forward(wb, ib, idx(0, 3, 3, 8), 0, None, True)[1:], 7, False, 0, False, None)
f.case("_embedding_bag_backward/empty_indices", BB, randn(2, 3, seed=43), idx(), idx(0, 0), *forward(wb, idx(), idx(0, 0), 0)[1:], 7,
       False, 0, False, None)
f.case("_embedding_bag_backward/float_indices", BB, gb, ib.float(), ob, *forward(wb, ib, ob, 0)[1:], 7, False, 0, False, None)
f.case("_embedding_bag_backward/int64_grad", BB, gb.long(), ib, ob, *forward(wb, ib, ob, 0)[1:], 7, False, 0, False, None)
_, o2b, bs, mi = forward(wb, ib, ob, 0, psw)
f.case("_embedding_bag_per_sample_weights_backward/fast_path", BP, gb, wb, ib, ob, o2b, 0)
_, o2b, bs, mi = forward(wb, ib, ob, 0, psw, False, 2)
f.case("_embedding_bag_per_sample_weights_backward/padding", BP, gb, wb, ib, ob, o2b, 0, 2)
f.case("_embedding_bag_per_sample_weights_backward/f64", BP, gb.double(), wb.double(), ib, ob, o2b, 0, rtol=1e-12, atol=1e-12)
f.case("_embedding_bag_per_sample_weights_backward/mean", BP, gb, wb, ib, ob, o2b, 1)
f.write()
