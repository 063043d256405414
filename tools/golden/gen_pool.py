"""Golden values for the pooling family (PoolOps): max, average and adaptive poolings in 1-D and 2-D, with and without
indices, and the backward ops, with kernel/stride/padding/dilation, ceil mode, count_include_pad, divisor_override,
unbatched and non-contiguous inputs, odd sizes, NaN and infinities, the dtypes PyTorch's CPU kernels take, and their
errors."""
import torch

from golden import Family, noncontig, randint

f = Family("pool")
A = torch.ops.aten
F64, I64, I32, BF16, F16, BOOL = torch.float64, torch.int64, torch.int32, torch.bfloat16, torch.float16, torch.bool
LOOSE = dict(rtol=2e-2, atol=2e-2)
nan, inf = float("nan"), float("inf")


def q(*shape, dtype=torch.float32, seed=0):
    """Values k/32 in [-8, 8]: short in JSON, and summed exactly (ties between maxima occur, as they may)."""
    return (randint(-256, 257, *shape, seed=seed).to(torch.float64) / 32).to(dtype)


x = q(2, 3, 7, 9, seed=1)
odd = q(1, 5, 9, 17, seed=2)            # channels and widths not multiples of a vector
big = q(1, 2, 9, 35, seed=3)
special = torch.tensor([[[[1.0, nan, 3.0, -inf], [inf, 0.5, nan, 2.0], [-inf, -inf, -inf, -inf], [-inf, -inf, 7.0, 7.0]]]])
ties = randint(0, 3, 1, 2, 6, 6, seed=4).to(torch.float32)
cl = q(2, 3, 6, 6, seed=5).to(memory_format=torch.channels_last)

