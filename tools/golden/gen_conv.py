"""Golden values for the convolution family (ConvOps): conv2d, conv_transpose2d.input, convolution_backward, conv1d and the
str-padding overloads conv1d.padding / conv2d.padding ('same', 'valid'),
with stride, padding, dilation, groups (depthwise included), bias or none, non-square kernels, unbatched inputs,
non-contiguous operands, the dtypes PyTorch's CPU kernels take, and their errors."""
import torch

from golden import Family, noncontig, randint, randn

# float32 sums of up to ~100 products in another order than PyTorch's kernels
f = Family("conv", rtol=1e-4, atol=2e-5)
F64, I64, I32, I16, I8, U8, BF16, F16 = (torch.float64, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bfloat16,
                                         torch.float16)
EXACT = dict(rtol=1e-12, atol=1e-12)
LOOSE = dict(rtol=2e-2, atol=5e-2)


def ints(*shape, dtype=I64, seed=0):
    return randint(-4, 5, *shape, dtype=dtype, seed=seed)


# ---- conv2d ----
C = "conv2d"
x, w, b = randn(2, 3, 5, 5, seed=1), randn(4, 3, 3, 3, seed=2), randn(4, seed=3)
f.case("conv2d/basic", C, x, w, b)
f.case("conv2d/no_bias", C, x, w)
f.case("conv2d/stride2_pad1", C, x, w, b, [2, 2], [1, 1])
f.case("conv2d/single_stride_value", C, x, w, b, [2])
f.case("conv2d/non_square", C, randn(2, 3, 6, 7, seed=4), randn(4, 3, 2, 3, seed=5), b, [2, 1], [1, 0], [1, 2])
f.case("conv2d/dilation2", C, randn(1, 3, 7, 7, seed=6), w, b, dilation=[2, 2])
f.case("conv2d/stride_gt_kernel", C, randn(1, 2, 9, 8, seed=7), randn(3, 2, 2, 2, seed=8), None, [3, 4], [1, 2])
f.case("conv2d/groups2", C, randn(2, 4, 5, 5, seed=9), randn(6, 2, 3, 3, seed=10), randn(6, seed=11), [1, 1], [1, 1], [1, 1], 2)
f.case("conv2d/depthwise", C, randn(2, 3, 6, 6, seed=12), randn(3, 1, 3, 3, seed=13), randn(3, seed=14), [1, 1], [1, 1], [1, 1], 3)
f.case("conv2d/depthwise_multiplier", C, randn(1, 3, 6, 5, seed=15), randn(6, 1, 3, 2, seed=16), None, [2, 1], [0, 1], [1, 1], 3)
f.case("conv2d/1x1", C, randn(2, 3, 4, 5, seed=17), randn(5, 3, 1, 1, seed=18), randn(5, seed=19))
f.case("conv2d/1x1_stride2", C, randn(2, 3, 4, 5, seed=17), randn(5, 3, 1, 1, seed=18), None, [2, 2])
f.case("conv2d/1x1_padded", C, randn(1, 2, 3, 3, seed=20), randn(2, 2, 1, 1, seed=21), None, [1, 1], [1, 1])
f.case("conv2d/padding_beyond_kernel", C, randn(1, 3, 2, 2, seed=22), randn(2, 3, 1, 1, seed=23), None, [1, 1], [3, 3])
f.case("conv2d/kernel_equals_input", C, randn(2, 3, 3, 4, seed=24), randn(2, 3, 3, 4, seed=25), randn(2, seed=26))
f.case("conv2d/unbatched", C, randn(3, 5, 5, seed=27), w, b, [1, 1], [1, 1])
f.case("conv2d/noncontig", C, noncontig(randn(2, 3, 5, 6, seed=28)), noncontig(w), b[::1], [1, 2])
f.case("conv2d/channels_last", C, x.to(memory_format=torch.channels_last), w, b)
f.case("conv2d/bias_strided", C, x, w, randn(8, seed=29)[::2])
f.case("conv2d/larger", C, randn(2, 8, 8, 7, seed=30), randn(12, 8, 3, 3, seed=31), randn(12, seed=32), [1, 1], [1, 1], rtol=3e-4,
       atol=1e-4)
