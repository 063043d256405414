"""Checkpoint goldens: files written by torch.save (PyTorch 1.13) and the values they hold, for dev.kiln.io.Checkpoints.

Writes frontend/src/test/resources/golden/checkpoints/<case>.pt and checkpoints/expected.json (each case's expected
value in a tagged JSON form, see `tag`); the Java test
CheckpointsGoldenTest loads every file and compares.

    /usr/bin/python3 tools/golden/gen_checkpoints.py

The other direction (PyTorch loads what Kiln writes): CheckpointsGoldenTest re-saves every golden file with Kiln
(<case>.pt, and <case>_zip64.pt with zip64 fields forced on), plus a checkpoint it builds itself (kiln_built.pt,
the value `kiln_built()` below builds), into the directory named by the system property kiln.checkpoints.out
(default frontend/target/kiln-checkpoints). Then

    mvn -q -o test -pl frontend -am -Dtest='dev.kiln.io.CheckpointsGoldenTest' -Dsurefire.failIfNoSpecifiedTests=false
    /usr/bin/python3 tools/golden/gen_checkpoints.py --check frontend/target/kiln-checkpoints

loads each of Kiln's files with torch.load (and with weights_only=True wherever PyTorch's own file loads that way)
and compares it with PyTorch's original: types (dict, OrderedDict and its _metadata, list, tuple), values, tensor
dtypes, sizes, strides, storage offsets, requires_grad, and which tensors share a storage. Exit status 1 on any
difference.
"""
import collections
import io
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden  # noqa: E402

PT_DIR = os.path.join(golden.OUT_DIR, "checkpoints")


def seeded_randn(*shape, seed=0, dtype=torch.float32):
    return golden.randn(*shape, seed=seed, dtype=dtype)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 2, 3)
        self.bn = torch.nn.BatchNorm2d(2)
        self.fc = torch.nn.Linear(8, 3)


def model():
    torch.manual_seed(0)
    net = Net()
    net.bn.running_mean.copy_(torch.tensor([0.5, -0.25]))
    net.bn.num_batches_tracked.fill_(3)
    return net


def state_dict():
    return model().state_dict()


def checkpoint():
    net = model()
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    loss = sum((p * p).sum() for p in net.parameters())
    loss.backward()
    opt.step()
    return {"epoch": 7, "lr": 0.01, "best_metric": 0.973, "model": net.state_dict(), "optimizer": opt.state_dict(),
            "history": [1.5, 0.75, 0.5], "note": "best so far"}


def shared():
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    return {"base": base, "t": base.t(), "row": base[1], "cols": base[:, 1::2], "offset": base.view(-1)[5:9],
            "again": base, "expanded": torch.tensor([2.5]).expand(3, 2), "other": torch.ones(2),
            "list": [base[2], base[0, 1:]]}


def dtypes():
    vals = {}
    for dt, name in golden.DTYPES.items():
        if dt.is_floating_point:
            t = golden.edge_floats(torch.float64).to(dt)
        elif dt == torch.bool:
            t = torch.tensor([True, False, True, True, False])
        else:
            info = torch.iinfo(dt)
            t = torch.tensor([info.min, -1 if info.min < 0 else 0, 0, 1, 7, info.max], dtype=torch.int64).to(dt)
        vals[name] = t
        vals[name + "_noncontig"] = golden.noncontig(t.reshape(-1, 1).expand(-1, 2).contiguous()) if t.numel() else t
    vals["scalar"] = torch.tensor(3.25, dtype=torch.float64)
    vals["empty"] = torch.zeros(0, 3)
    return vals


def values():
    od = collections.OrderedDict([("z", 1), ("a", [1, 2]), ("m", None)])
    return {"od": od, "dict": {"b": 2, "a": 1, 3: "three"}, "list": [1, 2.5, "x", None, True], "tuple": (1, (2, 3), []),
            "empty_tuple": (), "one": (5,), "int": 42, "neg": -7, "big": 2 ** 70, "neg_big": -(2 ** 63), "max": 2 ** 63 - 1,
            "float": 0.1, "nan": float("nan"), "inf": float("-inf"), "negzero": -0.0, "t": True, "f": False,
            "str": "héllo ✓", "none": None, "bytes": b"\x00\x01\xfe\xff", "dtype": torch.float16, "size": torch.Size([2, 3]),
            "param": torch.nn.Parameter(torch.tensor([1.0, 2.0])), "frozen": torch.nn.Parameter(torch.ones(2), requires_grad=False),
            "grad_tensor": torch.tensor([3.0]).requires_grad_(), "nested": {"a": {"b": {"c": [(1, {"d": 2.0})]}}}}