# ---- max_pool2d_with_indices ----
M = "max_pool2d_with_indices"
f.case("max_pool2d_with_indices/2x2", M, x, [2, 2])
f.case("max_pool2d_with_indices/3x3_s2_p1", M, x, [3, 3], [2, 2], [1, 1])
f.case("max_pool2d_with_indices/single_values", M, x, [3], [2], [1])
f.case("max_pool2d_with_indices/stride_omitted", M, x, [2, 3], [])
f.case("max_pool2d_with_indices/non_square", M, odd, [2, 3], [1, 2], [1, 1])
f.case("max_pool2d_with_indices/stride_1", M, odd, [3, 3], [1, 1], [1, 1])
f.case("max_pool2d_with_indices/wide_stride_2", M, big, [3, 3], [2, 2], [1, 1])
f.case("max_pool2d_with_indices/stride_gt_kernel", M, big, [2, 2], [3, 4])
f.case("max_pool2d_with_indices/dilation", M, big, [3, 2], [1, 2], [1, 0], [2, 3])
f.case("max_pool2d_with_indices/dilation_padding", M, x, [3, 3], [2, 2], [1, 1], [2, 2])
f.case("max_pool2d_with_indices/ceil", M, x, [2, 2], [2, 2], [0, 0], [1, 1], True)
f.case("max_pool2d_with_indices/ceil_padded", M, q(1, 2, 5, 6, seed=6), [2, 2], [2, 2], [1, 1], [1, 1], True)
f.case("max_pool2d_with_indices/ceil_last_window_dropped", M, q(1, 1, 6, 6, seed=7), [3, 3], [4, 4], [1, 1], [1, 1], True)
f.case("max_pool2d_with_indices/ceil_dilated", M, big, [3, 3], [2, 3], [1, 1], [2, 2], True)
f.case("max_pool2d_with_indices/kernel_is_input", M, x, [7, 9])
f.case("max_pool2d_with_indices/unbatched", M, q(3, 7, 8, seed=8), [3, 2], [2, 1], [1, 1])
f.case("max_pool2d_with_indices/noncontig", M, noncontig(q(2, 3, 6, 7, seed=9)), [2, 2], [1, 2])
f.case("max_pool2d_with_indices/channels_last", M, cl, [3, 3], [2, 2], [1, 1])
f.case("max_pool2d_with_indices/nan_inf", M, special, [2, 2])
f.case("max_pool2d_with_indices/nan_inf_overlapping", M, special, [3, 3], [1, 1], [1, 1])
f.case("max_pool2d_with_indices/ties", M, ties, [3, 3], [1, 1], [1, 1])
f.case("max_pool2d_with_indices/zero_batch", M, torch.zeros(0, 3, 5, 5), [2, 2])
f.case("max_pool2d_with_indices/f64", M, q(2, 3, 5, 6, dtype=F64, seed=10), [3, 2], [2, 2], [1, 0])
f.case("max_pool2d_with_indices/bf16", M, q(1, 3, 6, 6, dtype=BF16, seed=11), [2, 2])
f.case("max_pool2d_with_indices/int64", M, randint(0, 9, 1, 2, 4, 4, seed=12), [2, 2])
f.case("max_pool2d_with_indices/half", M, x.half(), [2, 2])
f.case("max_pool2d_with_indices/bool", M, torch.ones(1, 1, 4, 4, dtype=BOOL), [2, 2])
f.case("max_pool2d_with_indices/input_2d", M, q(6, 6), [2, 2])
f.case("max_pool2d_with_indices/input_5d", M, q(1, 1, 2, 6, 6), [2, 2])
f.case("max_pool2d_with_indices/zero_channels", M, torch.zeros(2, 0, 5, 5), [2, 2])
f.case("max_pool2d_with_indices/zero_height", M, torch.zeros(2, 3, 0, 5), [2, 2])
f.case("max_pool2d_with_indices/unbatched_zero_channels", M, torch.zeros(0, 5, 5), [2, 2])
f.case("max_pool2d_with_indices/stride_zero", M, x, [2, 2], [0, 1])
f.case("max_pool2d_with_indices/stride_negative", M, x, [2, 2], [-1, 1])
f.case("max_pool2d_with_indices/kernel_zero", M, x, [0, 2])
f.case("max_pool2d_with_indices/kernel_negative", M, x, [-2, 2], [1, 1])
f.case("max_pool2d_with_indices/padding_negative", M, x, [3, 3], [1, 1], [-1, 0])
f.case("max_pool2d_with_indices/padding_over_half", M, x, [3, 3], [1, 1], [2, 1])
f.case("max_pool2d_with_indices/dilation_zero", M, x, [2, 2], [1, 1], [0, 0], [0, 1])
f.case("max_pool2d_with_indices/output_too_small", M, x, [8, 8])
f.case("max_pool2d_with_indices/dilated_too_big", M, x, [3, 3], [1, 1], [0, 0], [4, 4])
f.case("max_pool2d_with_indices/kernel_three_values", M, x, [2, 2, 2])

# ---- max_pool2d (without indices) ----
MP = "max_pool2d"
f.case("max_pool2d/3x3_s2_p1", MP, odd, [3, 3], [2, 2], [1, 1])
f.case("max_pool2d/stride_omitted", MP, x, [2, 2])
f.case("max_pool2d/ceil_dilated", MP, big, [2, 3], [2, 2], [1, 1], [2, 1], True)
f.case("max_pool2d/unbatched_kwargs", MP, q(2, 5, 5, seed=13), [3, 3], padding=[1, 1], ceil_mode=True)
f.case("max_pool2d/nan_inf", MP, special, [2, 2], [1, 1])
f.case("max_pool2d/int64", MP, randint(0, 9, 1, 2, 4, 4, seed=14), [2, 2])
f.case("max_pool2d/input_2d", MP, q(6, 6), [2, 2])
f.case("max_pool2d/output_too_small", MP, x, [8, 8])

# ---- max_pool2d_with_indices_backward ----
MB = "max_pool2d_with_indices_backward"


