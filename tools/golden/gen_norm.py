"""Golden values for the normalization family (NormOps): batch_norm / native_batch_norm (training with the running
statistics they update, evaluation, any rank >= 2), native_batch_norm_backward, layer_norm / native_layer_norm and its
backward, group_norm / native_group_norm and its backward, and instance_norm, with non-contiguous inputs, channel
and row lengths that are not multiples of the vector width, float64, bfloat16 (with float32 parameters where PyTorch
mixes them), edge values and PyTorch's errors. Cases that PyTorch 1.13 answers by reading past a missing or short
argument (native_batch_norm in evaluation without running statistics, a native_batch_norm of an empty input) are left
out: Kiln raises an error there. So is a native_group_norm_backward of a non-contiguous grad_out, which PyTorch's kernel
reads as if it were contiguous (its autograd makes it contiguous first); Kiln computes it."""
import torch

from golden import Family, noncontig, randn

# float32 sums in another order than PyTorch's kernels, divided by small deviations
f = Family("norm", rtol=1e-4, atol=1e-5)
F64, BF16 = torch.float64, torch.bfloat16
EXACT = dict(rtol=1e-10, atol=1e-12)
LOOSE = dict(rtol=2e-2, atol=3e-2)
A = torch.ops.aten


def stats(c, dtype=torch.float32, seed=0):
    """Running mean and a positive running variance for c channels."""
    return randn(c, dtype=dtype, seed=seed), (randn(c, seed=seed + 1).abs() + 0.5).to(dtype)


# ---- batch_norm ----
B, NB = "batch_norm", "native_batch_norm"
x4, w3, b3 = randn(2, 3, 4, 5, seed=1), randn(3, seed=2), randn(3, seed=3)
rm3, rv3 = stats(3, seed=4)
f.case("batch_norm/train_4d", B, x4, w3, b3, rm3, rv3, True, 0.1, 1e-5, False, mutated=True)
f.case("batch_norm/eval_4d", B, x4, w3, b3, rm3, rv3, False, 0.1, 1e-5, False, mutated=True)
f.case("batch_norm/train_2d", B, randn(6, 5, seed=5), randn(5, seed=6), randn(5, seed=7), *stats(5, seed=8), True, 0.3, 1e-3, False,
       mutated=True)
f.case("batch_norm/eval_2d", B, randn(6, 5, seed=9), randn(5, seed=10), None, *stats(5, seed=11), False, 0.1, 1e-5, False)
f.case("batch_norm/train_3d", B, randn(3, 4, 7, seed=12), None, None, *stats(4, seed=13), True, 0.1, 1e-5, False, mutated=True)
f.case("batch_norm/train_5d", B, randn(2, 3, 2, 3, 4, seed=14), w3, b3, rm3, rv3, True, 0.2, 1e-5, False, mutated=True)
f.case("batch_norm/eval_5d", B, randn(2, 3, 2, 3, 4, seed=15), w3, b3, rm3, rv3, False, 0.1, 1e-5, False)
f.case("batch_norm/train_no_running", B, x4, w3, b3, None, None, True, 0.1, 1e-5, False)
f.case("batch_norm/train_weight_only", B, x4, w3, None, rm3, rv3, True, 0.1, 1e-5, False, mutated=True)
f.case("batch_norm/train_mean_only", B, x4, None, None, rm3, None, True, 0.1, 1e-5, False, mutated=True)
f.case("batch_norm/train_long_runs", B, randn(2, 5, 70, seed=16), randn(5, seed=17), randn(5, seed=18), *stats(5, seed=19), True,
       0.1, 1e-5, False, mutated=True)
f.case("batch_norm/eval_long_runs", B, randn(2, 3, 67, seed=20), randn(3, seed=21), randn(3, seed=22), *stats(3, seed=23), False,
       0.1, 1e-5, False)
f.case("batch_norm/train_many_channels", B, randn(4, 37, seed=24), randn(37, seed=25), randn(37, seed=26), *stats(37, seed=27), True,
       0.1, 1e-5, False, mutated=True)
f.case("batch_norm/eval_many_channels", B, randn(4, 37, seed=28), randn(37, seed=29), randn(37, seed=30), *stats(37, seed=31), False,
       0.1, 1e-5, False)
f.case("batch_norm/noncontig", B, noncontig(randn(3, 4, 5, 6, seed=32)), noncontig(randn(4, seed=33)), randn(4, seed=34),
       *stats(4, seed=35), True, 0.1, 1e-5, False, mutated=True)