f.case("conv2d/zero_batch", C, torch.zeros(0, 3, 5, 5), w, b)
f.case("conv2d/f64", C, randn(2, 3, 5, 4, dtype=F64, seed=33), randn(4, 3, 2, 2, dtype=F64, seed=34), randn(4, dtype=F64, seed=35),
       [1, 1], [1, 0], **EXACT)
f.case("conv2d/bf16", C, randn(1, 3, 5, 5, dtype=BF16, seed=36), randn(2, 3, 3, 3, dtype=BF16, seed=37), **LOOSE)
f.case("conv2d/int64", C, ints(2, 3, 5, 5, seed=38), ints(4, 3, 3, 3, seed=39), ints(4, seed=40), [1, 1], [1, 1])
f.case("conv2d/int32", C, ints(1, 2, 4, 4, dtype=I32, seed=41), ints(3, 2, 2, 2, dtype=I32, seed=42), None, [2, 2])
f.case("conv2d/int16", C, ints(1, 2, 4, 4, dtype=I16, seed=43), ints(3, 2, 2, 2, dtype=I16, seed=44))
f.case("conv2d/int8_wraps", C, torch.full((1, 1, 2, 2), 100, dtype=I8), torch.full((1, 1, 2, 2), 3, dtype=I8))
f.case("conv2d/uint8_wraps", C, torch.full((1, 1, 2, 2), 100, dtype=U8), torch.full((1, 1, 2, 2), 3, dtype=U8),
       torch.tensor([200], dtype=U8))
f.case("conv2d/nan_inf", C, torch.tensor([[[[1.0, float("nan")], [float("inf"), 2.0]]]]), torch.ones(1, 1, 1, 1))
f.case("conv2d/input_rank2", C, randn(3, 4), randn(2, 3, 1, 1))
f.case("conv2d/input_rank5", C, randn(1, 3, 4, 4, 4), randn(2, 3, 1, 1))
f.case("conv2d/weight_rank2", C, x, randn(4, 3))
f.case("conv2d/weight_rank3", C, x, randn(4, 3, 3))
f.case("conv2d/weight_rank5", C, x, randn(4, 3, 3, 1, 1))
f.case("conv2d/channel_mismatch", C, x, randn(4, 2, 3, 3))
f.case("conv2d/unbatched_channel_mismatch", C, randn(2, 5, 5), w)
f.case("conv2d/groups_not_dividing_weight", C, randn(1, 4, 4, 4), randn(3, 2, 1, 1), None, [1, 1], [0, 0], [1, 1], 2)
f.case("conv2d/groups_not_dividing_input", C, randn(1, 3, 4, 4), randn(4, 1, 1, 1), None, [1, 1], [0, 0], [1, 1], 2)
f.case("conv2d/groups_above_weight", C, randn(1, 2, 4, 4), randn(2, 1, 3, 3), None, [1, 1], [0, 0], [1, 1], 4)
f.case("conv2d/groups0", C, x, w, None, [1, 1], [0, 0], [1, 1], 0)
f.case("conv2d/kernel_too_big", C, randn(1, 3, 4, 4), randn(2, 3, 5, 5))
f.case("conv2d/dilated_kernel_too_big", C, randn(1, 3, 4, 4), randn(2, 3, 3, 3), dilation=[2, 2])
f.case("conv2d/stride0", C, x, w, None, [0, 1])
f.case("conv2d/negative_stride", C, x, w, None, [-1, -1])
f.case("conv2d/negative_padding", C, x, w, None, [1, 1], [-1, 0])
f.case("conv2d/dilation0", C, x, w, None, [1, 1], [0, 0], [0, 0])
f.case("conv2d/negative_dilation", C, x, randn(4, 3, 1, 1), None, [1, 1], [0, 0], [-1, -1])
f.case("conv2d/zero_kernel", C, x, randn(4, 3, 0, 3))
f.case("conv2d/zero_kernel_dilated", C, x, randn(4, 3, 0, 3), dilation=[2, 1])
f.case("conv2d/zero_out_channels", C, x, randn(0, 3, 3, 3))
f.case("conv2d/zero_height_padded", C, torch.zeros(1, 3, 0, 4), randn(2, 3, 1, 1), None, [1, 1], [1, 1])
f.case("conv2d/bias_shape", C, x, w, randn(3))
f.case("conv2d/bias_2d", C, x, w, randn(4, 1))
f.case("conv2d/bias_dtype", C, x, w, randn(4, dtype=F64))
f.case("conv2d/bias_dtype_long", C, ints(1, 3, 4, 4), ints(4, 3, 3, 3), randn(4))
f.case("conv2d/weight_dtype", C, x, randn(4, 3, 3, 3, dtype=F64))
f.case("conv2d/input_dtype", C, x.double(), w)
f.case("conv2d/half", C, x.half(), w.half())
f.case("conv2d/bool", C, torch.ones(1, 3, 4, 4, dtype=torch.bool), torch.ones(2, 3, 3, 3, dtype=torch.bool))

