"""Golden values for torch.optim (1.13): five steps of every optimizer under several option combinations, the
learning-rate sequence of every scheduler, and gradient clipping. Writes three fixtures:

- optim.json: per case the optimizer, its keyword arguments and parameter groups, the initial parameters, the
  gradients given before each step (None where a parameter has no gradient that step), the parameters after each
  step and the final state_dict(). Gradients are those of a fixed quadratic loss at the current parameters.
- lr_scheduler.json: per case the scheduler and its arguments, the optimizer's groups, the groups' lr (what get_last_lr()
  returns) after construction and after each of 12 steps (and the momentum or beta1 OneCycleLR sets).
- clip_grad.json: clip_grad_norm_ (p = 2, 1, 0.5, 3, inf) and clip_grad_value_ results on fixed gradients.

The Java tests (frontend dev.kiln.optim, dev.kiln.optim.lr, dev.kiln.nn.utils) replay them.
"""
import math

import torch

from golden import encode, randn, write_fixture

STEPS = 5


def quadratic_grads(params, step):
    """Gradients of sum(c * (p - target)^2) at the current parameters; the second parameter gets none at step 2 and
    the third never does (both must be skipped)."""
    grads = []
    for i, p in enumerate(params):
        if i == 2 or (i == 1 and step == 2):
            grads.append(None)
            continue
        q = p.detach().clone().requires_grad_(True)
        target = randn(*p.shape, dtype=p.dtype, seed=100 + i)
        weight = randn(*p.shape, dtype=p.dtype, seed=200 + i).abs() + 0.5
        (weight * (q - target) ** 2).sum().backward()
        grads.append(q.grad)
    return grads


def initial_params(dtype):
    return [randn(3, 4, dtype=dtype, seed=1), randn(5, dtype=dtype, seed=2), randn(2, dtype=dtype, seed=3)]


