#!/usr/bin/env python3
"""Kernel benchmark: cold start to first result, median trivial cell, idle RSS.

usage: kernel_bench.py KERNEL_NAME [OTHER_KERNEL_NAMES...] [--cells N] [--kinds]
prints one line per kernel:  <name> seconds=<cold> cell_ms=<median> rss_mb=<idle>
with --kinds, also one line per kind of cell (each a fresh source, 30 cells, median):
  <name> kind=<kind> cell_ms=<median>
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
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


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
