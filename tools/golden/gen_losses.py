"""Golden values and gradients of the losses (LossOps): mse, l1, smooth_l1 (beta), huber (delta), nll_loss (1-D and 2-D,
weight, ignore_index), nll_loss2d, nll_loss_nd (N-D inputs), cross_entropy_loss (class indices or probabilities, weight,
ignore_index, label_smoothing), binary_cross_entropy (with probabilities of exactly 0 and 1), binary_cross_entropy_with_logits
(weight, pos_weight, large logits), kl_div (log_target), cosine_embedding_loss, margin_ranking_loss, triplet_margin_loss,
pairwise_distance and cosine_similarity, each with the reductions 0 (none), 1 (mean) and 2 (sum), and PyTorch's errors.
Writes golden/losses.json (values) and golden/grad_losses.json (gradients, gradchecked to the second order on the
Java side). Gradient inputs avoid the kinks of the piecewise losses (|x - y| = beta, a margin reached exactly) and
targets of exactly 0 in kl_div, where PyTorch's gradient is NaN."""
import torch

from golden import Family, noncontig, randint, randn, seeded
from grad_golden import GradFamily

F64, LONG = torch.float64, torch.int64
NONE, MEAN, SUM = 0, 1, 2
REDUCTIONS = (("none", NONE), ("mean", MEAN), ("sum", SUM))

f = Family("losses", rtol=1e-5, atol=1e-6)
g = GradFamily("losses")


def rand(*shape, dtype=torch.float32, seed=0):
    return torch.rand(*shape, generator=seeded(seed), dtype=F64).to(dtype)


def probs(*shape, dim=1, dtype=torch.float32, seed=0):
    return randn(*shape, dtype=F64, seed=seed).softmax(dim).to(dtype)


# ---- mse, l1, smooth_l1, huber ----
x, y = randn(3, 5, seed=1), randn(3, 5, seed=2)
xd, yd = randn(4, 3, dtype=F64, seed=3), randn(4, 3, dtype=F64, seed=4)
for name, r in REDUCTIONS:
    f.case(f"mse_loss/{name}", "mse_loss", x, y, r)
    f.case(f"l1_loss/{name}", "l1_loss", x, y, r)
    f.case(f"smooth_l1_loss/{name}", "smooth_l1_loss", x, y, r)
    f.case(f"smooth_l1_loss/beta_0.5_{name}", "smooth_l1_loss", x, y, r, 0.5)
    f.case(f"huber_loss/{name}", "huber_loss", x, y, r)
    f.case(f"huber_loss/delta_0.3_{name}", "huber_loss", x, y, r, 0.3)
    g.case(f"mse_loss/{name}", "mse_loss", xd, yd, r)
    g.case(f"l1_loss/{name}", "l1_loss", xd, yd, r)
    g.case(f"smooth_l1_loss/{name}", "smooth_l1_loss", xd, yd, r, 0.7)
    g.case(f"huber_loss/{name}", "huber_loss", xd, yd, r, 0.6)
