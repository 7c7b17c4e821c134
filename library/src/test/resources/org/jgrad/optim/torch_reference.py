# Produces the expected numbers pasted into the org.jgrad.optim tests.
# Run once with Debian's python3-torch 1.13.1 (torch.__version__ '1.13.0a0'):
#   /usr/bin/python3 torch_reference.py
# Everything in float64. NAdam uses foreach=True: torch 1.13's single-tensor NAdam
# multiplies mu twice into mu_product_next (fixed in later torch); the foreach path
# computes the documented formula.
import torch
torch.set_default_dtype(torch.float64)
from torch import optim
from torch.optim import lr_scheduler

print("# torch", torch.__version__)

C = torch.tensor([0.5, 3.0])

def quadratic(make, steps=5):
    """theta = [1, -2], f = sum(c_i theta_i^2), c = [0.5, 3]; theta after each step."""
    theta = torch.tensor([1.0, -2.0], requires_grad=True)
    opt = make([theta])
    rows = []
    for _ in range(steps):
        opt.zero_grad()
        (C * theta ** 2).sum().backward()
        opt.step()
        rows.append(theta.detach().tolist())
    return rows

def fixed(make, steps=3):
    """W [2,2], b [2] with gradients set directly at step k = 1..steps; u never gets one."""
    W = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
    b = torch.tensor([0.1, -0.3], requires_grad=True)
    u = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    opt = make([W, b, u])
    for k in range(1, steps + 1):
        W.grad = torch.tensor([[0.3 * k, -1.0 / k], [0.5, -0.2 * k]])
        b.grad = torch.tensor([1.0 / (k + 1), -float(k)])
        opt.step()
    return W.detach().flatten().tolist() + b.detach().tolist(), u.detach().tolist()

def java(rows):
    return "{" + ", ".join("{" + ", ".join(repr(x) for x in r) + "}" for r in rows) + "}"

quad = {
    "sgd": lambda p: optim.SGD(p, lr=0.1),
    "sgd_momentum": lambda p: optim.SGD(p, lr=0.1, momentum=0.9),
    "sgd_dampening_wd": lambda p: optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.5, weight_decay=0.1),
    "sgd_nesterov": lambda p: optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
    "sgd_nesterov_wd": lambda p: optim.SGD(p, lr=0.05, momentum=0.5, nesterov=True, weight_decay=0.01),
    "adagrad_default": lambda p: optim.Adagrad(p),
    "adagrad_all": lambda p: optim.Adagrad(p, lr=0.5, lr_decay=0.1, initial_accumulator_value=0.2, weight_decay=0.05),
    "rmsprop_default": lambda p: optim.RMSprop(p),
    "rmsprop_momentum": lambda p: optim.RMSprop(p, lr=0.01, momentum=0.9),
    "rmsprop_centered": lambda p: optim.RMSprop(p, lr=0.01, centered=True),
    "rmsprop_all": lambda p: optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, centered=True, momentum=0.5, weight_decay=0.1),
    "adam_default": lambda p: optim.Adam(p),
    "adam_wd": lambda p: optim.Adam(p, lr=0.1, weight_decay=0.1),
    "adamw_wd": lambda p: optim.AdamW(p, lr=0.1, weight_decay=0.1),
    "adamw_default": lambda p: optim.AdamW(p),
    "adam_betas": lambda p: optim.Adam(p, lr=0.1, betas=(0.5, 0.9), eps=1e-3),
    "nadam_default": lambda p: optim.NAdam(p, foreach=True),
    "nadam_all": lambda p: optim.NAdam(p, lr=0.1, betas=(0.8, 0.9), eps=1e-6, momentum_decay=0.01, weight_decay=0.1, foreach=True),
    "adam_amsgrad": lambda p: optim.Adam(p, lr=0.5, betas=(0.9, 0.5), amsgrad=True),
    "adam_no_amsgrad": lambda p: optim.Adam(p, lr=0.5, betas=(0.9, 0.5)),
}
for name, make in quad.items():
    print("quadratic", name, java(quadratic(make)))

fixed_cases = {
    "sgd": lambda p: optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.25, weight_decay=0.1),
    "adagrad": lambda p: optim.Adagrad(p, lr=0.1, lr_decay=0.5, weight_decay=0.1),
    "rmsprop": lambda p: optim.RMSprop(p, lr=0.1, momentum=0.5, centered=True, weight_decay=0.1),
    "adam": lambda p: optim.Adam(p, lr=0.1, weight_decay=0.1),
    "adamw": lambda p: optim.AdamW(p, lr=0.1, weight_decay=0.1),
    "nadam": lambda p: optim.NAdam(p, lr=0.1, weight_decay=0.1, foreach=True),
    "adam_amsgrad": lambda p: optim.Adam(p, lr=0.1, betas=(0.9, 0.5), weight_decay=0.1, amsgrad=True),
    "adamw_amsgrad": lambda p: optim.AdamW(p, lr=0.1, betas=(0.9, 0.5), amsgrad=True),
}
for name, make in fixed_cases.items():
    wb, u = fixed(make)
    print("fixed", name, java([wb]), "u", java([u]))

t = torch.zeros(1, requires_grad=True)
for cls in (optim.Adagrad, optim.RMSprop, optim.Adam, optim.AdamW, optim.NAdam):
    d = {k: v for k, v in cls([t]).defaults.items() if k in
         ("lr", "momentum", "dampening", "weight_decay", "nesterov", "lr_decay", "initial_accumulator_value",
          "eps", "alpha", "centered", "betas", "momentum_decay")}
    print("defaults", cls.__name__, d)
d = optim.SGD([t], lr=0.1).defaults
print("defaults SGD (lr required in 1.13)", {k: d[k] for k in ("momentum", "dampening", "weight_decay", "nesterov")})

def schedule(make, epochs):
    p = torch.zeros(1, requires_grad=True)
    opt = optim.SGD([p], lr=0.1)
    s = make(opt)
    lrs = [s.get_last_lr()[0]]
    for _ in range(epochs):
        opt.step()
        s.step()
        lrs.append(s.get_last_lr()[0])
    return lrs

print("schedule StepLR(3, 0.5)", java([schedule(lambda o: lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 8)]))
print("schedule StepLR(2) default gamma", java([schedule(lambda o: lr_scheduler.StepLR(o, step_size=2), 5)]))
print("schedule ExponentialLR(0.9)", java([schedule(lambda o: lr_scheduler.ExponentialLR(o, gamma=0.9), 5)]))
print("schedule LambdaLR(1/(e+1))", java([schedule(lambda o: lr_scheduler.LambdaLR(o, lambda e: 1.0 / (e + 1)), 5)]))
print("schedule LambdaLR(min(1,(e+1)/4))", java([schedule(lambda o: lr_scheduler.LambdaLR(o, lambda e: min(1.0, (e + 1) / 4)), 5)]))