def max_backward(case_id, inp, kernel, stride, padding, dilation, ceil, grad=None, indices=None, seed=20):
    out, ind = A.max_pool2d_with_indices(inp.float() if inp.dtype not in (torch.float32, F64) else inp, kernel, stride, padding,
                                         dilation, ceil)
    g = q(*out.shape, dtype=inp.dtype, seed=seed) if grad is None else grad
    f.case(case_id, MB, g, inp, kernel, stride, padding, dilation, ceil, ind if indices is None else indices)


max_backward("max_pool2d_with_indices_backward/2x2", x, [2, 2], [2, 2], [0, 0], [1, 1], False)
max_backward("max_pool2d_with_indices_backward/overlapping", odd, [3, 3], [1, 1], [1, 1], [1, 1], False)
max_backward("max_pool2d_with_indices_backward/ceil", x, [2, 2], [2, 2], [1, 1], [1, 1], True)
max_backward("max_pool2d_with_indices_backward/dilated", big, [3, 2], [1, 2], [1, 0], [2, 3], False)
max_backward("max_pool2d_with_indices_backward/unbatched", q(3, 6, 5, seed=21), [2, 2], [1, 1], [1, 1], [1, 1], False)
max_backward("max_pool2d_with_indices_backward/f64", q(2, 2, 5, 5, dtype=F64, seed=22), [3, 3], [2, 2], [1, 1], [1, 1], False)
max_backward("max_pool2d_with_indices_backward/noncontig_grad", x, [2, 2], [1, 1], [0, 0], [1, 1], False,
             grad=noncontig(q(2, 3, 6, 8, seed=23)))
max_backward("max_pool2d_with_indices_backward/grad_shape", x, [2, 2], [2, 2], [0, 0], [1, 1], False, grad=q(2, 3, 3, 3))
max_backward("max_pool2d_with_indices_backward/grad_dtype", x, [2, 2], [2, 2], [0, 0], [1, 1], False,
             grad=q(2, 3, 3, 4, dtype=F64))
max_backward("max_pool2d_with_indices_backward/indices_int32", x, [2, 2], [2, 2], [0, 0], [1, 1], False,
             indices=torch.zeros(2, 3, 3, 4, dtype=I32))
max_backward("max_pool2d_with_indices_backward/indices_shape", x, [2, 2], [2, 2], [0, 0], [1, 1], False,
             indices=torch.zeros(2, 3, 3, 3, dtype=I64))
max_backward("max_pool2d_with_indices_backward/int64", randint(0, 9, 1, 2, 4, 4, seed=24), [2, 2], [2, 2], [0, 0], [1, 1], False)

