"""Golden values for the creation family (CreationOps): factories, random sampling, repr strings and .npy files.

Writes frontend/src/test/resources/golden/creation.json (op cases), golden/repr.json (PyTorch's repr of a set of
tensors) and npy/*.npy with npy/expected.json (files written by numpy, with their values in C order).
Random ops are only recorded where the result does not depend on the random stream (p = 0 or 1, std = 0,
one-hot distributions, a single integer in range, zero-size outputs) and for the errors PyTorch raises.
"""
import json
import os

import numpy as np
import torch

from golden import Family, OUT_DIR, ROOT, encode, noncontig, randint, randn

f = Family("creation")
REDUCED = dict(rtol=1e-2, atol=1e-3)


def zeroed(entry):
    """empty and empty_like leave memory uninitialised in PyTorch; Kiln's is zeroed, so compare dtype, shape and zeros."""
    out = entry.get("out")
    if out is not None:
        out["storage"] = [False if isinstance(x, bool) else 0 for x in out["storage"]]


# ---- constant fills ----
for name in ("zeros", "ones"):
    f.case(f"{name}/2x3", name, [2, 3])
    f.case(f"{name}/zero_size", name, [0, 4])
    f.case(f"{name}/scalar", name, [])
    f.case(f"{name}/negative", name, [2, -1])
    f.case(f"{name}/pin_memory", name, [2], pin_memory=True)
    f.case(f"{name}/cpu", name, [3], device=torch.device("cpu"))
    for dt in (torch.int64, torch.int32, torch.uint8, torch.bool, torch.float64, torch.float16, torch.bfloat16):
        f.case(f"{name}/{dt}", name, [2, 2], dtype=dt)
for size, dt in (([2, 3], None), ([0], torch.int32), ([], torch.bool), ([3, 1, 2], torch.float16)):
    zeroed(f.case(f"empty.memory_format/{size}/{dt}", "empty.memory_format", size, dtype=dt))
f.case("empty.memory_format/negative", "empty.memory_format", [-3])

f.case("full/int_fill_int64", "full", [2, 3], 7)
f.case("full/float_fill_float32", "full", [2], 1.5)
f.case("full/float_to_int64_truncates", "full", [2], -1.5, dtype=torch.int64)
f.case("full/uint8_wraps_negative", "full", [3], -1, dtype=torch.uint8)
f.case("full/uint8_overflow", "full", [3], 300, dtype=torch.uint8)
f.case("full/uint8_too_negative", "full", [3], -256, dtype=torch.uint8)
f.case("full/int8_float_overflow", "full", [2], 200.0, dtype=torch.int8)
f.case("full/int64_max", "full", [2], 2**63 - 1)
f.case("full/int64_from_1e19", "full", [2], 1e19, dtype=torch.int64)
f.case("full/int32_nan", "full", [2], float("nan"), dtype=torch.int32)
f.case("full/float32_overflow", "full", [2], 1e300)
f.case("full/float32_inf", "full", [2], float("inf"))
f.case("full/float64_nan", "full", [2], float("nan"), dtype=torch.float64)
f.case("full/float16_overflow", "full", [2], 70000, dtype=torch.float16)
f.case("full/float16", "full", [2], 0.1, dtype=torch.float16, **REDUCED)
f.case("full/bfloat16", "full", [2], 3.3, dtype=torch.bfloat16, **REDUCED)
f.case("full/bool_from_int", "full", [2], 2, dtype=torch.bool)
f.case("full/bool_from_float", "full", [2], 0.0, dtype=torch.bool)
f.case("full/zero_size", "full", [0, 2], 5)
f.case("full/negative_size", "full", [-2], 5)

f.case("scalar_tensor/int_gives_float32", "scalar_tensor", 3)
f.case("scalar_tensor/float64", "scalar_tensor", 2.5, dtype=torch.float64)
f.case("scalar_tensor/int64", "scalar_tensor", -4, dtype=torch.int64)
f.case("scalar_tensor/overflow", "scalar_tensor", 1e300)

