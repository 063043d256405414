"""Golden values for dev.kiln.data (torch.utils.data): default_collate and default_convert on nested structures,
the batches a DataLoader gives (map-style datasets with samplers, batch samplers and drop_last; iterable datasets
with 0, 1 and 3 worker processes), len(loader), BatchSampler, ConcatDataset indexing, random_split's lengths from
fractions, and the errors PyTorch raises for conflicting DataLoader options. Random orders are not recorded: Kiln's
generator draws other streams than PyTorch's, so the Java tests check those properties instead.

Values are encoded so that Java can tell the types apart: {"tensor": dtype, "shape", "values"} for tensors, {"tuple": [...]}
for tuples, {"dict": [[key, value], ...]} for dicts (key order kept), {"ndarray": dtype, "shape", "values"} for numpy
arrays (primitive arrays on the Java side), {"record": name, "fields": [...]} for named tuples (Java records).
Writes frontend/src/test/resources/golden/data.json; each case names the op its results come from ("op")."""
import collections
import math

import numpy as np
import torch
from torch.utils.data import (BatchSampler, ConcatDataset, DataLoader, Dataset, IterableDataset, SequentialSampler,
                              TensorDataset, get_worker_info, random_split)
from torch.utils.data._utils.collate import default_collate, default_convert

from golden import DTYPES, write_fixture

Point = collections.namedtuple("Point", ["x", "y"])
NP_DTYPES = {np.dtype("float64"): "float64", np.dtype("float32"): "float32", np.dtype("int64"): "int64",
             np.dtype("int32"): "int32", np.dtype("bool"): "bool"}