f.case("batch_norm/noncontig_stats", B, randn(3, 4, 5, seed=36), None, None, noncontig(randn(4, seed=37)), randn(8, seed=38).abs()[::2],
       True, 0.1, 1e-5, False, mutated=True)
f.case("batch_norm/channels_last", B, x4.to(memory_format=torch.channels_last), w3, b3, rm3, rv3, True, 0.1, 1e-5, False,
       mutated=True)
f.case("batch_norm/offset_mean", B, randn(2, 3, 30, seed=39) + 1e4, None, None, *stats(3, seed=40), True, 0.1, 1e-5, False,
       mutated=True, rtol=1e-3, atol=1e-3)
f.case("batch_norm/momentum_0", B, x4, w3, b3, rm3, rv3, True, 0.0, 1e-5, False, mutated=True)
f.case("batch_norm/momentum_1", B, x4, w3, b3, rm3, rv3, True, 1.0, 1e-5, False, mutated=True)
f.case("batch_norm/one_value_per_channel", B, randn(1, 3, seed=41), None, None, *stats(3, seed=42), True, 0.1, 1e-5, False,
       mutated=True)
f.case("batch_norm/constant_eps0", B, torch.ones(3, 2, 4), None, None, None, None, True, 0.1, 0.0, False)
f.case("batch_norm/nan_inf", B, torch.tensor([[1.0, float("nan"), 2.0], [2.0, 3.0, float("inf")], [0.5, 1.0, -1.0]]), None, None,
       *stats(3, seed=43), True, 0.1, 1e-5, False, mutated=True)
f.case("batch_norm/f64", B, randn(3, 4, 6, dtype=F64, seed=44), randn(4, dtype=F64, seed=45), randn(4, dtype=F64, seed=46),
       *stats(4, F64, seed=47), True, 0.1, 1e-5, False, mutated=True, **EXACT)
f.case("batch_norm/f64_eval", B, randn(3, 4, 6, dtype=F64, seed=48), randn(4, dtype=F64, seed=49), None, *stats(4, F64, seed=50),
       False, 0.1, 1e-5, False, **EXACT)
f.case("batch_norm/bf16_float_params", B, randn(2, 3, 8, dtype=BF16, seed=51), w3, b3, rm3, rv3, True, 0.1, 1e-5, False, mutated=True,
       **LOOSE)
f.case("batch_norm/bf16", B, randn(2, 3, 8, dtype=BF16, seed=52), w3.to(BF16), b3.to(BF16), *stats(3, BF16, seed=53), True, 0.1, 1e-5,
       False, mutated=True, **LOOSE)
f.case("batch_norm/bf16_eval", B, randn(2, 3, 8, dtype=BF16, seed=54), None, None, rm3, rv3, False, 0.1, 1e-5, False, **LOOSE)
f.case("batch_norm/empty", B, torch.zeros(0, 3, 4), torch.full((3,), 2.0), torch.full((3,), 5.0), rm3, rv3, True, 0.1, 1e-5, False,
       mutated=True)
f.case("batch_norm/empty_unchecked", B, torch.zeros(0), None, None, torch.zeros(5), None, False, 0.1, 1e-5, False)
f.case("batch_norm/empty_int", B, torch.zeros(0, 3, dtype=torch.int64), None, None, None, None, True, 0.1, 1e-5, False)
f.case("batch_norm/empty_zero_weight", B, torch.zeros(2, 0), torch.zeros(0), None, None, None, True, 0.1, 1e-5, False)
f.case("batch_norm/input_1d", B, randn(3, seed=55), None, None, None, None, True, 0.1, 1e-5, False)
f.case("batch_norm/input_0d", B, torch.tensor(1.0), None, None, None, None, True, 0.1, 1e-5, False)
f.case("batch_norm/eval_no_running_mean", B, x4, None, None, None, rv3, False, 0.1, 1e-5, False)
f.case("batch_norm/eval_no_running_var", B, x4, None, None, rm3, None, False, 0.1, 1e-5, False)
f.case("batch_norm/running_mean_size", B, x4, None, None, torch.zeros(4), rv3, False, 0.1, 1e-5, False)
f.case("batch_norm/running_var_size", B, x4, None, None, rm3, torch.ones(2), True, 0.1, 1e-5, False)
f.case("batch_norm/weight_size", B, x4, torch.ones(4), None, rm3, rv3, False, 0.1, 1e-5, False)
f.case("batch_norm/weight_one_element", B, x4, torch.ones(1), None, rm3, rv3, False, 0.1, 1e-5, False)
f.case("batch_norm/weight_2d", B, x4, torch.ones(3, 1), None, rm3, rv3, False, 0.1, 1e-5, False)
f.case("batch_norm/bias_size", B, x4, None, torch.ones(2), rm3, rv3, False, 0.1, 1e-5, False)
f.case("batch_norm/weight_dtype", B, x4, w3.double(), None, rm3, rv3, False, 0.1, 1e-5, False)
f.case("batch_norm/stats_dtype", B, x4, None, None, rm3.double(), rv3.double(), True, 0.1, 1e-5, False)
f.case("batch_norm/double_input_float_params", B, x4.double(), w3, b3, rm3, rv3, True, 0.1, 1e-5, False)
f.case("batch_norm/bf16_mixed_params", B, x4.to(BF16), w3, b3.to(BF16), None, None, True, 0.1, 1e-5, False)
f.case("batch_norm/int64", B, torch.ones(2, 3, dtype=torch.int64), None, None, None, None, True, 0.1, 1e-5, False)
f.case("batch_norm/half", B, torch.ones(2, 3, dtype=torch.float16), None, None, None, None, True, 0.1, 1e-5, False)