def parameters():
    net = model()
    return list(net.parameters())


CASES = {"state_dict": (state_dict, {}), "checkpoint": (checkpoint, {}), "shared": (shared, {}), "dtypes": (dtypes, {}),
         "values": (values, {}), "values_protocol4": (values, {"pickle_protocol": 4}), "parameters": (parameters, {})}


def kiln_built():
    """What CheckpointsGoldenTest.kilnBuiltCheckpoint saves: must match value for value."""
    w = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    sd = collections.OrderedDict([("fc.weight", w), ("fc.bias", torch.tensor([0.5, -0.5])),
                                  ("bn.num_batches_tracked", torch.tensor(4))])
    return {"epoch": 3, "lr": 0.001, "best_metric": 0.875, "model": sd, "weight_t": w.t(), "weight_row": w[1],
            "optimizer": {"state": {0: {"momentum_buffer": torch.full((2, 3), 0.25)}},
                          "param_groups": [{"lr": 0.001, "momentum": 0.9, "params": [0, 1]}]},
            "shape": (2, 3), "tags": ["a", "b"], "flag": False, "none": None,
            "half": torch.tensor([1.5, -2.0], dtype=torch.float16), "bf16": torch.tensor([1.5, -2.0], dtype=torch.bfloat16),
            "mask": torch.tensor([True, False]), "bytes": torch.tensor([0, 255], dtype=torch.uint8),
            "param": torch.tensor([1.0, 2.0]).requires_grad_(), "set": {"a", 2}, "dtype": torch.bfloat16}