x = randn(2, 3, seed=1)
xi = randint(-5, 5, 3, 2, dtype=torch.int32, seed=2)
for name in ("zeros_like", "ones_like", "empty_like"):
    for case_id, t, kw in (("float", x, {}), ("int32", xi, {}), ("noncontig", noncontig(randn(3, 4, seed=3)), {}),
                           ("dtype_override", x, {"dtype": torch.int64}), ("zero_size", torch.zeros(0, 3, dtype=torch.int8), {}),
                           ("to_bool", xi, {"dtype": torch.bool})):
        entry = f.case(f"{name}/{case_id}", name, t, **kw)
        if name == "empty_like":
            zeroed(entry)
f.case("full_like/float", "full_like", x, 2.5)
f.case("full_like/int_self_float_fill", "full_like", xi, 2.7)
f.case("full_like/float_self_int_fill", "full_like", x, 2)
f.case("full_like/dtype_override", "full_like", x, -3, dtype=torch.int16)
f.case("full_like/int8_overflow", "full_like", torch.zeros(2, dtype=torch.int8), 300)
f.case("full_like/bool", "full_like", torch.zeros(2, dtype=torch.bool), 3)
f.case("full_like/noncontig", "full_like", noncontig(randn(2, 3, seed=4)), 1.25)

# ---- ranges ----
f.case("arange/int", "arange", 5)
f.case("arange/float", "arange", 5.0)
f.case("arange/empty", "arange", 0)
f.case("arange/negative_end", "arange", -3)
f.case("arange/int32", "arange", 4, dtype=torch.int32)
f.case("arange/float64", "arange", 3, dtype=torch.float64)
f.case("arange.start/int", "arange.start", 2, 7)
f.case("arange.start/float_start", "arange.start", -3.5, 2)
f.case("arange.start/inf", "arange.start", 0, float("inf"))
f.case("arange.start/nan", "arange.start", 0, float("nan"))
f.case("arange.start/bool_dtype", "arange.start", 0, 5, dtype=torch.bool)
f.case("arange.start_step/tenths", "arange.start_step", 0, 1, 0.1)
f.case("arange.start_step/tenths_float64", "arange.start_step", 0, 1, 0.1, dtype=torch.float64)
f.case("arange.start_step/negative_step", "arange.start_step", 5, 0, -2)
f.case("arange.start_step/float_negative_step", "arange.start_step", 1.0, -1.0, -0.25)
f.case("arange.start_step/zero_step", "arange.start_step", 0, 5, 0)
f.case("arange.start_step/wrong_sign", "arange.start_step", 0, 5, -1)
f.case("arange.start_step/wrong_sign_float", "arange.start_step", 5.0, 0.0, 0.5)
f.case("arange.start_step/int32_fractional_step", "arange.start_step", 0, 5, 1.5, dtype=torch.int32)
f.case("arange.start_step/int64_step_truncates_to_zero", "arange.start_step", 0, 3, 0.5, dtype=torch.int64)
f.case("arange.start_step/int8_wraps", "arange.start_step", 0, 300, 100, dtype=torch.int8)
f.case("arange.start_step/uint8_negative", "arange.start_step", -3, 3, 2, dtype=torch.uint8)
f.case("arange.start_step/float16", "arange.start_step", 0, 10, 3, dtype=torch.float16)
f.case("arange.start_step/bfloat16", "arange.start_step", -1, 1, 0.25, dtype=torch.bfloat16, **REDUCED)
f.case("arange.start_step/large_ints", "arange.start_step", 10, 10**12, 10**11)
f.case("arange.start_step/size_overflow", "arange.start_step", 0.0, 1e20, 1e-300)
f.case("arange.start_step/equal_bounds", "arange.start_step", 3, 3, 1)
f.case("arange.start_step/uneven", "arange.start_step", 1, 10, 4)