f.case("mse_loss/default_reduction", "mse_loss", x, y)
f.case("mse_loss/broadcast_target", "mse_loss", x, randn(5, seed=5), NONE)
f.case("mse_loss/broadcast_input", "mse_loss", randn(5, seed=6), x, MEAN)
f.case("mse_loss/noncontig", "mse_loss", noncontig(randn(4, 6, seed=7)), randn(4, 6, seed=8), SUM)
f.case("mse_loss/long_rows", "mse_loss", randn(3, 37, seed=9), randn(3, 37, seed=10), MEAN)
f.case("mse_loss/float_double", "mse_loss", x, y.double(), MEAN)
f.case("mse_loss/double_float", "mse_loss", y.double(), x, NONE)
f.case("mse_loss/float_long", "mse_loss", x, torch.ones(3, 5, dtype=LONG), MEAN)
f.case("mse_loss/f64", "mse_loss", xd, yd, MEAN, rtol=1e-12, atol=1e-12)
f.case("mse_loss/empty_mean", "mse_loss", torch.zeros(0), torch.zeros(0), MEAN)
f.case("mse_loss/empty_sum", "mse_loss", torch.zeros(0, 3), torch.zeros(0, 3), SUM)
f.case("mse_loss/0d", "mse_loss", torch.tensor(1.5), torch.tensor(-0.5), MEAN)
f.case("mse_loss/long", "mse_loss", torch.ones(3, dtype=LONG), torch.ones(3, dtype=LONG), MEAN)
f.case("mse_loss/shape_mismatch", "mse_loss", x, randn(3, seed=11), NONE)
f.case("mse_loss/bad_reduction", "mse_loss", x, y, 5)
f.case("l1_loss/float_double", "l1_loss", x, y.double(), SUM)
f.case("l1_loss/long_sum", "l1_loss", torch.tensor([1, -4, 3]), torch.tensor([2, 2, 2]), SUM)
f.case("l1_loss/long_none", "l1_loss", torch.tensor([1, -4, 3]), torch.tensor([2, 2, 2]), NONE)
f.case("l1_loss/long_mean", "l1_loss", torch.tensor([1, -4, 3]), torch.tensor([2, 2, 2]), MEAN)
f.case("l1_loss/broadcast", "l1_loss", x, randn(3, 1, seed=12), NONE)
f.case("l1_loss/edge", "l1_loss", torch.tensor([0.0, float("inf"), float("nan"), -1e30]), torch.tensor([0.0, 1.0, 1.0, 1e30]), NONE)
f.case("smooth_l1_loss/beta_0", "smooth_l1_loss", x, y, NONE, 0.0)
f.case("smooth_l1_loss/beta_0_mean", "smooth_l1_loss", x, y, MEAN, 0.0)
f.case("smooth_l1_loss/large_beta", "smooth_l1_loss", x, y, NONE, 10.0)
f.case("smooth_l1_loss/at_beta", "smooth_l1_loss", torch.tensor([0.0, 1.0, -1.0, 2.0]), torch.zeros(4), NONE)
f.case("smooth_l1_loss/float_double", "smooth_l1_loss", x, y.double(), MEAN)
f.case("smooth_l1_loss/broadcast", "smooth_l1_loss", x, randn(5, seed=13), SUM)
f.case("smooth_l1_loss/negative_beta", "smooth_l1_loss", x, y, MEAN, -1.0)
f.case("smooth_l1_loss/long", "smooth_l1_loss", torch.ones(3, dtype=LONG), torch.ones(3, dtype=LONG), MEAN)
f.case("huber_loss/at_delta", "huber_loss", torch.tensor([0.0, 1.0, -1.0, 2.0, -3.0]), torch.zeros(5), NONE)
f.case("huber_loss/large_delta", "huber_loss", x, y, NONE, 10.0)
f.case("huber_loss/float_double", "huber_loss", x, y.double(), MEAN)
f.case("huber_loss/broadcast", "huber_loss", x, randn(5, seed=14), NONE)
f.case("huber_loss/zero_delta", "huber_loss", x, y, MEAN, 0.0)
f.case("huber_loss/long", "huber_loss", torch.ones(3, dtype=LONG), torch.ones(3, dtype=LONG), MEAN)
g.case("smooth_l1_loss/beta_0", "smooth_l1_loss", xd, yd, MEAN, 0.0, gradgrad=False)
g.case("smooth_l1_loss/input_only", "smooth_l1_loss", xd, yd, SUM, 1.0, wrt=[[0, -1]])
g.case("huber_loss/target_only", "huber_loss", xd, yd, MEAN, 2.0, wrt=[[1, -1]])
g.case("mse_loss/target_only", "mse_loss", xd, yd, SUM, wrt=[[1, -1]])

# ---- nll_loss, nll_loss2d, nll_loss_nd ----
logp = randn(5, 4, seed=20).log_softmax(1)
tgt = torch.tensor([0, 3, 1, 1, 2])
w4 = rand(4, seed=21) + 0.5
tgt_ign = torch.tensor([0, -100, 1, 3, -100])
for name, r in REDUCTIONS:
    f.case(f"nll_loss/{name}", "nll_loss", logp, tgt, None, r)
    f.case(f"nll_loss/weight_{name}", "nll_loss", logp, tgt, w4, r)
    f.case(f"nll_loss/ignore_{name}", "nll_loss", logp, tgt_ign, None, r)
    f.case(f"nll_loss/weight_ignore_{name}", "nll_loss", logp, tgt_ign, w4, r)
    f.case(f"nll_loss/ignore_1_{name}", "nll_loss", logp, tgt, w4, r, 1)
    f.case(f"nll_loss/unbatched_{name}", "nll_loss", logp[1], torch.tensor(2), w4, r)
