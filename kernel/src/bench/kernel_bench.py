#!/usr/bin/env python3
"""Kernel benchmark: cold start to first result, median trivial cell, idle RSS.

usage: kernel_bench.py KERNEL_NAME [OTHER_KERNEL_NAMES...] [--cells N] [--kinds]
prints one line per kernel:  <name> seconds=<cold> cell_ms=<median> rss_mb=<idle>
with --kinds, also one line per kind of cell (each a fresh source, 30 cells, median):
  <name> kind=<kind> cell_ms=<median>
and, for Java kernels, realistic cells (each a fresh source, median of 10, with the range):
  <name> kind=<kind> cell_ms=<median> min_ms=<min> max_ms=<max>
  first_plot: a Tablesaw line plot as the first cell after `1 + 1` answered, each in a new kernel
  first_plot_after_idle: the same after the kernel has been idle for 3 s (a student reading)
  matmul_64: the product of two random 64x64 tensors
  plot: the first_plot cell in a kernel that has drawn plots already
  value_loop_20_lines: a 20-line cell training a neuron of Values for 20 steps
  value_loop_after_200: the last 10 of 200 more such cells (does a cell slow down as a session goes on?)
"""
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import start_new_kernel, KernelManager


def run_cell(kc, code, timeout=60):
    msg_id = kc.execute(code, store_history=False)
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t == "execute_result":
            result = msg["content"]["data"].get("text/plain")
        elif t == "error":
            raise RuntimeError("%s: %s" % (msg["content"]["ename"], msg["content"]["evalue"]))
        elif t == "status" and msg["content"]["execution_state"] == "idle":
            return result


def rss_mb(pid):
    out = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return int(out) / 1024 if out else float("nan")


# Java cells of different kinds, each call with a new source (nothing can be reused from an
# identical earlier cell); kernels other than Java get the same kinds in their own language.
JAVA_KINDS = [
    ("distinct_expression", lambda i: "%d * 2" % i),
    ("declaration", lambda i: "int q%d = %d;" % (i, i)),
    ("loop", lambda i: "for (int k = 0; k < %d; k++) {}" % i),
    ("print", lambda i: "System.out.println(%d);" % i),
    ("tensor_expression", lambda i: "Tensor.of(new double[] {%d, 2}).mul(2.0)" % i),
]
# Cells a student runs. Each source differs (its seed or constants), so nothing is reused.
FIRST_PLOT = """double[] px = new double[100], py = new double[100];
for (int i = 0; i < 100; i++) { px[i] = i / 10.0; py[i] = Math.sin(px[i] * %d); }
var tbl = Table.create("data").addColumns(DoubleColumn.create("x", px), DoubleColumn.create("y", py));
LinePlot.create("sin(%d x)", tbl, "x", "y")"""
MATMUL = "Tensor.randn(new Random(%d), 64, 64).matmul(Tensor.randn(new Random(%d), 64, 64))"
VALUE_LOOP = """var w1 = new Value(0.3, "w1"); var w2 = new Value(-0.2, "w2"); var b = new Value(0.1, "b");
double[][] xs = {{1, 2}, {-1, 0.5}, {0.3, -1}, {2, 1}};
double[] ys = {1, -1, -1, 1};
double lr = 0.05 + %d * 1e-4;
Value loss = null;
for (int step = 0; step < 20; step++) {
    loss = new Value(0);
    for (int i = 0; i < xs.length; i++) {
        var out = w1.mul(xs[i][0]).add(w2.mul(xs[i][1])).add(b).tanh();
        var d = out.sub(ys[i]);
        loss = loss.add(d.mul(d));
    }
    w1.setGrad(0);
    w2.setGrad(0);
    b.setGrad(0);
    loss.backward();
    w1.setData(w1.data() - lr * w1.grad());
    w2.setData(w2.data() - lr * w2.grad());
    b.setData(b.data() - lr * b.grad());
}
loss"""

PYTHON_KINDS = [
    ("distinct_expression", lambda i: "%d * 2" % i),
    ("declaration", lambda i: "q%d = %d" % (i, i)),
    ("loop", lambda i: "for k in range(%d): pass" % i),
    ("print", lambda i: "print(%d)" % i),
]


def bench_kinds(name, kc, language):
    kinds = JAVA_KINDS if language == "java" else PYTHON_KINDS
    for kind, source in kinds:
        times = []
        for i in range(30):
            t = time.perf_counter()
            run_cell(kc, source(i))
            times.append((time.perf_counter() - t) * 1000)
        print("%s kind=%s cell_ms=%.1f" % (name, kind, statistics.median(times)), flush=True)


def timed(kc, code):
    t = time.perf_counter()
    run_cell(kc, code)
    return (time.perf_counter() - t) * 1000


def report(name, kind, times):
    print("%s kind=%s cell_ms=%.1f min_ms=%.1f max_ms=%.1f" % (name, kind, statistics.median(times), min(times), max(times)),
          flush=True)


def bench_realistic(name, kc, runs=10):
    """Realistic cells in the kernel that ran the cells above (warm, as in the middle of a lecture)."""
    report(name, "matmul_64", [timed(kc, MATMUL % (2 * i + 1, 2 * i + 2)) for i in range(runs)])
    # a plot once one has been drawn: the cell of first_plot, with new constants each time
    report(name, "plot", [timed(kc, FIRST_PLOT % (i + 101, i + 101)) for i in range(runs)])
    report(name, "value_loop_20_lines", [timed(kc, VALUE_LOOP % i) for i in range(runs)])
    # the same cell late in a session: 200 more of it (1,800 snippets) first, as a long lab would
    late = [timed(kc, VALUE_LOOP % (runs + i)) for i in range(200)]
    report(name, "value_loop_after_200", late[-runs:])


def bench_first_plot(name, runs=10, idle=0.0):
    """The first plot of a kernel: a new kernel for each, timed from the cell's request."""
    times = []
    for i in range(runs):
        km = KernelManager(kernel_name=name)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            run_cell(kc, "1 + 1")
            time.sleep(idle)
            times.append(timed(kc, FIRST_PLOT % (i + 1, i + 1)))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    report(name, "first_plot" + ("_after_idle" if idle else ""), times)


def bench(name, cells, kinds=False):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        run_cell(kc, "1 + 1")
        cold = time.perf_counter() - t0
        times = []
        for _ in range(cells):
            t = time.perf_counter()
            run_cell(kc, "1 + 1")
            times.append((time.perf_counter() - t) * 1000)
        time.sleep(2)
        pid = km.provisioner.pid if getattr(km, "provisioner", None) else km.kernel.pid
        rss = rss_mb(pid)
        print("%s seconds=%.2f cell_ms=%.1f rss_mb=%.0f" % (name, cold, statistics.median(times), rss), flush=True)
        if kinds:
            bench_kinds(name, kc, km.kernel_spec.language)
            if km.kernel_spec.language == "java":
                bench_realistic(name, kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    if kinds and km.kernel_spec.language == "java":
        bench_first_plot(name)
        bench_first_plot(name, idle=3.0)


def main(argv):
    cells = 50
    kinds = False
    names = []
    i = 0
    while i < len(argv):
        if argv[i] == "--kinds":
            kinds = True
            i += 1
        elif argv[i] == "--cells":
            cells = int(argv[i + 1])
            i += 2
        else:
            names.append(argv[i])
            i += 1
    if not names:
        print(__doc__)
        return 2
    for n in names:
        bench(n, cells, kinds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