# ---- conv_transpose2d ----
T = "conv_transpose2d.input"
xt, wt, bt = randn(2, 3, 4, 4, seed=50), randn(3, 2, 3, 3, seed=51), randn(2, seed=52)
f.case("conv_transpose2d/basic", T, xt, wt, bt)
f.case("conv_transpose2d/no_bias", T, xt, wt)
f.case("conv_transpose2d/stride2_pad1_outpad1", T, xt, wt, bt, [2, 2], [1, 1], [1, 1])
f.case("conv_transpose2d/non_square", T, randn(2, 3, 3, 5, seed=53), randn(3, 4, 2, 3, seed=54), randn(4, seed=55), [2, 1], [1, 0],
       [1, 0], 1, [1, 2])
f.case("conv_transpose2d/outpad_below_dilation", T, xt, wt, bt, [1, 1], [0, 0], [1, 1], 1, [2, 2])
f.case("conv_transpose2d/stride3_outpad2", T, randn(1, 2, 3, 2, seed=56), randn(2, 3, 2, 2, seed=57), None, [3, 3], [1, 0], [2, 1])
f.case("conv_transpose2d/groups2", T, randn(2, 4, 3, 3, seed=58), randn(4, 3, 3, 3, seed=59), randn(6, seed=60), [2, 2], [1, 1],
       [0, 0], 2)
f.case("conv_transpose2d/depthwise", T, randn(1, 3, 4, 4, seed=61), randn(3, 1, 3, 3, seed=62), randn(3, seed=63), [1, 1], [1, 1],
       [0, 0], 3)
f.case("conv_transpose2d/1x1", T, randn(2, 3, 4, 5, seed=64), randn(3, 2, 1, 1, seed=65), randn(2, seed=66))
f.case("conv_transpose2d/1x1_outpad_dilated", T, randn(1, 2, 3, 3, seed=67), randn(2, 2, 1, 1, seed=68), None, [1, 1], [0, 0], [1, 1],
       1, [2, 2])
f.case("conv_transpose2d/unbatched", T, randn(3, 4, 4, seed=69), wt, bt, [2, 2])
f.case("conv_transpose2d/noncontig", T, noncontig(randn(2, 3, 4, 5, seed=70)), noncontig(wt), bt, [1, 2], [1, 1])
f.case("conv_transpose2d/larger", T, randn(2, 8, 6, 5, seed=71), randn(8, 6, 3, 3, seed=72), randn(6, seed=73), [2, 2], [1, 1],
       [1, 0], rtol=3e-4, atol=1e-4)