# ---- native_batch_norm ----
f.case("native_batch_norm/train", NB, x4, w3, b3, rm3, rv3, True, 0.1, 1e-5, mutated=True)
f.case("native_batch_norm/train_no_running", NB, randn(5, 4, seed=56), None, randn(4, seed=57), None, None, True, 0.1, 1e-5)
f.case("native_batch_norm/eval", NB, x4, w3, b3, rm3, rv3, False, 0.1, 1e-5)
f.case("native_batch_norm/train_short_runs", NB, randn(5, 6, 3, seed=58), randn(6, seed=59), None, *stats(6, seed=60), True, 0.1,
       1e-5, mutated=True)
f.case("native_batch_norm/noncontig", NB, noncontig(randn(4, 3, 6, seed=61)), None, None, *stats(3, seed=62), True, 0.1, 1e-5,
       mutated=True)
f.case("native_batch_norm/f64", NB, randn(3, 2, 5, dtype=F64, seed=63), None, None, *stats(2, F64, seed=64), True, 0.1, 1e-5,
       mutated=True, **EXACT)
f.case("native_batch_norm/bf16_float_stats", NB, randn(3, 2, 5, dtype=BF16, seed=65), None, None, *stats(2, seed=66), True, 0.1, 1e-5,
       mutated=True, **LOOSE)
f.case("native_batch_norm/bf16_eval", NB, randn(3, 2, 5, dtype=BF16, seed=67), None, None, *stats(2, seed=68), False, 0.1, 1e-5,
       **LOOSE)
f.case("native_batch_norm/input_1d", NB, randn(3, seed=69), None, None, None, None, True, 0.1, 1e-5)
f.case("native_batch_norm/int64", NB, torch.ones(2, 3, dtype=torch.int64), None, None, None, None, True, 0.1, 1e-5)

# ---- native_batch_norm_backward ----
NBB = "native_batch_norm_backward"
ALL = [True, True, True]
xb, wb = randn(3, 4, 5, seed=70), randn(4, seed=71)
_, mb, ib = A.native_batch_norm(xb, wb, None, None, None, True, 0.1, 1e-5)
gb = randn(3, 4, 5, seed=72)
f.case("native_batch_norm_backward/train", NBB, gb, xb, wb, None, None, mb, ib, True, 1e-5, ALL)
f.case("native_batch_norm_backward/train_input_only", NBB, gb, xb, wb, None, None, mb, ib, True, 1e-5, [True, False, False])
f.case("native_batch_norm_backward/train_params_only", NBB, gb, xb, None, None, None, mb, ib, True, 1e-5, [False, True, True])
f.case("native_batch_norm_backward/none", NBB, gb, xb, wb, None, None, mb, ib, True, 1e-5, [False, False, False])
f.case("native_batch_norm_backward/eval", NBB, gb, xb, wb, *stats(4, seed=73), None, None, False, 1e-5, ALL)
f.case("native_batch_norm_backward/eval_no_weight", NBB, gb, xb, None, *stats(4, seed=74), None, None, False, 1e-3, ALL)
xs = randn(9, 5, seed=75)
_, ms, is_ = A.native_batch_norm(xs, None, None, None, None, True, 0.1, 1e-5)
f.case("native_batch_norm_backward/train_2d", NBB, randn(9, 5, seed=76), xs, randn(5, seed=77), None, None, ms, is_, True, 1e-5, ALL)
xl = randn(2, 3, 80, seed=78)
_, ml, il = A.native_batch_norm(xl, None, None, None, None, True, 0.1, 1e-5)
f.case("native_batch_norm_backward/train_long_runs", NBB, noncontig(randn(2, 3, 80, seed=79)), xl, randn(3, seed=80), None, None, ml, il,
       True, 1e-5, ALL)