f.case("nll_loss/default", "nll_loss", logp, tgt)
f.case("nll_loss/noncontig", "nll_loss", noncontig(randn(5, 4, seed=22)), tgt, None, MEAN)
f.case("nll_loss/many_classes", "nll_loss", randn(6, 37, seed=23), randint(0, 37, 6, seed=24), rand(37, seed=25), MEAN)
f.case("nll_loss/f64", "nll_loss", logp.double(), tgt, w4.double(), MEAN, rtol=1e-12, atol=1e-12)
f.case("nll_loss/uint8_target", "nll_loss", logp, tgt.to(torch.uint8), None, SUM)
f.case("nll_loss/all_ignored", "nll_loss", logp[:2], torch.tensor([-100, -100]), None, MEAN)
f.case("nll_loss/all_ignored_none", "nll_loss", logp[:2], torch.tensor([-100, -100]), None, NONE)
f.case("nll_loss/unbatched_ignored", "nll_loss", logp[0], torch.tensor(-100), None, MEAN)
f.case("nll_loss/empty", "nll_loss", torch.zeros(0, 3), torch.zeros(0, dtype=LONG), None, MEAN)
f.case("nll_loss/empty_sum", "nll_loss", torch.zeros(0, 3), torch.zeros(0, dtype=LONG), None, SUM)
f.case("nll_loss/ignored_out_of_range", "nll_loss", logp, torch.tensor([0, 9, 1, 9, 2]), None, MEAN, 9)
f.case("nll_loss/inf_ignored", "nll_loss", torch.tensor([[-float("inf"), 0.0], [-1.0, -2.0]]), torch.tensor([0, 1]), None, MEAN, 0)
f.case("nll_loss/input_3d", "nll_loss", randn(2, 3, 4, seed=26), torch.zeros(2, 4, dtype=LONG))
f.case("nll_loss/input_0d", "nll_loss", torch.tensor(1.0), torch.tensor(0))
f.case("nll_loss/target_2d", "nll_loss", logp, torch.zeros(5, 1, dtype=LONG))
f.case("nll_loss/size_mismatch", "nll_loss", logp, torch.zeros(4, dtype=LONG))
f.case("nll_loss/unbatched_target_1d", "nll_loss", logp[0], torch.tensor([1]))
f.case("nll_loss/target_out_of_range", "nll_loss", logp, torch.tensor([0, 5, 1, 1, 2]))
f.case("nll_loss/target_negative", "nll_loss", logp, torch.tensor([0, -1, 1, 1, 2]))
f.case("nll_loss/weight_size", "nll_loss", logp, tgt, torch.ones(5))
f.case("nll_loss/weight_dtype", "nll_loss", logp, tgt, torch.ones(4, dtype=F64))
f.case("nll_loss/float_target", "nll_loss", logp, tgt.float())
f.case("nll_loss/int_target", "nll_loss", logp, tgt.int())
f.case("nll_loss/long_input", "nll_loss", torch.ones(5, 4, dtype=LONG), tgt)

logp4 = randn(2, 3, 4, 5, seed=30).log_softmax(1)
tgt4 = randint(0, 3, 2, 4, 5, seed=31)
tgt4_ign = tgt4.clone()
tgt4_ign[0, 1, :3] = -100
tgt4_ign[1, 2, 4] = -100
w3 = rand(3, seed=32) + 0.5
for name, r in REDUCTIONS:
    f.case(f"nll_loss2d/{name}", "nll_loss2d", logp4, tgt4, None, r)
    f.case(f"nll_loss2d/weight_ignore_{name}", "nll_loss2d", logp4, tgt4_ign, w3, r)
f.case("nll_loss2d/noncontig", "nll_loss2d", noncontig(logp4), tgt4, w3, MEAN)
f.case("nll_loss2d/input_3d", "nll_loss2d", randn(2, 3, 4, seed=33), torch.zeros(2, 4, dtype=LONG))
f.case("nll_loss2d/input_3d_target_3d", "nll_loss2d", randn(2, 3, 4, seed=33), torch.zeros(2, 4, 1, dtype=LONG))
f.case("nll_loss2d/size_mismatch", "nll_loss2d", logp4, torch.zeros(2, 4, 6, dtype=LONG))
f.case("nll_loss2d/batch_mismatch", "nll_loss2d", logp4, torch.zeros(3, 4, 5, dtype=LONG))
f.case("nll_loss2d/weight_size", "nll_loss2d", logp4, tgt4, torch.ones(2))
f.case("nll_loss2d/target_out_of_range", "nll_loss2d", logp4, torch.full((2, 4, 5), 7))