# ---- max_pool1d, max_pool1d_with_indices ----
M1, M1I = "max_pool1d", "max_pool1d_with_indices"
s = q(2, 3, 11, seed=30)
f.case("max_pool1d/basic", M1, s, [3], [2])
f.case("max_pool1d/stride_omitted", M1, s, [2])
f.case("max_pool1d/padding_dilation", M1, s, [3], [1], [1], [2])
f.case("max_pool1d/ceil", M1, s, [3], [3], [1], [1], True)
f.case("max_pool1d/unbatched", M1, q(4, 9, seed=31), [4], [2], [2])
f.case("max_pool1d/noncontig", M1, noncontig(q(3, 10, seed=32)), [2])
f.case("max_pool1d/nan_inf", M1, torch.tensor([[1.0, nan, 2.0, -inf, -inf, inf, 3.0]]), [2], [1])
f.case("max_pool1d/empty_output", M1, s, [12], [12])
f.case("max_pool1d/f64", M1, q(2, 7, dtype=F64, seed=33), [3], [1], [1])
f.case("max_pool1d/bf16", M1, q(2, 7, dtype=BF16, seed=34), [2])
f.case("max_pool1d/int64", M1, randint(0, 5, 2, 6, seed=35), [2])
f.case("max_pool1d/input_1d", M1, q(6), [2])
f.case("max_pool1d/input_4d", M1, x, [2])
f.case("max_pool1d/zero_length", M1, torch.zeros(3, 0), [2])
f.case("max_pool1d/zero_batch", M1, torch.zeros(0, 3, 5), [2])
f.case("max_pool1d/kernel_two_values", M1, s, [2, 2])
f.case("max_pool1d/stride_two_values", M1, s, [2], [1, 1])
f.case("max_pool1d/padding_two_values", M1, s, [2], [1], [0, 0])
f.case("max_pool1d/dilation_two_values", M1, s, [2], [1], [0], [1, 1])
f.case("max_pool1d/kernel_zero", M1, s, [0])
f.case("max_pool1d/stride_zero", M1, s, [2], [0])
f.case("max_pool1d/padding_negative", M1, s, [2], [1], [-1])
f.case("max_pool1d/padding_over_half", M1, s, [2], [1], [2])
f.case("max_pool1d/dilation_zero", M1, s, [2], [1], [0], [0])
f.case("max_pool1d/output_negative", M1, q(2, 3, seed=36), [8], [1])
f.case("max_pool1d_with_indices/basic", M1I, s, [3], [2], [1])
f.case("max_pool1d_with_indices/ceil_dilated", M1I, s, [2], [3], [1], [2], True)
f.case("max_pool1d_with_indices/unbatched", M1I, q(4, 9, seed=37), [4], [])
f.case("max_pool1d_with_indices/input_1d", M1I, q(6), [2])
f.case("max_pool1d_with_indices/kernel_two_values", M1I, s, [2, 2])
f.case("max_pool1d_with_indices/output_too_small", M1I, s, [12])
f.case("max_pool1d_with_indices/kernel_zero", M1I, s, [0])
f.case("max_pool1d_with_indices/int64", M1I, randint(0, 5, 2, 6, seed=38), [2])

# ---- avg_pool2d ----
P = "avg_pool2d"
f.case("avg_pool2d/2x2", P, x, [2, 2])
f.case("avg_pool2d/3x3_s1_p1", P, odd, [3, 3], [1, 1], [1, 1])
f.case("avg_pool2d/3x3_s1_p1_exclude_pad", P, odd, [3, 3], [1, 1], [1, 1], False, False)
f.case("avg_pool2d/single_values", P, x, [3], [2], [1])
f.case("avg_pool2d/stride_omitted", P, x, [2, 3], [])
f.case("avg_pool2d/non_square", P, big, [2, 5], [3, 2], [1, 2])
f.case("avg_pool2d/ceil_include_pad", P, q(1, 2, 5, 6, seed=40), [3, 3], [2, 2], [1, 1], True, True)
f.case("avg_pool2d/ceil_exclude_pad", P, q(1, 2, 5, 6, seed=40), [3, 3], [2, 2], [1, 1], True, False)
f.case("avg_pool2d/ceil_no_pad", P, x, [2, 2], [2, 2], [0, 0], True)
f.case("avg_pool2d/divisor", P, x, [3, 3], [2, 2], [1, 1], False, True, 5)
f.case("avg_pool2d/divisor_negative", P, x, [2, 2], [1, 1], [1, 1], True, False, -3)
f.case("avg_pool2d/unbatched", P, q(3, 7, 8, seed=41), [3, 2], [2, 1], [1, 1])
f.case("avg_pool2d/noncontig", P, noncontig(q(2, 3, 6, 7, seed=42)), [2, 2], [1, 2])
f.case("avg_pool2d/channels_last", P, cl, [3, 3], [2, 2], [1, 1])
f.case("avg_pool2d/nan_inf", P, special, [2, 2], [1, 1])
f.case("avg_pool2d/zero_batch", P, torch.zeros(0, 3, 5, 5), [2, 2])
f.case("avg_pool2d/f64", P, q(2, 3, 5, 6, dtype=F64, seed=43), [3, 2], [2, 2], [1, 0], False, False)
f.case("avg_pool2d/bf16", P, q(1, 3, 6, 6, dtype=BF16, seed=44), [3, 3], [1, 1], [1, 1], **LOOSE)
f.case("avg_pool2d/int64", P, randint(-50, 50, 1, 2, 5, 5, seed=45), [2, 2], [1, 1], [1, 1], True, False)
f.case("avg_pool2d/int64_divisor", P, randint(-50, 50, 1, 2, 5, 5, seed=46), [3, 3], [2, 2], [1, 1], False, True, -4)
f.case("avg_pool2d/int32", P, randint(0, 9, 1, 2, 4, 4, dtype=I32, seed=47), [2, 2])
f.case("avg_pool2d/half", P, x.half(), [2, 2])
f.case("avg_pool2d/bool", P, torch.ones(1, 1, 4, 4, dtype=BOOL), [2, 2])
f.case("avg_pool2d/input_2d", P, q(6, 6), [2, 2])
f.case("avg_pool2d/input_1d", P, q(6), [2, 2])
f.case("avg_pool2d/input_5d", P, q(1, 1, 2, 6, 6), [2, 2])
f.case("avg_pool2d/zero_height", P, torch.zeros(2, 3, 0, 5), [2, 2])
f.case("avg_pool2d/divisor_zero", P, x, [2, 2], [2, 2], [0, 0], False, True, 0)
f.case("avg_pool2d/stride_zero", P, x, [2, 2], [1, 0])
f.case("avg_pool2d/kernel_zero", P, x, [2, 0], [1, 1])
f.case("avg_pool2d/padding_negative", P, x, [3, 3], [1, 1], [0, -1])
f.case("avg_pool2d/padding_over_half", P, x, [3, 3], [1, 1], [2, 1])
f.case("avg_pool2d/output_too_small", P, x, [8, 8])

