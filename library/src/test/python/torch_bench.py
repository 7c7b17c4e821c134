"""PyTorch side of the W2/W3/W4 benchmarks, run by org.jgrad.bench.Bench in the same run.

Prints one line: torch_seconds=... torch_acc=... (training time only, float64, 2 threads);
for W4: torch_seconds=... (total of the timed steps) torch_step_ms=... torch_loss=...
Usage: torch_bench.py W2 TRAIN.csv TEST.csv   (label last, features already scaled)
       torch_bench.py W3
       torch_bench.py W4 WARMUP STEPS
"""
import sys
import time

import numpy as np
import torch

torch.set_num_threads(2)
torch.set_default_dtype(torch.float64)
torch.manual_seed(0)


def load(path):
    a = np.loadtxt(path, delimiter=",")
    return torch.from_numpy(a[:, :-1].copy()), torch.from_numpy(a[:, -1].astype(np.int64))


def train(model, opt, x, y, batch, epochs, shuffle):
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(n) if shuffle else torch.arange(n)
        for i in range(0, n, batch):
            idx = order[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
    return time.perf_counter() - start


def w2(train_path, test_path):
    x, y = load(train_path)
    xt, yt = load(test_path)
    model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    seconds = train(model, opt, x, y, 32, 20, True)
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).double().mean().item()
    return seconds, acc


def w3():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(8192, 784, generator=g)
    y = torch.randint(0, 10, (8192,), generator=g)
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 256),
                                torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    seconds = train(model, opt, x, y, 128, 3, True)
    with torch.no_grad():
        acc = (model(x).argmax(1) == y).double().mean().item()
    return seconds, acc


def w4(warmup, steps):
    """A 64-64-64-10 ReLU MLP, Adam 1e-3, batches of 128 taken in turn from 16 fixed random ones."""
    g = torch.Generator().manual_seed(0)
    xs = [torch.randn(128, 64, generator=g) for _ in range(16)]
    ys = [torch.randint(0, 10, (128,), generator=g) for _ in range(16)]
    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                                torch.nn.ReLU(), torch.nn.Linear(64, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step(i):
        opt.zero_grad()
        loss = loss_fn(model(xs[i % 16]), ys[i % 16])
        loss.backward()
        opt.step()
        return loss

    for i in range(warmup):
        step(i)
    start = time.perf_counter()
    for i in range(steps):
        loss = step(i)
    seconds = time.perf_counter() - start
    return seconds, seconds / steps * 1e3, loss.item()


if __name__ == "__main__":
    if sys.argv[1] == "W4":
        s, ms, l = w4(int(sys.argv[2]), int(sys.argv[3]))
        print(f"torch_seconds={s:.3f} torch_step_ms={ms:.3f} torch_loss={l:.4f} torch_version={torch.__version__}")
        sys.exit(0)
    if sys.argv[1] == "W2":
        s, a = w2(sys.argv[2], sys.argv[3])
    else:
        s, a = w3()
    print(f"torch_seconds={s:.3f} torch_acc={a:.4f} torch_version={torch.__version__}")