f.case("linspace/unit", "linspace", 0, 1, 5)
f.case("linspace/float64", "linspace", 0, 1, 11, dtype=torch.float64)
f.case("linspace/reverse", "linspace", 2.5, -2.5, 6)
f.case("linspace/float16", "linspace", -1, 1, 7, dtype=torch.float16, **REDUCED)
f.case("linspace/bfloat16", "linspace", 0, 10, 6, dtype=torch.bfloat16, **REDUCED)
f.case("linspace/int8_reverse", "linspace", 3, -3, 7, dtype=torch.int8)
f.case("linspace/uint8", "linspace", 0, 255, 5, dtype=torch.uint8)
f.case("linspace/int64_truncates", "linspace", 0, 10, 5, dtype=torch.int64)
f.case("linspace/int64_fractional_bounds", "linspace", 0.5, 10.7, 4, dtype=torch.int64)
f.case("linspace/int32", "linspace", -10, 10, 7, dtype=torch.int32)
f.case("linspace/int64_large", "linspace", -2**62, 2**62, 5, dtype=torch.int64)
f.case("linspace/one_step", "linspace", 0, 1, 1)
f.case("linspace/one_step_int", "linspace", 2.7, 10.7, 1, dtype=torch.int64)
f.case("linspace/zero_steps", "linspace", 0, 1, 0)
f.case("linspace/negative_steps", "linspace", 0, 1, -1)
f.case("linspace/uint8_overflow", "linspace", 0, 300, 3, dtype=torch.uint8)
f.case("linspace/nan_end", "linspace", 0, float("nan"), 3)
f.case("linspace/inf_end", "linspace", 0, float("inf"), 3)
f.case("linspace/bool", "linspace", 0, 1, 3, dtype=torch.bool)
f.case("linspace/many", "linspace", -7, 13, 101)

f.case("logspace/decades", "logspace", 0, 3, 4)
f.case("logspace/float64", "logspace", -2, 2, 5, dtype=torch.float64)
f.case("logspace/base2_int64", "logspace", 0, 3, 4, 2.0, dtype=torch.int64)
f.case("logspace/base3_int32", "logspace", 0, 2, 5, 3.0, dtype=torch.int32)
f.case("logspace/bfloat16", "logspace", 0, 2, 5, dtype=torch.bfloat16, **REDUCED)
f.case("logspace/negative_base", "logspace", 0, 2, 3, -2.0)
f.case("logspace/one_step", "logspace", 2.5, 4, 1)
f.case("logspace/zero_steps", "logspace", 0, 1, 0)
f.case("logspace/negative_steps", "logspace", 0, 2, -1)
f.case("logspace/bool", "logspace", 0, 2, 5, dtype=torch.bool)
f.case("logspace/fractional", "logspace", 0.5, 1.5, 7, 10.0, rtol=1e-5)

f.case("eye/3", "eye", 3)
f.case("eye/0", "eye", 0)
f.case("eye/bool", "eye", 3, dtype=torch.bool)
f.case("eye/negative", "eye", -1)
f.case("eye.m/wide", "eye.m", 2, 4)
f.case("eye.m/tall_int32", "eye.m", 4, 2, dtype=torch.int32)
f.case("eye.m/empty_rows", "eye.m", 0, 3)
f.case("eye.m/negative_m", "eye.m", 2, -1)

# ---- random sampling: only stream-independent results ----
for name in ("rand", "randn"):
    f.case(f"{name}/zero_size", name, [2, 0])
    f.case(f"{name}/zero_size_float64", name, [0], dtype=torch.float64)
    f.case(f"{name}/int_dtype", name, [2], dtype=torch.int64)
    f.case(f"{name}/negative", name, [-2])
    f.case(f"{name}.generator/zero_size", f"{name}.generator", [0, 3], generator=None)
    f.case(f"{name}.generator/bool_dtype", f"{name}.generator", [2], generator=None, dtype=torch.bool)
    f.case(f"{name}_like/zero_size", f"{name}_like", torch.zeros(0, 2))
    f.case(f"{name}_like/int", f"{name}_like", torch.zeros(2, dtype=torch.int64))

f.case("randint/single_value", "randint", 1, [2, 3])
f.case("randint/empty_range", "randint", 0, [2])
f.case("randint/negative_size", "randint", 3, [-1])
f.case("randint.generator/single_value", "randint.generator", 1, [4], generator=None)
f.case("randint.low/single_value", "randint.low", 7, 8, [3])
f.case("randint.low/float16", "randint.low", -5, -4, [3], dtype=torch.float16)
f.case("randint.low/float32", "randint.low", 3, 4, [2], dtype=torch.float32)
f.case("randint.low/equal", "randint.low", 5, 5, [2])
f.case("randint.low/int8_out_of_range", "randint.low", 0, 300, [2], dtype=torch.int8)
f.case("randint.low/uint8_negative", "randint.low", -1, 3, [2], dtype=torch.uint8)
f.case("randint.low/bool_range3", "randint.low", 0, 3, [2], dtype=torch.bool)
f.case("randint.low/float16_out_of_range", "randint.low", 0, 100000, [2], dtype=torch.float16)
f.case("randint.low_generator/single_value", "randint.low_generator", -3, -2, [2, 2], generator=None, dtype=torch.int32)
f.case("randint_like/single_value", "randint_like", torch.zeros(2, 2, dtype=torch.int8), 1)
f.case("randint_like.low_dtype/single_value", "randint_like.low_dtype", torch.zeros(3, dtype=torch.int8), 3, 4)
f.case("randint_like.low_dtype/empty_range", "randint_like.low_dtype", torch.zeros(3), 4, 4)