# ---- avg_pool2d_backward ----
PB = "avg_pool2d_backward"


def avg_backward(case_id, inp, kernel, stride, padding, ceil, count_pad, divisor, grad=None, seed=50, **tol):
    out = A.avg_pool2d(inp.float() if inp.dtype != F64 else inp, kernel, stride, padding, ceil, count_pad, divisor)
    g = q(*out.shape, dtype=inp.dtype, seed=seed) if grad is None else grad
    f.case(case_id, PB, g, inp, kernel, stride, padding, ceil, count_pad, divisor, **tol)


avg_backward("avg_pool2d_backward/2x2", x, [2, 2], [2, 2], [0, 0], False, True, None)
avg_backward("avg_pool2d_backward/overlapping_exclude_pad", odd, [3, 3], [1, 1], [1, 1], False, False, None)
avg_backward("avg_pool2d_backward/ceil_include_pad", q(1, 2, 5, 6, seed=51), [3, 3], [2, 2], [1, 1], True, True, None)
avg_backward("avg_pool2d_backward/ceil_divisor", x, [2, 3], [2, 3], [1, 1], True, True, 7)
avg_backward("avg_pool2d_backward/unbatched", q(3, 6, 5, seed=52), [2, 2], [1, 1], [1, 1], False, True, None)
avg_backward("avg_pool2d_backward/f64", q(2, 2, 5, 5, dtype=F64, seed=53), [3, 3], [2, 2], [1, 1], True, False, None)
avg_backward("avg_pool2d_backward/bf16", q(1, 2, 4, 4, dtype=BF16, seed=54), [2, 2], [1, 1], [0, 0], False, True, None, **LOOSE)
avg_backward("avg_pool2d_backward/int64", randint(0, 9, 1, 2, 4, 4, seed=55), [2, 2], [1, 1], [1, 1], False, True, None,
             grad=randint(-20, 20, 1, 2, 5, 5, seed=56))
avg_backward("avg_pool2d_backward/noncontig_grad", x, [2, 2], [1, 1], [0, 0], False, True, None,
             grad=noncontig(q(2, 3, 6, 8, seed=57)))