logp3 = randn(2, 3, 6, seed=34).log_softmax(1)
tgt3 = randint(0, 3, 2, 6, seed=35)
tgt3[1, 2] = -100
logp5 = randn(2, 3, 2, 3, 2, seed=36).log_softmax(1)
tgt5 = randint(0, 3, 2, 2, 3, 2, seed=37)
for name, r in REDUCTIONS:
    f.case(f"nll_loss_nd/3d_{name}", "nll_loss_nd", logp3, tgt3, w3, r)
    f.case(f"nll_loss_nd/5d_{name}", "nll_loss_nd", logp5, tgt5, None, r)
f.case("nll_loss_nd/1d", "nll_loss_nd", logp[0], torch.tensor(3), None, MEAN)
f.case("nll_loss_nd/2d", "nll_loss_nd", logp, tgt_ign, w4, NONE)
f.case("nll_loss_nd/4d", "nll_loss_nd", logp4, tgt4_ign, None, MEAN)
f.case("nll_loss_nd/noncontig_3d", "nll_loss_nd", noncontig(logp3), tgt3, None, NONE)
f.case("nll_loss_nd/empty_3d", "nll_loss_nd", torch.zeros(0, 3, 4), torch.zeros(0, 4, dtype=LONG), None, SUM)
f.case("nll_loss_nd/input_0d", "nll_loss_nd", torch.tensor(1.0), torch.tensor(0))
f.case("nll_loss_nd/batch_mismatch", "nll_loss_nd", logp3, torch.zeros(3, 6, dtype=LONG))
f.case("nll_loss_nd/target_size", "nll_loss_nd", logp3, torch.zeros(2, 5, dtype=LONG))

gl = randn(5, 4, dtype=F64, seed=40)
gl4 = randn(2, 3, 3, 2, dtype=F64, seed=41)
gt4 = randint(0, 3, 2, 3, 2, seed=42)
gt4[0, 1, 1] = -100
gw4, gw3 = rand(4, dtype=F64, seed=43) + 0.5, rand(3, dtype=F64, seed=44) + 0.5
for name, r in REDUCTIONS:
    g.case(f"nll_loss/{name}", "nll_loss", gl, tgt_ign, gw4, r, wrt=[[0, -1]])
    g.case(f"nll_loss2d/{name}", "nll_loss2d", gl4, gt4, gw3, r, wrt=[[0, -1]])
    g.case(f"nll_loss_nd/3d_{name}", "nll_loss_nd", randn(2, 3, 4, dtype=F64, seed=45), randint(0, 3, 2, 4, seed=46), None, r)
g.case("nll_loss/unweighted", "nll_loss", gl, tgt, None, MEAN)
g.case("nll_loss/unbatched", "nll_loss", gl[0], torch.tensor(2), gw4, MEAN, wrt=[[0, -1]])

# ---- cross entropy ----
z = randn(5, 4, seed=50)
zp = probs(5, 4, seed=51)
z4 = randn(2, 3, 4, 5, seed=52)
for name, r in REDUCTIONS:
    f.case(f"cross_entropy_loss/{name}", "cross_entropy_loss", z, tgt, None, r)
    f.case(f"cross_entropy_loss/weight_ignore_{name}", "cross_entropy_loss", z, tgt_ign, w4, r)
    f.case(f"cross_entropy_loss/smoothing_{name}", "cross_entropy_loss", z, tgt, None, r, -100, 0.1)
    f.case(f"cross_entropy_loss/smoothing_weight_ignore_{name}", "cross_entropy_loss", z, tgt_ign, w4, r, -100, 0.2)
    f.case(f"cross_entropy_loss/probs_{name}", "cross_entropy_loss", z, zp, None, r)
    f.case(f"cross_entropy_loss/probs_weight_smoothing_{name}", "cross_entropy_loss", z, zp, w4, r, -100, 0.3)
    f.case(f"cross_entropy_loss/4d_{name}", "cross_entropy_loss", z4, tgt4_ign, w3, r)
    f.case(f"cross_entropy_loss/4d_smoothing_{name}", "cross_entropy_loss", z4, tgt4_ign, w3, r, -100, 0.15)
    f.case(f"cross_entropy_loss/4d_probs_{name}", "cross_entropy_loss", z4, probs(2, 3, 4, 5, seed=53), w3, r)