f.case("randperm/zero", "randperm", 0)
f.case("randperm/one", "randperm", 1)
f.case("randperm/one_float32", "randperm", 1, dtype=torch.float32)
f.case("randperm/negative", "randperm", -1)
f.case("randperm/uint8_too_long", "randperm", 300, dtype=torch.uint8)
f.case("randperm/float16_too_long", "randperm", 5000, dtype=torch.float16)
f.case("randperm/bool", "randperm", 2, dtype=torch.bool)
f.case("randperm.generator/one", "randperm.generator", 1, generator=None)
f.case("randperm.generator/zero_int8", "randperm.generator", 0, generator=None, dtype=torch.int8)

mean = randn(2, 3, seed=5)
f.case("normal.float_float/zero_std", "normal.float_float", 0.0, 0.0, [2, 3])
f.case("normal.float_float/float64", "normal.float_float", 1.5, 0.0, [2], dtype=torch.float64)
f.case("normal.float_float/bfloat16", "normal.float_float", 1.0, 0.0, [2], dtype=torch.bfloat16)
f.case("normal.float_float/negative_std", "normal.float_float", 0.0, -1.0, [2])
f.case("normal.float_float/int_dtype", "normal.float_float", 0.0, 1.0, [2], dtype=torch.int64)
f.case("normal.float_float/zero_size", "normal.float_float", 0.0, 1.0, [0, 2])
f.case("normal.Tensor_float/zero_std", "normal.Tensor_float", mean, 0.0)
f.case("normal.Tensor_float/noncontig", "normal.Tensor_float", noncontig(randn(3, 2, seed=6)), 0.0)
f.case("normal.Tensor_float/negative_std", "normal.Tensor_float", mean, -1.0)
f.case("normal.Tensor_float/nan_std", "normal.Tensor_float", mean, float("nan"))
f.case("normal.Tensor_float/int_mean", "normal.Tensor_float", torch.zeros(2, dtype=torch.int64), 1.0)
f.case("normal.float_Tensor/zero_std", "normal.float_Tensor", 2.0, torch.zeros(2, 2))
f.case("normal.float_Tensor/negative_std", "normal.float_Tensor", 0.0, -torch.ones(2))
f.case("normal.float_Tensor/int_std", "normal.float_Tensor", 1.0, torch.zeros(2, dtype=torch.int64))
f.case("normal.Tensor_Tensor/broadcast", "normal.Tensor_Tensor", randn(2, 1, seed=7), torch.zeros(3))
f.case("normal.Tensor_Tensor/mean_dtype_wins", "normal.Tensor_Tensor", randn(2, dtype=torch.float64, seed=8), torch.zeros(2))
f.case("normal.Tensor_Tensor/float16", "normal.Tensor_Tensor", randn(2, dtype=torch.float16, seed=9), torch.zeros(2, dtype=torch.float16))
f.case("normal.Tensor_Tensor/bad_shapes", "normal.Tensor_Tensor", torch.zeros(2), torch.zeros(3))
f.case("normal.Tensor_Tensor/negative_std", "normal.Tensor_Tensor", torch.ones(2), -torch.ones(2))
f.case("normal.Tensor_Tensor/nan_std", "normal.Tensor_Tensor", torch.ones(2), torch.tensor([float("nan"), 0.0]))
f.case("normal.Tensor_Tensor/zero_size", "normal.Tensor_Tensor", torch.zeros(0, 2), torch.zeros(2))