avg_backward("avg_pool2d_backward/grad_shape", x, [2, 2], [2, 2], [0, 0], False, True, None, grad=q(2, 3, 3, 3))
avg_backward("avg_pool2d_backward/grad_dtype", x, [2, 2], [2, 2], [0, 0], False, True, None, grad=q(2, 3, 3, 4, dtype=F64))
avg_backward("avg_pool2d_backward/half", x.half(), [2, 2], [2, 2], [0, 0], False, True, None, grad=q(2, 3, 3, 4).half())

# ---- avg_pool1d ----
P1 = "avg_pool1d"
f.case("avg_pool1d/basic", P1, s, [3], [2])
f.case("avg_pool1d/stride_omitted", P1, s, [2])
f.case("avg_pool1d/padding_ceil_exclude", P1, s, [3], [2], [1], True, False)
f.case("avg_pool1d/unbatched", P1, q(4, 9, seed=60), [4], [2], [2])
f.case("avg_pool1d/int64", P1, randint(-9, 9, 2, 7, seed=61), [3], [1], [1])
f.case("avg_pool1d/input_1d", P1, q(6), [2])
f.case("avg_pool1d/input_4d", P1, x, [2])
f.case("avg_pool1d/kernel_two_values", P1, s, [2, 2])
f.case("avg_pool1d/padding_over_half", P1, s, [2], [1], [2])
f.case("avg_pool1d/output_too_small", P1, s, [12])

# ---- _adaptive_avg_pool2d, adaptive_avg_pool2d ----
AA, AAP = "_adaptive_avg_pool2d", "adaptive_avg_pool2d"
f.case("_adaptive_avg_pool2d/down", AA, x, [3, 4])
f.case("_adaptive_avg_pool2d/uneven", AA, odd, [5, 7])
f.case("_adaptive_avg_pool2d/up", AA, x, [10, 3])
f.case("_adaptive_avg_pool2d/identity", AA, x, [7, 9])
f.case("_adaptive_avg_pool2d/global", AA, x, [1, 1])
f.case("_adaptive_avg_pool2d/empty_output", AA, x, [0, 2])
f.case("_adaptive_avg_pool2d/unbatched", AA, q(3, 7, 8, seed=70), [2, 3])
f.case("_adaptive_avg_pool2d/noncontig", AA, noncontig(q(2, 3, 6, 7, seed=71)), [4, 4])
f.case("_adaptive_avg_pool2d/channels_last", AA, cl, [4, 5])
f.case("_adaptive_avg_pool2d/nan_inf", AA, special, [3, 3])
f.case("_adaptive_avg_pool2d/zero_batch", AA, torch.zeros(0, 3, 5, 5), [2, 2])
f.case("_adaptive_avg_pool2d/zero_channels", AA, torch.zeros(0, 5, 5), [2, 2])
f.case("_adaptive_avg_pool2d/f64", AA, q(2, 3, 5, 6, dtype=F64, seed=72), [3, 4])
f.case("_adaptive_avg_pool2d/bf16", AA, q(1, 3, 6, 6, dtype=BF16, seed=73), [4, 4], **LOOSE)
f.case("_adaptive_avg_pool2d/int64_empty", AA, torch.zeros(0, 3, 4, 4, dtype=I64), [2, 2])
f.case("_adaptive_avg_pool2d/int64", AA, randint(0, 9, 1, 2, 4, 4, seed=74), [2, 2])
f.case("_adaptive_avg_pool2d/half", AA, x.half(), [2, 2])
f.case("_adaptive_avg_pool2d/input_2d", AA, q(6, 6), [2, 2])
f.case("_adaptive_avg_pool2d/input_5d", AA, q(1, 1, 2, 6, 6), [2, 2])
f.case("_adaptive_avg_pool2d/zero_height", AA, torch.zeros(2, 3, 0, 5), [2, 2])
f.case("_adaptive_avg_pool2d/three_sizes", AA, x, [1, 2, 3])
f.case("adaptive_avg_pool2d/down", AAP, odd, [4, 6])
f.case("adaptive_avg_pool2d/global", AAP, x, [1, 1])
f.case("adaptive_avg_pool2d/global_unbatched", AAP, q(3, 5, 4, seed=75), [1, 1])
f.case("adaptive_avg_pool2d/global_2d", AAP, q(5, 4, seed=76), [1, 1])
f.case("adaptive_avg_pool2d/global_5d", AAP, q(2, 2, 3, 4, 5, seed=77), [1, 1])
f.case("adaptive_avg_pool2d/global_half", AAP, x.half(), [1, 1], **LOOSE)
f.case("adaptive_avg_pool2d/global_noncontig", AAP, noncontig(q(2, 3, 6, 7, seed=78)), [1, 1])
f.case("adaptive_avg_pool2d/empty_output", AAP, x, [0, 3])
f.case("adaptive_avg_pool2d/global_int64", AAP, randint(0, 9, 1, 2, 4, 4, seed=79), [1, 1])
f.case("adaptive_avg_pool2d/global_1d", AAP, q(6), [1, 1])
f.case("adaptive_avg_pool2d/negative_size", AAP, x, [-1, 2])
f.case("adaptive_avg_pool2d/input_2d", AAP, q(6, 6), [2, 2])
f.case("adaptive_avg_pool2d/half", AAP, x.half(), [2, 2])