f.case("conv_transpose2d/zero_batch", T, torch.zeros(0, 3, 4, 4), wt, bt)
f.case("conv_transpose2d/f64", T, randn(2, 3, 4, 3, dtype=F64, seed=74), randn(3, 2, 2, 3, dtype=F64, seed=75),
       randn(2, dtype=F64, seed=76), [2, 1], **EXACT)
f.case("conv_transpose2d/int64", T, ints(1, 3, 3, 3, seed=77), ints(3, 2, 2, 2, seed=78), ints(2, seed=79), [2, 2])
f.case("conv_transpose2d/input_rank2", T, randn(3, 4), randn(3, 2, 1, 1))
f.case("conv_transpose2d/weight_rank2", T, xt, randn(3, 2))
f.case("conv_transpose2d/weight_rank3", T, xt, randn(3, 2, 3))
f.case("conv_transpose2d/channel_mismatch", T, xt, randn(2, 2, 1, 1))
f.case("conv_transpose2d/groups_not_dividing", T, xt, randn(3, 2, 1, 1), None, [1, 1], [0, 0], [0, 0], 2)
f.case("conv_transpose2d/groups0", T, xt, wt, None, [1, 1], [0, 0], [0, 0], 0)
f.case("conv_transpose2d/outpad_too_big", T, xt, wt, None, [2, 2], [0, 0], [2, 2])
f.case("conv_transpose2d/outpad_one_dim", T, xt, wt, None, [2, 1], [0, 0], [1, 1])
f.case("conv_transpose2d/negative_outpad", T, xt, wt, None, [2, 2], [0, 0], [-1, 0])
f.case("conv_transpose2d/negative_padding", T, xt, wt, None, [1, 1], [-1, -1])
f.case("conv_transpose2d/stride0", T, xt, wt, None, [0, 0])
f.case("conv_transpose2d/dilation0", T, xt, wt, None, [1, 1], [0, 0], [0, 0], 1, [0, 0])
f.case("conv_transpose2d/output_too_small", T, randn(1, 3, 1, 1), randn(3, 2, 1, 1), None, [1, 1], [2, 2])
f.case("conv_transpose2d/output_zero", T, randn(1, 3, 2, 2), randn(3, 2, 1, 1), None, [1, 1], [1, 1])
f.case("conv_transpose2d/zero_batch_negative_output", T, torch.zeros(0, 3, 1, 1), randn(3, 2, 1, 1), None, [1, 1], [2, 2])
f.case("conv_transpose2d/zero_kernel", T, xt, randn(3, 2, 0, 3))
f.case("conv_transpose2d/zero_out_channels", T, xt, randn(3, 0, 3, 3))
f.case("conv_transpose2d/zero_height", T, torch.zeros(1, 3, 0, 4), wt)
f.case("conv_transpose2d/bias_shape", T, xt, wt, randn(3))
f.case("conv_transpose2d/bias_dtype", T, xt, wt, randn(2, dtype=F64))
f.case("conv_transpose2d/weight_dtype", T, xt.double(), wt)
f.case("conv_transpose2d/int32", T, ints(1, 3, 4, 4, dtype=I32), ints(3, 2, 3, 3, dtype=I32))
f.case("conv_transpose2d/uint8", T, ints(1, 3, 4, 4, dtype=U8), ints(3, 2, 3, 3, dtype=U8))
f.case("conv_transpose2d/half", T, xt.half(), wt.half())

# ---- convolution_backward ----
B = "convolution_backward"
ALL, WEIGHT = [True, True, True], [False, True, False]
g, xb, wb = randn(2, 4, 3, 3, seed=80), randn(2, 3, 5, 5, seed=81), randn(4, 3, 3, 3, seed=82)
f.case("convolution_backward/all", B, g, xb, wb, [4], [1, 1], [0, 0], [1, 1], False, [0, 0], 1, ALL)
f.case("convolution_backward/no_bias_sizes", B, g, xb, wb, None, [1], [0], [1], False, [0], 1, ALL)
f.case("convolution_backward/weight_only", B, g, xb, wb, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, WEIGHT)
f.case("convolution_backward/input_only", B, g, xb, wb, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, [True, False, False])
f.case("convolution_backward/none", B, g, xb, wb, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, [False, False, False])
f.case("convolution_backward/strided_dilated_groups", B, randn(2, 6, 4, 2, seed=83), randn(2, 4, 7, 6, seed=84),
       randn(6, 2, 2, 3, seed=85), [6], [2, 2], [1, 0], [2, 1], False, [0, 0], 2, ALL)