ones_zeros = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
f.case("bernoulli/certain", "bernoulli", ones_zeros)
f.case("bernoulli/float64", "bernoulli", ones_zeros.double())
f.case("bernoulli/bfloat16", "bernoulli", ones_zeros.bfloat16())
f.case("bernoulli/noncontig", "bernoulli", noncontig(ones_zeros))
f.case("bernoulli/p_above_one", "bernoulli", torch.full((2,), 2.0))
f.case("bernoulli/int_self", "bernoulli", torch.ones(2, dtype=torch.int64))
f.case("bernoulli.p/one", "bernoulli.p", torch.zeros(2, 3), 1.0)
f.case("bernoulli.p/zero_int", "bernoulli.p", torch.ones(4, dtype=torch.int64), 0.0)
f.case("bernoulli.p/one_bool", "bernoulli.p", torch.zeros(2, dtype=torch.bool), 1.0)
f.case("bernoulli.p/above_one", "bernoulli.p", torch.zeros(2), 2.0)
f.case("bernoulli.p/nan", "bernoulli.p", torch.zeros(2), float("nan"))
f.case("bernoulli.Tensor/broadcast_p", "bernoulli.Tensor", torch.zeros(2, 3), torch.tensor([1.0, 0.0, 1.0]))
f.case("bernoulli.Tensor/float64_p", "bernoulli.Tensor", torch.zeros(2, dtype=torch.int32), torch.ones(2, dtype=torch.float64))
f.case("bernoulli.Tensor/p_not_expandable", "bernoulli.Tensor", torch.zeros(3), torch.ones(2, 3))
f.case("bernoulli.Tensor/int_p", "bernoulli.Tensor", torch.zeros(3), torch.ones(3, dtype=torch.int64))
f.case("bernoulli.Tensor/p_above_one", "bernoulli.Tensor", torch.zeros(3), torch.full((3,), 2.0))
f.case("bernoulli_.float/one", "bernoulli_.float", torch.zeros(2, 2), 1.0)
f.case("bernoulli_.float/uint8", "bernoulli_.float", torch.zeros(3, dtype=torch.uint8), 1.0)
f.case("bernoulli_.float/noncontig", "bernoulli_.float", noncontig(randn(3, 2, seed=10)), 0.0)
f.case("bernoulli_.float/negative", "bernoulli_.float", torch.zeros(2), -0.5)
f.case("bernoulli_.Tensor/broadcast_p", "bernoulli_.Tensor", torch.zeros(2, 3), torch.tensor([0.0, 1.0, 1.0]))
f.case("bernoulli_.Tensor/p_not_expandable", "bernoulli_.Tensor", torch.zeros(3), torch.ones(2, 3))

one_hot = torch.tensor([0.0, 0.0, 3.0, 0.0])
rows = torch.tensor([[0.0, 2.0], [5.0, 0.0], [0.0, 1e-3]])
f.case("multinomial/one_hot_replacement", "multinomial", one_hot, 5, True)
f.case("multinomial/one_hot_single", "multinomial", one_hot, 1)
f.case("multinomial/rows_replacement", "multinomial", rows, 4, True)
f.case("multinomial/rows_float64", "multinomial", rows.double(), 3, True)
f.case("multinomial/rows_single", "multinomial", rows, 1, False)
f.case("multinomial/rows_bfloat16", "multinomial", rows.bfloat16(), 2, True)
f.case("multinomial/noncontig", "multinomial", noncontig(torch.tensor([[0.0, 1.0], [1.0, 0.0]])), 2, True)
f.case("multinomial/zero_rows", "multinomial", torch.zeros(0, 3), 2, True)
f.case("multinomial/3d", "multinomial", torch.ones(2, 2, 2), 1)
f.case("multinomial/0d", "multinomial", torch.tensor(1.0), 1)
f.case("multinomial/int_probs", "multinomial", torch.ones(3, dtype=torch.int64), 1)
f.case("multinomial/zero_samples", "multinomial", torch.ones(3), 0)
f.case("multinomial/too_many_without_replacement", "multinomial", torch.ones(3), 4)
f.case("multinomial/negative", "multinomial", torch.tensor([1.0, -1.0]), 1)
f.case("multinomial/negative_replacement", "multinomial", torch.tensor([1.0, -1.0]), 2, True)
f.case("multinomial/nan", "multinomial", torch.tensor([1.0, float("nan")]), 1)
f.case("multinomial/inf_replacement", "multinomial", torch.tensor([1.0, float("inf")]), 2, True)
f.case("multinomial/all_zero", "multinomial", torch.tensor([0.0, 0.0]), 1)
f.case("multinomial/all_zero_replacement", "multinomial", torch.tensor([0.0, 0.0]), 2, True)
f.case("multinomial/no_categories", "multinomial", torch.zeros(2, 0), 1, True)
f.case("multinomial/too_many_categories", "multinomial", torch.ones(1).expand(2**24 + 1), 1)

