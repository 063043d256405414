"""Golden values of the ops torch.nn adds to the catalogue (NnOps): bilinear and dropout (its deterministic cases:
evaluation, p = 0 and p = 1). Writes frontend/src/test/resources/golden/nn_ops.json."""
import torch

from golden import Family, randn

f = Family("nn_ops", rtol=1e-5, atol=1e-5)

f.case("bilinear/2d", "bilinear", randn(3, 4, seed=1), randn(3, 5, seed=2), randn(2, 4, 5, seed=3), randn(2, seed=4))
f.case("bilinear/no_bias", "bilinear", randn(3, 4, seed=1), randn(3, 5, seed=2), randn(2, 4, 5, seed=3), None)
f.case("bilinear/batch_dims", "bilinear", randn(2, 3, 4, seed=5), randn(2, 3, 2, seed=6), randn(3, 4, 2, seed=7), randn(3, seed=8))
f.case("bilinear/float64", "bilinear", randn(3, 4, dtype=torch.float64, seed=1), randn(3, 5, dtype=torch.float64, seed=2),
       randn(2, 4, 5, dtype=torch.float64, seed=3), randn(2, dtype=torch.float64, seed=4))
f.case("bilinear/rank_mismatch", "bilinear", randn(3, 4, seed=1), randn(5, seed=2), randn(2, 4, 5, seed=3), None)
f.case("bilinear/batch_mismatch", "bilinear", randn(3, 4, seed=1), randn(2, 5, seed=2), randn(2, 4, 5, seed=3), None)
f.case("bilinear/in1_mismatch", "bilinear", randn(3, 3, seed=1), randn(3, 5, seed=2), randn(2, 4, 5, seed=3), None)
f.case("bilinear/in2_mismatch", "bilinear", randn(3, 4, seed=1), randn(3, 6, seed=2), randn(2, 4, 5, seed=3), None)
f.case("bilinear/bias_mismatch", "bilinear", randn(3, 4, seed=1), randn(3, 5, seed=2), randn(2, 4, 5, seed=3), randn(3, seed=4))

f.case("dropout/eval", "dropout", randn(3, 4, seed=9), 0.5, False)
f.case("dropout/p0", "dropout", randn(3, 4, seed=9), 0.0, True)
f.case("dropout/p1", "dropout", randn(3, 4, seed=9), 1.0, True)
f.case("dropout/bad_p", "dropout", randn(3, 4, seed=9), 1.5, True)
f.write()