def encode_value(v):
    if isinstance(v, dict):
        return {str(k): encode_value(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [encode_value(x) for x in v]
    return encode(v)


def optim_case(cases, case_id, name, kwargs, groups=None, dtype=torch.float32, rtol=None, atol=None):
    """groups: None for one group of all parameters, else a list of (param indices, group options)."""
    params = [p.clone().requires_grad_(True) for p in initial_params(dtype)]
    spec = [{"params": [params[i] for i in idx], **opts} for idx, opts in groups] if groups else params
    opt = getattr(torch.optim, name)(spec, **kwargs)
    entry = {"id": case_id, "optimizer": name, "kwargs": encode_value(kwargs),
             "groups": [{"params": idx, **encode_value(opts)} for idx, opts in groups] if groups else None,
             "initial": [encode(p.detach().clone()) for p in params], "grads": [], "params": []}
    for step in range(STEPS):
        grads = quadratic_grads(params, step)
        for p, g in zip(params, grads):
            p.grad = g
        opt.step()
        entry["grads"].append([encode(g) if g is not None else None for g in grads])
        entry["params"].append([encode(p.detach().clone()) for p in params])
    entry["state_dict"] = encode_value(opt.state_dict())
    if rtol is not None:
        entry["rtol"] = rtol
    if atol is not None:
        entry["atol"] = atol
    cases.append(entry)


def optim_cases():
    cases = []
    for i, kw in enumerate([dict(lr=0.1), dict(lr=0.1, momentum=0.9), dict(lr=0.1, momentum=0.9, dampening=0.5, weight_decay=0.1),
                            dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01), dict(lr=0.1, momentum=0.5, maximize=True)]):
        optim_case(cases, f"sgd_{i}", "SGD", kw)
    for i, kw in enumerate([dict(), dict(lr=0.01, amsgrad=True), dict(lr=0.01, weight_decay=0.1, betas=(0.8, 0.99)),
                            dict(lr=0.01, maximize=True, amsgrad=True, weight_decay=0.05), dict(lr=0.02, eps=1e-3)]):
        optim_case(cases, f"adam_{i}", "Adam", kw)
    for i, kw in enumerate([dict(lr=0.01), dict(lr=0.01, amsgrad=True, weight_decay=0.1),
                            dict(lr=0.02, maximize=True, betas=(0.5, 0.9), weight_decay=0.0)]):
        optim_case(cases, f"adamw_{i}", "AdamW", kw)
    for i, kw in enumerate([dict(lr=0.01), dict(lr=0.01, centered=True), dict(lr=0.01, momentum=0.9),
                            dict(lr=0.005, alpha=0.9, centered=True, momentum=0.5, weight_decay=0.1), dict(lr=0.01, maximize=True, eps=1e-4)]):
        optim_case(cases, f"rmsprop_{i}", "RMSprop", kw)
    for i, kw in enumerate([dict(lr=0.1), dict(lr=0.1, lr_decay=0.1, initial_accumulator_value=0.5),
                            dict(lr=0.05, weight_decay=0.1, eps=1e-6), dict(lr=0.1, maximize=True)]):
        optim_case(cases, f"adagrad_{i}", "Adagrad", kw)
    # parameter groups with their own options over the defaults
    optim_case(cases, "sgd_groups", "SGD", dict(lr=0.1, momentum=0.9),
               groups=[([0], dict(lr=0.2, momentum=0.5)), ([1, 2], dict(nesterov=True))])
    optim_case(cases, "adam_groups", "Adam", dict(lr=0.01),
               groups=[([1], dict(amsgrad=True, betas=(0.5, 0.6))), ([0, 2], dict(weight_decay=0.2))])
    optim_case(cases, "rmsprop_groups", "RMSprop", dict(lr=0.01),
               groups=[([0, 1], dict(centered=True)), ([2], dict(momentum=0.3))])
    # float64 parameters: the arithmetic's order shows at a much tighter tolerance
    for name, kw in [("SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.1)),
                     ("Adam", dict(lr=0.01, amsgrad=True, weight_decay=0.1)), ("AdamW", dict(lr=0.01)),
                     ("RMSprop", dict(lr=0.01, centered=True, momentum=0.9)), ("Adagrad", dict(lr=0.1, lr_decay=0.01))]:
        optim_case(cases, f"{name.lower()}_float64", name, kw, dtype=torch.float64, rtol=1e-12, atol=1e-14)
    write_fixture("optim", 2e-5, 1e-6, cases)


def scheduler_case(cases, case_id, name, kwargs, lrs=(0.1, 0.05), optimizer="SGD", metrics=None, lambdas=None,
                   children=None, steps=12):
    """children: for SequentialLR, (name, kwargs) of the schedulers it runs. lambdas: names of LambdaLR's functions."""
    params = [torch.zeros(1, requires_grad=True) for _ in lrs]
    groups = [{"params": [p], "lr": lr} for p, lr in zip(params, lrs)]
    opt = torch.optim.SGD(groups, lr=lrs[0], momentum=0.9) if optimizer == "SGD" else torch.optim.Adam(groups)
    if name == "SequentialLR":
        scheds = [getattr(torch.optim.lr_scheduler, n)(opt, **kw) for n, kw in children]
        sched = torch.optim.lr_scheduler.SequentialLR(opt, scheds, **kwargs)
    elif name == "LambdaLR":
        fns = [LAMBDAS[n] for n in lambdas]
        sched = torch.optim.lr_scheduler.LambdaLR(opt, fns if len(fns) > 1 else fns[0], **kwargs)
    else:
        sched = getattr(torch.optim.lr_scheduler, name)(opt, **kwargs)

    def momenta():
        return [g["betas"][0] if "betas" in g else g["momentum"] for g in opt.param_groups]

    entry = {"id": case_id, "scheduler": name, "kwargs": encode_value(kwargs), "optimizer": optimizer, "group_lrs": list(lrs),
             "lrs": [[g["lr"] for g in opt.param_groups]], "momenta": [momenta()]}
    if lambdas:
        entry["lambdas"] = lambdas
    if children:
        entry["children"] = [{"scheduler": n, "kwargs": encode_value(kw)} for n, kw in children]
    if metrics:
        entry["metrics"] = metrics
    for i in range(steps):
        opt.step()
        if metrics:
            sched.step(metrics[i])
        else:
            sched.step()
        entry["lrs"].append([g["lr"] for g in opt.param_groups])
        entry["momenta"].append(momenta())
    cases.append(entry)


LAMBDAS = {"square": lambda e: (e + 1) ** 2, "linear": lambda e: e + 1, "decay": lambda e: 0.95 ** e,
           "warmup": lambda e: min(1.0, (e + 1) / 4)}


def scheduler_cases():
    cases = []
    scheduler_case(cases, "lambda_one", "LambdaLR", {}, lambdas=["decay"])
    scheduler_case(cases, "lambda_two_groups", "LambdaLR", {}, lrs=(1.0, 2.0), lambdas=["square", "linear"])
    scheduler_case(cases, "lambda_warmup", "LambdaLR", {}, lambdas=["warmup"])
    scheduler_case(cases, "step", "StepLR", dict(step_size=3, gamma=0.5))
    scheduler_case(cases, "step_default_gamma", "StepLR", dict(step_size=4))
    scheduler_case(cases, "multistep", "MultiStepLR", dict(milestones=[2, 5, 5, 9], gamma=0.3))
    scheduler_case(cases, "exponential", "ExponentialLR", dict(gamma=0.8))
    scheduler_case(cases, "cosine", "CosineAnnealingLR", dict(T_max=5, eta_min=0.001), steps=16)
    scheduler_case(cases, "cosine_long", "CosineAnnealingLR", dict(T_max=10))
    scheduler_case(cases, "linear", "LinearLR", dict(start_factor=0.25, total_iters=4))
    scheduler_case(cases, "linear_down", "LinearLR", dict(start_factor=1.0, end_factor=0.1, total_iters=6))
    scheduler_case(cases, "constant", "ConstantLR", dict(factor=0.5, total_iters=3))
    scheduler_case(cases, "onecycle_cos", "OneCycleLR", dict(max_lr=[1.0, 0.5], total_steps=12))
    scheduler_case(cases, "onecycle_linear", "OneCycleLR", dict(max_lr=0.3, epochs=3, steps_per_epoch=4, pct_start=0.4,
                                                                  anneal_strategy="linear", div_factor=10.0, final_div_factor=100.0))
    scheduler_case(cases, "onecycle_three_phase", "OneCycleLR", dict(max_lr=0.4, total_steps=13, three_phase=True,
                                                                       base_momentum=0.8, max_momentum=0.9))
    scheduler_case(cases, "onecycle_adam", "OneCycleLR", dict(max_lr=0.01, total_steps=12), optimizer="Adam")
    scheduler_case(cases, "onecycle_no_momentum", "OneCycleLR", dict(max_lr=0.2, total_steps=12, cycle_momentum=False))
    metrics = [1.0, 0.9, 0.95, 0.95, 0.96, 0.97, 0.8, 0.81, 0.81, 0.82, 0.83, 0.84]
    scheduler_case(cases, "plateau_min", "ReduceLROnPlateau", dict(patience=1, factor=0.5), metrics=metrics)
    scheduler_case(cases, "plateau_cooldown", "ReduceLROnPlateau", dict(patience=0, factor=0.5, cooldown=2, min_lr=[0.02, 0.0]),
                   metrics=metrics)
    scheduler_case(cases, "plateau_max_abs", "ReduceLROnPlateau", dict(mode="max", patience=1, threshold=0.05, threshold_mode="abs",
                                                                         factor=0.1), metrics=[m * -1 + 2 for m in metrics])
    scheduler_case(cases, "plateau_eps", "ReduceLROnPlateau", dict(patience=0, factor=0.5, eps=0.02), metrics=metrics)
    scheduler_case(cases, "sequential", "SequentialLR", dict(milestones=[3]),
                   children=[("LinearLR", dict(start_factor=0.1, total_iters=3)), ("ExponentialLR", dict(gamma=0.9))])
    scheduler_case(cases, "sequential_three", "SequentialLR", dict(milestones=[2, 6]),
                   children=[("ConstantLR", dict(factor=0.1, total_iters=2)), ("CosineAnnealingLR", dict(T_max=4)),
                             ("StepLR", dict(step_size=2, gamma=0.5))])
    write_fixture("lr_scheduler", 1e-12, 1e-15, cases)


def clip_cases():
    cases = []
    for max_norm in [0.5, 100.0]:
        for norm_type in [2.0, 1.0, 0.5, 3.0, math.inf]:
            params = [torch.zeros(3, 4, requires_grad=True), torch.zeros(5, requires_grad=True), torch.zeros(2, requires_grad=True)]
            params[0].grad = randn(3, 4, seed=11)
            params[1].grad = randn(5, seed=12) * 3
            before = [encode(p.grad.clone()) if p.grad is not None else None for p in params]
            total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type)
            cases.append({"id": f"norm_{max_norm}_{norm_type}", "fn": "clip_grad_norm_", "max_norm": max_norm,
                          "norm_type": norm_type, "grads": before, "total_norm": encode(total),
                          "after": [encode(p.grad) if p.grad is not None else None for p in params]})
    for clip in [0.5, 2.0]:
        params = [torch.zeros(3, 4, requires_grad=True), torch.zeros(5, requires_grad=True)]
        params[0].grad = randn(3, 4, seed=11)
        before = [encode(params[0].grad.clone()), None]
        torch.nn.utils.clip_grad_value_(params, clip)
        cases.append({"id": f"value_{clip}", "fn": "clip_grad_value_", "clip_value": clip, "grads": before,
                      "after": [encode(params[0].grad), None]})
    write_fixture("clip_grad", 1e-6, 1e-7, cases)


optim_cases()
scheduler_cases()
clip_cases()