xd = randn(3, 2, 4, dtype=F64, seed=81)
_, md, id_ = A.native_batch_norm(xd, None, None, None, None, True, 0.1, 1e-5)
f.case("native_batch_norm_backward/f64", NBB, randn(3, 2, 4, dtype=F64, seed=82), xd, randn(2, dtype=F64, seed=83), None, None, md, id_,
       True, 1e-5, ALL, **EXACT)
f.case("native_batch_norm_backward/int64", NBB, torch.ones(2, 3, dtype=torch.int64), torch.ones(2, 3, dtype=torch.int64), None,
       None, None, torch.ones(3, dtype=torch.int64), torch.ones(3, dtype=torch.int64), True, 1e-5, ALL)

# ---- layer_norm ----
L, NL, NLB = "layer_norm", "native_layer_norm", "native_layer_norm_backward"
x3 = randn(2, 3, 4, seed=100)
f.case("layer_norm/last_dim", L, x3, [4])
f.case("layer_norm/two_dims_affine", L, x3, [3, 4], randn(3, 4, seed=101), randn(3, 4, seed=102))
f.case("layer_norm/all_dims", L, x3, [2, 3, 4], randn(2, 3, 4, seed=103), None, 1e-3)
f.case("layer_norm/odd_rows", L, randn(5, 37, seed=104), [37], randn(37, seed=105), randn(37, seed=106))
f.case("layer_norm/long_rows", L, randn(2, 130, seed=107), [130], randn(130, seed=108), randn(130, seed=109))
f.case("layer_norm/bias_only", L, randn(4, 6, seed=110), [6], None, randn(6, seed=111))
f.case("layer_norm/noncontig", L, noncontig(randn(3, 5, 6, seed=112)), [6], noncontig(randn(6, seed=113)), randn(6, seed=114))
f.case("layer_norm/offset_mean", L, randn(4, 40, seed=115) + 1e3, [40], rtol=1e-3, atol=1e-3)
f.case("layer_norm/f64", L, randn(3, 7, dtype=F64, seed=116), [7], randn(7, dtype=F64, seed=117), randn(7, dtype=F64, seed=118),
       **EXACT)