f.case("uniform_/degenerate", "uniform_", torch.zeros(2, 3), 1.5, 1.5)
f.case("uniform_/float64", "uniform_", torch.zeros(2, dtype=torch.float64), -2.0, -2.0)
f.case("uniform_/bfloat16", "uniform_", torch.zeros(2, dtype=torch.bfloat16), 2.0, 2.0)
f.case("uniform_/noncontig", "uniform_", noncontig(randn(3, 2, seed=11)), 0.25, 0.25)
f.case("uniform_/reversed", "uniform_", torch.zeros(2), 2.0, 1.0)
f.case("uniform_/int", "uniform_", torch.zeros(2, dtype=torch.int64), 0.0, 1.0)
f.case("uniform_/inf", "uniform_", torch.zeros(2), 0.0, float("inf"))
f.case("uniform_/nan", "uniform_", torch.zeros(2), float("nan"), 1.0)
f.case("uniform_/range_overflow", "uniform_", torch.zeros(2), -3e38, 3e38)
f.case("uniform_/float16_out_of_range", "uniform_", torch.zeros(2, dtype=torch.float16), 0.0, 1e5)
f.case("normal_/zero_std", "normal_", torch.zeros(2, 3), 3.0, 0.0)
f.case("normal_/float16", "normal_", torch.zeros(2, dtype=torch.float16), -1.5, 0.0)
f.case("normal_/noncontig", "normal_", noncontig(randn(2, 3, seed=12)), 0.5, 0.0)
f.case("normal_/negative_std", "normal_", torch.zeros(2), 0.0, -1.0)
f.case("normal_/nan_std", "normal_", torch.zeros(2), 0.0, float("nan"))
f.case("normal_/int", "normal_", torch.zeros(2, dtype=torch.int64), 0.0, 1.0)
f.case("normal_/bool", "normal_", torch.zeros(2, dtype=torch.bool), 0.0, 0.0)
f.write()


# ---- repr strings ----
def repr_cases():
    g = torch.Generator().manual_seed(0)
    return [
        torch.tensor([[1.0, 2.5], [3.25, 4.0]]),
        torch.tensor([1.0, 10.0, 100.0]),
        torch.tensor([-0.0, 1.0]),
        torch.tensor([0.125, 0.375, 2.675, 1.23456789]),
        torch.tensor([1.0e-5, 1.0]),
        torch.tensor([123456789.0, 1.0]),
        torch.tensor([1.0e10, 2.0e10]),
        torch.tensor([1.0e9, 1.0]),
        torch.tensor([float("nan"), float("inf"), -float("inf"), 1.5]),
        torch.tensor([float("nan")]),
        torch.tensor([0.0, float("nan")]),
        torch.tensor([0.0, 0.0]),
        torch.tensor([1.0e-30, -2.5e30], dtype=torch.float64),
        torch.tensor([5, -17, 300]),
        torch.tensor([True, False, True]),
        torch.tensor([[True], [True]]),
        torch.tensor([1, -2], dtype=torch.int8),
        torch.tensor([0, 255], dtype=torch.uint8),
        torch.tensor([7, 8], dtype=torch.int32),
        torch.tensor([-3, 4], dtype=torch.int16),
        torch.tensor([1.5, 2.0], dtype=torch.float64),
        torch.tensor([0.1, 1000.5], dtype=torch.float16),
        torch.tensor([0.1, 3.0], dtype=torch.bfloat16),
        torch.tensor([123456789012, -5]),
        torch.zeros(0),
        torch.zeros(0, 3),
        torch.zeros(2, 0, 3, dtype=torch.int64),
        torch.zeros(0, dtype=torch.bool),
        torch.zeros(0, 2, dtype=torch.int32),
        torch.tensor(3.5),
        torch.tensor(7),
        torch.tensor(True),
        torch.tensor(1.0e-10),
        torch.tensor(float("nan")),
        torch.tensor(-0.0),
        torch.tensor(2.0, dtype=torch.float64),
        torch.tensor(3, dtype=torch.uint8),
        torch.arange(30.0),
        torch.arange(100),
        torch.arange(40.0).reshape(2, 20) / 7,
        torch.randn(50, generator=g),
        torch.randn(5, 5, generator=g),
        torch.randn(2, 3, 4, generator=g).double(),
        torch.randn(6, 6, generator=g) * 1e-3,
        torch.randn(3, 4, generator=g).t(),
        torch.arange(2000),
        torch.arange(1001.0),
        torch.randn(40, 40, generator=g),
        torch.randn(20, 10, 10, generator=g),
        torch.arange(1200, dtype=torch.int32).reshape(30, 40),
        torch.randn(2, 600, generator=g) * 1e5,
        torch.rand(8, generator=g, dtype=torch.float64) * 10,
        torch.tensor([0.1] * 12, dtype=torch.float64),
        torch.tensor([[1e-8, 1.0], [2.0, 3.0]]),
        torch.tensor([1.0, 2.0, 3.0e8]),
    ]