f.case("cross_entropy_loss/default", "cross_entropy_loss", z, tgt)
f.case("cross_entropy_loss/3d", "cross_entropy_loss", randn(2, 3, 6, seed=54), tgt3, None, MEAN)
f.case("cross_entropy_loss/unbatched", "cross_entropy_loss", z[0], torch.tensor(3), w4, MEAN)
f.case("cross_entropy_loss/unbatched_probs", "cross_entropy_loss", z[0], zp[0], w4, SUM)
f.case("cross_entropy_loss/unbatched_smoothing", "cross_entropy_loss", z[0], torch.tensor(1), None, NONE, -100, 0.4)
f.case("cross_entropy_loss/full_smoothing", "cross_entropy_loss", z, tgt, None, MEAN, -100, 1.0)
f.case("cross_entropy_loss/negative_smoothing", "cross_entropy_loss", z, tgt, None, MEAN, -100, -0.5)
f.case("cross_entropy_loss/smoothing_ignore_index_1", "cross_entropy_loss", z, tgt, w4, MEAN, 1, 0.1)
f.case("cross_entropy_loss/large_logits", "cross_entropy_loss", torch.tensor([[1000.0, -1000.0, 0.0], [50.0, 60.0, 70.0]]),
       torch.tensor([1, 0]), None, NONE)
f.case("cross_entropy_loss/many_classes", "cross_entropy_loss", randn(7, 41, seed=55), randint(0, 41, 7, seed=56), None, MEAN,
       rtol=1e-4)
f.case("cross_entropy_loss/noncontig", "cross_entropy_loss", noncontig(randn(4, 5, seed=57)), torch.tensor([4, 0, 2, 2]), None, MEAN)
f.case("cross_entropy_loss/f64", "cross_entropy_loss", z.double(), tgt_ign, w4.double(), MEAN, -100, 0.1, rtol=1e-12, atol=1e-12)
f.case("cross_entropy_loss/probs_double_target", "cross_entropy_loss", z, zp.double(), None, MEAN)
f.case("cross_entropy_loss/probs_empty", "cross_entropy_loss", torch.zeros(0, 3), torch.zeros(0, 3), None, MEAN)
f.case("cross_entropy_loss/probs_long_target", "cross_entropy_loss", z, torch.zeros(5, 4, dtype=LONG))
f.case("cross_entropy_loss/probs_ignore_index", "cross_entropy_loss", z, zp, None, MEAN, 0)
f.case("cross_entropy_loss/probs_weight_size", "cross_entropy_loss", z, zp, torch.ones(3))
f.case("cross_entropy_loss/smoothing_above_1", "cross_entropy_loss", z, tgt, None, MEAN, -100, 2.0)
f.case("cross_entropy_loss/probs_smoothing_above_1", "cross_entropy_loss", z, zp, None, MEAN, -100, 1.5)
f.case("cross_entropy_loss/long_input", "cross_entropy_loss", torch.ones(5, 4, dtype=LONG), tgt)
f.case("cross_entropy_loss/batch_mismatch", "cross_entropy_loss", z, torch.tensor([0, 1]))

gz = randn(4, 3, dtype=F64, seed=60)
gt = torch.tensor([2, -100, 0, 1])
gzp = probs(4, 3, dtype=F64, seed=61)
gz4 = randn(2, 3, 2, 2, dtype=F64, seed=62)
gt4b = randint(0, 3, 2, 2, 2, seed=63)
gt4b[1, 0, 1] = -100
for name, r in REDUCTIONS:
    g.case(f"cross_entropy_loss/{name}", "cross_entropy_loss", gz, gt, gw3, r, wrt=[[0, -1]])
    g.case(f"cross_entropy_loss/smoothing_{name}", "cross_entropy_loss", gz, gt, gw3, r, -100, 0.2, wrt=[[0, -1]])
    g.case(f"cross_entropy_loss/probs_{name}", "cross_entropy_loss", gz, gzp, None, r, -100, 0.1)
    g.case(f"cross_entropy_loss/4d_{name}", "cross_entropy_loss", gz4, gt4b, None, r, -100, 0.25)

