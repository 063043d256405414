"""Golden gradients of the convolution family: conv2d, conv_transpose2d and conv1d (ConvolutionBackward0) with stride, padding,
dilation, groups (depthwise included), bias or none and non-square shapes, and convolution_backward
(ConvolutionBackwardBackward0), and the str-padding overloads conv1d.padding / conv2d.padding ('same' with an odd zero on
the right for even kernels, 'valid'). Tensors are small so that gradcheck and gradgradcheck stay fast. Unbatched calls are
left to the Java tests: PyTorch reports their grad_fn as the SqueezeBackward1 of its conv2d wrapper."""
import torch

from golden import noncontig, randn
from grad_golden import GradFamily

f = GradFamily("conv")
C, T, B = "conv2d", "conv_transpose2d.input", "convolution_backward"
F64 = torch.float64

f.case("conv2d/basic", C, randn(2, 2, 4, 4, seed=1), randn(3, 2, 3, 3, seed=2), randn(3, seed=3))
f.case("conv2d/no_bias", C, randn(1, 2, 4, 3, seed=4), randn(2, 2, 2, 2, seed=5))
f.case("conv2d/stride2_pad1", C, randn(1, 2, 5, 5, seed=6), randn(2, 2, 3, 3, seed=7), randn(2, seed=8), [2, 2], [1, 1])
f.case("conv2d/non_square_dilated", C, randn(1, 2, 5, 6, seed=9), randn(2, 2, 2, 3, seed=10), randn(2, seed=11), [1, 2], [1, 0],
       [2, 1])
f.case("conv2d/groups2", C, randn(1, 4, 4, 4, seed=12), randn(4, 2, 2, 2, seed=13), randn(4, seed=14), [1, 1], [0, 0], [1, 1], 2)
f.case("conv2d/depthwise", C, randn(2, 3, 4, 4, seed=15), randn(3, 1, 3, 3, seed=16), None, [1, 1], [1, 1], [1, 1], 3)
f.case("conv2d/1x1", C, randn(2, 3, 3, 2, seed=17), randn(2, 3, 1, 1, seed=18), randn(2, seed=19))
f.case("conv2d/stride_remainder", C, randn(1, 1, 6, 5, seed=20), randn(2, 1, 2, 2, seed=21), None, [3, 2])
f.case("conv2d/noncontig", C, noncontig(randn(1, 2, 4, 4, seed=22)), noncontig(randn(2, 2, 2, 2, seed=23)), randn(2, seed=24))
# float64 throughout: gradcheck makes only the differentiated inputs float64
f.case("conv2d/input_only", C, randn(1, 2, 4, 4, dtype=F64, seed=25), randn(2, 2, 3, 3, dtype=F64, seed=26), wrt=[[0, -1]])
f.case("conv2d/weight_only", C, randn(1, 2, 4, 4, dtype=F64, seed=27), randn(2, 2, 3, 3, dtype=F64, seed=28), randn(2, dtype=F64, seed=29),
       wrt=[[1, -1]])

f.case("conv_transpose2d/basic", T, randn(2, 2, 3, 3, seed=40), randn(2, 3, 3, 3, seed=41), randn(3, seed=42))
f.case("conv_transpose2d/stride2_outpad1", T, randn(1, 2, 3, 3, seed=43), randn(2, 2, 3, 3, seed=44), randn(2, seed=45), [2, 2],
       [1, 1], [1, 1])
f.case("conv_transpose2d/non_square_dilated", T, randn(1, 2, 3, 4, seed=46), randn(2, 2, 2, 3, seed=47), None, [2, 1], [0, 1], [1, 0],
       1, [1, 2])
f.case("conv_transpose2d/outpad_below_dilation", T, randn(1, 2, 3, 3, seed=48), randn(2, 1, 2, 2, seed=49), randn(1, seed=50), [1, 1],
       [0, 0], [1, 1], 1, [2, 2])