reprs = [{"input": encode(t), "repr": repr(t)} for t in repr_cases()]
with open(os.path.join(OUT_DIR, "repr.json"), "w") as fh:
    json.dump({"torch": torch.__version__, "cases": reprs}, fh, allow_nan=True, separators=(",", ":"))
    fh.write("\n")


# ---- .npy files written by numpy ----
NPY_DIR = os.path.join(ROOT, "frontend", "src", "test", "resources", "npy")
os.makedirs(NPY_DIR, exist_ok=True)
arrays = {
    "f4_c.npy": np.arange(6, dtype="<f4").reshape(2, 3) / 4,
    "f8_fortran.npy": np.asfortranarray(np.arange(12, dtype="<f8").reshape(3, 4) - 5.5),
    "i8.npy": np.array([-(2**62), -1, 0, 2**62], dtype="<i8"),
    "i4_big_endian.npy": np.arange(-3, 3, dtype=">i4").reshape(3, 2),
    "i2_fortran_3d.npy": np.asfortranarray(np.arange(24, dtype="<i2").reshape(2, 3, 4) * 100 - 1000),
    "i1.npy": np.array([-128, -1, 0, 127], dtype="i1"),
    "u1.npy": np.array([[0, 1], [128, 255]], dtype="u1"),
    "b1.npy": np.array([True, False, True]),
    "f2.npy": np.array([0.5, -1.25, 65504.0, np.inf], dtype="<f2"),
    "f8_big_endian.npy": np.array([1.5, -2.25, np.nan], dtype=">f8"),
    "scalar_f8.npy": np.array(3.25, dtype="<f8"),
    "empty_f4.npy": np.zeros((0, 3), dtype="<f4"),
}
expected = {}
for name, arr in arrays.items():
    np.save(os.path.join(NPY_DIR, name), arr)
    flat = np.ascontiguousarray(arr).reshape(-1)
    values = [bool(v) if arr.dtype == np.bool_ else (int(v) if arr.dtype.kind in "iu" else float(v)) for v in flat]
    expected[name] = {"dtype": {"b": "bool", "i": "int", "u": "uint", "f": "float"}[arr.dtype.kind] + ("" if arr.dtype.kind == "b" else str(8 * arr.dtype.itemsize)),
                      "shape": list(arr.shape), "fortran": bool(arr.flags.f_contiguous and not arr.flags.c_contiguous), "values": values}
with open(os.path.join(NPY_DIR, "v2_header.npy"), "wb") as fh:
    np.lib.format.write_array(fh, np.arange(4, dtype="<i4"), version=(2, 0))
expected["v2_header.npy"] = {"dtype": "int32", "shape": [4], "fortran": False, "values": [0, 1, 2, 3]}
with open(os.path.join(NPY_DIR, "expected.json"), "w") as fh:
    json.dump(expected, fh, allow_nan=True, indent=1)
    fh.write("\n")