f.case("convolution_backward/depthwise", B, randn(1, 3, 4, 4, seed=86), randn(1, 3, 6, 6, seed=87), randn(3, 1, 3, 3, seed=88),
       None, [1, 1], [0, 0], [1, 1], False, [0, 0], 3, ALL)
f.case("convolution_backward/transposed", B, randn(2, 2, 10, 10, seed=89), randn(2, 3, 4, 4, seed=90), randn(3, 2, 3, 3, seed=91),
       [2], [2, 2], [0, 0], [1, 1], True, [1, 1], 1, ALL)
f.case("convolution_backward/transposed_outpad_dilation", B, randn(1, 2, 9, 9, seed=92), randn(1, 3, 4, 4, seed=93),
       randn(3, 2, 3, 3, seed=94), None, [1, 1], [0, 0], [2, 2], True, [1, 1], 1, ALL)
f.case("convolution_backward/transposed_groups", B, randn(2, 6, 5, 5, seed=95), randn(2, 4, 3, 3, seed=96),
       randn(4, 3, 3, 3, seed=97), None, [2, 2], [1, 1], [1, 1], True, [0, 0], 2, ALL)
f.case("convolution_backward/1x1", B, randn(2, 5, 4, 3, seed=98), randn(2, 3, 4, 3, seed=99), randn(5, 3, 1, 1, seed=100), None,
       [1, 1], [0, 0], [1, 1], False, [0, 0], 1, ALL)
f.case("convolution_backward/f64", B, randn(1, 2, 3, 3, dtype=F64, seed=101), randn(1, 3, 4, 4, dtype=F64, seed=102),
       randn(2, 3, 2, 2, dtype=F64, seed=103), [2], [1, 1], [0, 0], [1, 1], False, [0, 0], 1, ALL, **EXACT)
f.case("convolution_backward/bf16", B, randn(1, 2, 3, 3, dtype=BF16, seed=104), randn(1, 3, 5, 5, dtype=BF16, seed=105),
       randn(2, 3, 3, 3, dtype=BF16, seed=106), None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, ALL, **LOOSE)
f.case("convolution_backward/zero_batch", B, torch.zeros(0, 4, 3, 3), torch.zeros(0, 3, 5, 5), wb, [4], [1, 1], [0, 0], [1, 1], False,
       [0, 0], 1, ALL)
f.case("convolution_backward/unbatched", B, randn(4, 3, 3), randn(3, 5, 5), wb, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, ALL)
f.case("convolution_backward/rank_mismatch", B, randn(4, 3, 3), xb, wb, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, ALL)
f.case("convolution_backward/output_padding", B, g, xb, wb, None, [1, 1], [0, 0], [1, 1], False, [1, 1], 1, ALL)
f.case("convolution_backward/stride_length", B, g, xb, wb, None, [2, 2, 2], [0, 0], [1, 1], False, [0, 0], 1, ALL)
f.case("convolution_backward/weight_rank2", B, g, xb, randn(4, 3), None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, ALL)
f.case("convolution_backward/int64", B, ints(2, 4, 3, 3), ints(2, 3, 5, 5), ints(4, 3, 3, 3), None, [1, 1], [0, 0], [1, 1], False,
       [0, 0], 1, ALL)

