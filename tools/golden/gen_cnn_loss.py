"""Golden loss and parameter gradients of two small CNNs, for a Java test that runs the same models with Kiln's
autograd (loss.backward()) and compares. Only ops whose derivatives exist are used: conv2d, conv_transpose2d, mul (a
square as the activation), add and sum. Writes frontend/src/test/resources/golden/cnn_loss.json; each case names its
first op ("op") like the op fixtures do."""
import json
import os
import sys

import torch

from golden import OUT_DIR, encode, randn


def square_cnn(p, x):
    """conv 3x3 pad 1 -> square -> conv 3x3 stride 2 -> sum of squares."""
    h = torch.conv2d(x, p["w1"], p["b1"], stride=1, padding=1)
    h = h * h
    y = torch.conv2d(h, p["w2"], p["b2"], stride=2)
    return (y * y).sum()


def depthwise_transposed_cnn(p, x):
    """depthwise conv 3x3 (dilation 2, pad 2) -> square -> pointwise 1x1 conv -> transposed conv stride 2 -> weighted sum."""
    h = torch.conv2d(x, p["w1"], None, padding=2, dilation=2, groups=4)
    h = h * h
    h = torch.conv2d(h, p["w2"], p["b2"])
    y = torch.conv_transpose2d(h, p["w3"], p["b3"], stride=2, padding=1, output_padding=1)
    return (y * p["target"]).sum()


def case(case_id, model, params, x, wrt):
    leaves = {k: v.clone().requires_grad_(k in wrt) for k, v in params.items()}
    loss = model(leaves, x)
    loss.backward()
    return {"id": case_id, "op": "aten::conv2d", "model": model.__name__, "input": encode(x),
            "params": {k: encode(v) for k, v in params.items()}, "loss": loss.item(),
            "grads": {k: encode(leaves[k].grad) for k in wrt}}


cases = [
    case("square_cnn", square_cnn, {"w1": randn(4, 3, 3, 3, seed=1) * 0.3, "b1": randn(4, seed=2) * 0.1,
                                    "w2": randn(2, 4, 3, 3, seed=3) * 0.3, "b2": randn(2, seed=4) * 0.1},
         randn(2, 3, 8, 8, seed=5), ["w1", "b1", "w2", "b2"]),
    case("depthwise_transposed_cnn", depthwise_transposed_cnn,
         {"w1": randn(4, 1, 3, 3, seed=6) * 0.5, "w2": randn(6, 4, 1, 1, seed=7) * 0.5, "b2": randn(6, seed=8) * 0.1,
          "w3": randn(6, 3, 3, 3, seed=9) * 0.3, "b3": randn(3, seed=10) * 0.1, "target": randn(2, 3, 10, 10, seed=11)},
         randn(2, 4, 5, 5, seed=12), ["w1", "w2", "b2", "w3", "b3"]),
]
path = os.path.join(OUT_DIR, "cnn_loss.json")
with open(path, "w") as out:
    json.dump({"family": "cnn_loss", "torch": torch.__version__, "rtol": 1e-4, "atol": 1e-5, "cases": cases}, out,
              separators=(",", ":"))
    out.write("\n")
print(f"{path}: {len(cases)} cases", file=sys.stderr)