# ---- binary cross entropy ----
p = rand(3, 5, seed=70) * 0.9 + 0.05
q = rand(3, 5, seed=71)
for name, r in REDUCTIONS:
    f.case(f"binary_cross_entropy/{name}", "binary_cross_entropy", p, q, None, r)
    f.case(f"binary_cross_entropy/weight_{name}", "binary_cross_entropy", p, q, rand(5, seed=72), r)
    f.case(f"binary_cross_entropy_with_logits/{name}", "binary_cross_entropy_with_logits", x, q, None, None, r)
    f.case(f"binary_cross_entropy_with_logits/pos_weight_{name}", "binary_cross_entropy_with_logits", x, q, rand(3, 5, seed=73),
           rand(5, seed=74) * 3, r)
    f.case(f"kl_div/{name}", "kl_div", probs(3, 5, seed=75).log(), probs(3, 5, seed=76), r)
    f.case(f"kl_div/log_target_{name}", "kl_div", probs(3, 5, seed=75).log(), probs(3, 5, seed=76).log(), r, log_target=True)
edge_p = torch.tensor([0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1e-30, 1 - 1e-7, 0.5])
edge_t = torch.tensor([0.0, 1.0, 0.0, 1.0, 0.5, 0.5, 1.0, 0.0, 0.5])
f.case("binary_cross_entropy/edge_probabilities", "binary_cross_entropy", edge_p, edge_t, None, NONE)
f.case("binary_cross_entropy/edge_probabilities_mean", "binary_cross_entropy", edge_p, edge_t, None, MEAN)
f.case("binary_cross_entropy/f64_edge", "binary_cross_entropy", edge_p.double(), edge_t.double(), None, NONE)
f.case("binary_cross_entropy/broadcast_target", "binary_cross_entropy", p, q[0], None, NONE)
f.case("binary_cross_entropy/0d", "binary_cross_entropy", torch.tensor(0.3), torch.tensor(1.0), None, MEAN)
f.case("binary_cross_entropy/noncontig", "binary_cross_entropy", noncontig(rand(4, 3, seed=77)), rand(4, 3, seed=78), None, SUM)
f.case("binary_cross_entropy/dtype_mismatch", "binary_cross_entropy", p, q.double(), None, MEAN)
f.case("binary_cross_entropy/weight_too_large", "binary_cross_entropy", p[0], q[0], rand(3, 5, seed=79), NONE)
f.case("binary_cross_entropy/long", "binary_cross_entropy", torch.ones(3, dtype=LONG), torch.ones(3, dtype=LONG), None, MEAN)
big = torch.tensor([-1e4, -100.0, -30.0, -1.0, 0.0, 1.0, 30.0, 100.0, 1e4])
f.case("binary_cross_entropy_with_logits/large_logits", "binary_cross_entropy_with_logits", big, torch.tensor(
    [0.0, 1.0, 0.5, 1.0, 0.0, 0.0, 1.0, 0.0, 0.3]), None, None, NONE)
f.case("binary_cross_entropy_with_logits/large_logits_pos_weight", "binary_cross_entropy_with_logits", big, torch.tensor(
    [0.0, 1.0, 0.5, 1.0, 0.0, 0.0, 1.0, 0.0, 0.3]), None, torch.tensor(2.5), NONE)
f.case("binary_cross_entropy_with_logits/f64", "binary_cross_entropy_with_logits", xd, rand(4, 3, dtype=F64, seed=80), None,
       rand(3, dtype=F64, seed=81), MEAN, rtol=1e-12, atol=1e-12)
f.case("binary_cross_entropy_with_logits/float_double", "binary_cross_entropy_with_logits", x, q.double(), None, None, MEAN)
f.case("binary_cross_entropy_with_logits/broadcast_input", "binary_cross_entropy_with_logits", x[0], q, None, None, NONE)
f.case("binary_cross_entropy_with_logits/broadcast_target", "binary_cross_entropy_with_logits", x, q[0], None, None, NONE)
f.case("binary_cross_entropy_with_logits/long", "binary_cross_entropy_with_logits", torch.ones(3, dtype=LONG),
       torch.ones(3, dtype=LONG), None, None, MEAN)
f.case("kl_div/zero_target", "kl_div", torch.tensor([-1.0, -2.0, -0.5, 0.0]), torch.tensor([0.0, 0.5, 0.0, 0.5]), NONE)
f.case("kl_div/broadcast", "kl_div", randn(3, 5, seed=82), rand(5, seed=83), SUM)
f.case("kl_div/float_double", "kl_div", randn(3, 5, seed=84), rand(3, 5, dtype=F64, seed=85), MEAN)
f.case("kl_div/f64_log_target", "kl_div", randn(4, 3, dtype=F64, seed=86), randn(4, 3, dtype=F64, seed=87), SUM, log_target=True,
       rtol=1e-12, atol=1e-12)