# ---- conv1d (int and str padding) and conv2d.padding ----
C1 = "conv1d"
x1, w1, b1 = randn(2, 3, 9, seed=120), randn(4, 3, 3, seed=121), randn(4, seed=122)
f.case("conv1d/basic", C1, x1, w1, b1)
f.case("conv1d/no_bias", C1, x1, w1)
f.case("conv1d/stride2_pad1", C1, x1, w1, b1, [2], [1])
f.case("conv1d/dilation2_odd", C1, randn(1, 3, 11, seed=123), w1, b1, [1], [2], [2])
f.case("conv1d/stride_remainder", C1, randn(2, 2, 10, seed=124), randn(3, 2, 4, seed=125), None, [3], [1])
f.case("conv1d/groups", C1, randn(2, 4, 7, seed=126), randn(6, 2, 3, seed=127), randn(6, seed=128), [1], [1], [1], 2)
f.case("conv1d/depthwise", C1, randn(1, 3, 8, seed=129), randn(3, 1, 5, seed=130), None, [1], [2], [1], 3)
f.case("conv1d/1x1", C1, randn(2, 3, 5, seed=131), randn(5, 3, 1, seed=132), randn(5, seed=133))
f.case("conv1d/unbatched", C1, randn(3, 9, seed=134), w1, b1, [1], [1])
f.case("conv1d/noncontig", C1, noncontig(randn(2, 3, 8, seed=135)), noncontig(w1), b1, [2])
f.case("conv1d/kernel_equals_input", C1, randn(2, 3, 3, seed=136), w1, b1)
f.case("conv1d/zero_batch", C1, torch.zeros(0, 3, 9), w1, b1)
f.case("conv1d/f64", C1, randn(2, 3, 9, dtype=F64, seed=137), randn(4, 3, 2, dtype=F64, seed=138), randn(4, dtype=F64, seed=139),
       [2], [1], **EXACT)
f.case("conv1d/bf16", C1, randn(1, 3, 9, dtype=BF16, seed=140), randn(2, 3, 3, dtype=BF16, seed=141), **LOOSE)
f.case("conv1d/int64", C1, ints(2, 3, 9, seed=142), ints(4, 3, 3, seed=143), ints(4, seed=144), [1], [1])
f.case("conv1d/int8_wraps", C1, torch.full((1, 1, 2), 100, dtype=I8), torch.full((1, 1, 2), 3, dtype=I8))
f.case("conv1d/input_rank1", C1, randn(9), w1)
f.case("conv1d/input_rank4", C1, randn(1, 2, 3, 9), w1)
f.case("conv1d/weight_rank2", C1, x1, randn(4, 3))
f.case("conv1d/weight_rank4", C1, x1, randn(4, 3, 3, 1))
f.case("conv1d/channel_mismatch", C1, x1, randn(4, 2, 3))
f.case("conv1d/kernel_too_big", C1, x1, randn(4, 3, 10))
f.case("conv1d/dilated_kernel_too_big", C1, x1, w1, None, [1], [0], [5])
f.case("conv1d/stride_two_values", C1, x1, w1, None, [1, 1])
f.case("conv1d/padding_two_values", C1, x1, w1, None, [1], [1, 1])
f.case("conv1d/stride0", C1, x1, w1, None, [0])
f.case("conv1d/negative_padding", C1, x1, w1, None, [1], [-1])
f.case("conv1d/dilation0", C1, x1, w1, None, [1], [0], [0])
f.case("conv1d/bias_shape", C1, x1, w1, randn(3))
f.case("conv1d/bias_dtype", C1, x1, w1, randn(4, dtype=F64))
f.case("conv1d/weight_dtype", C1, x1, w1.double())
f.case("conv1d/groups0", C1, x1, w1, None, [1], [0], [1], 0)
f.case("conv1d/groups_not_dividing", C1, x1, w1, None, [1], [0], [1], 2)
f.case("conv1d/zero_length", C1, torch.zeros(2, 3, 0), randn(4, 3, 1))
f.case("conv1d/half", C1, x1.half(), w1.half())

