"""Golden-gradient generator core: runs an aten op in PyTorch with inputs that require grad, back-propagates
seeded random output gradients, and writes inputs, output gradients, input gradients and the grad_fn name.

Each family script (gen_grad_<family>.py) builds cases with `GradFamily.case(...)` and calls `write()`.
Run with Debian's python3-torch 1.13:  /usr/bin/python3 tools/golden/gen_grad_pointwise.py
The Java side (frontend test GradGoldenCases) replays each case, then gradchecks it in float64.
"""
import sys

import torch

from golden import clone_args, encode, seeded, write_fixture


def _tensor_paths(args):
    """(arg index, element index or -1) of every floating tensor argument, list elements included."""
    paths = []
    for i, a in enumerate(args):
        if isinstance(a, torch.Tensor) and a.is_floating_point():
            paths.append([i, -1])
        elif isinstance(a, (list, tuple)):
            for k, x in enumerate(a):
                if isinstance(x, torch.Tensor) and x.is_floating_point():
                    paths.append([i, k])
    return paths


def _at(args, path):
    i, k = path
    return args[i] if k < 0 else args[i][k]


def _flatten(out):
    if isinstance(out, torch.Tensor):
        return [out]
    return [x for x in out if isinstance(x, torch.Tensor)]


class GradFamily:
    def __init__(self, name, rtol=1e-4, atol=1e-5):
        self.name = name
        self.rtol = rtol
        self.atol = atol
        self.cases = []
        self.ids = set()

    def case(self, case_id, op, *args, wrt=None, gradcheck=True, gradgrad=True, rtol=None, atol=None, seed=0, nonleaf=False,
             **kwargs):
        """Differentiates torch.ops.aten.<op>(*args, **kwargs) with respect to the tensors at `wrt`
        (default: every floating tensor argument), with seeded random gradients for its differentiable outputs.
        With nonleaf=True the op gets `zeros_like(leaf) + leaf` instead of each leaf (an in-place op may not write
        into a leaf that requires grad)."""
        if case_id in self.ids:
            raise ValueError("duplicate case id " + case_id)
        self.ids.add(case_id)
        name, _, overload = op.partition(".")
        fn = getattr(getattr(torch.ops.aten, name), overload if overload else "default")
        args = list(args)
        paths = wrt if wrt is not None else _tensor_paths(args)
        inputs = clone_args(args)
        for p in paths:
            i, k = p
            leaf = _at(inputs, p).detach().requires_grad_()
            if k < 0:
                inputs[i] = leaf
            else:
                inputs[i] = list(inputs[i])
                inputs[i][k] = leaf
        call_args = list(inputs)
        if nonleaf:
            for p in paths:
                leaf = _at(inputs, p)
                if p[1] < 0:
                    call_args[p[0]] = torch.zeros_like(leaf) + leaf
                else:
                    call_args[p[0]] = list(call_args[p[0]])
                    call_args[p[0]][p[1]] = torch.zeros_like(leaf) + leaf
        outputs = [o for o in _flatten(fn(*call_args, **clone_args(kwargs))) if o.requires_grad]
        if not outputs:
            raise ValueError(case_id + ": no output requires grad")
        grad_outputs = []
        for n, o in enumerate(outputs):
            g = torch.randn(o.shape, generator=seeded(seed + 1000 + n), dtype=torch.float64).to(o.dtype)
            grad_outputs.append(g)
        leaves = [_at(inputs, p) for p in paths]
        grads = torch.autograd.grad(outputs, leaves, grad_outputs, allow_unused=True)
        entry = {"id": case_id, "op": "aten::" + op, "args": encode(args), "kwargs": {k: encode(v) for k, v in kwargs.items()},
                 "wrt": paths, "grad_outputs": encode(grad_outputs), "grads": [None if g is None else encode(g) for g in grads],
                 "grad_fn": outputs[0].grad_fn.name(), "gradcheck": gradcheck, "gradgrad": gradgrad}
        if nonleaf:
            entry["nonleaf"] = True
        if rtol is not None:
            entry["rtol"] = rtol
        if atol is not None:
            entry["atol"] = atol
        self.cases.append(entry)
        return entry

    def write(self):
        path = write_fixture("grad_" + self.name, self.rtol, self.atol, self.cases)
        print(f"{path}: {len(self.cases)} cases", file=sys.stderr)