f.case("conv_transpose2d/groups2", T, randn(1, 4, 3, 3, seed=51), randn(4, 1, 2, 2, seed=52), randn(2, seed=53), [2, 2], [0, 0], [0, 0],
       2)
f.case("conv_transpose2d/depthwise", T, randn(2, 3, 3, 3, seed=54), randn(3, 1, 3, 3, seed=55), randn(3, seed=56), [1, 1], [1, 1],
       [0, 0], 3)

ALL_BUT_BIAS = [True, True, False]
f.case("convolution_backward/conv", B, randn(1, 2, 3, 3, seed=60), randn(1, 2, 4, 4, seed=61), randn(2, 2, 2, 2, seed=62), None,
       [1, 1], [0, 0], [1, 1], False, [0, 0], 1, ALL_BUT_BIAS)
f.case("convolution_backward/conv_strided_groups", B, randn(1, 4, 2, 3, seed=63), randn(1, 2, 5, 5, seed=64),
       randn(4, 1, 2, 2, seed=65), None, [2, 2], [0, 1], [1, 1], False, [0, 0], 2, ALL_BUT_BIAS)
f.case("convolution_backward/transposed", B, randn(1, 2, 6, 6, seed=66), randn(1, 2, 3, 3, seed=67), randn(2, 2, 3, 3, seed=68), None,
       [2, 2], [1, 1], [1, 1], True, [1, 1], 1, ALL_BUT_BIAS)
f.case("convolution_backward/weight_only", B, randn(1, 2, 3, 3, seed=69), randn(1, 2, 4, 4, seed=70), randn(2, 2, 2, 2, seed=71), None,
       [1, 1], [0, 0], [1, 1], False, [0, 0], 1, [False, True, False])
f.case("convolution_backward/with_bias", B, randn(1, 2, 3, 3, seed=72), randn(1, 2, 4, 4, seed=73), randn(2, 2, 2, 2, seed=74), [2],
       [1, 1], [0, 0], [1, 1], False, [0, 0], 1, [True, True, True])

C1, P1, P2 = "conv1d", "conv1d.padding", "conv2d.padding"
f.case("conv1d/basic", C1, randn(2, 2, 6, seed=80), randn(3, 2, 3, seed=81), randn(3, seed=82))
f.case("conv1d/strided_padded_dilated", C1, randn(1, 2, 9, seed=83), randn(2, 2, 3, seed=84), randn(2, seed=85), [2], [1], [2])
f.case("conv1d/stride_remainder", C1, randn(1, 1, 8, seed=86), randn(2, 1, 2, seed=87), None, [3])
f.case("conv1d/groups", C1, randn(2, 4, 5, seed=88), randn(4, 2, 2, seed=89), randn(4, seed=90), [1], [1], [1], 2)
f.case("conv1d/noncontig", C1, noncontig(randn(1, 2, 5, seed=91)), noncontig(randn(2, 2, 2, seed=92)), randn(2, seed=93))
f.case("conv1d/weight_only", C1, randn(1, 2, 6, dtype=F64, seed=94), randn(2, 2, 3, dtype=F64, seed=95), None, wrt=[[1, -1]])
f.case("conv1d.padding/same_even", P1, randn(2, 2, 6, seed=96), randn(3, 2, 4, seed=97), randn(3, seed=98), [1], "same")
f.case("conv1d.padding/same_dilated", P1, randn(1, 2, 7, seed=99), randn(2, 2, 3, seed=100), None, [1], "same", [2])
f.case("conv1d.padding/valid", P1, randn(1, 2, 6, seed=101), randn(2, 2, 3, seed=102), randn(2, seed=103), [2], "valid")
f.case("conv2d.padding/same_even", P2, randn(1, 2, 4, 5, seed=104), randn(2, 2, 2, 3, seed=105), randn(2, seed=106), [1], "same")
f.case("conv2d.padding/same_dilated_odd", P2, randn(1, 2, 5, 4, seed=107), randn(2, 2, 2, 2, seed=108), None, [1], "same", [3, 1])
f.write()
