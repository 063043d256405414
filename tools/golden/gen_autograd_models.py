"""Golden losses and parameter gradients of small models, for the Java autograd tests (frontend MlpLossGoldenTest).

Each model is written with its seeded parameters, input and target, its loss and the gradient of every parameter
after loss.backward(). The model is described by data (layer sizes, activation, loss), so the Java side builds
the same model from the fixture; "op" names the main op for the catalogue's coverage check. Run with Debian's python3-torch 1.13:
    /usr/bin/python3 tools/golden/gen_autograd_models.py
"""
import json
import os

import torch

from golden import OUT_DIR, encode, seeded

ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh, "identity": lambda t: t}
LOSSES = {"mse_mean": lambda err: (err * err).mean(), "mse_sum": lambda err: (err * err).sum()}


def mlp(name, sizes, activation, loss, batch, seed, dtype=torch.float32):
    """A perceptron with len(sizes) - 1 linear layers y = x W^T + b, `activation` between them and
    `loss` over (output - target)."""
    g = seeded(seed)
    params = []
    for i in range(len(sizes) - 1):
        fan_in = sizes[i]
        params.append(("fc%d.weight" % i, torch.randn(sizes[i + 1], fan_in, generator=g, dtype=torch.float64) / fan_in ** 0.5))
        params.append(("fc%d.bias" % i, torch.randn(sizes[i + 1], generator=g, dtype=torch.float64) * 0.1))
    x = torch.randn(batch, sizes[0], generator=g, dtype=torch.float64).to(dtype)
    target = torch.randn(batch, sizes[-1], generator=g, dtype=torch.float64).to(dtype)
    leaves = [(n, p.to(dtype).requires_grad_()) for n, p in params]
    h = x
    for i in range(len(sizes) - 1):
        h = torch.nn.functional.linear(h, leaves[2 * i][1], leaves[2 * i + 1][1])
        if i < len(sizes) - 2:
            h = ACTIVATIONS[activation](h)
    value = LOSSES[loss](h - target)
    value.backward()
    return {"id": name, "op": "aten::linear", "sizes": sizes, "activation": activation, "loss": loss, "input": encode(x), "target": encode(target),
            "params": [{"name": n, "value": encode(p.detach()), "grad": encode(p.grad)} for n, p in leaves],
            "loss_value": value.item()}


def main():
    models = [mlp("mlp3", [8, 16, 12, 4], "relu", "mse_mean", batch=5, seed=7)]
    path = os.path.join(OUT_DIR, "mlp_loss.json")
    with open(path, "w") as f:
        json.dump({"family": "mlp_loss", "torch": torch.__version__, "rtol": 1e-5, "atol": 1e-6, "cases": models}, f,
                  separators=(",", ":"))
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