def tag(v, storages):
    """Tagged JSON of a value; `storages` numbers distinct storages in order of first appearance."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": golden.encode_number(v)}
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    if isinstance(v, torch.dtype):
        return {"dtype": golden.DTYPES[v]}
    if isinstance(v, torch.Tensor):
        key = v.storage().data_ptr() if len(v.storage()) else ("empty", id(v))
        ref = storages.setdefault(key, len(storages))
        return {"tensor": golden.encode(v), "requires_grad": v.requires_grad, "storage_ref": ref}
    if isinstance(v, torch.Size):
        return {"tuple": [tag(x, storages) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [tag(x, storages) for x in v]}
    if isinstance(v, list):
        return {"list": [tag(x, storages) for x in v]}
    if isinstance(v, collections.OrderedDict):
        attrs = {k: tag(x, storages) for k, x in vars(v).items()}
        return {"odict": [[tag(k, storages), tag(x, storages)] for k, x in v.items()], "attrs": attrs}
    if isinstance(v, dict):
        return {"dict": [[tag(k, storages), tag(x, storages)] for k, x in v.items()]}
    raise TypeError(f"cannot tag {type(v)}")


def generate():
    os.makedirs(PT_DIR, exist_ok=True)
    cases = []
    for name, (build, kwargs) in CASES.items():
        value = build()
        path = os.path.join(PT_DIR, name + ".pt")
        torch.save(value, path, **kwargs)
        cases.append({"id": name, "file": "checkpoints/" + name + ".pt", "value": tag(torch.load(path), {})})
    legacy = os.path.join(PT_DIR, "legacy.pt")
    torch.save({"x": torch.ones(2)}, legacy, _use_new_zipfile_serialization=False)
    cases.append({"id": "legacy", "file": "checkpoints/legacy.pt", "error": "legacy"})
    # under checkpoints/, not beside the op fixtures, which CatalogueTest reads as op cases
    path = golden.write_fixture("checkpoints/expected", 0.0, 0.0, cases)
    print(f"{path}: {len(cases)} cases", file=sys.stderr)


# ---- --check: PyTorch loads Kiln's files ----

def same(a, b, where, problems, shares):
    # a torch.Size comes back as a plain tuple (Kiln reads it as a Tuple), a Parameter as a tensor (see below)
    if type(a) is not type(b) and not (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)) \
            and not (type(a) is torch.Size and type(b) is tuple):
        problems.append(f"{where}: {type(a).__name__} vs {type(b).__name__}")
        return
    if isinstance(a, torch.Tensor):
        # a Parameter comes back as a tensor that requires grad (Kiln has no Parameter type here)
        if (a.dtype, a.shape, a.stride(), a.storage_offset(), a.requires_grad) != \
                (b.dtype, b.shape, b.stride(), b.storage_offset(), b.requires_grad):
            problems.append(f"{where}: tensor {a.dtype} {tuple(a.shape)} {a.stride()} +{a.storage_offset()} rg={a.requires_grad} vs "
                            f"{b.dtype} {tuple(b.shape)} {b.stride()} +{b.storage_offset()} rg={b.requires_grad}")
        elif not storage_equal(a, b):
            problems.append(f"{where}: storage values differ")
        if len(a.storage()):
            shares.append((a.storage().data_ptr(), b.storage().data_ptr(), where))
    elif isinstance(a, float):
        if not (a == b and math.copysign(1, a) == math.copysign(1, b) or (math.isnan(a) and math.isnan(b))):
            problems.append(f"{where}: {a!r} vs {b!r}")
    elif isinstance(a, (list, tuple)):
        if len(a) != len(b):
            problems.append(f"{where}: length {len(a)} vs {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]", problems, shares)
    elif isinstance(a, dict):
        if list(a.keys()) != list(b.keys()):
            problems.append(f"{where}: keys {list(a.keys())} vs {list(b.keys())}")
        for k in a:
            if k in b:
                same(a[k], b[k], f"{where}[{k!r}]", problems, shares)
        if isinstance(a, collections.OrderedDict):
            same(vars(a), vars(b), f"{where}.__dict__", problems, shares)
    elif a != b:
        problems.append(f"{where}: {a!r} vs {b!r}")


def storage_equal(a, b):
    x, y = a.storage().tolist(), b.storage().tolist()
    return len(x) == len(y) and all(p == q and (p != 0 or str(p) == str(q)) or (p != p and q != q) for p, q in zip(x, y))


def compare(expected, actual, name):
    problems, shares = [], []
    same(expected, actual, name, problems, shares)
    mapping, back = {}, {}
    for pa, pb, where in shares:
        if mapping.setdefault(pa, pb) != pb or back.setdefault(pb, pa) != pa:
            problems.append(f"{where}: storage sharing differs from PyTorch's file")
    return problems


def check(directory):
    failures = 0
    names = sorted(f[:-3] for f in os.listdir(directory) if f.endswith(".pt"))
    if not names:
        print(f"no .pt files in {directory}: run CheckpointsGoldenTest first", file=sys.stderr)
        return 1
    for name in names:
        kiln_file = os.path.join(directory, name + ".pt")
        if name == "kiln_built":
            expected, weights_only = kiln_built(), False
        else:
            original = os.path.join(PT_DIR, (name[:-len("_zip64")] if name.endswith("_zip64") else name) + ".pt")
            expected = torch.load(original)
            try:
                torch.load(original, weights_only=True)
                weights_only = True
            except Exception:  # 1.13's weights-only unpickler refuses some of PyTorch's own files (floats, sets ...)
                weights_only = False
        problems = compare(expected, torch.load(kiln_file), name)
        if weights_only:
            problems += compare(expected, torch.load(kiln_file, weights_only=True), name + " (weights_only)")
        with open(kiln_file, "rb") as f:
            problems += compare(expected, torch.load(io.BytesIO(f.read())), name + " (from a buffer)")
        status = "ok" if not problems else "FAILED"
        print(f"{name}: {status}{' (also weights_only=True)' if weights_only and not problems else ''}")
        for p in problems:
            print("   ", p)
        failures += bool(problems)
    print(f"{len(names) - failures} of {len(names)} Kiln checkpoints load in PyTorch {torch.__version__} as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2]))
    generate()
