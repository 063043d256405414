"""Golden forward and backward of every torch.nn layer Kiln has: each case builds the layer in PyTorch, records its
state_dict, inputs, output, a seeded output gradient, and the gradients of the floating inputs and of every parameter,
plus the buffers after the call (BatchNorm's running statistics, a max_norm Embedding's weight). The Java test
(dev.kiln.nn.LayerGoldenTest) builds the same layer, loads the state dict, and compares.
Writes frontend/src/test/resources/golden/nn_layers.json."""
import sys

import torch
import torch.nn as nn

from golden import encode, noncontig, randint, randn, seeded, write_fixture

cases = []


def case(case_id, layer, *inputs, train=True, state=None):
    torch.manual_seed(0)
    if state:
        with torch.no_grad():
            for k, v in state.items():
                layer.state_dict()[k].copy_(v)
    layer.train(train)
    sd = {k: v.clone() for k, v in layer.state_dict().items()}
    leaves = [x.detach().clone().requires_grad_() if x.is_floating_point() else x for x in inputs]
    args = [noncontig(x) if x.is_floating_point() and x.dim() >= 2 else x for x in leaves]
    out = layer(*args)
    grad_out = torch.randn(out.shape, generator=seeded(99), dtype=torch.float64).to(out.dtype)
    if out.requires_grad:
        out.backward(grad_out)
    cases.append({
        "id": case_id, "op": "nn." + type(layer).__name__, "train": train,
        "state": {k: encode(v) for k, v in sd.items()},
        "inputs": [encode(x.detach()) for x in inputs],
        "out": encode(out.detach()), "grad_out": encode(grad_out),
        "input_grads": [encode(x.grad) if x.is_floating_point() else None for x in leaves],
        "param_grads": {k: encode(p.grad) for k, p in layer.named_parameters()},
        "buffers_after": {k: encode(v) for k, v in layer.state_dict().items()},
    })


x2 = randn(3, 5, seed=1) * 2
case("linear", nn.Linear(4, 3), randn(2, 4, seed=2))
case("linear_no_bias_3d", nn.Linear(4, 3, bias=False), randn(2, 5, 4, seed=3))
case("bilinear", nn.Bilinear(3, 4, 2), randn(5, 3, seed=4), randn(5, 4, seed=5))
case("conv1d", nn.Conv1d(2, 4, 3, stride=2, padding=1), randn(2, 2, 9, seed=6))
case("conv1d_same_dilated", nn.Conv1d(2, 3, 4, padding="same", dilation=2), randn(2, 2, 9, seed=7))
case("conv2d", nn.Conv2d(3, 4, 3, padding=1), randn(2, 3, 6, 5, seed=8))
case("conv2d_groups_reflect", nn.Conv2d(4, 6, (3, 2), stride=(2, 1), padding=(1, 1), groups=2, padding_mode="reflect"),
     randn(2, 4, 5, 5, seed=9))
case("conv2d_circular_no_bias", nn.Conv2d(2, 3, 3, padding=1, bias=False, padding_mode="circular"), randn(1, 2, 4, 4, seed=10))
case("conv_transpose2d", nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1), randn(2, 3, 4, 4, seed=11))
case("max_pool1d", nn.MaxPool1d(3, stride=2, padding=1), randn(2, 3, 9, seed=12))
case("max_pool2d", nn.MaxPool2d(2), randn(2, 3, 6, 5, seed=13))
case("max_pool2d_ceil", nn.MaxPool2d(3, 2, 1, ceil_mode=True), randn(2, 2, 7, 6, seed=14))
case("avg_pool1d", nn.AvgPool1d(3, 2, 1), randn(2, 3, 8, seed=15))
case("avg_pool2d_exclude_pad", nn.AvgPool2d(3, 2, 1, count_include_pad=False), randn(2, 2, 7, 6, seed=16))
case("adaptive_avg_pool1d", nn.AdaptiveAvgPool1d(4), randn(2, 3, 9, seed=17))
case("adaptive_avg_pool2d", nn.AdaptiveAvgPool2d((3, 2)), randn(2, 3, 7, 5, seed=18))
case("adaptive_max_pool1d", nn.AdaptiveMaxPool1d(4), randn(2, 3, 9, seed=19))
case("adaptive_max_pool2d", nn.AdaptiveMaxPool2d(3), randn(2, 3, 7, 5, seed=20))
case("batch_norm1d_train", nn.BatchNorm1d(4), randn(6, 4, seed=21) * 3 + 1,
     state={"weight": randn(4, seed=22), "bias": randn(4, seed=23)})