def enc(v):
    if isinstance(v, torch.Tensor):
        return {"tensor": DTYPES[v.dtype], "shape": list(v.shape), "values": v.reshape(-1).tolist()}
    if isinstance(v, np.ndarray):
        return {"ndarray": NP_DTYPES[v.dtype], "shape": list(v.shape), "values": v.reshape(-1).tolist()}
    if isinstance(v, Point):
        return {"record": "Point", "fields": [enc(x) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [enc(x) for x in v]}
    if isinstance(v, list):
        return [enc(x) for x in v]
    if isinstance(v, dict):
        return {"dict": [[k, enc(x)] for k, x in v.items()]}
    return v


def error_text(e):
    """PyTorch's message up to where it prints a Python object or type, which Kiln names its own way."""
    text = str(e).split("\n")[0]
    for cut in ("; found", ", but got sampler=", ", but got batch_sampler="):
        text = text.split(cut)[0]
    return text


cases = []


def record(case_id, op, kind, run, **fields):
    entry = {"id": case_id, "op": op, "kind": kind, **fields}
    try:
        entry["out"] = run()
    except Exception as e:  # PyTorch rejects it: Kiln must too
        entry["error"] = error_text(e)
    cases.append(entry)


# ---- default_collate and default_convert ----

COLLATE = {
    "issue_nested_lists": [[1, 2], [3, 4]],
    "issue_dicts": [{"t": "a", "x": [1, 2]}, {"t": "b", "x": [1, 3]}],
    "ints": [0, 1, 2, 3],
    "floats": [0.5, -1.25, 3.0],
    "bools": [True, False, True],
    "strings": ["a", "b", "c"],
    "ints_then_float": [1, 2.5],
    "dict_key_order": [{"b": 1, "a": 2.0}, {"b": 3, "a": 4.0}],
    "tuples": [(0, 1), (2, 3)],
    "tensors": [torch.arange(6).reshape(2, 3), torch.arange(6, 12).reshape(2, 3)],
    "float_tensors_noncontig": [torch.arange(6.).reshape(3, 2).t(), torch.arange(6., 12.).reshape(3, 2).t()],
    "tensor_label_tuples": [(torch.tensor([1.0, 2.0]), 0), (torch.tensor([3.0, 4.0]), 1), (torch.tensor([5.0, 6.0]), 1)],
    "nested_dict_of_tuples": [{"img": torch.ones(2), "meta": {"id": 7, "name": "p"}, "pair": (1, 2.0)},
                              {"img": torch.zeros(2), "meta": {"id": 8, "name": "q"}, "pair": (3, 4.0)}],
    "numpy_arrays": [np.array([1.0, 2.0]), np.array([3.0, 4.0])],
    "numpy_int32_matrices": [np.array([[1, 2], [3, 4]], dtype=np.int32), np.array([[5, 6], [7, 8]], dtype=np.int32)],
    "named_tuples": [Point(torch.tensor([1.0]), 2), Point(torch.tensor([3.0]), 4)],
    "lists_of_strings": [["a", "b"], ["c", "d"]],
    "unequal_lists": [[1, 2], [3]],
    "unequal_nested": [{"x": [1, 2]}, {"x": [1, 2, 3]}],
    "none": [None, None],
}
for name, batch in COLLATE.items():
    record("collate_" + name, "aten::stack", "collate", lambda b=batch: enc(default_collate(b)), batch=enc(batch))

CONVERT = {
    "int": 0,
    "float": 2.5,
    "string": "text",
    "tensor": torch.tensor([1, 2]),
    "numpy": np.array([0, 1]),
    "list_of_numpy": [np.array([0, 1]), np.array([2, 3])],
    "tuple": (np.array([1.5]), 3, "s"),
    "dict": {"k": np.array([True, False]), "n": 1},
    "named_tuple": Point(np.array([0, 1]), 2),
}
for name, data in CONVERT.items():
    record("convert_" + name, "aten::stack", "convert", lambda d=data: enc(default_convert(d)), data=enc(data))


# ---- DataLoader over map-style datasets (sequential order) ----

class ListDataset(Dataset):
    def __init__(self, items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)


def loader_case(case_id, dataset, encoded_dataset, **options):
    def run():
        loader = DataLoader(dataset, **options)
        return {"len": len(loader), "batches": [enc(b) for b in loader]}
    opts = {k: v for k, v in options.items() if k != "batch_sampler"}
    if "batch_sampler" in options:
        opts["batch_sampler"] = options["batch_sampler"]
    record(case_id, "aten::stack", "loader", run, dataset=encoded_dataset, options=opts)


features = torch.arange(14.).reshape(7, 2)
labels = torch.arange(7) % 3
tensors = TensorDataset(features, labels)
tensors_enc = {"tensors": [enc(features), enc(labels)]}
for bs in (1, 3, 7, 10):
    for drop in (False, True):
        loader_case(f"tensor_dataset_bs{bs}_drop{int(drop)}", tensors, tensors_enc, batch_size=bs, drop_last=drop)
loader_case("tensor_dataset_no_auto_batching", tensors, tensors_enc, batch_size=None)
loader_case("tensor_dataset_workers2", tensors, tensors_enc, batch_size=2, num_workers=2)
loader_case("tensor_dataset_user_batch_sampler", tensors, tensors_enc, batch_sampler=[[6, 0], [1, 2, 3], [5]])
dicts = [{"t": "abcdefg"[i], "x": [i, i * i], "w": i / 2} for i in range(5)]
loader_case("dict_samples_bs2", ListDataset(dicts), {"list": enc(dicts)}, batch_size=2)
loader_case("dict_samples_bs2_drop_last", ListDataset(dicts), {"list": enc(dicts)}, batch_size=2, drop_last=True)


# ---- DataLoader over iterable datasets, with worker processes ----

class RangeStream(IterableDataset):
    """range(start, end); sharded: each worker reads its contiguous share (PyTorch's IterableDataset example)."""

    def __init__(self, start, end, sharded):
        self.start, self.end, self.sharded = start, end, sharded

    def __iter__(self):
        info = get_worker_info()
        if not self.sharded or info is None:
            return iter(range(self.start, self.end))
        per_worker = int(math.ceil((self.end - self.start) / float(info.num_workers)))
        lo = self.start + info.id * per_worker
        return iter(range(lo, min(lo + per_worker, self.end)))

    def __len__(self):
        return self.end - self.start


for workers in (0, 1, 3):
    for sharded in (False, True):
        for bs, drop in ((2, False), (2, True), (None, False)):
            stream = RangeStream(3, 13, sharded)
            options = {"batch_size": bs, "drop_last": drop, "num_workers": workers}
            record(f"iterable_w{workers}_{'sharded' if sharded else 'copied'}_bs{bs}_drop{int(drop)}", "aten::stack", "iterable",
                   lambda s=stream, o=options: {"len": len(DataLoader(s, **o)), "batches": [enc(b) for b in DataLoader(s, **o)]},
                   range=[3, 13], sharded=sharded, options=options)


# ---- BatchSampler, ConcatDataset, random_split lengths ----

for n, bs, drop in ((10, 3, False), (10, 3, True), (9, 3, True), (2, 5, False), (2, 5, True)):
    sampler = BatchSampler(SequentialSampler(range(n)), bs, drop)
    record(f"batch_sampler_n{n}_bs{bs}_drop{int(drop)}", "aten::randperm", "batch_sampler",
           lambda s=sampler: {"len": len(s), "batches": list(s)}, n=n, batch_size=bs, drop_last=drop)

concat = ConcatDataset([ListDataset(list(range(0, 3))), ListDataset([]), ListDataset(list(range(10, 14))), ListDataset([20])])
for index in (0, 2, 3, 6, 7, -1, -8, -9):
    record(f"concat_index_{index}", "aten::randperm", "concat", lambda i=index: concat[i], sizes=[3, 0, 4, 1], index=index)

for n, fractions in ((10, [0.3, 0.3, 0.4]), (11, [0.5, 0.5]), (7, [0.1, 0.2, 0.3, 0.4]), (5, [1.0]), (3, [0.2, 0.2, 0.6]),
                     (10, [1.5, -0.5]), (10, [0.3, 0.3])):
    record(f"split_lengths_n{n}_{'_'.join(str(f) for f in fractions)}", "aten::randperm", "split_lengths",
           lambda n=n, f=fractions: [len(s) for s in random_split(range(n), f, generator=torch.Generator().manual_seed(0))],
           n=n, fractions=fractions)


# ---- conflicting DataLoader options ----

ERRORS = {
    "negative_workers": dict(num_workers=-1),
    "negative_timeout": dict(timeout=-1.0),
    "prefetch_without_workers": dict(prefetch_factor=4),
    "persistent_without_workers": dict(persistent_workers=True),
    "sampler_with_shuffle": dict(sampler=True, shuffle=True),
    "batch_sampler_with_batch_size": dict(batch_sampler=True, batch_size=2),
    "batch_sampler_with_shuffle": dict(batch_sampler=True, shuffle=True),
    "batch_sampler_with_sampler": dict(batch_sampler=True, sampler=True),
    "batch_sampler_with_drop_last": dict(batch_sampler=True, drop_last=True),
    "batch_sampler_with_no_batch_size": dict(batch_sampler=True, batch_size=None),
    "no_batch_size_with_drop_last": dict(batch_size=None, drop_last=True),
    "zero_batch_size": dict(batch_size=0),
    "iterable_with_shuffle": dict(iterable=True, shuffle=True),
    "iterable_with_sampler": dict(iterable=True, sampler=True),
    "iterable_with_batch_sampler": dict(iterable=True, batch_sampler=True),
    "prefetch_with_workers_ok": dict(prefetch_factor=4, num_workers=1),
    "shuffle_false_iterable_ok": dict(iterable=True, shuffle=False),
}
for name, options in ERRORS.items():
    def build(o=options):
        o = dict(o)
        dataset = RangeStream(0, 4, False) if o.pop("iterable", False) else tensors
        if o.get("sampler"):
            o["sampler"] = SequentialSampler(tensors)
        if o.get("batch_sampler"):
            o["batch_sampler"] = [[0, 1], [2]]
        DataLoader(dataset, **o)
        return "ok"
    record("options_" + name, "aten::randperm", "options", build, options=options)

write_fixture("data", 0.0, 0.0, cases)
print(f"{len(cases)} cases ({sum('error' in c for c in cases)} expected errors)")