# ---- _adaptive_avg_pool2d_backward ----
AB = "_adaptive_avg_pool2d_backward"
f.case("_adaptive_avg_pool2d_backward/down", AB, q(2, 3, 3, 4, seed=80), x)
f.case("_adaptive_avg_pool2d_backward/uneven", AB, q(1, 5, 5, 7, seed=81), odd)
f.case("_adaptive_avg_pool2d_backward/up", AB, q(2, 3, 10, 3, seed=82), x)
f.case("_adaptive_avg_pool2d_backward/unbatched", AB, q(3, 2, 3, seed=83), q(3, 7, 8, seed=84))
f.case("_adaptive_avg_pool2d_backward/f64", AB, q(2, 3, 3, 4, dtype=F64, seed=85), q(2, 3, 5, 6, dtype=F64, seed=86))
f.case("_adaptive_avg_pool2d_backward/noncontig", AB, noncontig(q(2, 3, 4, 4, seed=87)), x)
f.case("_adaptive_avg_pool2d_backward/grad_2d", AB, q(3, 4), x)
f.case("_adaptive_avg_pool2d_backward/grad_dtype", AB, q(2, 3, 3, 4, dtype=F64), x)
f.case("_adaptive_avg_pool2d_backward/int64", AB, randint(0, 9, 1, 2, 2, 2, seed=88), randint(0, 9, 1, 2, 4, 4, seed=89))

