# Reference values for TorchEdgeCasesTest: every operation at the edges a student meets
# (0, exactly 0 and 1 probabilities, ±inf, NaN, ties), forward and gradient, from PyTorch.
# Run with Debian's python3-torch 1.13.1 (torch.__version__ '1.13.0a0'), float64:
#   /usr/bin/python3 torch_edges.py > torch_edges.json
# Each case: the op's name (TorchEdgeCasesTest maps it to the jgrad call), its inputs, the
# output and the gradient of sum(output * upstream) for each input (null: none in torch).
import json, math
import torch
import torch.nn.functional as F
torch.set_default_dtype(torch.float64)

inf, nan = math.inf, math.nan
EDGES = [-inf, -40.0, -2.0, -1e-8, 0.0, 1e-8, 0.5, 2.0, 40.0, inf, nan]
POSITIVE_AND_EDGES = [-2.0, 0.0, 1e-300, 0.5, 2.0, inf, nan]

cases = []

def case(name, fn, *inputs, grad=True):
    ts = [torch.tensor(x, requires_grad=grad) for x in inputs]
    out = fn(*ts)
    grads = [None] * len(ts)
    if grad:
        upstream = torch.linspace(0.5, 1.5, out.numel()).reshape(out.shape) if out.dim() > 0 else torch.tensor(1.0)
        (out * upstream).sum().backward()
        grads = [t.grad.tolist() if t.grad is not None else None for t in ts]
    cases.append({"op": name, "inputs": [list(x) if isinstance(x, list) else x for x in inputs],
                  "output": out.tolist(), "grads": grads})

unary = {
    "neg": torch.neg, "exp": torch.exp, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
    "relu": torch.relu, "abs": torch.abs, "leaky_relu": F.leaky_relu, "leaky_relu_0.1": lambda x: F.leaky_relu(x, 0.1),
    "elu": F.elu, "selu": F.selu, "gelu": F.gelu, "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "softplus": F.softplus, "softplus_2_5": lambda x: F.softplus(x, beta=2, threshold=5),
    "square": lambda x: x ** 2, "cube": lambda x: x ** 3, "clamp": lambda x: x.clamp(-1, 1),
}
for name, fn in unary.items():
    case(name, fn, EDGES)
case("log", torch.log, POSITIVE_AND_EDGES)
case("sqrt", torch.sqrt, POSITIVE_AND_EDGES)
case("step", lambda x: torch.heaviside(x, torch.tensor(0.0)), EDGES, grad=False)

# reductions, ties and NaN
for name, x in {"plain": [1.0, 3.0, 2.0], "tie": [3.0, 1.0, 3.0], "nan_late": [1.0, nan, 5.0],
                "nan_first": [nan, 1.0, 5.0], "inf": [1.0, inf, -inf], "neg_inf": [-inf, -inf, -inf]}.items():
    case("max_" + name, lambda t: t.max(), x)
    case("sum_" + name, lambda t: t.sum(), x)
    case("softmax_" + name, lambda t: torch.softmax(t, 0), x)
    case("log_softmax_" + name, lambda t: torch.log_softmax(t, 0), x)
    rows = [x, [0.0, -1.0, 0.5]]
    case("max_axis1_" + name, lambda t: t.max(dim=1).values, rows)
    case("argmax_axis1_" + name, lambda t: t.argmax(dim=1).double(), rows, grad=False)

# binary operations at the edges
A = [1.0, -1.0, 0.0, 0.0, inf, nan, 2.0, 3.0]
B = [0.0, 0.0, 0.0, 2.0, inf, 1.0, nan, 3.0]
case("add", torch.add, A, B)
case("mul", torch.mul, A, B)
case("div", torch.div, A, B)
case("maximum", torch.maximum, A, B)

# losses (issue: BCE at exactly 0 and 1, BCE with logits at 0)
case("bce_of_sigmoid", lambda x, y: F.binary_cross_entropy(torch.sigmoid(x), y), [40.0, -2.0, -40.0, 0.0], [1.0, 0.0, 0.0, 1.0])
case("bce_of_sigmoid", lambda x, y: F.binary_cross_entropy(torch.sigmoid(x), y), [40.0, -40.0], [0.0, 1.0])
case("bce", F.binary_cross_entropy, [0.0, 1.0, 0.0, 1.0, 0.3, 1e-20], [0.0, 1.0, 1.0, 0.0, 0.6, 1.0])
case("bce_with_logits", F.binary_cross_entropy_with_logits, [0.0, 0.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0])
case("bce_with_logits", F.binary_cross_entropy_with_logits, [-800.0, 800.0, 3.0, -1e-8], [1.0, 0.0, 0.5, 1.0])
case("mse", F.mse_loss, [1.0, 2.0, inf], [1.0, 0.0, 1.0])
case("cross_entropy", lambda x: F.cross_entropy(x, torch.tensor([0, 2])), [[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]])

print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=None))