f.case("kl_div/long", "kl_div", torch.ones(3, dtype=LONG), torch.ones(3, dtype=LONG), MEAN)

gp = rand(3, 4, dtype=F64, seed=90) * 0.8 + 0.1
gq = rand(3, 4, dtype=F64, seed=91) * 0.8 + 0.1
for name, r in REDUCTIONS:
    g.case(f"binary_cross_entropy/{name}", "binary_cross_entropy", gp, gq, None, r)
    g.case(f"binary_cross_entropy/weight_{name}", "binary_cross_entropy", gp, gq, rand(4, dtype=F64, seed=92), r, wrt=[[0, -1], [1, -1]])
    g.case(f"binary_cross_entropy_with_logits/{name}", "binary_cross_entropy_with_logits", xd, rand(4, 3, dtype=F64, seed=99), None, None, r)
    g.case(f"binary_cross_entropy_with_logits/weights_{name}", "binary_cross_entropy_with_logits", randn(3, 4, dtype=F64, seed=93),
           gq, rand(3, 4, dtype=F64, seed=94), rand(4, dtype=F64, seed=95) * 2, r, wrt=[[0, -1], [1, -1]])
    g.case(f"kl_div/{name}", "kl_div", randn(3, 4, dtype=F64, seed=96), gq, r)
    g.case(f"kl_div/log_target_{name}", "kl_div", randn(3, 4, dtype=F64, seed=97), randn(3, 4, dtype=F64, seed=98), r, log_target=True)

# ---- cosine embedding, margin ranking, triplet margin, distances ----
a, b = randn(4, 6, seed=100), randn(4, 6, seed=101)
sign = torch.tensor([1.0, -1.0, -1.0, 1.0])
for name, r in REDUCTIONS:
    f.case(f"cosine_embedding_loss/{name}", "cosine_embedding_loss", a, b, sign, 0.0, r)
    f.case(f"cosine_embedding_loss/margin_{name}", "cosine_embedding_loss", a, b, sign, -0.2, r)
    f.case(f"margin_ranking_loss/{name}", "margin_ranking_loss", a[0], b[0], torch.tensor([1.0, -1.0, 1.0, 1.0, -1.0, -1.0]), 0.1, r)
    f.case(f"triplet_margin_loss/{name}", "triplet_margin_loss", a, b, randn(4, 6, seed=102), 1.0, 2.0, 1e-6, False, r)
    f.case(f"triplet_margin_loss/swap_p1_{name}", "triplet_margin_loss", a, b, randn(4, 6, seed=102), 0.5, 1.0, 1e-6, True, r)