# ---- adaptive_max_pool2d, adaptive_max_pool1d ----
AM = "adaptive_max_pool2d"
f.case("adaptive_max_pool2d/down", AM, x, [3, 4])
f.case("adaptive_max_pool2d/uneven", AM, odd, [5, 7])
f.case("adaptive_max_pool2d/up", AM, x, [10, 3])
f.case("adaptive_max_pool2d/global", AM, x, [1, 1])
f.case("adaptive_max_pool2d/empty_output", AM, x, [0, 2])
f.case("adaptive_max_pool2d/unbatched", AM, q(3, 7, 8, seed=90), [2, 3])
f.case("adaptive_max_pool2d/noncontig", AM, noncontig(q(2, 3, 6, 7, seed=91)), [4, 4])
f.case("adaptive_max_pool2d/nan_inf", AM, special, [3, 2])
f.case("adaptive_max_pool2d/ties", AM, ties, [4, 4])
f.case("adaptive_max_pool2d/zero_batch", AM, torch.zeros(0, 3, 5, 5), [2, 2])
f.case("adaptive_max_pool2d/unbatched_zero_channels", AM, torch.zeros(0, 5, 5), [2, 2])
f.case("adaptive_max_pool2d/f64", AM, q(2, 3, 5, 6, dtype=F64, seed=92), [3, 4])
f.case("adaptive_max_pool2d/bf16", AM, q(1, 3, 6, 6, dtype=BF16, seed=93), [4, 4])
f.case("adaptive_max_pool2d/int64", AM, randint(0, 9, 1, 2, 4, 4, seed=94), [2, 2])
f.case("adaptive_max_pool2d/int64_empty", AM, torch.zeros(0, 3, 4, 4, dtype=I64), [2, 2])
f.case("adaptive_max_pool2d/input_2d", AM, q(6, 6), [2, 2])
f.case("adaptive_max_pool2d/zero_channels", AM, torch.zeros(2, 0, 5, 5), [2, 2])
f.case("adaptive_max_pool2d/zero_width", AM, torch.zeros(3, 5, 0), [2, 2])
f.case("adaptive_max_pool2d/negative_size", AM, x, [2, -1])
AM1 = "adaptive_max_pool1d"
f.case("adaptive_max_pool1d/basic", AM1, s, [4])
f.case("adaptive_max_pool1d/unbatched_up", AM1, q(3, 5, seed=95), [8])
f.case("adaptive_max_pool1d/input_1d", AM1, q(6), [2])
f.case("adaptive_max_pool1d/two_sizes", AM1, s, [2, 2])
f.case("adaptive_max_pool1d/int64", AM1, randint(0, 9, 2, 6, seed=96), [2])

# ---- adaptive_max_pool2d_backward ----
AMB = "adaptive_max_pool2d_backward"


def adaptive_max_backward(case_id, inp, size, grad=None, indices=None, seed=100):
    out, ind = A.adaptive_max_pool2d(inp, size)
    g = q(*out.shape, dtype=inp.dtype, seed=seed) if grad is None else grad
    f.case(case_id, AMB, g, inp, ind if indices is None else indices)


adaptive_max_backward("adaptive_max_pool2d_backward/down", x, [3, 4])
adaptive_max_backward("adaptive_max_pool2d_backward/up", x, [10, 12])
adaptive_max_backward("adaptive_max_pool2d_backward/unbatched", q(3, 7, 8, seed=101), [2, 3])
adaptive_max_backward("adaptive_max_pool2d_backward/f64", q(2, 3, 5, 6, dtype=F64, seed=102), [3, 4])
adaptive_max_backward("adaptive_max_pool2d_backward/grad_dtype", x, [3, 4], grad=q(2, 3, 3, 4, dtype=F64))
adaptive_max_backward("adaptive_max_pool2d_backward/grad_2d", x, [3, 4], grad=q(3, 4))
adaptive_max_backward("adaptive_max_pool2d_backward/indices_int32", x, [3, 4], indices=torch.zeros(2, 3, 3, 4, dtype=I32))

# ---- adaptive_avg_pool1d ----
AA1 = "adaptive_avg_pool1d"
f.case("adaptive_avg_pool1d/basic", AA1, s, [4])
f.case("adaptive_avg_pool1d/global", AA1, s, [1])
f.case("adaptive_avg_pool1d/unbatched_up", AA1, q(3, 5, seed=110), [8])
f.case("adaptive_avg_pool1d/input_1d", AA1, q(6), [2])
f.case("adaptive_avg_pool1d/input_4d", AA1, x, [2])
f.case("adaptive_avg_pool1d/two_sizes", AA1, s, [2, 2])
f.case("adaptive_avg_pool1d/int64", AA1, randint(0, 9, 2, 6, seed=111), [2])
f.case("adaptive_avg_pool1d/global_int64", AA1, randint(0, 9, 2, 6, seed=112), [1])
f.write()