f.case("layer_norm/bf16", L, randn(3, 8, dtype=BF16, seed=119), [8], randn(8, dtype=BF16, seed=120), None, **LOOSE)
f.case("layer_norm/nan_inf", L, torch.tensor([[1.0, float("nan"), 2.0], [1.0, 2.0, float("inf")], [1.0, 2.0, 4.0]]), [3])
f.case("layer_norm/constant_eps0", L, torch.ones(2, 3), [3], None, None, 0.0)
f.case("layer_norm/empty_rows", L, torch.zeros(0, 4), [4], torch.ones(4))
f.case("layer_norm/empty_int_rows", L, torch.zeros(0, 4, dtype=torch.int64), [4])
f.case("layer_norm/normalized_shape_empty", L, x3, [])
f.case("layer_norm/shape_mismatch", L, x3, [3])
f.case("layer_norm/shape_too_long", L, x3, [5, 2, 3, 4])
f.case("layer_norm/weight_shape", L, x3, [4], torch.ones(3))
f.case("layer_norm/weight_flat", L, x3, [3, 4], torch.ones(12))
f.case("layer_norm/bias_shape", L, x3, [4], None, torch.ones(5))
f.case("layer_norm/weight_dtype", L, x3, [4], torch.ones(4, dtype=F64))
f.case("layer_norm/bf16_float_weight", L, x3.to(BF16), [4], torch.ones(4))
f.case("layer_norm/int64", L, torch.ones(2, 4, dtype=torch.int64), [4])
f.case("layer_norm/half", L, torch.ones(2, 4, dtype=torch.float16), [4])
f.case("native_layer_norm/basic", NL, x3, [4], randn(4, seed=121), randn(4, seed=122), 1e-5)
f.case("native_layer_norm/two_dims", NL, randn(3, 5, 7, seed=123), [5, 7], None, None, 1e-5)
f.case("native_layer_norm/empty_normalized", NL, torch.zeros(3, 0), [0], None, None, 1e-5)
f.case("native_layer_norm/bf16", NL, randn(3, 8, dtype=BF16, seed=124), [8], None, None, 1e-5, **LOOSE)
f.case("native_layer_norm/0d", NL, torch.tensor(1.0), [], None, None, 1e-5)
xn, wn = randn(3, 5, 6, seed=125), randn(6, seed=126)
_, mn, rn = A.native_layer_norm(xn, [6], wn, None, 1e-5)
gn = randn(3, 5, 6, seed=127)
f.case("native_layer_norm_backward/all", NLB, gn, xn, [6], mn, rn, wn, torch.zeros(6), ALL)
f.case("native_layer_norm_backward/input_only", NLB, gn, xn, [6], mn, rn, None, None, [True, False, False])
f.case("native_layer_norm_backward/params_only", NLB, gn, xn, [6], mn, rn, wn, torch.zeros(6), [False, True, True])
f.case("native_layer_norm_backward/noncontig", NLB, noncontig(gn), noncontig(xn), [6], mn, rn, wn, None, [True, True, False])
xk = randn(70, 5, seed=128)
_, mk, rk = A.native_layer_norm(xk, [5], None, None, 1e-5)
f.case("native_layer_norm_backward/many_rows", NLB, randn(70, 5, seed=129), xk, [5], mk, rk, randn(5, seed=130), torch.zeros(5),
       ALL)
xm2 = randn(4, 3, 5, dtype=F64, seed=131)
_, mm2, rm2 = A.native_layer_norm(xm2, [3, 5], None, None, 1e-5)
f.case("native_layer_norm_backward/f64", NLB, randn(4, 3, 5, dtype=F64, seed=132), xm2, [3, 5], mm2, rm2, randn(3, 5, dtype=F64, seed=133),
       torch.zeros(3, 5, dtype=F64), ALL, **EXACT)
f.case("native_layer_norm_backward/weight_missing", NLB, gn, xn, [6], mn, rn, None, None, ALL)
f.case("native_layer_norm_backward/shape_mismatch", NLB, gn, xn, [5], mn, rn, None, None, [True, False, False])

# ---- group_norm ----
G, NG, NGB = "group_norm", "native_group_norm", "native_group_norm_backward"
x6 = randn(2, 6, 5, seed=200)
w6, b6 = randn(6, seed=201), randn(6, seed=202)
f.case("group_norm/one_group", G, x6, 1)
f.case("group_norm/two_groups_affine", G, x6, 2, w6, b6)
f.case("group_norm/per_channel", G, x6, 6, w6, None)
f.case("group_norm/bias_only", G, x6, 3, None, b6)
f.case("group_norm/4d", G, randn(2, 4, 3, 5, seed=203), 2, randn(4, seed=204), randn(4, seed=205), 1e-3)
f.case("group_norm/5d", G, randn(2, 4, 2, 3, 2, seed=206), 4, randn(4, seed=207), randn(4, seed=208))
f.case("group_norm/2d", G, randn(3, 4, seed=209), 2, randn(4, seed=210), randn(4, seed=211))
f.case("group_norm/long_runs", G, randn(2, 6, 20, seed=212), 3, w6, b6)
f.case("group_norm/noncontig", G, noncontig(randn(2, 6, 7, seed=213)), 2, w6, b6)
f.case("group_norm/f64", G, randn(2, 6, 5, dtype=F64, seed=214), 3, randn(6, dtype=F64, seed=215), randn(6, dtype=F64, seed=216),
       **EXACT)