f.case("cosine_embedding_loss/default", "cosine_embedding_loss", a, b, sign)
f.case("cosine_embedding_loss/unbatched", "cosine_embedding_loss", a[0], b[0], torch.tensor(-1.0), 0.0, MEAN)
f.case("cosine_embedding_loss/other_targets", "cosine_embedding_loss", a, b, torch.tensor([1.0, 0.0, 2.0, -1.0]), 0.0, NONE)
f.case("cosine_embedding_loss/long_target", "cosine_embedding_loss", a, b, torch.tensor([1, -1, 1, -1]), 0.5, NONE)
f.case("cosine_embedding_loss/zero_vectors", "cosine_embedding_loss", torch.zeros(2, 3), b[:2, :3], torch.tensor([1.0, -1.0]), 0.0, NONE)
f.case("cosine_embedding_loss/target_2d", "cosine_embedding_loss", a, b, torch.ones(4, 1))
f.case("cosine_embedding_loss/input_dims", "cosine_embedding_loss", a, b, torch.tensor(1.0))
f.case("cosine_embedding_loss/input_dims_1d_target", "cosine_embedding_loss", a[0], b[0], sign)
f.case("margin_ranking_loss/default", "margin_ranking_loss", a, b, torch.ones(4, 6))
f.case("margin_ranking_loss/broadcast", "margin_ranking_loss", a[:, :1], b[0], torch.tensor(-1.0), 0.0, NONE)
f.case("margin_ranking_loss/long_target", "margin_ranking_loss", a[0], b[0], torch.tensor([1, -1, 1, -1, 1, -1]), 0.0, NONE)
f.case("margin_ranking_loss/shape_mismatch", "margin_ranking_loss", a[0], b[0, :4], torch.ones(6))
f.case("triplet_margin_loss/default", "triplet_margin_loss", a, b, randn(4, 6, seed=103))
f.case("triplet_margin_loss/unbatched", "triplet_margin_loss", a[0], b[0], a[1], 1.0, 2.0, 1e-6, True, NONE)
f.case("triplet_margin_loss/p3", "triplet_margin_loss", a, b, a.flip(0), 2.0, 3.0, 1e-3, False, NONE)
f.case("triplet_margin_loss/dims", "triplet_margin_loss", a, b, a[0])
f.case("pairwise_distance/default", "pairwise_distance", a, b)
f.case("pairwise_distance/keepdim", "pairwise_distance", a, b, 2.0, 1e-6, True)
f.case("pairwise_distance/p1", "pairwise_distance", a, b, 1.0)
f.case("pairwise_distance/p3_eps", "pairwise_distance", a, b, 3.0, 0.1)
f.case("pairwise_distance/broadcast", "pairwise_distance", randn(3, 1, 4, seed=104), randn(2, 4, seed=105))
f.case("pairwise_distance/1d", "pairwise_distance", a[0], b[0])
f.case("pairwise_distance/0d", "pairwise_distance", torch.tensor(1.0), torch.tensor(2.5))
f.case("pairwise_distance/long", "pairwise_distance", torch.ones(3, 4, dtype=LONG), torch.zeros(3, 4, dtype=LONG))
f.case("pairwise_distance/noncontig", "pairwise_distance", noncontig(randn(5, 3, seed=106)), randn(5, 3, seed=107))
f.case("cosine_similarity/default", "cosine_similarity", a, b)
f.case("cosine_similarity/dim0", "cosine_similarity", a, b, 0)
f.case("cosine_similarity/last_dim_broadcast", "cosine_similarity", randn(3, 1, 4, seed=108), randn(2, 4, seed=109), -1)
f.case("cosine_similarity/tiny_norms", "cosine_similarity", torch.tensor([[1e-9, 0.0], [1e-5, 2e-5]], dtype=F64),
       torch.tensor([[2e-9, 0.0], [3.0, -1.0]], dtype=F64), 1, 1e-8)
f.case("cosine_similarity/zero_vector", "cosine_similarity", torch.zeros(2, 3), a[:2, :3])
f.case("cosine_similarity/float_double", "cosine_similarity", a, b.double())
f.case("cosine_similarity/1d", "cosine_similarity", a[0], b[0], 0)
f.case("cosine_similarity/long", "cosine_similarity", torch.ones(2, 3, dtype=LONG), torch.ones(2, 3, dtype=LONG))
f.case("cosine_similarity/dim_out_of_range", "cosine_similarity", a, b, 2)
f.case("cosine_similarity/shape_mismatch", "cosine_similarity", a, b[:3])

ga, gb, gn = randn(3, 5, dtype=F64, seed=110), randn(3, 5, dtype=F64, seed=111), randn(3, 5, dtype=F64, seed=112)
for name, r in REDUCTIONS:
    g.case(f"cosine_embedding_loss/{name}", "cosine_embedding_loss", ga, gb, torch.tensor([1.0, -1.0, -1.0], dtype=F64), -0.5, r,
           wrt=[[0, -1], [1, -1]])
    g.case(f"margin_ranking_loss/{name}", "margin_ranking_loss", ga[0], gb[0], torch.tensor([1.0, -1.0, 1.0, -1.0, 1.0], dtype=F64),
           0.05, r, wrt=[[0, -1], [1, -1]])
    g.case(f"triplet_margin_loss/{name}", "triplet_margin_loss", ga, gb, gn, 2.0, 2.0, 1e-6, True, r)
g.case("triplet_margin_loss/p1", "triplet_margin_loss", ga, gb, gn, 3.0, 1.0, 1e-6, False, MEAN, gradgrad=False)
g.case("pairwise_distance/default", "pairwise_distance", ga, gb)
g.case("pairwise_distance/p3_keepdim", "pairwise_distance", ga, gb, 3.0, 1e-6, True)
g.case("pairwise_distance/broadcast", "pairwise_distance", randn(2, 1, 3, dtype=F64, seed=113), randn(4, 3, dtype=F64, seed=114))
g.case("cosine_similarity/default", "cosine_similarity", ga, gb)
g.case("cosine_similarity/broadcast_dim0", "cosine_similarity", randn(3, 1, dtype=F64, seed=115), randn(3, 4, dtype=F64, seed=116), 0)

f.write()
g.write()
