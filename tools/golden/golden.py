"""Golden-value generator core: runs aten ops in PyTorch and writes their inputs and results as JSON fixtures.

Each family script (gen_<family>.py) builds cases with `Family.case(...)` and calls `Family.write()`.
Run with Debian's python3-torch 1.13:  /usr/bin/python3 tools/golden/gen_pointwise.py
The Java side (frontend test GoldenCases) calls the same op by schema name and compares.
"""
import json
import math
import os
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(ROOT, "frontend", "src", "test", "resources", "golden")

DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.float16: "float16", torch.bfloat16: "bfloat16",
          torch.int64: "int64", torch.int32: "int32", torch.int16: "int16", torch.int8: "int8", torch.uint8: "uint8",
          torch.bool: "bool"}


def encode(v):
    """Encodes a value: tensors as their storage plus geometry (so non-contiguous views survive)."""
    if isinstance(v, torch.Tensor):
        st = v.storage()
        data = [encode_number(x) for x in st.tolist()] if len(st) else []
        return {"t": DTYPES[v.dtype], "size": list(v.shape), "stride": list(v.stride()), "offset": v.storage_offset(),
                "storage": data}
    if isinstance(v, torch.dtype):
        return {"dtype": DTYPES[v]}
    if isinstance(v, torch.device):
        return {"device": str(v)}
    if isinstance(v, (list, tuple)):
        return [encode(x) for x in v]
    if isinstance(v, float):
        return encode_number(v)
    return v


def encode_number(x):
    if isinstance(x, float) and math.isnan(x):
        return float("nan")
    return x


def clone_args(v):
    if isinstance(v, torch.Tensor):
        # keep the geometry (strides, offset) while giving the op its own storage
        base = torch.empty(0, dtype=v.dtype)
        base.set_(v.storage().clone() if len(v.storage()) else v.storage(), v.storage_offset(), v.shape, v.stride())
        return base
    if isinstance(v, list):
        return [clone_args(x) for x in v]
    if isinstance(v, tuple):
        return tuple(clone_args(x) for x in v)
    return v


class Family:
    def __init__(self, name, rtol=1e-5, atol=1e-6):
        self.name = name
        self.rtol = rtol
        self.atol = atol
        self.cases = []
        self.ids = set()

    def case(self, case_id, op, *args, rtol=None, atol=None, mutated=False, **kwargs):
        """Runs torch.ops.aten.<op> (e.g. 'add.Tensor', 'relu') on args and records the result or the error; with
        mutated=True also the arguments as the call left them (running statistics an op updates in place)."""
        if case_id in self.ids:
            raise ValueError("duplicate case id " + case_id)
        self.ids.add(case_id)
        name, _, overload = op.partition(".")
        packet = getattr(torch.ops.aten, name)
        fn = getattr(packet, overload if overload else "default")
        entry = {"id": case_id, "op": "aten::" + op, "args": encode(list(args)),
                 "kwargs": {k: encode(v) for k, v in kwargs.items()}}
        try:
            call_args = clone_args(list(args))
            result = fn(*call_args, **clone_args(kwargs))
            entry["out"] = encode(result)
            if mutated:
                entry["args_after"] = encode(call_args)
        except Exception as e:  # PyTorch rejects the call: Kiln must too
            entry["error"] = type(e).__name__ + ": " + str(e).split("\n")[0]
        if rtol is not None:
            entry["rtol"] = rtol
        if atol is not None:
            entry["atol"] = atol
        self.cases.append(entry)
        return entry

    def write(self):
        path = write_fixture(self.name, self.rtol, self.atol, self.cases)
        errors = sum(1 for c in self.cases if "error" in c)
        print(f"{path}: {len(self.cases)} cases ({errors} expected errors)", file=sys.stderr)


def write_fixture(family, rtol, atol, cases):
    """Writes golden/<family>.json with the default tolerances and the cases; returns its path."""
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, family + ".json")
    with open(path, "w") as f:
        json.dump({"family": family, "torch": torch.__version__, "rtol": rtol, "atol": atol, "cases": cases}, f,
                  allow_nan=True, separators=(",", ":"))
        f.write("\n")
    return path


# ---- input helpers shared by the family scripts ----

def seeded(seed):
    return torch.Generator().manual_seed(seed)


def randn(*shape, dtype=torch.float32, seed=0):
    return torch.randn(*shape, generator=seeded(seed), dtype=torch.float64).to(dtype)


def randint(low, high, *shape, dtype=torch.int64, seed=0):
    return torch.randint(low, high, shape, generator=seeded(seed), dtype=torch.int64).to(dtype)


def noncontig(t):
    """A non-contiguous view with the same values: transposed storage, read back through a transpose."""
    if t.dim() < 2:
        return torch.stack([t, t], dim=-1)[..., 0]
    return t.transpose(-1, -2).contiguous().transpose(-1, -2)


def edge_floats(dtype=torch.float32):
    return torch.tensor([0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.5, float("nan"), float("inf"), -float("inf"), 1e-30, 88.0,
                         -100.0, 1e30], dtype=dtype)