case("batch_norm1d_eval_3d", nn.BatchNorm1d(3), randn(4, 3, 5, seed=24), train=False,
     state={"running_mean": randn(3, seed=25), "running_var": randn(3, seed=26).abs() + 0.5})
case("batch_norm2d_cumulative", nn.BatchNorm2d(3, momentum=None), randn(2, 3, 4, 4, seed=27),
     state={"running_mean": randn(3, seed=28), "num_batches_tracked": torch.tensor(3)})
case("batch_norm2d_untracked_no_affine", nn.BatchNorm2d(3, affine=False, track_running_stats=False), randn(2, 3, 4, 4, seed=29),
     train=False)
case("layer_norm", nn.LayerNorm((3, 4)), randn(2, 3, 4, seed=30), state={"weight": randn(3, 4, seed=31), "bias": randn(3, 4, seed=32)})
case("group_norm", nn.GroupNorm(2, 4), randn(2, 4, 3, seed=33), state={"weight": randn(4, seed=34), "bias": randn(4, seed=35)})
case("embedding_padding", nn.Embedding(10, 3, padding_idx=1), torch.tensor([[1, 2, 4, 5], [4, 3, 1, 9]]))
case("embedding_max_norm", nn.Embedding(10, 3, max_norm=1.0), torch.tensor([[0, 2, 4], [4, 3, 9]]))
case("embedding_bag_sum", nn.EmbeddingBag(10, 3, mode="sum"), torch.tensor([1, 2, 4, 5, 4, 3, 2, 9]), torch.tensor([0, 4]))
case("embedding_bag_mean_2d", nn.EmbeddingBag(10, 3), torch.tensor([[1, 2, 4], [4, 3, 2]]))
case("flatten", nn.Flatten(), randn(2, 3, 4, seed=36))
case("unflatten", nn.Unflatten(1, (2, 3)), randn(4, 6, seed=37))
case("identity", nn.Identity(), randn(2, 3, seed=38))
for name, layer in [("relu", nn.ReLU()), ("relu6", nn.ReLU6()), ("leaky_relu", nn.LeakyReLU(0.2)), ("elu", nn.ELU(0.7)),
                    ("selu", nn.SELU()), ("celu", nn.CELU(1.5)), ("gelu", nn.GELU()), ("gelu_tanh", nn.GELU("tanh")),
                    ("silu", nn.SiLU()), ("mish", nn.Mish()), ("softplus", nn.Softplus(2, 3)), ("hardtanh", nn.Hardtanh(-0.5, 1.5)),
                    ("hardsigmoid", nn.Hardsigmoid()), ("hardswish", nn.Hardswish()), ("hardshrink", nn.Hardshrink(0.7)),
                    ("softshrink", nn.Softshrink(0.3)), ("threshold", nn.Threshold(0.1, 20.0)), ("log_sigmoid", nn.LogSigmoid()),
                    ("sigmoid", nn.Sigmoid()), ("tanh", nn.Tanh()), ("softmax", nn.Softmax(dim=1)),
                    ("log_softmax", nn.LogSoftmax(dim=0))]:
    case(name, layer, x2)
case("dropout_eval", nn.Dropout(0.3), x2, train=False)
case("dropout_p0", nn.Dropout(0.0), x2)
case("sequential", nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2)), randn(5, 4, seed=39))

path = write_fixture("nn_layers", 1e-4, 1e-5, cases)
print(f"{path}: {len(cases)} cases", file=sys.stderr)
