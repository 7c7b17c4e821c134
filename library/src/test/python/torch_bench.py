"""PyTorch side of the W2/W3 benchmarks, run by org.jgrad.bench.Bench in the same run.

Prints one line: torch_seconds=... torch_acc=... (training time only, float64, 2 threads).
Usage: torch_bench.py W2 TRAIN.csv TEST.csv   (label last, features already scaled)
       torch_bench.py W3
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


if __name__ == "__main__":
    if sys.argv[1] == "W2":
        s, a = w2(sys.argv[2], sys.argv[3])
    else:
        s, a = w3()
    print(f"torch_seconds={s:.3f} torch_acc={a:.4f} torch_version={torch.__version__}")