f.case("group_norm/bf16", G, randn(2, 4, 6, dtype=BF16, seed=217), 2, None, None, **LOOSE)
f.case("group_norm/constant_eps0", G, torch.ones(2, 2, 3), 1, None, None, 0.0)
f.case("group_norm/empty_batch", G, torch.zeros(0, 4, 2), 2)
f.case("group_norm/no_channels", G, torch.zeros(2, 0, 3), 1)
f.case("group_norm/not_divisible", G, x6, 4)
f.case("group_norm/zero_groups", G, x6, 0)
f.case("group_norm/weight_size", G, x6, 3, torch.ones(4))
f.case("group_norm/weight_2d", G, x6, 3, torch.ones(6, 1))
f.case("group_norm/bias_size", G, x6, 3, None, torch.ones(5))
f.case("group_norm/input_1d", G, randn(6, seed=218), 1)
f.case("group_norm/input_0d", G, torch.tensor(1.0), 1)
f.case("group_norm/weight_dtype", G, x6, 3, torch.ones(6, dtype=F64))
f.case("group_norm/int64", G, torch.ones(2, 4, dtype=torch.int64), 2)
f.case("native_group_norm/basic", NG, x6, w6, b6, 2, 6, 5, 3, 1e-5)
f.case("native_group_norm/as_other_shape", NG, x6, None, None, 3, 4, 5, 2, 1e-5)
f.case("native_group_norm/empty_hxw", NG, torch.zeros(2, 4, 0), None, None, 2, 4, 0, 2, 1e-5)
f.case("native_group_norm/numel_mismatch", NG, x6, None, None, 3, 6, 5, 3, 1e-5)
f.case("native_group_norm/bf16", NG, randn(2, 4, 3, dtype=BF16, seed=219), None, None, 2, 4, 3, 2, 1e-5, **LOOSE)
xg = randn(2, 6, 4, seed=220)
_, mg, rg = A.native_group_norm(xg, w6, None, 2, 6, 4, 3, 1e-5)
gg = randn(2, 6, 4, seed=221)
f.case("native_group_norm_backward/all", NGB, gg, xg, mg, rg, w6, 2, 6, 4, 3, ALL)
f.case("native_group_norm_backward/no_weight", NGB, gg, xg, mg, rg, None, 2, 6, 4, 3, [True, False, False])
f.case("native_group_norm_backward/params_only", NGB, gg, xg, mg, rg, w6, 2, 6, 4, 3, [False, True, True])
xg2 = randn(2, 4, 70, dtype=F64, seed=222)
_, mg2, rg2 = A.native_group_norm(xg2, None, None, 2, 4, 70, 2, 1e-5)
f.case("native_group_norm_backward/f64_long_runs", NGB, randn(2, 4, 70, dtype=F64, seed=223), xg2, mg2, rg2,
       randn(4, dtype=F64, seed=224), 2, 4, 70, 2, ALL, **EXACT)
f.case("native_group_norm_backward/weight_missing", NGB, gg, xg, mg, rg, None, 2, 6, 4, 3, ALL)
f.case("native_group_norm_backward/dtype_mismatch", NGB, gg.double(), xg, mg, rg, None, 2, 6, 4, 3, [True, False, False])

# ---- instance_norm ----
I = "instance_norm"
xi = randn(2, 3, 6, seed=300)
f.case("instance_norm/input_stats", I, xi, None, None, None, None, True, 0.1, 1e-5, False)
f.case("instance_norm/affine_running", I, xi, w3, b3, rm3, rv3, True, 0.1, 1e-5, False, mutated=True)
f.case("instance_norm/running_stats", I, xi, w3, None, rm3, rv3, False, 0.1, 1e-5, False, mutated=True)
f.case("instance_norm/4d", I, randn(2, 3, 4, 5, seed=301), None, b3, rm3, rv3, True, 0.3, 1e-5, False, mutated=True)
# one element per channel: exactly 0, where PyTorch's x * alpha + beta leaves cancellation noise
f.case("instance_norm/2d", I, randn(2, 3, seed=302), None, None, None, None, True, 0.1, 1e-5, False, atol=1e-4)
f.case("instance_norm/noncontig", I, noncontig(randn(2, 3, 5, seed=303)), w3, b3, None, None, True, 0.1, 1e-5, False)
f.case("instance_norm/f64", I, randn(2, 3, 4, dtype=F64, seed=304), None, None, *stats(3, F64, seed=305), True, 0.1, 1e-5, False,
       mutated=True, **EXACT)
f.case("instance_norm/no_running_stats", I, xi, None, None, None, None, False, 0.1, 1e-5, False)
f.case("instance_norm/input_1d", I, randn(3, seed=306), None, None, None, None, True, 0.1, 1e-5, False)
f.case("instance_norm/running_mean_size", I, xi, None, None, torch.zeros(2), torch.ones(2), True, 0.1, 1e-5, False)
f.case("instance_norm/weight_2d", I, xi, torch.ones(3, 1), None, None, None, True, 0.1, 1e-5, False)
f.write()
