# PyTorch's end points for notebooks/08-optimizers.ipynb (catalogue G8, H1-H6), pinned there in
# the closing checks. Run once with Debian's python3-torch 1.13.1 (torch.__version__ '1.13.0a0'):
#   /usr/bin/python3 torch_ravine.py
# The same ravine, start, settings and step count as the notebook, everything in float64.
# NAdam uses foreach=True: torch 1.13's single-tensor NAdam multiplies mu twice into
# mu_product_next (fixed in later torch); the foreach path computes the documented formula.
import math
import torch
torch.set_default_dtype(torch.float64)
from torch import optim

print("# torch", torch.__version__)

A, B = 0.05, 2.0            # f(x, y) = A x^2 + B y^2, Hessian diag(2A, 2B) = diag(0.1, 4)
START = [-4.0, 1.5]
STEPS = 50
LAM_MIN, LAM_MAX = 2 * A, 2 * B
KAPPA = LAM_MAX / LAM_MIN

def f(p):
    return A * p[0] ** 2 + B * p[1] ** 2

def run(make, steps=STEPS):
    p = torch.tensor(START, requires_grad=True)
    opt = make([p])
    for _ in range(steps):
        opt.zero_grad()
        f(p).backward()
        opt.step()
    x, y = p.detach().tolist()
    return x, y, A * x * x + B * y * y

# the settings, with the notebook's reasons
SGD_LR = 0.9 * 2 / LAM_MAX                                                  # 90 % of the stability limit
HB_LR = SGD_LR                                                              # the same rate as SGD
HB_MOMENTUM = (1 - math.sqrt(HB_LR * LAM_MIN)) ** 2                        # flat direction critically damped
NAG_LR = 1 / LAM_MAX                                                        # Nesterov: 1/L
NAG_MOMENTUM = (math.sqrt(KAPPA) - 1) / (math.sqrt(KAPPA) + 1)
ADAPTIVE_LR = 0.2

cases = {
    "SGD": lambda p: optim.SGD(p, lr=SGD_LR),
    "SGD at the limit": lambda p: optim.SGD(p, lr=2 / LAM_MAX),
    "Nesterov at SGD's rate": lambda p: optim.SGD(p, lr=HB_LR, momentum=HB_MOMENTUM, nesterov=True),
    "momentum": lambda p: optim.SGD(p, lr=HB_LR, momentum=HB_MOMENTUM),
    "Nesterov": lambda p: optim.SGD(p, lr=NAG_LR, momentum=NAG_MOMENTUM, nesterov=True),
    "Adagrad": lambda p: optim.Adagrad(p, lr=ADAPTIVE_LR),
    "RMSprop": lambda p: optim.RMSprop(p, lr=ADAPTIVE_LR),
    "Adam": lambda p: optim.Adam(p, lr=ADAPTIVE_LR),
    "NAdam": lambda p: optim.NAdam(p, lr=ADAPTIVE_LR, foreach=True),
    "AdamW": lambda p: optim.AdamW(p, lr=ADAPTIVE_LR),
    # H5: the same weight decay 0.1 as Adam's L2 term and as AdamW's decoupled decay
    "Adam wd 0.1": lambda p: optim.Adam(p, lr=ADAPTIVE_LR, weight_decay=0.1),
    "AdamW wd 0.1": lambda p: optim.AdamW(p, lr=ADAPTIVE_LR, weight_decay=0.1),
}
for name, make in cases.items():
    x, y, loss = run(make)
    print('torch.put("%s", new double[] {%r, %r, %r});' % (name, x, y, loss))