P1, P2 = "conv1d.padding", "conv2d.padding"
f.case("conv1d.padding/same_odd", P1, x1, w1, b1, [1], "same")
f.case("conv1d.padding/same_even", P1, x1, randn(4, 3, 4, seed=150), b1, [1], "same")
f.case("conv1d.padding/same_even_dilated_odd", P1, x1, randn(4, 3, 4, seed=151), None, [1], "same", [3])
f.case("conv1d.padding/same_even_dilated_even", P1, x1, randn(4, 3, 4, seed=152), None, [1], "same", [2])
f.case("conv1d.padding/same_kernel_longer_than_input", P1, randn(1, 3, 4, seed=153), randn(2, 3, 7, seed=154), None, [1], "same")
f.case("conv1d.padding/same_groups", P1, randn(2, 4, 6, seed=155), randn(4, 2, 2, seed=156), None, [1], "same", [1], 2)
f.case("conv1d.padding/same_unbatched", P1, randn(3, 9, seed=157), randn(4, 3, 2, seed=158), b1, [1], "same")
f.case("conv1d.padding/valid", P1, x1, w1, b1, [2], "valid")
f.case("conv1d.padding/default_valid", P1, x1, w1)
f.case("conv1d.padding/same_noncontig", P1, noncontig(randn(2, 3, 8, seed=159)), randn(4, 3, 4, seed=160), b1, [1], "same")
f.case("conv1d.padding/same_strided", P1, x1, w1, None, [2], "same")
f.case("conv1d.padding/unknown", P1, x1, w1, None, [1], "full")
f.case("conv1d.padding/same_input_rank1", P1, randn(9), w1, None, [1], "same")
f.case("conv1d.padding/same_weight_rank4", P1, x1, randn(4, 3, 3, 1), None, [1], "same")
f.case("conv1d.padding/same_weight_rank2", P1, x1, randn(4, 3), None, [1], "same")
f.case("conv1d.padding/same_dilation_two_values", P1, x1, w1, None, [1], "same", [1, 1])
f.case("conv1d.padding/same_stride_two_values", P1, x1, w1, None, [1, 1], "same")
f.case("conv1d.padding/valid_kernel_too_big", P1, x1, randn(4, 3, 10), None, [1], "valid")
x2p, w2p = randn(2, 3, 5, 6, seed=161), randn(4, 3, 2, 3, seed=162)
f.case("conv2d.padding/same", P2, x2p, randn(4, 3, 3, 3, seed=163), randn(4, seed=164), [1], "same")
f.case("conv2d.padding/same_even_kernel", P2, x2p, w2p, randn(4, seed=165), [1], "same")
f.case("conv2d.padding/same_dilated", P2, x2p, w2p, None, [1], "same", [2, 1])
f.case("conv2d.padding/same_dilated_odd", P2, x2p, w2p, None, [1, 1], "same", [3, 3])
f.case("conv2d.padding/same_depthwise", P2, x2p, randn(3, 1, 4, 2, seed=166), None, [1], "same", [1], 3)
f.case("conv2d.padding/same_unbatched", P2, randn(3, 5, 6, seed=167), w2p, None, [1], "same")
f.case("conv2d.padding/valid", P2, x2p, w2p, None, [2, 1], "valid")
f.case("conv2d.padding/same_f64", P2, randn(1, 2, 4, 5, dtype=F64, seed=168), randn(3, 2, 2, 2, dtype=F64, seed=169), None, [1], "same",
       **EXACT)
f.case("conv2d.padding/same_strided", P2, x2p, w2p, None, [1, 2], "same")
f.case("conv2d.padding/unknown", P2, x2p, w2p, None, [1], "SAME")
f.case("conv2d.padding/same_input_rank2", P2, randn(5, 6), w2p, None, [1], "same")
f.case("conv2d.padding/same_weight_rank3", P2, x2p, randn(4, 3, 2), None, [1], "same")
f.case("conv2d.padding/same_channel_mismatch", P2, x2p, randn(4, 2, 3, 3), None, [1], "same")
f.write()
