#!/usr/bin/env python3
"""Times the cases of Kiln's JMH benchmarks in eager PyTorch on the CPU, for benchmarks/compare.py.

Same inputs as the Java side (float32, contiguous), 2 intra-op threads, each case timed with timeit: the
number of calls per repeat is chosen so a repeat lasts about 50 ms, and the median per-call time over the
repeats is reported. SGEMM is timed twice: with OpenBLAS's own choice of kernels, and with
OPENBLAS_CORETYPE=SkylakeX (its AVX-512 kernels) in a child process, since the core type is read at load time.
With --like, only the cases that a JMH result file (benchmarks/run.sh's jmh.json) holds are timed.

    /usr/bin/python3 benchmarks/pytorch_bench.py [--quick] [--like jmh.json] [--out results.json]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import timeit

import torch

THREADS = 2
SIZES = [1024, 65536, 1048576, 4194304, 16777216]
MATRIX_ORDERS = [64, 128, 256, 512, 1024, 2048]
LINEAR_BATCHES = [1, 32]
LINEAR_SHAPES = [(784, 512), (512, 512), (512, 10), (1024, 1024)]
CHAIN_OPS = 32
MLP_SIZES = (32, 64, 128, 128, 10)
# ConvBench's cases "NxCxHxW-OkKsS[dw]": N images of C channels, H x W, into O channels, K x K kernel, stride S, padding
# K // 2; "dw" is depthwise (groups = C)
RESNET_LAYERS = [(64, 56), (128, 28), (256, 14), (512, 7)]
MOBILENET_DEPTHWISE = [(32, 112, 1), (96, 112, 2), (144, 56, 1), (192, 28, 1), (384, 14, 1), (576, 14, 2), (960, 7, 1)]
CONV_BACKWARD = "8x64x56x56-64k3s1"


def chain_cases(g):
    """AutogradBench.chain/chainForward: y = x, then y * c, y + d, tanh(y), sin(y) repeated to CHAIN_OPS ops, on 16 elements."""
    x = torch.randn(16, generator=g).requires_grad_()
    c, d = torch.randn(16, generator=g) * 0.1 + 1, torch.randn(16, generator=g)

    def loss():
        y = x
        for i in range(CHAIN_OPS):
            k = i % 4
            y = y * c if k == 0 else y + d if k == 1 else y.tanh() if k == 2 else y.sin()
        return y.sum()

    def step():
        x.grad = None
        loss().backward()
        return x.grad

    return [(f"autograd_chain/{CHAIN_OPS}", step), (f"autograd_chainForward/{CHAIN_OPS}", loss)]


def mlp_cases(g):
    """AutogradBench.mlp/mlpForward: a 3-layer perceptron, x.matmul(w).add(b).relu() per hidden layer, sum loss."""
    batch, *widths = MLP_SIZES
    x = torch.randn(batch, widths[0], generator=g)
    layers = [((torch.randn(i, o, generator=g) / i ** 0.5).requires_grad_(),
               (torch.randn(o, generator=g) * 0.1).requires_grad_()) for i, o in zip(widths, widths[1:])]
    params = [p for layer in layers for p in layer]

    def loss():
        h = x
        for k, (w, b) in enumerate(layers):
            h = h.matmul(w).add(b)
            if k < len(layers) - 1:
                h = h.relu()
        return h.sum()

    def step():
        for p in params:
            p.grad = None
        loss().backward()
        return params[-2].grad

    return [("autograd_mlp", step), ("autograd_mlpForward", loss)]


def demo_epoch_case(g):
    """DemoBench.epoch: one training epoch of ./kiln demo (its CNN, optdigits' 70 % training split, batch 32, Adam)."""
    import gzip
    nn = torch.nn
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli", "src", "main", "resources", "dev", "kiln",
                        "cli", "demo", "optdigits.csv.gz")
    with gzip.open(path, "rt") as f:
        rows = [[int(v) for v in line.split(",")] for line in f if line.strip()]
    data = torch.tensor(rows)
    images, labels = (data[:, :64].float() / 16).reshape(-1, 1, 8, 8), data[:, 64]
    train = torch.randperm(len(rows), generator=g)[:len(rows) * 7 // 10]
    model = nn.Sequential(nn.Conv2d(1, 32, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3, 1, 1), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(256, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images[train], labels[train]), batch_size=32,
                                         shuffle=True, generator=g)

    def epoch():
        model.train()
        for x, y in loader:
            optimizer.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
        return loss

    return [("demo_epoch", epoch)]


def conv_shapes():
    """ConvBench.Forward's shapes: ResNet-18's 3x3 and 1x1 layers, its 1x1 stride-2 downsample, MobileNetV2's depthwise."""
    out = []
    for k in (3, 1):
        out += [f"{n}x{c}x{hw}x{hw}-{c}k{k}s1" for c, hw in RESNET_LAYERS for n in (1, 8)]
    out += [f"{n}x64x56x56-128k1s2" for n in (1, 8)]
    out += [f"{n}x{c}x{hw}x{hw}-{c}k3s{s}dw" for c, hw, s in MOBILENET_DEPTHWISE for n in (1, 8)]
    return out


def conv_case(shape, g):
    """(input, weight, stride, padding, groups, flops of the forward) of a ConvBench case name."""
    m = re.fullmatch(r"(\d+)x(\d+)x(\d+)x(\d+)-(\d+)k(\d+)s(\d+)(dw)?", shape)
    n, c, h, w, o, k, s = map(int, m.groups()[:7])
    groups = c if m.group(8) else 1
    x = torch.randn(n, c, h, w, generator=g)
    weight = torch.randn(o, c // groups, k, k, generator=g) / (c // groups * k * k) ** 0.5
    oh, ow = (h + 2 * (k // 2) - k) // s + 1, (w + 2 * (k // 2) - k) // s + 1
    return x, weight, s, k // 2, groups, 2 * n * o * oh * ow * c // groups * k * k


def conv_cases(g):
    """ConvBench.conv on every shape, and convBackward: forward plus input and weight gradients (3x the forward's flops)."""
    F = torch.nn.functional
    out = []
    for shape in conv_shapes():
        x, w, s, p, groups, flops = conv_case(shape, g)
        out.append((f"conv/{shape}", lambda x=x, w=w, s=s, p=p, groups=groups: F.conv2d(x, w, None, s, p, 1, groups), flops))
    x, w, s, p, groups, flops = conv_case(CONV_BACKWARD, g)
    x.requires_grad_()
    w.requires_grad_()
    grad = torch.randn(F.conv2d(x, w, None, s, p).shape, generator=g)
    out.append((f"convBackward/{CONV_BACKWARD}",
                lambda: torch.autograd.grad(F.conv2d(x, w, None, s, p, 1, groups), (x, w), grad), 3 * flops))
    return out


def cases(only):
    """(name, callable) or (name, callable, flops) tuples; names match compare.py's names for the JMH results.
    The "mm" group holds the cases that run on OpenBLAS: they are timed again with its AVX-512 kernels."""
    g = torch.Generator().manual_seed(0)
    out = []
    if only in (None, "elementwise"):
        for n in SIZES:
            a, b = torch.randn(n, generator=g), torch.randn(n, generator=g)
            c = torch.randn(n, generator=g)
            out += [(f"add/{n}", lambda a=a, b=b: torch.add(a, b)),
                    (f"add_/{n}", lambda c=c, b=b: c.add_(b)),
                    (f"exp/{n}", lambda a=a: torch.exp(a)),
                    (f"relu/{n}", lambda a=a: torch.relu(a)),
                    (f"sum/{n}", lambda a=a: torch.sum(a))]
        x, y = torch.randn(1, generator=g), torch.randn(1, generator=g)
        out.append(("tiny_add", lambda: x + y))
    if only in (None, "norm"):
        image = torch.randn(32, 128, 32, 32, generator=g)
        weight, bias, mean = torch.randn(128, generator=g), torch.randn(128, generator=g), torch.randn(128, generator=g)
        var = torch.randn(128, generator=g).abs()
        rows, row_weight, row_bias = torch.randn(4096, 1024, generator=g), torch.randn(1024, generator=g), torch.randn(1024, generator=g)
        F = torch.nn.functional
        out += [("batchNormEval", lambda: F.batch_norm(image, mean, var, weight, bias, training=False)),
                ("batchNormTrain", lambda: F.batch_norm(image, mean, var, weight, bias, training=True)),
                ("layerNorm", lambda: F.layer_norm(rows, [1024], row_weight, row_bias)),
                ("softmax", lambda: torch.softmax(rows, -1)),
                ("logSoftmax", lambda: torch.log_softmax(rows, -1))]
    if only in (None, "mm"):
        for n in MATRIX_ORDERS:
            a, b = torch.randn(n, n, generator=g), torch.randn(n, n, generator=g)
            out += [(f"mm/{n}", lambda a=a, b=b: torch.mm(a, b), 2 * n ** 3),
                    (f"matmul/{n}", lambda a=a, b=b: torch.matmul(a, b), 2 * n ** 3)]
        for batch in LINEAR_BATCHES:
            for i, o in LINEAR_SHAPES:
                x, w, bias = torch.randn(batch, i, generator=g), torch.randn(o, i, generator=g), torch.randn(o, generator=g)
                out.append((f"linear/{batch}/{i}x{o}", lambda x=x, w=w, bias=bias: torch.nn.functional.linear(x, w, bias),
                            2 * batch * i * o))
    if only in (None, "autograd"):
        out += chain_cases(g) + mlp_cases(g)
    if only in (None, "train"):
        out += demo_epoch_case(g)
    if only in (None, "pool"):
        F = torch.nn.functional
        stem, last = torch.randn(8, 64, 112, 112, generator=g), torch.randn(8, 512, 7, 7, generator=g)
        out += [("maxPool2d", lambda: F.max_pool2d(stem, 3, 2, 1)),
                ("avgPool2d", lambda: F.avg_pool2d(last, 3, 1, 1)),
                ("adaptiveAvgPool2dGlobal", lambda: F.adaptive_avg_pool2d(last, 1)),
                ("adaptiveAvgPool2d", lambda: F.adaptive_avg_pool2d(last, 2))]
    if only in (None, "conv"):
        out += conv_cases(g)
    return out


def median_seconds(fn, repeats):
    timer = timeit.Timer(fn)
    number, total = timer.autorange()  # also the warm-up: at least 0.2 s of calls
    number = max(1, int(number * 0.05 / max(total, 1e-9)))
    return statistics.median(t / number for t in timer.repeat(repeat=repeats, number=number))


def jmh_case_names(path):
    """The case names of a JMH result file, as compare.py names them."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from compare import kiln_results
    return set(kiln_results(path))


def run(only, repeats, like=None):
    """Times the cases: ({name: seconds}, {name: flops} for the cases that count them)."""
    torch.set_num_threads(THREADS)
    results, flops = {}, {}
    for name, fn, *count in cases(only):
        if like is not None and name not in like:
            continue
        results[name] = median_seconds(fn, repeats)
        if count:
            flops[name] = count[0]
        print(f"  {name:<28} {results[name] * 1e6:12.2f} us", file=sys.stderr)
    return results, flops


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="5 repeats instead of 21 (smoke runs)")
    p.add_argument("--only", choices=["elementwise", "norm", "mm", "pool", "autograd", "train", "conv"], help="time one group of cases")
    p.add_argument("--like", metavar="JMH_JSON", help="time only the cases this JMH result file holds")
    p.add_argument("--out", help="write the JSON here (default: stdout)")
    args = p.parse_args()
    repeats = 5 if args.quick else 21
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(THREADS), OMP_NUM_THREADS=str(THREADS))
    if os.environ.get("OPENBLAS_NUM_THREADS") != str(THREADS):
        # OpenBLAS reads its thread count when it loads: rerun this script with it set
        sys.exit(subprocess.call([sys.executable] + sys.argv, env=env))
    print(f"PyTorch {torch.__version__}, {THREADS} threads, OPENBLAS_CORETYPE="
          f"{os.environ.get('OPENBLAS_CORETYPE', 'auto')}", file=sys.stderr)
    like = jmh_case_names(args.like) if args.like else None
    results, flops = run(args.only, repeats, like)
    blas_cases = {name for name, *_ in cases("mm")}
    if args.only is None and (like is None or like & blas_cases):
        child_args = ["--only", "mm"] + (["--quick"] if args.quick else []) + (["--like", args.like] if args.like else [])
        child = subprocess.run([sys.executable, __file__] + child_args,
                               env=dict(env, OPENBLAS_CORETYPE="SkylakeX"), check=True, stdout=subprocess.PIPE, text=True)
        for name, seconds in json.loads(child.stdout)["results"].items():
            results[name + "@SkylakeX"] = seconds
    doc = {"torch": torch.__version__, "threads": THREADS, "repeats": repeats, "unit": "s", "results": results,
           "flops": flops}
    text = json.dumps(doc, indent=1)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
