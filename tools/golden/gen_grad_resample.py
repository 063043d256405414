"""Golden gradients of the resampling family: nearest and bilinear upsampling (UpsampleNearest1D/2D, UpsampleBilinear2D
Backward0 for the ops taking an output size, Backward1 for the .vec overloads F.interpolate calls), their backward ops
(…BackwardBackward0/1: the forward op again), and pixel_shuffle / pixel_unshuffle (each the other's gradient). All are
linear, so gradgradcheck holds everywhere."""
import torch

from golden import noncontig, randn
from grad_golden import GradFamily

f = GradFamily("resample")

f.case("upsample_nearest1d/up", "upsample_nearest1d", randn(2, 2, 3, seed=1), [7])
f.case("upsample_nearest1d/down_scaled", "upsample_nearest1d", randn(1, 2, 7, seed=2), [3], 0.5)
f.case("upsample_nearest1d.vec/scale", "upsample_nearest1d.vec", randn(1, 2, 4, seed=3), None, [2.5])
f.case("upsample_nearest1d_backward/up", "upsample_nearest1d_backward", randn(2, 2, 7, seed=4), [7], [2, 2, 3])
f.case("upsample_nearest1d_backward.vec/size", "upsample_nearest1d_backward.vec", randn(1, 2, 5, seed=5), [5], [1, 2, 2], None)

f.case("upsample_nearest2d/up", "upsample_nearest2d", randn(2, 2, 3, 2, seed=10), [5, 4])
f.case("upsample_nearest2d/mixed_scaled", "upsample_nearest2d", randn(1, 2, 4, 3, seed=11), [3, 7], 0.75, 2.5)
f.case("upsample_nearest2d/noncontig", "upsample_nearest2d", noncontig(randn(1, 2, 3, 3, seed=12)), [4, 5])
f.case("upsample_nearest2d.vec/scales", "upsample_nearest2d.vec", randn(1, 2, 3, 2, seed=13), None, [1.5, 2.0])
f.case("upsample_nearest2d.vec/size", "upsample_nearest2d.vec", randn(1, 1, 3, 3, seed=14), [2, 5], None)
f.case("upsample_nearest2d_backward/up", "upsample_nearest2d_backward", randn(2, 2, 5, 4, seed=15), [5, 4], [2, 2, 3, 2])
f.case("upsample_nearest2d_backward.vec/scales", "upsample_nearest2d_backward.vec", randn(1, 2, 4, 4, seed=16), None, [1, 2, 3, 2],
       [1.5, 2.0])

for align in (False, True):
    a = "align" if align else "half_pixel"
    f.case(f"upsample_bilinear2d/{a}_up", "upsample_bilinear2d", randn(2, 2, 3, 2, seed=20), [5, 4], align)
    f.case(f"upsample_bilinear2d/{a}_down", "upsample_bilinear2d", randn(1, 2, 5, 6, seed=21), [3, 2], align)
    f.case(f"upsample_bilinear2d.vec/{a}_scales", "upsample_bilinear2d.vec", randn(1, 2, 3, 3, seed=22), None, align, [1.7, 2.0])
    f.case(f"upsample_bilinear2d_backward/{a}_up", "upsample_bilinear2d_backward", randn(1, 2, 5, 4, seed=23), [5, 4], [1, 2, 3, 2],
           align)
    f.case(f"upsample_bilinear2d_backward.vec/{a}_size", "upsample_bilinear2d_backward.vec", randn(1, 2, 4, 5, seed=24), [4, 5],
           [1, 2, 2, 3], align, None)
f.case("upsample_bilinear2d/explicit_scales", "upsample_bilinear2d", randn(1, 2, 3, 3, seed=25), [7, 5], False, 2.5, 1.5)
f.case("upsample_bilinear2d/noncontig_same_width", "upsample_bilinear2d", noncontig(randn(1, 2, 3, 4, seed=26)), [5, 4], False)

f.case("pixel_shuffle/basic", "pixel_shuffle", randn(2, 8, 2, 3, seed=30), 2)
f.case("pixel_shuffle/unbatched", "pixel_shuffle", randn(9, 2, 2, seed=31), 3)
f.case("pixel_unshuffle/basic", "pixel_unshuffle", randn(2, 2, 4, 6, seed=32), 2)
f.case("pixel_unshuffle/rank5", "pixel_unshuffle", randn(2, 1, 1, 4, 2, seed=33), 2)
f.write()
