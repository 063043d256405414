#!/usr/bin/env python3
"""Prints Kiln's JMH results next to PyTorch's (benchmarks/pytorch_bench.py) as a table of median times and
Kiln/PyTorch ratios (below 1: Kiln is faster). Standard library only.

    python3 benchmarks/compare.py jmh.json pytorch.json [--markdown]

A JMH result named <Class>.<method> with parameters p1, p2 ... is the case "<method>/<p1>/<p2>"; TinyBench's
methods get the prefix "tiny_", AutogradBench's "autograd_", DemoBench's "demo_". Each Kiln time is the median of the measurement
iterations of all forks. Derived rows, on both sides: "autograd_chain_backward_per_op/<ops>" is
(chain - chainForward) / ops, the backward cost of one op of the chain, and "autograd_mlp_backward" is
mlp - mlpForward.
The "PyTorch SkylakeX" columns are filled for cases pytorch.json also holds as "<case>@SkylakeX" (timed with
OpenBLAS's AVX-512 kernels), the GFLOP/s columns for cases it gives a flop count in "flops".
"""
import json
import statistics
import sys

UNIT_SECONDS = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}
CLASS_PREFIX = {"TinyBench": "tiny_", "AutogradBench": "autograd_", "DemoBench": "demo_"}


def kiln_results(path):
    with open(path) as f:
        runs = json.load(f)
    out = {}
    for run in runs:
        cls, method = run["benchmark"].split(".")[-2:]
        name = CLASS_PREFIX.get(cls, "") + method
        for value in run.get("params", {}).values():
            name += "/" + value
        metric = run["primaryMetric"]
        scores = [x for fork in metric["rawData"] for x in fork]
        out[name] = statistics.median(scores) * UNIT_SECONDS[metric["scoreUnit"]]
    return out


def with_derived(results):
    """Adds the backward-only rows computed from forward+backward and forward-only times."""
    out = dict(results)
    for name, seconds in results.items():
        group, _, ops = name.partition("/")
        if group == "autograd_chain" and f"autograd_chainForward/{ops}" in results:
            out[f"autograd_chain_backward_per_op/{ops}"] = (seconds - results[f"autograd_chainForward/{ops}"]) / int(ops)
        if name == "autograd_mlp" and "autograd_mlpForward" in results:
            out["autograd_mlp_backward"] = seconds - results["autograd_mlpForward"]
    return out


def fmt_time(seconds):
    if seconds is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def gflops(flops, seconds):
    return f"{flops / seconds / 1e9:.0f}" if flops and seconds else "-"


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "-"


def rows(kiln, torch, flops):
    names = sorted(set(kiln) | {k for k in torch if "@" not in k}, key=order)
    for name in names:
        k, t, s, f = kiln.get(name), torch.get(name), torch.get(name + "@SkylakeX"), flops.get(name)
        row = [name, fmt_time(k), fmt_time(t), ratio(k, t)]
        row += [fmt_time(s), ratio(k, s)] if s else ["", ""]
        row += [gflops(f, k), gflops(f, t), gflops(f, s) if s else ""] if f else ["", "", ""]
        yield row


def order(name):
    group, _, size = name.partition("/")
    return group, int(size) if size.isdigit() else 0


HEADER = ["case", "Kiln", "PyTorch", "Kiln/PyTorch", "PyTorch SkylakeX", "Kiln/SkylakeX", "Kiln GFLOP/s",
          "PyTorch GFLOP/s", "SkylakeX GFLOP/s"]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    doc = json.load(open(args[1]))
    kiln, torch = kiln_results(args[0]), doc["results"]
    table = [HEADER] + list(rows(with_derived(kiln), with_derived(torch), doc.get("flops", {})))
    if "--markdown" in sys.argv:
        print("| " + " | ".join(HEADER) + " |")
        print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(HEADER))) + "|")
        for r in table[1:]:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(r[i]) for r in table) for i in range(len(HEADER))]
    for r in table:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))


if __name__ == "__main__":
    main()
